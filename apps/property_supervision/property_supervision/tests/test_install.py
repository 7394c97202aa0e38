import csv
import json
import re
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.roles import ALL_ROLES, HOTLINE_INTEGRATION

APP = "property_supervision"
MODULES = ("Registry", "Complaints", "Credit", "Training", "Assessment")


def zh_translations() -> dict[str, str]:
	"""What the desk shows in Chinese: the app's zh.csv over the framework's own translations
	(generic words such as Status or Draft keep the framework's wording)."""
	from frappe.translate import get_translations_from_apps

	translations = dict(get_translations_from_apps("zh", apps=["frappe"]))
	path = Path(frappe.get_app_path(APP, "translations", "zh.csv"))
	with open(path, encoding="utf-8", newline="") as f:
		translations.update({row[0]: row[1] for row in csv.reader(f) if row})
	return translations


def app_doctype_files():
	for path in Path(frappe.get_app_path(APP)).glob("*/doctype/*/*.json"):
		data = json.loads(path.read_text(encoding="utf-8"))
		if data.get("doctype") == "DocType":
			yield data


class TestInstall(FrappeTestCase):
	def test_app_installed(self):
		self.assertIn(APP, frappe.get_installed_apps())

	def test_modules(self):
		for module in MODULES:
			self.assertEqual(frappe.db.get_value("Module Def", module, "app_name"), APP)

	def test_roles(self):
		for role in ALL_ROLES:
			# the hotline platform's API user has no desk
			expected = 0 if role == HOTLINE_INTEGRATION else 1
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), expected, role)

	def test_workspace(self):
		workspace = frappe.get_doc("Workspace", "物业监管")
		self.assertTrue(workspace.public)
		self.assertIn("Jurisdiction", [s.link_to for s in workspace.shortcuts])

	def test_language_is_chinese(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "zh")


class TestTranslations(FrappeTestCase):
	"""Everything the app shows has a Chinese translation."""

	def test_translation_file_is_well_formed(self):
		path = Path(frappe.get_app_path(APP, "translations", "zh.csv"))
		with open(path, encoding="utf-8", newline="") as f:
			for number, row in enumerate(csv.reader(f), 1):
				self.assertGreaterEqual(len(row), 2, f"zh.csv line {number}: {row}")
				self.assertTrue(row[1].strip(), f"zh.csv line {number} has no translation")

	def test_doctypes_labels_options_translated(self):
		translations = zh_translations()
		missing = set()
		for doctype in app_doctype_files():
			if doctype["name"] not in translations:
				missing.add(doctype["name"])
			for field in doctype.get("fields", []):
				for key in ("label", "description"):
					if field.get(key) and field[key] not in translations:
						missing.add(field[key])
				if field.get("fieldtype") == "Select":
					for option in (field.get("options") or "").split("\n"):
						# codes and numbers (AAA, B, 6) read the same in Chinese
						if option.isdigit() or (option.isupper() and len(option) <= 3):
							continue
						if option and option not in translations:
							missing.add(option)
		self.assertFalse(missing, f"not in zh.csv: {sorted(missing)}")

	def test_messages_translated(self):
		"""Every _("…") in Python and __("…") in JavaScript of the app."""
		translations = zh_translations()
		pattern = re.compile(r"""(?<![A-Za-z0-9])_{1,2}\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]""")
		missing = set()
		root = Path(frappe.get_app_path(APP))
		for path in [*root.rglob("*.py"), *root.rglob("*.js")]:
			if path.name.startswith("test_") or "/tests/" in str(path):
				continue
			for message in pattern.findall(path.read_text(encoding="utf-8")):
				message = message.encode().decode("unicode_escape") if "\\" in message else message
				if message not in translations:
					missing.add(f"{path.name}: {message}")
		self.assertFalse(missing, f"not in zh.csv: {sorted(missing)}")

	def test_roles_and_modules_translated(self):
		translations = zh_translations()
		for name in (*ALL_ROLES, *MODULES):
			self.assertIn(name, translations)

	def test_translation_reaches_the_desk(self):
		frappe.local.lang = "zh"
		frappe.translate.clear_cache()
		self.assertEqual(frappe._("Jurisdiction"), "辖区")
		self.assertEqual(frappe._("Area Officer"), "片区（街道）专干")
