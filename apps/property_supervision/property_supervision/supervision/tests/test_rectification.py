# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Supervision with consequences (issue 14, part 1), from the users' side: an inspector inspects an
enterprise under key supervision, issues a rectification notice (责令限期整改通知书) and sees the
credit record appear when it goes overdue; the enterprise answers its own notices only; bad input
is refused in Chinese with nothing saved; the daily job is idempotent; an enterprise cannot leave
key supervision while a notice is open; the notice prints in Chinese."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.credit.scoring import update_enterprise_credit
from property_supervision.supervision.rectification import (
	credit_key,
	mark_overdue_notices,
	record_missing_credit,
	schedule_key_inspections,
)
from property_supervision.tests.factories import (
	AREA,
	BAD_RULE,
	OTHER_AREA,
	act,
	complete_supervision_inspection,
	deliver_notices,
	issue_notices,
	make_compound,
	make_enterprise_user,
	make_officer,
	make_supervision_inspection,
	make_user,
	pdf_text,
	scored_enterprise,
	supervision_settings,
	use_chinese,
)

COMMUNITY = "监督检查测试社区"
OTHER_COMMUNITY = "监督检查测试外区社区"


def state_of(doc) -> str | None:
	return meanings.meaning_of(doc.doctype, frappe.db.get_value(doc.doctype, doc.name, "workflow_state"))


def credit_records(notice: str) -> list[dict]:
	return frappe.get_all(
		"Credit Record",
		filters={"reference_doctype": "Rectification Notice", "reference_name": notice},
		fields=["name", "rule", "points", "enterprise", "workflow_state", "auto_key"],
	)


def desk_notices(user: str, notice: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "Rectification Notice", "document_name": notice},
		pluck="subject",
	)


