"""Data Import takes Select values as the desk shows them (issue 11): 已完成 in the 供水入户 column
lands as `Completed`; a value that is no option is reported in Chinese and the
row creates nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.xlsxutils import make_xlsx

from property_supervision.data_import import translate_select_values
from property_supervision.tests.factories import (
	make_community,
	use_chinese,
)

COMMUNITY = "选项导入测试社区"
FILE_NAME = "residential_compound_select_import_test.xlsx"
PREFIX = "选项导入"


def cleanup():
	for name in frappe.get_all(
		"Residential Compound", {"compound_name": ("like", f"{PREFIX}%")}, pluck="name"
	):
		frappe.delete_doc("Residential Compound", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("File", {"file_name": FILE_NAME}, pluck="name"):
		for data_import in frappe.get_all(
			"Data Import", {"import_file": frappe.db.get_value("File", name, "file_url")}, pluck="name"
		):
			frappe.db.delete("Data Import Log", {"data_import": data_import})
			frappe.delete_doc("Data Import", data_import, force=True, ignore_permissions=True)
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	if frappe.db.exists("Jurisdiction", COMMUNITY) and not frappe.db.exists(
		"Residential Compound", {"jurisdiction": COMMUNITY}
	):
		frappe.delete_doc("Jurisdiction", COMMUNITY, force=True, ignore_permissions=True)
	frappe.db.commit()


class TestSelectDataImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		cleanup()
		make_community(COMMUNITY, "七纺片区管委会")
		frappe.db.commit()  # the importer commits and rolls back per row

	@classmethod
	def tearDownClass(cls):
		cleanup()
		super().tearDownClass()

	def setUp(self):
		use_chinese()

	def heading(self, fieldname: str) -> str:
		return frappe._(
			frappe.get_meta("Residential Compound").get_label(fieldname), context="Residential Compound"
		)

	def label(self, option: str) -> str:
		return frappe._(option, context="Residential Compound")

	def test_chinese_labels_become_option_values(self):
		rows = [
			[
				self.heading("compound_name"),
				self.heading("management_mode"),
				self.heading("water_to_household"),
			],
			["甲", self.label("Professional Enterprise"), self.label("Completed")],
			["乙", "Custodian", "不存在的选项"],
		]
		self.assertNotEqual(self.label("Professional Enterprise"), "Professional Enterprise")
		self.assertEqual(translate_select_values("Residential Compound", rows), 2)
		self.assertEqual(rows[1], ["甲", "Professional Enterprise", "Completed"])
		self.assertEqual(rows[2], ["乙", "Custodian", "不存在的选项"])

	def make_import(self, rows: list[list]):
		header = [
			self.heading(f) for f in ("compound_name", "jurisdiction", "household_count", "water_to_household")
		]
		content = make_xlsx([header, *rows], "住宅小区").getvalue()
		file = frappe.get_doc(
			{"doctype": "File", "file_name": FILE_NAME, "content": content, "is_private": 1}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Residential Compound",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		frappe.db.commit()
		return data_import

	def test_import_with_chinese_select_values_and_a_bad_row(self):
		data_import = self.make_import(
			[
				[f"{PREFIX}甲小区", COMMUNITY, 100, self.label("Completed")],
				[f"{PREFIX}乙小区", COMMUNITY, 80, self.label("In Progress")],
				[f"{PREFIX}丙小区", COMMUNITY, -5, self.label("Not Applicable")],
			]
		)
		self.assertIsInstance(
			data_import.get_importer().import_file,
			frappe.get_attr("property_supervision.data_import.ChineseImportFile"),
		)
		preview = data_import.get_preview_from_template()
		self.assertFalse(
			[
				w
				for w in preview.warnings
				if "必须为" in frappe.as_json(w) or "must be one of" in frappe.as_json(w)
			],
			preview.warnings,
		)
		data_import.start_import()
		data_import.reload()
		modes = dict(
			frappe.get_all(
				"Residential Compound",
				{"compound_name": ("like", f"{PREFIX}%")},
				["compound_name", "water_to_household"],
				as_list=True,
			)
		)
		self.assertEqual(modes.get(f"{PREFIX}甲小区"), "Completed")
		self.assertEqual(modes.get(f"{PREFIX}乙小区"), "In Progress")
		self.assertNotIn(f"{PREFIX}丙小区", modes)
		self.assertEqual(data_import.status, "Partial Success")
		failed = frappe.get_all(
			"Data Import Log", {"data_import": data_import.name, "success": 0}, ["messages", "exception"]
		)
		self.assertEqual(len(failed), 1)
		messages = frappe.parse_json(failed[0].messages or "[]")
		text = "".join(
			frappe.parse_json(m).get("message", "") if isinstance(m, str) else m.get("message", "")
			for m in messages
		)
		self.assertRegex(text, r"[\u4e00-\u9fff]", "the bad row is reported in Chinese")
		self.assertNotIn("Traceback", text)
