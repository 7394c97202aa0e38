# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
import frappe.client
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from property_supervision.api.credit import decide_objection, lodge_objection
from property_supervision.api.search import search_link as scoped_search_link
from property_supervision.credit.scoring import update_enterprise_credit
from property_supervision.roles import COMMUNITY_OFFICER, DISTRICT_SUPERVISOR, ENTERPRISE_USER
from property_supervision.rules.credit import expiry_date
from property_supervision.tests.factories import (
	BAD_RULE,
	GOOD_RULE,
	SEVERE_RULE,
	SMALL_GOOD_RULE,
	confirm,
	insert_complaint,
	make_confirmed_record,
	make_record,
	make_user,
	new_record,
	revoke,
	scope,
	scored_enterprise,
	setup_credit,
	use_chinese,
)

AREA = "七纺片区管委会"
ENTERPRISE_X_EMAIL = "test-cr-enterprise-x@example.com"
ENTERPRISE_Y_EMAIL = "test-cr-enterprise-y@example.com"
UNSCOPED_ENTERPRISE_EMAIL = "test-cr-enterprise-unscoped@example.com"
SUPERVISOR_EMAIL = "test-cr-supervisor@example.com"
COMMUNITY_OFFICER_EMAIL = "test-cr-community@example.com"
OUTSIDER_EMAIL = "test-cr-outsider@example.com"

CREDIT_FIELDS = ["credit_score", "credit_grade", "key_supervision", "key_supervision_reason"]


def credit_of(enterprise: str) -> frappe._dict:
	return frappe.db.get_value("Property Enterprise", enterprise, CREDIT_FIELDS, as_dict=True)


class CreditTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		setup_credit()
		cls.enterprise = scored_enterprise("测试诚信甲物业服务有限公司")
		cls.other = scored_enterprise("测试诚信乙物业服务有限公司")
		cls.enterprise_user = make_user(ENTERPRISE_X_EMAIL, [ENTERPRISE_USER]).name
		scope(cls.enterprise_user, "Property Enterprise", cls.enterprise)
		cls.other_enterprise_user = make_user(ENTERPRISE_Y_EMAIL, [ENTERPRISE_USER]).name
		scope(cls.other_enterprise_user, "Property Enterprise", cls.other)
		cls.unscoped_enterprise_user = make_user(UNSCOPED_ENTERPRISE_EMAIL, [ENTERPRISE_USER]).name
		cls.supervisor = make_user(SUPERVISOR_EMAIL, [DISTRICT_SUPERVISOR]).name
		cls.community_officer = make_user(COMMUNITY_OFFICER_EMAIL, [COMMUNITY_OFFICER]).name
		scope(cls.community_officer, "Jurisdiction", AREA)
		cls.outsider = make_user(OUTSIDER_EMAIL).name

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()
		frappe.db.savepoint("credit_record_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="credit_record_test")

	def assertRefused(self, doc, message, exc=frappe.ValidationError):
		before = frappe.db.count("Credit Record")
		with self.assertRaisesRegex(exc, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Credit Record"), before)


class TestCreditRecordValidation(CreditTestCase):
	def test_points_and_source_copied_from_rule(self):
		record = make_record(self.enterprise, BAD_RULE, points=50, source="Complaint Upheld")
		self.assertEqual(record.points, -5)
		self.assertEqual(record.source, "Manual")
		self.assertEqual(record.workflow_state, "Draft")

	def test_points_cannot_be_changed(self):
		record = make_record(self.enterprise, BAD_RULE)
		record.points = 10
		with self.assertRaisesRegex(frappe.ValidationError, "分值来自其诚信规则，不能修改"):
			record.save()
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "points"), -5)

	def test_later_rule_edit_leaves_existing_records(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.db.set_value("Credit Rule", BAD_RULE, "points", -4)
		record.reload()
		record.evidence = "补充证据"
		record.save()
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "points"), -5)

	def test_changing_a_drafts_rule_copies_the_new_points(self):
		record = make_record(self.enterprise, BAD_RULE)
		record.rule = SEVERE_RULE
		record.save()
		self.assertEqual(record.points, -10)

	def test_expiry_from_rule_validity_or_default(self):
		occurred = getdate(add_days(today(), -30))
		record = make_record(self.enterprise, SEVERE_RULE, occurred_on=occurred)  # 36 months
		self.assertEqual(getdate(record.expires_on), expiry_date(occurred, 36))
		frappe.db.set_value("Credit Rule", BAD_RULE, "validity_months", 0)
		frappe.db.set_single_value("Credit Settings", "default_validity_months", 6)
		record = make_record(self.enterprise, BAD_RULE, occurred_on=occurred)
		self.assertEqual(getdate(record.expires_on), expiry_date(occurred, 6))

	def test_future_date_refused(self):
		self.assertRefused(
			new_record(self.enterprise, occurred_on=add_days(today(), 1)), "行为发生日期不能晚于今天"
		)

	def test_bad_conduct_by_hand_needs_evidence(self):
		self.assertRefused(new_record(self.enterprise, BAD_RULE, evidence="  "), "请描述或上传不良行为的证据")
		# good conduct needs none; an attached file is evidence enough
		make_record(self.enterprise, GOOD_RULE, evidence=None)
		make_record(self.enterprise, BAD_RULE, evidence=None, evidence_file="/files/evidence.jpg")

	def test_reference_checked(self):
		self.assertRefused(
			new_record(self.enterprise, reference_name="TS-TEST-0001"), "请选择记录所引用单据的类型"
		)
		self.assertRefused(
			new_record(self.enterprise, reference_doctype="Complaint"), "请选择记录所引用的单据"
		)
		self.assertRefused(
			new_record(self.enterprise, reference_doctype="Complaint", reference_name="TS-NONE-0001"),
			"投诉 TS-NONE-0001 不存在",
			frappe.LinkValidationError,
		)
		insert_complaint("TS-TEST-CR-0001", self.other)
		self.assertRefused(
			new_record(self.enterprise, reference_doctype="Complaint", reference_name="TS-TEST-CR-0001"),
			"投诉 TS-TEST-CR-0001 涉及的是另一家企业",
		)
		insert_complaint("TS-TEST-CR-0002", self.enterprise)
		make_record(self.enterprise, reference_doctype="Complaint", reference_name="TS-TEST-CR-0002")

	def test_rule_must_be_active_and_manual(self):
		self.assertRefused(
			new_record(self.enterprise, "BL-01"), "诚信规则 BL-01 由系统根据投诉经查属实自动记录"
		)
		frappe.db.set_value("Credit Rule", BAD_RULE, "is_active", 0)
		self.assertRefused(new_record(self.enterprise, BAD_RULE), f"诚信规则 {BAD_RULE} 未启用")

	def test_automatic_marks_cannot_be_set_by_hand(self):
		self.assertRefused(
			new_record(self.enterprise, is_automatic=1), "自动记录只能由系统生成", frappe.PermissionError
		)
		self.assertRefused(
			new_record(self.enterprise, auto_key="Complaint Upheld:TS-X"),
			"自动记录只能由系统生成",
			frappe.PermissionError,
		)

	def test_state_cannot_be_set_directly(self):
		self.assertRefused(
			new_record(self.enterprise, workflow_state="Confirmed"), "", WorkflowPermissionError
		)

	def test_confirmed_record_is_locked(self):
		record = make_confirmed_record(self.enterprise)
		for fieldname, value in (
			("enterprise", self.other),
			("rule", SEVERE_RULE),
			("occurred_on", add_days(today(), -40)),
		):
			with self.subTest(fieldname=fieldname):
				record.reload()
				record.set(fieldname, value)
				with self.assertRaisesRegex(frappe.ValidationError, "已确认或已撤销的诚信记录不能修改"):
					record.save()
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "enterprise"), self.enterprise)