class TestRectification(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		supervision_settings()
		cls.district = make_user("supervision.district@example.com", ["District Supervisor"]).name
		cls.area_officer = make_officer("supervision.area@example.com", "Area Officer", AREA)
		cls.other_area_officer = make_officer(
			"supervision.other.area@example.com", "Area Officer", OTHER_AREA
		)

	def setUp(self):
		use_chinese()
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def enterprise(self, name: str, key: bool = False) -> str:
		enterprise = scored_enterprise(name)
		if key:
			frappe.db.set_value("Property Enterprise", enterprise, "key_supervision", 1)
		return enterprise

	def notice_for(self, enterprise: str, compound: str | None = None, user: str | None = None):
		frappe.set_user(user or self.district)
		try:
			inspection = make_supervision_inspection(enterprise=enterprise, compound=compound)
			inspection = complete_supervision_inspection(inspection)
			return issue_notices(inspection)[0]
		finally:
			frappe.set_user("Administrator")

	# --- the done-criterion -------------------------------------------------------------------

	def test_key_supervision_inspection_notice_and_credit_record_when_overdue(self):
		enterprise = self.enterprise("重点监管测试物业服务有限公司", key=True)
		enterprise_user = make_enterprise_user("supervision.key.ent@example.com", enterprise)

		# the daily job schedules the key-supervision inspection, once per period
		schedule_key_inspections()
		scheduled = frappe.get_all(
			"Supervision Inspection",
			filters={"enterprise": enterprise, "inspection_type": "Key Supervision"},
			pluck="name",
		)
		self.assertEqual(len(scheduled), 1)
		schedule_key_inspections()
		self.assertEqual(
			frappe.db.count(
				"Supervision Inspection", {"enterprise": enterprise, "inspection_type": "Key Supervision"}
			),
			1,
		)
		inspection = frappe.get_doc("Supervision Inspection", scheduled[0])
		self.assertEqual(meanings.meaning_of(inspection.doctype, inspection.workflow_state), meanings.DRAFT)
		self.assertTrue(inspection.checklist, "the settings' template gives the checklist")

		# the inspector (District Supervisor) inspects, records a finding and completes it
		frappe.set_user(self.district)
		inspection.append("inspectors", {"inspector_name": "检查员乙"})
		inspection.append(
			"findings",
			{"description": "电梯年检合格标志过期", "severity": "Serious", "requires_rectification": 1},
		)
		for row in inspection.checklist:
			row.result = "Fail" if row.idx == 1 else "Pass"
		inspection.save()
		self.assertEqual(inspection.open_findings, 1)
		self.assertLess(inspection.score, 100)
		inspection = complete_supervision_inspection(inspection)
		notices = issue_notices(inspection)
		frappe.set_user("Administrator")

		self.assertEqual(len(notices), 1)
		notice = notices[0]
		self.assertEqual(state_of(notice), meanings.ISSUED)
		self.assertEqual(getdate(notice.deadline), getdate(add_days(today(), 15)))
		self.assertEqual(notice.enterprise, enterprise)
		self.assertEqual(
			frappe.db.get_value(
				"Supervision Inspection Finding", inspection.findings[0].name, "rectification_notice"
			),
			notice.name,
		)
		self.assertEqual(frappe.db.get_value("Supervision Inspection", inspection.name, "open_findings"), 0)
		self.assertTrue(desk_notices(enterprise_user, notice.name), "the enterprise is told of the notice")
		# issuing again finds nothing left to issue
		frappe.set_user(self.district)
		with self.assertRaisesRegex(frappe.ValidationError, "没有待下达"):
			issue_notices(frappe.get_doc("Supervision Inspection", inspection.name))
		frappe.set_user("Administrator")

		# the day after the deadline the daily job marks it overdue and the credit record appears
		self.assertEqual(credit_records(notice.name), [])
		before = frappe.db.get_value("Property Enterprise", enterprise, "credit_score")
		after_deadline = add_days(notice.deadline, 1)
		mark_overdue_notices(on=notice.deadline)  # the deadline day itself: not yet
		self.assertEqual(frappe.db.get_value("Rectification Notice", notice.name, "is_overdue"), 0)
		# (other tests' open notices due the same day are marked alike)
		self.assertGreaterEqual(mark_overdue_notices(on=after_deadline).get("overdue"), 1)
		deliver_notices()
		notice.reload()
		self.assertEqual(notice.is_overdue, 1)
		records = credit_records(notice.name)
		self.assertEqual(len(records), 1)
		self.assertEqual(records[0].rule, BAD_RULE)
		self.assertEqual(records[0].enterprise, enterprise)
		self.assertEqual(records[0].auto_key, credit_key(notice.name))
		self.assertTrue(meanings.is_state("Credit Record", records[0].workflow_state, meanings.CONFIRMED))
		self.assertEqual(notice.credit_record, records[0].name)
		self.assertEqual(
			frappe.db.get_value("Property Enterprise", enterprise, "credit_score"), before + records[0].points
		)
		self.assertTrue(desk_notices(self.district, notice.name), "the district is told it is overdue")

		# idempotent: the next runs change nothing, never a second record for the notice
		self.assertEqual(mark_overdue_notices(on=add_days(after_deadline, 1)), {})
		self.assertEqual(record_missing_credit(), {})
		self.assertEqual(len(credit_records(notice.name)), 1)

		# listed in the report of overdue and refused notices
		from property_supervision.supervision.report.overdue_rectification.overdue_rectification import (
			execute,
		)

		columns, rows, *_rest = execute({"enterprise": enterprise})
		self.assertEqual([row.name for row in rows], [notice.name])
		self.assertEqual(rows[0].credit_record, records[0].name)
		self.assertIn("逾期天数", [column["label"] for column in columns])

	def test_refused_notice_makes_its_credit_record_at_once_and_once(self):
		enterprise = self.enterprise("拒不整改测试物业服务有限公司")
		notice = self.notice_for(enterprise)
		with self.assertRaisesRegex(frappe.ValidationError, "如何拒不整改"):
			act(notice, "Record Refusal", user=self.district, doctype="Rectification Notice")
		self.assertEqual(state_of(notice), meanings.ISSUED)
		act(notice, "Record Refusal", user=self.district, refusal_note="企业书面表示不予整改")
		self.assertEqual(state_of(notice), meanings.REFUSED)
		records = credit_records(notice.name)
		self.assertEqual(len(records), 1)
		# overdue later as well: still one record
		mark_overdue_notices(on=add_days(notice.deadline, 1))
		record_missing_credit()
		self.assertEqual(len(credit_records(notice.name)), 1)

	# --- the enterprise's side ------------------------------------------------------------------

	def test_enterprise_answers_only_its_own_notices_and_only_the_answer(self):
		compound = make_compound("监督检查测试小区", COMMUNITY, area=AREA)
		own = self.enterprise("整改答复测试甲物业有限公司")
		other = self.enterprise("整改答复测试乙物业有限公司")
		user = make_enterprise_user("supervision.answer.ent@example.com", own)
		frappe.db.set_value("Residential Compound", compound, "current_enterprise", own)
		mine = self.notice_for(own, compound=compound, user=self.area_officer)
		theirs = self.notice_for(other)

		frappe.set_user(user)
		visible = frappe.get_list("Rectification Notice", pluck="name")
		self.assertIn(mine.name, visible)
		self.assertNotIn(theirs.name, visible)
		self.assertFalse(frappe.has_permission("Rectification Notice", "read", theirs.name))
		self.assertNotIn(theirs.inspection, frappe.get_list("Supervision Inspection", pluck="name"))
		with self.assertRaises(frappe.PermissionError):
			doc = frappe.get_doc("Rectification Notice", theirs.name)
			doc.check_permission("write")

		# a field other than the answer: refused, nothing saved
		doc = frappe.get_doc("Rectification Notice", mine.name)
		doc.deadline = add_days(doc.deadline, 30)
		with self.assertRaisesRegex(frappe.PermissionError, "只能修改整改答复"):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Rectification Notice", mine.name, "deadline"), getdate(mine.deadline)
		)

		# submitting without an answer is refused; with it the notice is answered
		with self.assertRaisesRegex(frappe.ValidationError, "请填写整改情况"):
			act(mine, "Submit Answer", user=user)
		act(mine, "Submit Answer", user=user, answer="已清理消防通道，建立每日巡查台账")
		mine.reload()
		self.assertEqual(state_of(mine), meanings.ANSWERED)
		self.assertEqual(mine.answered_by, user)
		self.assertTrue(desk_notices(self.area_officer, mine.name), "the area officer is told to re-inspect")

		# the re-inspection closes it (only with a result that says rectified)
		with self.assertRaisesRegex(frappe.ValidationError, "复查"):
			act(mine, "Close as Rectified", user=self.area_officer)
		act(
			mine,
			"Close as Rectified",
			user=self.area_officer,
			reinspection_date=today(),
			reinspection_result="Rectified",
		)
		self.assertEqual(state_of(mine), meanings.CLOSED)
		# closed: the enterprise can no longer change its answer
		frappe.set_user(user)
		doc = frappe.get_doc("Rectification Notice", mine.name)
		doc.answer = "改写的答复"
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user("Administrator")

		# an area officer of another area sees neither the notice nor the inspection
		frappe.set_user(self.other_area_officer)
		self.assertNotIn(mine.name, frappe.get_list("Rectification Notice", pluck="name"))
		self.assertFalse(frappe.has_permission("Supervision Inspection", "read", mine.inspection))
		findings = frappe.get_list(
			"Supervision Inspection Finding",
			filters={"parent": mine.inspection},
			parent_doctype="Supervision Inspection",
			pluck="name",
		)
		self.assertEqual(findings, [], "the child rows follow the inspection's scope")
		frappe.set_user("Administrator")

	# --- bad input ------------------------------------------------------------------------------

	def assertRefused(self, doctype, make, message):
		before = frappe.db.count(doctype)
		with self.assertRaisesRegex(frappe.ValidationError, message):
			make()
		self.assertEqual(frappe.db.count(doctype), before)

	def test_bad_input_is_refused_in_chinese_and_nothing_saved(self):
		enterprise = self.enterprise("错误输入测试物业服务有限公司")
		frappe.set_user(self.district)
		self.assertRefused(
			"Supervision Inspection",
			lambda: make_supervision_inspection(findings=0),
			"请选择被检查的小区或企业",
		)
		self.assertRefused(
			"Supervision Inspection",
			lambda: make_supervision_inspection(enterprise=enterprise, inspection_type="Complaint"),
			"投诉",
		)
		self.assertRefused(
			"Supervision Inspection",
			lambda: make_supervision_inspection(enterprise=enterprise, inspection_type="Special Campaign"),
			"专项",
		)
		draft = make_supervision_inspection(enterprise=enterprise)
		# completion needs a result for every required item
		with self.assertRaisesRegex(frappe.ValidationError, "必查项目"):
			meanings.advance(draft, meanings.COMPLETED)
		self.assertEqual(state_of(draft), meanings.DRAFT)
		# no notice from a draft inspection
		from property_supervision.api.supervision import issue_rectification_notices

		self.assertRefused(
			"Rectification Notice", lambda: issue_rectification_notices(draft.name), "请先完成检查"
		)
		inspection = complete_supervision_inspection(draft)
		self.assertRefused(
			"Rectification Notice",
			lambda: frappe.get_doc(
				{
					"doctype": "Rectification Notice",
					"inspection": inspection.name,
					"enterprise": enterprise,
					"finding": "测试",
					"issued_on": today(),
					"deadline": add_days(today(), -1),
				}
			).insert(),
			"整改期限不能早于",
		)
		other = self.enterprise("错误输入测试另一物业有限公司")
		self.assertRefused(
			"Rectification Notice",
			lambda: frappe.get_doc(
				{
					"doctype": "Rectification Notice",
					"inspection": inspection.name,
					"enterprise": other,
					"finding": "测试",
				}
			).insert(),
			"被检查的企业",
		)
		frappe.set_user("Administrator")
		settings = frappe.get_doc("Supervision Settings")
		settings.rectification_days = 0
		with self.assertRaisesRegex(frappe.ValidationError, "整改期限至少"):
			settings.save()
		settings.reload()
		settings.overdue_credit_rule = "LH-03"
		with self.assertRaisesRegex(frappe.ValidationError, "扣分"):
			settings.save()
		self.assertEqual(frappe.db.get_single_value("Supervision Settings", "overdue_credit_rule"), BAD_RULE)

	# --- key supervision ------------------------------------------------------------------------

	def test_leaving_key_supervision_is_refused_while_notices_are_open(self):
		enterprise = self.enterprise("退出重点监管测试物业有限公司", key=True)
		notice = self.notice_for(enterprise)
		doc = frappe.get_doc("Property Enterprise", enterprise)
		doc.key_supervision = 0
		with self.assertRaisesRegex(frappe.ValidationError, "未办结的整改通知书"):
			doc.save()
		self.assertEqual(frappe.db.get_value("Property Enterprise", enterprise, "key_supervision"), 1)
		# the credit recomputation (grade A: no trigger of its own) keeps it under key supervision
		frappe.db.set_value("Property Enterprise", enterprise, "key_supervision", 0)
		update_enterprise_credit(enterprise, "测试")
		values = frappe.db.get_value(
			"Property Enterprise", enterprise, ["key_supervision", "key_supervision_reason"], as_dict=True
		)
		self.assertEqual(values.key_supervision, 1)
		self.assertEqual(values.key_supervision_reason, "有未办结的整改通知书")
		# once the notice is closed it may leave
		act(notice, "Submit Answer", user=self.district, answer="已整改")
		act(
			notice,
			"Close as Rectified",
			user=self.district,
			reinspection_date=today(),
			reinspection_result="Rectified",
		)
		update_enterprise_credit(enterprise, "测试")
		self.assertEqual(frappe.db.get_value("Property Enterprise", enterprise, "key_supervision"), 0)

	def test_key_inspection_scheduled_again_after_the_period(self):
		enterprise = self.enterprise("定期检查测试物业服务有限公司", key=True)
		schedule_key_inspections()
		filters = {"enterprise": enterprise, "inspection_type": "Key Supervision"}
		self.assertEqual(frappe.db.count("Supervision Inspection", filters), 1)
		schedule_key_inspections(on=add_days(today(), 20))
		self.assertEqual(frappe.db.count("Supervision Inspection", filters), 1)
		schedule_key_inspections(on=add_days(today(), 32))
		self.assertEqual(frappe.db.count("Supervision Inspection", filters), 2)
		# 0 months: none scheduled
		frappe.db.set_single_value("Supervision Settings", "key_inspection_frequency_months", 0)
		frappe.clear_document_cache("Supervision Settings", "Supervision Settings")
		try:
			schedule_key_inspections(on=add_days(today(), 400))
			self.assertEqual(frappe.db.count("Supervision Inspection", filters), 2)
		finally:
			supervision_settings()

	def test_enterprise_sees_an_inspection_only_once_completed(self):
		"""A planned visit (a draft, or one the daily job scheduled) is not announced to the
		enterprise by any list, count, form or child row; the completed inspection is."""
		enterprise = self.enterprise("突击检查测试物业服务有限公司", key=True)
		user = make_enterprise_user("supervision.surprise.ent@example.com", enterprise)
		schedule_key_inspections()
		scheduled = frappe.get_all("Supervision Inspection", filters={"enterprise": enterprise}, pluck="name")
		self.assertEqual(len(scheduled), 1)
		frappe.set_user(self.district)
		draft = make_supervision_inspection(enterprise=enterprise)
		frappe.set_user(user)
		try:
			self.assertEqual(frappe.get_list("Supervision Inspection", pluck="name"), [])
			counted = frappe.get_list("Supervision Inspection", fields=["count(*) as total"])
			self.assertEqual(counted[0].total, 0)
			for name in (*scheduled, draft.name):
				self.assertFalse(frappe.has_permission("Supervision Inspection", "read", name))
			self.assertEqual(
				frappe.get_list(
					"Supervision Inspection Finding",
					filters={"parent": draft.name},
					parent_doctype="Supervision Inspection",
					pluck="name",
				),
				[],
			)
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.district)
		complete_supervision_inspection(draft)
		frappe.set_user(user)
		try:
			self.assertEqual(frappe.get_list("Supervision Inspection", pluck="name"), [draft.name])
			self.assertTrue(frappe.has_permission("Supervision Inspection", "read", draft.name))
		finally:
			frappe.set_user("Administrator")

	# --- printing -------------------------------------------------------------------------------

	def test_notice_prints_in_chinese(self):
		enterprise = self.enterprise("打印测试物业服务有限公司")
		notice = self.notice_for(enterprise)
		self.assertEqual(frappe.get_meta("Rectification Notice").default_print_format, "责令限期整改通知书")
		text = pdf_text(frappe.get_print("Rectification Notice", notice.name, as_pdf=True))
		deadline = frappe.utils.formatdate(notice.deadline)
		for expected in (
			"责令限期整改通知书",
			"打印测试物业服务有限公司",
			"消防通道被杂物堵塞",
			"整改期限",
			deadline,
		):
			self.assertIn(expected, text)


