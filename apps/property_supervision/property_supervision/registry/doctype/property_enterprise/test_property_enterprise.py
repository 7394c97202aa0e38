# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import io
import unicodedata

import frappe
import frappe.client
from frappe.desk.search import search_link
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today
from pypdf import PdfReader

from property_supervision.registry.doctype.property_enterprise.property_enterprise_dashboard import get_data
from property_supervision.roles import DISTRICT_SUPERVISOR, ENTERPRISE_USER
from property_supervision.tests.factories import (
	make_credit_code,
	make_id_number,
	make_practitioner,
	make_user,
	use_chinese,
)

PRINT_FORMAT = "物业服务企业备案表"
ENTERPRISE_USER_EMAIL = "test-pe-enterprise@example.com"
SUPERVISOR_EMAIL = "test-pe-supervisor@example.com"


def new_enterprise(name: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Property Enterprise",
			"credit_code": make_credit_code(name),
			"enterprise_name": name,
			"contact_phone": "13912345678",
			**fields,
		}
	)


def compact(text: str) -> str:
	"""Without blanks, NFKC-folded: pypdf returns Kangxi radicals for some CJK glyphs of the font
	(⼀ for 一) and NFKC maps them back (and full-width punctuation to ASCII, on both sides)."""
	return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(pdf: bytes) -> str:
	return compact("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


class TestPropertyEnterprise(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.enterprise_user = make_user(ENTERPRISE_USER_EMAIL, [ENTERPRISE_USER]).name
		cls.supervisor = make_user(SUPERVISOR_EMAIL, [DISTRICT_SUPERVISOR]).name

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertRefused(self, doc, message, exc=frappe.ValidationError):
		before = frappe.db.count("Property Enterprise")
		with self.assertRaisesRegex(exc, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Property Enterprise"), before)

	# validation

	def test_credit_code_normalised_and_names_the_record(self):
		code = make_credit_code("测试规范化物业")
		doc = new_enterprise("  测试规范化物业服务有限公司 ", credit_code=f" {code.lower()} ")
		doc.contact_phone = "+86 139 1234 5678"
		doc.insert()
		self.assertEqual(doc.name, code)
		self.assertEqual(doc.credit_code, code)
		self.assertEqual(doc.enterprise_name, "测试规范化物业服务有限公司")
		self.assertEqual(doc.contact_phone, "13912345678")
		self.assertEqual(doc.workflow_state, "Draft")
		self.assertFalse(doc.filed_on)

	def test_bad_credit_codes_refused_with_distinct_chinese_messages(self):
		good = make_credit_code("测试信用代码物业")
		wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
		cases = [
			(good[:10], "必须为18位"),
			(good[:5] + "I" + good[6:], "只能由数字和除I、O、Z、S、V以外的大写字母组成"),
			(good[:2] + "65A105" + good[8:], "第3至8位为登记管理机关行政区划码"),
			(wrong_check, "校验码（最后一位）不正确"),
		]
		for code, message in cases:
			with self.subTest(code=code):
				self.assertRefused(new_enterprise("测试信用代码物业服务有限公司", credit_code=code), message)
				self.assertFalse(
					frappe.db.exists(
						"Property Enterprise", {"enterprise_name": "测试信用代码物业服务有限公司"}
					)
				)

	def test_bad_phone_and_email_refused(self):
		self.assertRefused(
			new_enterprise("测试电话物业服务有限公司", contact_phone="12345"), "联系电话 12345 不是有效的"
		)
		self.assertRefused(
			new_enterprise("测试邮箱物业服务有限公司", email="not-an-email"),
			"电子邮箱 not-an-email 格式不正确",
		)

	def test_duplicates_refused_with_chinese_message(self):
		first = new_enterprise("测试重复物业服务有限公司").insert()
		# the same code again: a clear message, not the database's DuplicateEntryError
		again = new_enterprise("测试另一家物业服务有限公司", credit_code=first.credit_code.lower())
		self.assertRefused(
			again, f"统一社会信用代码为 {first.credit_code} 的企业已登记", frappe.UniqueValidationError
		)
		# the same name (after trimming) under another code
		other = new_enterprise(" 测试重复物业服务有限公司 ", credit_code=make_credit_code("另一个"))
		self.assertRefused(other, "名为 测试重复物业服务有限公司 的企业已登记", frappe.UniqueValidationError)
		# renaming an existing enterprise onto another's name
		second = new_enterprise("测试第二家物业服务有限公司").insert()
		second.enterprise_name = "测试重复物业服务有限公司"
		with self.assertRaisesRegex(frappe.UniqueValidationError, "的企业已登记"):
			second.save()
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", second.name, "enterprise_name"),
			"测试第二家物业服务有限公司",
		)

	def test_credit_code_cannot_change_after_insert(self):
		doc = new_enterprise("测试代码不可改物业服务有限公司").insert()
		doc.credit_code = make_credit_code("别的代码")
		with self.assertRaisesRegex(frappe.ValidationError, "已登记企业的统一社会信用代码不能修改"):
			doc.save()
		self.assertEqual(frappe.db.get_value("Property Enterprise", doc.name, "credit_code"), doc.name)

	def test_computed_fields_cannot_be_set_by_hand(self):
		doc = new_enterprise("测试诚信字段物业服务有限公司").insert()
		add_user_permission("Property Enterprise", doc.name, self.enterprise_user)
		frappe.set_user(self.enterprise_user)
		for fieldname, value in (("credit_grade", "AAA"), ("credit_score", 99), ("key_supervision", 1)):
			with self.subTest(fieldname=fieldname):
				with self.assertRaisesRegex(frappe.ValidationError, "由系统计算，不能手工填写"):
					frappe.client.set_value("Property Enterprise", doc.name, fieldname, value)
		# nor when a supervisor registers a new enterprise
		frappe.set_user(self.supervisor)
		new = new_enterprise("测试自评等级物业服务有限公司", credit_grade="AAA")
		with self.assertRaisesRegex(frappe.ValidationError, "由系统计算，不能手工填写"):
			new.insert()
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(
			"Property Enterprise", doc.name, ["credit_grade", "credit_score", "key_supervision"], as_dict=True
		)
		self.assertEqual((stored.credit_grade or "", stored.credit_score, stored.key_supervision), ("", 0, 0))
		self.assertFalse(
			frappe.db.exists("Property Enterprise", {"enterprise_name": "测试自评等级物业服务有限公司"})
		)

	# filing workflow (SPEC §4)

	def test_filing_path_draft_pending_review_filed(self):
		doc = new_enterprise("测试备案流程物业服务有限公司").insert()
		add_user_permission("Property Enterprise", doc.name, self.enterprise_user)

		frappe.set_user(self.enterprise_user)
		doc = apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Submit for Review")
		self.assertEqual(doc.workflow_state, "Pending Review")
		self.assertFalse(doc.filed_on)
		# the enterprise cannot approve its own filing
		with self.assertRaisesRegex(WorkflowTransitionError, "不是有效的工作流程操作"):
			apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Approve Filing")
		# nor set the state directly
		with self.assertRaisesRegex(WorkflowPermissionError, "不允许从.*工作流状态转换"):
			frappe.client.set_value("Property Enterprise", doc.name, "workflow_state", "Filed")
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", doc.name, "workflow_state"), "Pending Review"
		)

		frappe.set_user(self.supervisor)
		doc = apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Approve Filing")
		self.assertEqual(doc.workflow_state, "Filed")
		self.assertEqual(str(doc.filed_on), today())
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", doc.name, "filed_on").isoformat(), today()
		)

	def test_return_and_resubmit(self):
		doc = new_enterprise("测试退回物业服务有限公司").insert()
		frappe.set_user(self.supervisor)
		doc = apply_workflow(doc, "Submit for Review")
		# returning needs a reason
		with self.assertRaisesRegex(frappe.ValidationError, "请先填写并保存审核意见"):
			apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Return for Revision")
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", doc.name, "workflow_state"), "Pending Review"
		)
		doc.review_note = "注册地址与营业执照不一致"
		doc.save()
		doc = apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Return for Revision")
		self.assertEqual(doc.workflow_state, "Returned")
		self.assertFalse(doc.filed_on)
		doc = apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Submit for Review")
		self.assertEqual(doc.workflow_state, "Pending Review")

	def test_inserting_as_filed_is_refused(self):
		doc = new_enterprise("测试直接备案物业服务有限公司", workflow_state="Filed")
		self.assertRefused(doc, "不允许从.*Draft.*到.*Filed.*的工作流状态转换", WorkflowPermissionError)
		self.assertFalse(frappe.db.exists("Property Enterprise", doc.credit_code))

	def test_setting_state_draft_to_filed_through_rest_is_refused(self):
		doc = new_enterprise("测试跳过审核物业服务有限公司").insert()
		for user in (self.supervisor, "Administrator"):
			frappe.set_user(user)
			with self.subTest(user=user):
				with self.assertRaisesRegex(
					WorkflowPermissionError, "不允许从.*Draft.*到.*Filed.*的工作流状态转换"
				):
					frappe.client.set_value("Property Enterprise", doc.name, "workflow_state", "Filed")
				state, filed_on = frappe.db.get_value(
					"Property Enterprise", doc.name, ["workflow_state", "filed_on"]
				)
				self.assertEqual((state, filed_on), ("Draft", None))

	# isolation (SPEC §5)

	def test_enterprise_user_sees_only_own_enterprise(self):
		own = new_enterprise("测试本企业物业服务有限公司").insert()
		other = new_enterprise("测试他企业物业服务有限公司").insert()
		add_user_permission("Property Enterprise", own.name, self.enterprise_user)
		frappe.set_user(self.enterprise_user)

		self.assertTrue(frappe.has_permission("Property Enterprise", "read", doc=own.name))
		self.assertFalse(frappe.has_permission("Property Enterprise", "read", doc=other.name))
		listed = frappe.get_list("Property Enterprise", pluck="name", limit_page_length=0)
		self.assertIn(own.name, listed)
		self.assertNotIn(other.name, listed)
		found = [row["value"] for row in search_link("Property Enterprise", "测试")]
		self.assertIn(own.name, found)
		self.assertNotIn(other.name, found)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Property Enterprise", other.name)
		# printview answers "not found" rather than confirming the record exists
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Property Enterprise", other.name, print_format=PRINT_FORMAT)
		# and cannot write to the other enterprise
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Property Enterprise", other.name, "contact_person", "张三")

	def test_enterprise_user_without_scope_sees_nothing(self):
		doc = new_enterprise("测试未授权物业服务有限公司").insert()
		user = make_user("test-pe-noscope@example.com", [ENTERPRISE_USER]).name
		frappe.set_user(user)
		self.assertFalse(frappe.has_permission("Property Enterprise", "read", doc=doc.name))
		self.assertEqual(frappe.get_list("Property Enterprise", pluck="name"), [])

	# form and print

	def test_dashboard_links_existing_doctypes(self):
		data = get_data()
		items = [item for group in data["transactions"] for item in group["items"]]
		self.assertIn("Property Practitioner", items)
		self.assertIn("Residential Compound", items)
		self.assertEqual(data["non_standard_fieldnames"]["Residential Compound"], "current_enterprise")
		for doctype in items:
			self.assertTrue(frappe.db.exists("DocType", doctype), doctype)

	def test_filing_form_renders_chinese_pdf(self):
		doc = new_enterprise(
			"测试打印物业服务有限公司",
			legal_representative="王建国",
			contact_person="李红",
			registered_address="乌鲁木齐市水磨沟区南湖东路1号",
			review_note="同意备案，请按期公示",
		).insert()
		full_id = make_id_number(11)
		make_practitioner(doc.name, "赵保安", full_id, position="Security Guard")
		make_practitioner(
			doc.name,
			"钱离职",
			make_id_number(12),
			status="Left",
			joined_on="2020-01-01",
			left_on="2021-01-01",
		)
		frappe.set_user(self.supervisor)
		doc = apply_workflow(doc, "Submit for Review")
		doc = apply_workflow(frappe.get_doc("Property Enterprise", doc.name), "Approve Filing")

		html = frappe.get_print("Property Enterprise", doc.name, print_format=PRINT_FORMAT)
		self.assertIn(doc.credit_code, html)
		self.assertIn("已备案", html)  # the workflow state, translated
		self.assertIn("保安", html)  # the position, translated
		self.assertNotIn(full_id, html)

		text = pdf_text(
			frappe.get_print("Property Enterprise", doc.name, print_format=PRINT_FORMAT, as_pdf=True)
		)
		for expected in (
			"物业服务企业备案表",
			"测试打印物业服务有限公司",
			"统一社会信用代码",
			"法定代表人王建国",
			"联系人李红",
			"备案状态已备案",
			"诚信等级未评定",
			"在职1人",
			"赵保安男",
			full_id[:6] + "********" + full_id[14:],
			"暂无在管小区",
			"同意备案，请按期公示",
			"企业（盖章）",
			"审核单位（盖章）",
		):
			self.assertIn(compact(expected), text)
		self.assertNotIn(full_id, text)
		self.assertNotIn("钱离职", text)  # only active staff are listed