class TestCreditRecordScoring(CreditTestCase):
	def test_confirm_updates_only_this_enterprise(self):
		other_before = credit_of(self.other)
		other_logs = frappe.db.count("Credit Score Log", {"enterprise": self.other})
		record = make_record(self.enterprise, BAD_RULE)
		# a draft does not count
		self.assertEqual(credit_of(self.enterprise).credit_score, 70)
		confirm(record)
		credit = credit_of(self.enterprise)
		self.assertEqual((credit.credit_score, credit.credit_grade, credit.key_supervision), (65, "B", 1))
		self.assertEqual(credit.key_supervision_reason, "诚信等级为 B")
		log = frappe.get_all(
			"Credit Score Log",
			filters={"enterprise": self.enterprise},
			fields=["score", "grade", "key_supervision", "reason"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual((log.score, log.grade, log.key_supervision), (65, "B", 1))
		self.assertEqual(log.reason, f"诚信记录 {record.name} 已确认")
		# nothing else moved
		self.assertEqual(credit_of(self.other), other_before)
		self.assertEqual(frappe.db.count("Credit Score Log", {"enterprise": self.other}), other_logs)

	def test_enterprise_modified_untouched(self):
		modified = frappe.db.get_value("Property Enterprise", self.enterprise, "modified")
		make_confirmed_record(self.enterprise, GOOD_RULE)
		self.assertEqual(frappe.db.get_value("Property Enterprise", self.enterprise, "modified"), modified)

	def test_grades_and_clamping(self):
		for days in range(1, 5):
			make_confirmed_record(self.enterprise, GOOD_RULE, occurred_on=add_days(today(), -days))
		credit = credit_of(self.enterprise)
		self.assertEqual((credit.credit_score, credit.credit_grade, credit.key_supervision), (90, "AAA", 0))
		for days in range(1, 12):
			make_confirmed_record(self.enterprise, SEVERE_RULE, occurred_on=add_days(today(), -days))
		credit = credit_of(self.enterprise)
		self.assertEqual((credit.credit_score, credit.credit_grade, credit.key_supervision), (0, "C", 1))

	def test_revoke_needs_reason_and_restores_score(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		self.assertEqual(credit_of(self.enterprise).credit_score, 65)
		with self.assertRaisesRegex(frappe.ValidationError, "请填写撤销该诚信记录的原因"):
			apply_workflow(frappe.get_doc("Credit Record", record.name), "Revoke Record")
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "workflow_state"), "Confirmed")
		other_before = credit_of(self.other)
		other_logs = frappe.db.count("Credit Score Log", {"enterprise": self.other})
		revoke(record)
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "workflow_state"), "Revoked")
		self.assertEqual(credit_of(self.other), other_before)
		self.assertEqual(frappe.db.count("Credit Score Log", {"enterprise": self.other}), other_logs)
		credit = credit_of(self.enterprise)
		self.assertEqual((credit.credit_score, credit.credit_grade, credit.key_supervision), (70, "A", 0))
		self.assertEqual(credit.key_supervision_reason, "")

	def test_revoking_a_draft_changes_no_score(self):
		logs = frappe.db.count("Credit Score Log", {"enterprise": self.enterprise})
		revoke(make_record(self.enterprise, BAD_RULE))
		self.assertEqual(frappe.db.count("Credit Score Log", {"enterprise": self.enterprise}), logs)

	def test_expired_record_does_not_count(self):
		make_confirmed_record(self.enterprise, BAD_RULE, occurred_on=add_days(today(), -400))
		self.assertEqual(credit_of(self.enterprise).credit_score, 70)

	def test_deleting_a_confirmed_record_recomputes(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.delete_doc("Credit Record", record.name)
		self.assertEqual(credit_of(self.enterprise).credit_score, 70)

	def test_upheld_complaints_put_enterprise_under_key_supervision(self):
		make_confirmed_record(self.enterprise, GOOD_RULE)  # 75, A: not by grade
		for number in range(1, 4):
			insert_complaint(f"TS-TEST-CR-1{number:03d}", self.enterprise)
		# one outside the window, one not upheld
		insert_complaint("TS-TEST-CR-1004", self.enterprise, resolved_on=add_days(today(), -400))
		insert_complaint("TS-TEST-CR-1005", self.enterprise, is_upheld=0)
		update_enterprise_credit(self.enterprise)
		credit = credit_of(self.enterprise)
		self.assertEqual((credit.credit_grade, credit.key_supervision), ("A", 1))
		self.assertEqual(credit.key_supervision_reason, "近 12 个月投诉经查属实 3 件")
		frappe.db.set_single_value("Credit Settings", "upheld_complaints_threshold", 4)
		update_enterprise_credit(self.enterprise)
		self.assertEqual(credit_of(self.enterprise).key_supervision, 0)


class TestCreditRecordObjection(CreditTestCase):
	def test_enterprise_objects_and_supervisor_upholds(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.set_user(self.enterprise_user)
		lodge_objection(record.name, "该问题已整改完毕")
		frappe.set_user("Administrator")
		record.reload()
		self.assertEqual(record.objection, "该问题已整改完毕")
		self.assertTrue(record.objection_on)
		self.assertEqual(record.workflow_state, "Confirmed")

		# the enterprise cannot decide its own objection
		frappe.set_user(self.enterprise_user)
		with self.assertRaises(frappe.PermissionError):
			decide_objection(record.name, "Upheld", "自行认定")
		frappe.set_user(self.supervisor)
		with self.assertRaisesRegex(frappe.ValidationError, "请填写对异议处理决定的说明"):
			decide_objection(record.name, "Upheld", " ")
		decide_objection(record.name, "Upheld", "经核实整改材料属实")
		frappe.set_user("Administrator")

		record.reload()
		self.assertEqual(record.workflow_state, "Revoked")
		self.assertEqual(record.objection_decision, "Upheld")
		self.assertEqual(record.objection_decided_by, self.supervisor)
		self.assertTrue(record.objection_decided_on)
		self.assertEqual(record.objection, "该问题已整改完毕")
		self.assertEqual(record.revocation_reason, "异议成立：经核实整改材料属实")
		self.assertEqual(credit_of(self.enterprise).credit_score, 70)
		self.assertTrue(
			frappe.db.exists("Comment", {"reference_name": record.name, "comment_type": "Workflow"})
		)

	def test_dismissed_objection_leaves_record_and_cannot_be_redecided(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.set_user(self.enterprise_user)
		lodge_objection(record.name, "不认可该记录")
		frappe.set_user(self.supervisor)
		decide_objection(record.name, "Dismissed", "理由不成立")
		record.reload()
		self.assertEqual((record.workflow_state, record.objection_decision), ("Confirmed", "Dismissed"))
		self.assertEqual(credit_of(self.enterprise).credit_score, 65)
		with self.assertRaisesRegex(frappe.ValidationError, "该诚信记录的异议已处理"):
			decide_objection(record.name, "Upheld", "改判")
		frappe.set_user(self.enterprise_user)
		with self.assertRaisesRegex(frappe.ValidationError, "该诚信记录的异议已处理"):
			lodge_objection(record.name, "再次申诉")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "objection_decision"), "Dismissed")
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "objection"), "不认可该记录")

	def test_objection_only_on_confirmed_own_records(self):
		draft = make_record(self.enterprise, BAD_RULE)
		other_record = make_confirmed_record(self.other, BAD_RULE)
		frappe.set_user(self.enterprise_user)
		with self.assertRaisesRegex(frappe.ValidationError, "只能对已确认的诚信记录提出异议"):
			lodge_objection(draft.name, "异议")
		with self.assertRaises(frappe.PermissionError):
			lodge_objection(other_record.name, "异议")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Credit Record", draft.name, "objection"))
		self.assertFalse(frappe.db.get_value("Credit Record", other_record.name, "objection"))

	def test_no_decision_without_objection(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.set_user(self.supervisor)
		with self.assertRaisesRegex(frappe.ValidationError, "没有需要处理的异议"):
			decide_objection(record.name, "Upheld", "说明")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "workflow_state"), "Confirmed")

	def test_community_officer_cannot_object(self):
		record = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.set_user(self.community_officer)
		with self.assertRaises(frappe.PermissionError):
			lodge_objection(record.name, "代为申诉")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Credit Record", record.name, "objection"))