class TestSupervisionDefaults(FrappeTestCase):
	"""The shipped defaults reach an existing site through the patch, once; an administrator's
	edits and deletions survive it."""

	def test_the_patch_creates_what_the_site_never_received_and_keeps_edits(self):
		import json

		from property_supervision.patches import supervision_defaults
		from property_supervision.setup.defaults import INSTALLED_KEY, installed_keys
		from property_supervision.supervision.defaults import (
			KEY_SUPERVISION_TEMPLATE,
			ROUTINE_TEMPLATE,
			create_default_templates,
		)

		supervision_settings()
		try:
			# a site from before the Supervision module: it never received the templates
			frappe.db.set_default(
				INSTALLED_KEY, json.dumps(sorted(installed_keys() - {"Inspection Templates"}))
			)
			for name in (ROUTINE_TEMPLATE, KEY_SUPERVISION_TEMPLATE):
				frappe.db.delete("Inspection Template Item", {"parent": name})
				frappe.db.delete("Inspection Template", {"name": name})
			# an administrator's edit of the settings
			frappe.db.set_single_value("Supervision Settings", "rectification_days", 20)

			supervision_defaults.execute()
			self.assertTrue(frappe.db.exists("Inspection Template", ROUTINE_TEMPLATE))
			self.assertEqual(len(frappe.get_doc("Inspection Template", KEY_SUPERVISION_TEMPLATE).items), 7)
			self.assertEqual(frappe.db.get_single_value("Supervision Settings", "rectification_days"), 20)
			self.assertIn("Inspection Templates", installed_keys())
			# the meaning fields know the new meanings
			options = frappe.get_meta("Workflow Document State").get_field("ps_meaning").options
			self.assertIn(meanings.REFUSED, options.split("\n"))

			# deleted by an administrator after that: stays deleted
			frappe.db.delete("Inspection Template Item", {"parent": ROUTINE_TEMPLATE})
			frappe.db.delete("Inspection Template", {"name": ROUTINE_TEMPLATE})
			supervision_defaults.execute()
			self.assertFalse(frappe.db.exists("Inspection Template", ROUTINE_TEMPLATE))
		finally:
			create_default_templates()
			supervision_settings()
