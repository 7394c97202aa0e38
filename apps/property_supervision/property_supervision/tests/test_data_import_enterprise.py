"""Bulk registration through Frappe's Data Import (SPEC §5: import refuses bad input row by row,
with the same Chinese messages as the form)."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils.xlsxutils import make_xlsx

from property_supervision.tests.factories import (
	make_credit_code,
	make_enterprise,
	make_id_number,
	use_chinese,
)

PREFIX = "导入测试"


def import_file(filename: str, rows: list[list]) -> "frappe.model.document.Document":
	"""An .xlsx with `rows` (the first is the header), saved as a private File."""
	content = make_xlsx(rows, "Sheet1").getvalue()
	return frappe.get_doc(
		{"doctype": "File", "file_name": filename, "content": content, "is_private": 1}
	).insert(ignore_permissions=True)


def run_import(doctype: str, file) -> "frappe.model.document.Document":
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	# the importer commits and rolls back per row: keep the Data Import itself
	frappe.db.commit()
	data_import.start_import()  # runs in this process under tests (frappe.flags.in_test)
	data_import.reload()
	return data_import


def import_log(data_import) -> dict[int, frappe._dict]:
	"""Spreadsheet row number (the header is row 1) -> its log entry, with `message` decoded."""
	entries = {}
	for log in frappe.get_all(
		"Data Import Log",
		fields=["row_indexes", "success", "messages", "docname"],
		filters={"data_import": data_import.name},
		order_by="log_index",
	):
		# a list of msgprint dicts; successful rows store the JSON string "[]" (encoded twice)
		messages = frappe.parse_json(log.messages or "[]")
		if isinstance(messages, str):
			messages = frappe.parse_json(messages)
		messages = [frappe.parse_json(m).get("message", "") for m in messages]
		for row in frappe.parse_json(log.row_indexes):
			entries[row] = frappe._dict(success=log.success, docname=log.docname, message=" ".join(messages))
	return entries


class TestDataImportEnterprise(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()
		self.data_imports = []

	def run_import(self, doctype: str, file):
		data_import = run_import(doctype, file)
		self.data_imports.append(data_import.name)
		return data_import

	def tearDown(self):
		# the importer committed its rows: remove everything this test made
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in frappe.get_all(
			"Property Practitioner", filters={"full_name": ("like", f"{PREFIX}%")}, pluck="name"
		):
			frappe.delete_doc("Property Practitioner", name, force=True, ignore_permissions=True)
		for name in frappe.get_all(
			"Property Enterprise", filters={"enterprise_name": ("like", f"{PREFIX}%")}, pluck="name"
		):
			frappe.delete_doc("Property Enterprise", name, force=True, ignore_permissions=True)
		for name in self.data_imports:
			frappe.delete_doc("Data Import", name, force=True, ignore_permissions=True)
		for name in frappe.get_all("File", filters={"file_name": ("like", f"{PREFIX}%")}, pluck="name"):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_enterprises_good_rows_land_and_bad_rows_are_reported(self):
		good_a = make_credit_code(f"{PREFIX}甲")
		good_b = make_credit_code(f"{PREFIX}乙")
		wrong_check = make_credit_code(f"{PREFIX}丙")
		wrong_check = wrong_check[:-1] + ("0" if wrong_check[-1] != "0" else "1")
		header = [
			_("Unified Social Credit Code"),
			_("Enterprise Name"),
			_("Legal Representative"),
			_("Contact Phone"),
		]
		self.assertEqual(header[0], "统一社会信用代码")  # a Chinese user's template
		rows = [
			header,
			[good_a, f"{PREFIX}甲物业服务有限公司", "张伟", "0991-4612345"],  # row 2
			[good_b.lower(), f"{PREFIX}乙物业服务有限公司", "李娜", "13912345678"],  # row 3
			[wrong_check, f"{PREFIX}丙物业服务有限公司", "王芳", "13912345679"],  # row 4
			[make_credit_code(f"{PREFIX}丁"), f"{PREFIX}丁物业服务有限公司", "刘洋", "12345"],  # row 5
			[good_a, f"{PREFIX}戊物业服务有限公司", "陈静", "13912345670"],  # row 6: same code as row 2
			[
				make_credit_code(f"{PREFIX}己"),
				f"{PREFIX}乙物业服务有限公司",
				"杨勇",
				"13912345671",
			],  # row 7: same name
		]
		data_import = self.run_import("Property Enterprise", import_file(f"{PREFIX}企业.xlsx", rows))
		self.assertEqual(data_import.status, "Partial Success")

		log = import_log(data_import)
		self.assertTrue(log[2].success)
		self.assertTrue(log[3].success)
		self.assertEqual(log[3].docname, good_b)  # normalised to capitals
		expected_errors = {
			4: "校验码（最后一位）不正确",
			5: "联系电话 12345 不是有效的手机号码或固定电话号码",
			6: f"统一社会信用代码为 {good_a} 的企业已登记",
			7: f"名为 {PREFIX}乙物业服务有限公司 的企业已登记",
		}
		for row, message in expected_errors.items():
			with self.subTest(row=row):
				self.assertFalse(log[row].success)
				self.assertIn(message, log[row].message)

		imported = frappe.get_all(
			"Property Enterprise",
			filters={"enterprise_name": ("like", f"{PREFIX}%")},
			fields=["name", "enterprise_name", "workflow_state"],
			order_by="enterprise_name",
		)
		self.assertEqual(sorted(e.name for e in imported), sorted([good_a, good_b]))
		# an import cannot file anything: records arrive in the workflow's first state
		self.assertEqual({e.workflow_state for e in imported}, {"Draft"})

	def test_imported_workflow_state_is_refused(self):
		code = make_credit_code(f"{PREFIX}庚")
		rows = [
			[_("Unified Social Credit Code"), _("Enterprise Name"), _("Contact Phone"), "workflow_state"],
			[code, f"{PREFIX}庚物业服务有限公司", "13912345672", "Filed"],
		]
		data_import = self.run_import("Property Enterprise", import_file(f"{PREFIX}直接备案.xlsx", rows))
		log = import_log(data_import)
		self.assertFalse(log[2].success)
		self.assertRegex(log[2].message, "不允许从.*Draft.*到.*Filed.*的工作流状态转换")
		self.assertFalse(frappe.db.exists("Property Enterprise", code))

	def test_practitioners_good_rows_land_and_bad_rows_are_reported(self):
		enterprise = make_enterprise(f"{PREFIX}从业人员物业服务有限公司").name
		frappe.db.commit()
		good = make_id_number(301)
		bad_check = make_id_number(303)
		bad_check = bad_check[:-1] + ("0" if bad_check[-1] != "0" else "1")
		header = [_("Full Name"), _("ID Number"), "enterprise", "position", _("Phone"), _("Joined On")]
		rows = [
			header,
			[f"{PREFIX}赵强", good, enterprise, "Security Guard", "13912345673", "2023-03-01"],  # row 2
			[f"{PREFIX}钱敏", make_id_number(302), enterprise, "Cleaner", "", "2024-05-06"],  # row 3
			[f"{PREFIX}孙丽", bad_check, enterprise, "Customer Service", "", ""],  # row 4
			[f"{PREFIX}李雷", make_id_number(305, birth="19851332"), enterprise, "", "", ""],  # row 5
			[f"{PREFIX}周杰", good[:17], enterprise, "", "", ""],  # row 6
			[f"{PREFIX}吴刚", make_id_number(307), enterprise, "", "123", ""],  # row 7
		]
		data_import = self.run_import("Property Practitioner", import_file(f"{PREFIX}从业人员.xlsx", rows))
		log = import_log(data_import)
		self.assertTrue(log[2].success)
		self.assertTrue(log[3].success)
		expected_errors = {
			4: "身份证号码的校验码（最后一位）不正确",
			5: "身份证号码第7至14位不是有效的出生日期",
			6: "身份证号码必须为18位",
			7: "电话 123 不是有效的手机号码或固定电话号码",
		}
		for row, message in expected_errors.items():
			with self.subTest(row=row):
				self.assertFalse(log[row].success)
				self.assertIn(message, log[row].message)
				# the import log never carries the full ID number
				self.assertNotIn(rows[row - 1][1], log[row].message)

		imported = frappe.get_all(
			"Property Practitioner",
			filters={"full_name": ("like", f"{PREFIX}%")},
			fields=["full_name", "enterprise", "gender", "id_number_masked", "position"],
			order_by="full_name",
		)
		self.assertEqual(len(imported), 2)
		self.assertEqual({p.enterprise for p in imported}, {enterprise})
		zhao = next(p for p in imported if p.full_name == f"{PREFIX}赵强")
		self.assertEqual((zhao.gender, zhao.position), ("Male", "Security Guard"))
		self.assertEqual(zhao.id_number_masked, good[:6] + "********" + good[14:])

	def test_practitioner_of_unknown_enterprise_stops_the_import(self):
		"""Frappe checks Link values before importing: a file naming an enterprise that is not
		registered is refused as a whole, with the unknown value named, and nothing is imported."""
		enterprise = make_enterprise(f"{PREFIX}已登记物业服务有限公司").name
		frappe.db.commit()
		unknown = make_credit_code(f"{PREFIX}未登记")
		rows = [
			[_("Full Name"), _("ID Number"), "enterprise"],
			[f"{PREFIX}郑好", make_id_number(309), enterprise],
			[f"{PREFIX}王五", make_id_number(311), unknown],
		]
		data_import = self.run_import("Property Practitioner", import_file(f"{PREFIX}未知企业.xlsx", rows))
		warnings = frappe.parse_json(data_import.template_warnings or "[]")
		self.assertTrue(any(unknown in w["message"] and "不存在" in w["message"] for w in warnings), warnings)
		self.assertEqual(frappe.db.count("Property Practitioner", {"full_name": ("like", f"{PREFIX}%")}), 0)
		self.assertFalse(import_log(data_import))
