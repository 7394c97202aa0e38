"""The import templates in the repository's fixtures/import-templates: their headings are what
the DocTypes name today, and an office that fills them in loads communities, enterprises and
compounds through Frappe's Data Import without mapping a single column by hand."""

import csv
import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from property_supervision.setup.import_templates import (
	IMPORT_TEMPLATES,
	template_header,
	templates_path,
)
from property_supervision.tests.factories import (
	make_credit_code,
	use_chinese,
)

PREFIX = "模板导入测试"
AREA = "七纺片区管委会"


def read_xlsx(name: str) -> list[list]:
	workbook = load_workbook(templates_path() / f"{name}.xlsx")
	return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def filled_xlsx(name: str, rows: list[list]) -> bytes:
	"""The committed .xlsx template with `rows` typed in under the heading, as an office does."""
	workbook = load_workbook(templates_path() / f"{name}.xlsx")
	sheet = workbook.worksheets[0]
	for row in rows:
		sheet.append(row)
	out = io.BytesIO()
	workbook.save(out)
	return out.getvalue()


def filled_csv(name: str, rows: list[list]) -> bytes:
	out = io.StringIO()
	out.write((templates_path() / f"{name}.csv").read_text(encoding="utf-8"))
	csv.writer(out, lineterminator="\n").writerows(rows)
	return out.getvalue().encode("utf-8")


def cleanup():
	frappe.set_user("Administrator")
	for doctype, field in (
		("Residential Compound", "compound_name"),
		("Property Enterprise", "enterprise_name"),
		("Jurisdiction", "jurisdiction_name"),
	):
		for name in frappe.get_all(doctype, {field: ("like", f"{PREFIX}%")}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for name in frappe.get_all("File", {"file_name": ("like", f"{PREFIX}%")}, pluck="name"):
		for data_import in frappe.get_all(
			"Data Import", {"import_file": ("like", f"%{name}%")}, pluck="name"
		):
			frappe.db.delete("Data Import Log", {"data_import": data_import})
			frappe.delete_doc("Data Import", data_import, force=True, ignore_permissions=True)
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	frappe.db.commit()


class TestImportTemplates(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cleanup()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		cleanup()
		super().tearDownClass()

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()

	def run_import(self, doctype: str, file_name: str, content: bytes):
		file = frappe.get_doc(
			{"doctype": "File", "file_name": file_name, "content": content, "is_private": 1}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": doctype,
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		frappe.db.commit()  # the importer commits and rolls back per row
		data_import.start_import()  # in this process under tests
		data_import.reload()
		warnings = frappe.parse_json(data_import.template_warnings or "[]")
		self.assertEqual(warnings, [], f"{file_name}: columns Data Import could not use")
		self.assertEqual(
			data_import.status,
			"Success",
			frappe.get_all("Data Import Log", {"data_import": data_import.name}, "messages"),
		)
		return data_import

	def test_committed_templates_match_the_doctypes(self):
		for name in IMPORT_TEMPLATES:
			with self.subTest(template=name):
				expected = template_header(name)
				self.assertEqual(read_xlsx(name), [expected])
				rows = list(csv.reader(io.StringIO((templates_path() / f"{name}.csv").read_text("utf-8"))))
				self.assertEqual(rows, [expected])
				self.assertFalse((templates_path() / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"))
				# the headings are Chinese: Data Import maps them for a Chinese user
				self.assertTrue(all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in expected), expected)

	def test_filled_templates_load_the_registry(self):
		community = f"{PREFIX}社区"
		code = make_credit_code(f"{PREFIX}企业")
		enterprise = f"{PREFIX}物业服务有限公司"

		# the community, from the CSV template
		self.run_import(
			"Jurisdiction",
			f"{PREFIX}社区.csv",
			filled_csv(
				"jurisdiction_community",
				[[community, "Community", AREA, "650105001", "0991-4612345", "水磨沟区测试路1号"]],
			),
		)
		self.assertEqual(
			frappe.db.get_value(
				"Jurisdiction",
				community,
				["jurisdiction_type", "parent_jurisdiction", "region_code"],
				as_dict=True,
			),
			{"jurisdiction_type": "Community", "parent_jurisdiction": AREA, "region_code": "650105001"},
		)
		# a community made by import is a full member of the tree: it gets its own unit
		self.assertTrue(frappe.db.exists("Supervision Unit", {"jurisdiction": community}))

		# the enterprise and the compound, from the Excel templates
		self.run_import(
			"Property Enterprise",
			f"{PREFIX}企业.xlsx",
			filled_xlsx(
				"property_enterprise",
				[
					[
						code,
						enterprise,
						"张伟",
						"李娜",
						"13912345678",
						"office@example.invalid",
						"2010-05-04",
						"水磨沟区测试路2号",
						"水磨沟区测试路3号",
						"Grade 2",
						"QC-2010-001",
						"物业管理",
					]
				],
			),
		)
		saved = frappe.db.get_value(
			"Property Enterprise",
			code,
			[
				"enterprise_name",
				"legal_representative",
				"qualification_level",
				"established_on",
				"workflow_state",
			],
			as_dict=True,
		)
		self.assertEqual(
			(
				saved.enterprise_name,
				saved.legal_representative,
				saved.qualification_level,
				str(saved.established_on),
			),
			(enterprise, "张伟", "Grade 2", "2010-05-04"),
		)
		self.assertEqual(saved.workflow_state, "Draft")

		self.run_import(
			"Residential Compound",
			f"{PREFIX}小区.xlsx",
			filled_xlsx(
				"residential_compound",
				[
					[
						f"{PREFIX}小区",
						community,
						"水磨沟区测试路4号",
						"测试开发公司",
						1,
						6,
						240,
						18000.5,
						1995,
						"Completed",
						"In Progress",
						"Completed",
						"Not Started",
					]
				],
			),
		)
		compound = frappe.get_all(
			"Residential Compound",
			{"compound_name": f"{PREFIX}小区"},
			["jurisdiction", "household_count", "floor_area", "is_old_compound", "heating_to_household"],
		)
		self.assertEqual(len(compound), 1)
		self.assertEqual(
			(compound[0].jurisdiction, compound[0].household_count, compound[0].floor_area),
			(community, 240, 18000.5),
		)
		self.assertEqual((compound[0].is_old_compound, compound[0].heating_to_household), (1, "In Progress"))
