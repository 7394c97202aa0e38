# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The desk reads as Chinese to an official (issue 11): the framework's wrong translations are
overridden by the app's translations/zh.csv, the framework strings the app's pages show are in
Chinese, every label and Select option of the app's DocTypes is translated, chart labels and Link
values to English-named records come out in Chinese."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations

from property_supervision.desk_labels import (
	TRANSLATED_DOCTYPES,
	period_label,
	translate_chart_data,
	translate_link_values,
)
from property_supervision.tests.factories import (
	use_chinese,
)

# every module of the app (modules.txt)
MODULES = tuple(frappe.get_module_list("property_supervision"))

# the framework's translation that is wrong for this product -> what the official must read
KNOWN_BAD = {
	"{0} m": ("{0}米", "{0}分钟"),
	"Sr": ("锶", "序号"),
	"Home": ("家", "首页"),
	"Module": ("模", "模块"),
	"State": ("州", "状态"),
	"For Value": ("为价值", "值"),
	"Bold": ("胆大", "加粗"),
	"Jinja": ("神社", "Jinja 模板"),
	"Public": ("公", "公开"),
}

# framework strings on the workspace, lists, forms, reports, Customize Form, Workflow and Print
# Format Builder pages that the framework leaves in English
DESK_STRINGS = (
	"Tools",
	"Build",
	"Workspace",
	"Tags",
	"Menu",
	"Search or type a command ({0})",
	"{0} h",
	"{0} d",
	"{0} w",
	"{0} M",
	"{0} y",
	"Page {0} of {1}",
	"Transitions",
	"Action",
	"Group By",
	"Italic",
	"Underline",
)

CJK = re.compile(r"[\u4e00-\u9fff]")
# Select options that are codes, the same in every language
CODES = re.compile(r"^(A{1,3}|[A-E]|\d+)$")


class TestTranslations(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.clear_cache()
		cls.zh = get_all_translations("zh")

	def setUp(self):
		use_chinese()

	def translated(self, source: str, context: str | None = None) -> str | None:
		return (context and self.zh.get(f"{source}:{context}")) or self.zh.get(source)

	def test_known_bad_framework_translations_are_overridden(self):
		for source, (bad, good) in KNOWN_BAD.items():
			with self.subTest(source=source):
				self.assertNotEqual(self.zh.get(source), bad)
				self.assertEqual(self.zh.get(source), good)
				self.assertEqual(frappe._(source), good)

	def test_desk_strings_are_chinese(self):
		for source in DESK_STRINGS:
			with self.subTest(source=source):
				self.assertRegex(self.translated(source) or source, CJK)

	def test_overrides_are_one_block_at_the_end_of_the_apps_file(self):
		path = frappe.get_app_path("property_supervision", "translations", "zh.csv")
		with open(path, encoding="utf-8") as f:
			lines = f.read().splitlines()
		starts = [i for i, line in enumerate(lines) if line.startswith("# ==== Framework strings overridden")]
		self.assertEqual(len(starts), 1)
		block = {line.split(",", 1)[0] for line in lines[starts[0] + 1 :]}
		self.assertTrue(set(KNOWN_BAD) <= block)

	def test_every_label_and_option_of_the_apps_doctypes_is_translated(self):
		missing = []
		for doctype in frappe.get_all("DocType", filters={"module": ("in", MODULES)}, pluck="name"):
			if not CJK.search(self.translated(doctype) or ""):
				missing.append(doctype)
			for df in frappe.get_meta(doctype).fields:
				if df.label and not CJK.search(self.translated(df.label, doctype) or ""):
					missing.append(f"{doctype}.{df.fieldname}: {df.label}")
				if df.fieldtype == "Select":
					for option in (df.options or "").split("\n"):
						option = option.strip()
						if option and not CODES.match(option) and not self.translated(option, doctype):
							missing.append(f"{doctype}.{df.fieldname} option: {option}")
		self.assertEqual(missing, [])

	def test_every_field_description_of_the_apps_doctypes_is_translated(self):
		"""The help text under a field is read on every form (and in Customize Form)."""
		missing = []
		for doctype in frappe.get_all("DocType", filters={"module": ("in", MODULES)}, pluck="name"):
			for df in frappe.get_meta(doctype).fields:
				text = df.description
				if (
					text
					and re.search(r"[A-Za-z]{3,}", text)
					and not CJK.search(self.translated(text, doctype) or "")
				):
					missing.append(f"{doctype}.{df.fieldname}: {text}")
		self.assertEqual(missing, [])

	def test_monthly_chart_labels_read_as_chinese_months(self):
		self.assertEqual(period_label("Jan 2026"), "2026年1月")
		self.assertEqual(period_label("Dec 2025"), "2025年12月")
		self.assertEqual(period_label("Quarter 2 2026"), "2026年第2季度")
		data = translate_chart_data(
			{"chart_type": "Count", "timeseries": 1}, {"labels": ["Nov 2025", "Dec 2025"], "datasets": []}
		)
		self.assertEqual(data["labels"], ["2025年11月", "2025年12月"])

	def test_group_by_chart_labels_are_the_translated_options(self):
		chart = {
			"chart_type": "Group By",
			"document_type": "Residential Compound",
			"group_by_based_on": "management_mode",
		}
		options = [
			o for o in frappe.get_meta("Residential Compound").get_options("management_mode").split("\n") if o
		]
		data = translate_chart_data(chart, {"labels": [*options, None], "datasets": []})
		for option, label in zip(options, data["labels"], strict=False):
			self.assertNotEqual(label, option)
			self.assertRegex(label, CJK)
		self.assertEqual(data["labels"][-1], frappe._("Not Set"))

	def test_link_values_to_english_named_records_are_translated(self):
		translate_link_values()
		frappe.clear_cache()
		from frappe.translate import get_translated_doctypes

		self.assertTrue(set(TRANSLATED_DOCTYPES) <= set(get_translated_doctypes()))