class TestCreditRecordPermissions(CreditTestCase):
	def test_enterprise_user_sees_own_records_only(self):
		own = make_confirmed_record(self.enterprise, BAD_RULE)
		theirs = make_confirmed_record(self.other, BAD_RULE)
		frappe.set_user(self.enterprise_user)

		self.assertTrue(frappe.has_permission("Credit Record", doc=frappe.get_doc("Credit Record", own.name)))
		self.assertFalse(
			frappe.has_permission("Credit Record", doc=frappe.get_doc("Credit Record", theirs.name))
		)

		names = frappe.get_list("Credit Record", pluck="name", limit_page_length=0)
		self.assertIn(own.name, names)
		self.assertNotIn(theirs.name, names)

		self.assertEqual(frappe.client.get("Credit Record", own.name)["enterprise"], self.enterprise)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Credit Record", theirs.name)

		found = [
			r["value"]
			for r in scoped_search_link("Credit Record", "XY-", page_length=100, ignore_user_permissions=1)
		]
		self.assertIn(own.name, found)
		self.assertNotIn(theirs.name, found)

		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Credit Record", theirs.name)

		# their score history likewise
		logs = frappe.get_list("Credit Score Log", fields=["enterprise"], distinct=True, pluck="enterprise")
		self.assertIn(self.enterprise, logs)
		self.assertNotIn(self.other, logs)

	def test_enterprise_user_cannot_confirm_or_edit(self):
		record = make_record(self.enterprise, BAD_RULE)
		frappe.set_user(self.enterprise_user)
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Credit Record", record.name), "Confirm")
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Credit Record", record.name, "evidence", "改写")
		with self.assertRaises(frappe.PermissionError):
			new_record(self.enterprise, GOOD_RULE).insert()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "workflow_state"), "Draft")

	def test_community_officer_reports_but_cannot_confirm(self):
		frappe.set_user(self.community_officer)
		record = make_record(self.enterprise, BAD_RULE)
		self.assertEqual(record.workflow_state, "Draft")
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Credit Record", record.name), "Confirm")
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Credit Record", record.name), "Revoke Record")
		with self.assertRaises(WorkflowPermissionError):
			new_record(self.enterprise, BAD_RULE, workflow_state="Confirmed").insert()
		# nor through REST, by setting the state
		with self.assertRaises(WorkflowPermissionError):
			frappe.client.set_value("Credit Record", record.name, "workflow_state", "Confirmed")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Credit Record", record.name, "workflow_state"), "Draft")
		self.assertEqual(credit_of(self.enterprise).credit_score, 70)

	def test_supervisor_confirms(self):
		record = make_record(self.enterprise, BAD_RULE)
		frappe.set_user(self.supervisor)
		apply_workflow(frappe.get_doc("Credit Record", record.name), "Confirm")
		frappe.set_user("Administrator")
		self.assertEqual(credit_of(self.enterprise).credit_score, 65)

	def test_outsiders_see_nothing(self):
		record = make_confirmed_record(self.enterprise, SMALL_GOOD_RULE)
		for user in (self.unscoped_enterprise_user, self.outsider):
			frappe.set_user(user)
			with self.subTest(user=user):
				self.assertFalse(
					frappe.has_permission("Credit Record", doc=frappe.get_doc("Credit Record", record.name))
				)
				with self.assertRaises(frappe.PermissionError):
					frappe.client.get("Credit Record", record.name)
				with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
					frappe.get_print("Credit Record", record.name)
				try:
					names = frappe.get_list("Credit Record", pluck="name")
				except frappe.PermissionError:
					names = []
				self.assertNotIn(record.name, names)
				try:
					found = [
						r["value"]
						for r in scoped_search_link("Credit Record", "XY-", ignore_user_permissions=1)
					]
				except frappe.PermissionError:
					found = []
				self.assertNotIn(record.name, found)
			frappe.set_user("Administrator")
