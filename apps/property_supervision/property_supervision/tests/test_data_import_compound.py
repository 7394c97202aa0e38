"""Residential compounds arrive in bulk through Frappe's Data Import: an xlsx with Chinese
column headings, good rows and bad rows. Good rows land; each bad row is reported in Chinese and
creates nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.xlsxutils import make_xlsx

from property_supervision.tests.factories import (
	make_community,
	use_chinese,
)

COMMUNITY = "导入测试社区"
FILE_NAME = "residential_compound_import_test.xlsx"
PREFIX = "导入测试"


def cleanup():
	for name in frappe.get_all(
		"Residential Compound", {"compound_name": ("like", f"{PREFIX}%")}, pluck="name"
	):
		frappe.delete_doc("Residential Compound", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("Data Import", {"reference_doctype": "Residential Compound"}, pluck="name"):
		frappe.db.delete("Data Import Log", {"data_import": name})
		frappe.delete_doc("Data Import", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("File", {"file_name": FILE_NAME}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	if frappe.db.exists("Jurisdiction", COMMUNITY) and not frappe.db.exists(
		"Residential Compound", {"jurisdiction": COMMUNITY}
	):
		frappe.delete_doc("Jurisdiction", COMMUNITY, force=True, ignore_permissions=True)
	frappe.db.commit()


class TestCompoundDataImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		cleanup()
		make_community(COMMUNITY, "七纺片区管委会")
		# the importer commits each good row and rolls back each bad one: the fixtures must be committed
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cleanup()
		super().tearDownClass()

	def setUp(self):
		use_chinese()

	def make_import(self, rows: list[list]) -> "frappe.model.document.Document":
		header = ["小区名称", "社区", "楼栋数", "户数", "建筑面积（㎡）", "竣工年份", "老旧小区"]
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

	def test_import_good_and_bad_rows(self):
		data_import = self.make_import(
			[
				[f"{PREFIX}甲小区", COMMUNITY, 8, 320, 28000, 1991, 1],
				[f"{PREFIX}乙小区", "七纺片区管委会", 5, 200, 15000, 2008, 0],
				[f"{PREFIX}丙小区", COMMUNITY, 3, -20, 9000, 2010, 0],
				[f"{PREFIX}丁小区", COMMUNITY, 4, 150, 12500.5, 2012, 0],
				[f"{PREFIX}戊小区", COMMUNITY, 2, 60, 4000, 1900, 1],
			]
		)
		preview = data_import.get_preview_from_template()
		self.assertEqual(len(preview.data), 5)

		data_import.start_import()
		data_import.reload()
		self.assertEqual(data_import.status, "Partial Success")

		landed = frappe.get_all(
			"Residential Compound",
			{"compound_name": ("like", f"{PREFIX}%")},
			[
				"compound_name",
				"jurisdiction",
				"household_count",
				"floor_area",
				"is_old_compound",
				"management_mode",
			],
			order_by="compound_name",
		)
		self.assertEqual(
			[(c.compound_name, c.jurisdiction, c.household_count) for c in landed],
			[(f"{PREFIX}丁小区", COMMUNITY, 150), (f"{PREFIX}甲小区", COMMUNITY, 320)],
		)
		by_name = {c.compound_name: c for c in landed}
		self.assertEqual(by_name[f"{PREFIX}甲小区"].is_old_compound, 1)
		self.assertEqual(by_name[f"{PREFIX}丁小区"].floor_area, 12500.5)
		self.assertEqual(by_name[f"{PREFIX}甲小区"].management_mode, "None")

		logs = frappe.get_all(
			"Data Import Log",
			{"data_import": data_import.name, "success": 0},
			["row_indexes", "messages"],
			order_by="log_index",
		)
		failures = {
			frappe.parse_json(log.row_indexes)[0]: " ".join(
				frappe.parse_json(m)["message"] for m in frappe.parse_json(log.messages)
			)
			for log in logs
		}
		# row 1 is the heading: the bad compounds are on rows 3, 4 and 6
		self.assertEqual(sorted(failures), [3, 4, 6])
		self.assertIn("小区应隶属于社区，七纺片区管委会 是片区管委会", failures[3])
		self.assertIn("户数不能为负数", failures[4])
		self.assertIn("竣工年份 1900 应在 1949 年至", failures[6])
		self.assertEqual(
			frappe.db.count("Data Import Log", {"data_import": data_import.name, "success": 1}), 2
		)
