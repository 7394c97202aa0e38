# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The daily credit job: automatic records from the facts other modules keep, once each, and the
expiry recomputation, touching only the enterprises concerned."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, today

from property_supervision.credit import jobs
from property_supervision.credit.scoring import update_enterprise_credit
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.rules.credit import add_months
from property_supervision.tests.factories import (
	BAD_RULE,
	GOOD_RULE,
	confirm,
	insert_assessment,
	insert_complaint,
	insert_training_session,
	make_compound,
	make_confirmed_record,
	make_enterprise,
	make_record,
	make_test_community,
	mark_site_cache,
	scored_enterprise,
	setup_credit,
	site_cache_kept,
	use_chinese,
)
from property_supervision.utils import sweep

CREDIT_FIELDS = ["credit_score", "credit_grade", "key_supervision", "key_supervision_reason", "modified"]


def credit_of(enterprise: str) -> frappe._dict:
	return frappe.db.get_value("Property Enterprise", enterprise, CREDIT_FIELDS, as_dict=True)


def records_of(enterprise: str, source: str | None = None) -> list[frappe._dict]:
	filters = {"enterprise": enterprise}
	if source:
		filters["source"] = source
	return frappe.get_all(
		"Credit Record",
		filters=filters,
		fields=[
			"name",
			"rule",
			"points",
			"source",
			"workflow_state",
			"is_automatic",
			"auto_key",
			"reference_doctype",
			"reference_name",
			"occurred_on",
			"evidence",
		],
		order_by="name asc",
	)


class TestCreditJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		setup_credit()
		cls.enterprise = scored_enterprise("测试诚信任务甲物业服务有限公司")
		cls.other = scored_enterprise("测试诚信任务乙物业服务有限公司")
		# never concerned by anything below: must stay exactly as it is
		cls.bystander = scored_enterprise("测试诚信任务丙物业服务有限公司")

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()
		self.bystander_before = credit_of(self.bystander)
		self.bystander_logs = frappe.db.count("Credit Score Log", {"enterprise": self.bystander})
		frappe.db.savepoint("credit_jobs_test")
		# complaints another test class left committed on the site are not this test's facts: they
		# are recorded first, inside the savepoint that the test rolls back
		jobs.record_upheld_complaints()
		jobs.record_overdue_complaints()

	def tearDown(self):
		self.assertEqual(credit_of(self.bystander), self.bystander_before)
		self.assertEqual(
			frappe.db.count("Credit Score Log", {"enterprise": self.bystander}), self.bystander_logs
		)
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="credit_jobs_test")
		# the defaults cache outlives the rollback
		frappe.cache.hdel("defaults", "__default")

	def assertRunsOnce(self, sweep, expected: int) -> list[str]:
		created = sweep()
		self.assertEqual(len(created), expected)
		self.assertEqual(sweep(), [], "a second run creates nothing")
		return created

	def test_upheld_complaints(self):
		resolved = add_days(now_datetime(), -3)
		insert_complaint("TS-TEST-CJ-0001", self.enterprise, resolved_on=resolved)
		insert_complaint("TS-TEST-CJ-0002", self.enterprise, is_upheld=0)
		# reopened: not final
		insert_complaint("TS-TEST-CJ-0003", self.enterprise, workflow_state="Community Handling")
		# long ago: would have expired already
		insert_complaint("TS-TEST-CJ-0004", self.enterprise, resolved_on=add_days(now_datetime(), -400))
		# against no enterprise
		insert_complaint("TS-TEST-CJ-0005", None)

		self.assertRunsOnce(jobs.record_upheld_complaints, 1)
		[record] = records_of(self.enterprise)
		self.assertEqual(
			(record.rule, record.points, record.source, record.workflow_state, record.is_automatic),
			("BL-01", -2, "Complaint Upheld", "Confirmed", 1),
		)
		self.assertEqual(record.auto_key, "Complaint Upheld:TS-TEST-CJ-0001")
		self.assertEqual((record.reference_doctype, record.reference_name), ("Complaint", "TS-TEST-CJ-0001"))
		self.assertEqual(getdate(record.occurred_on), getdate(resolved))
		self.assertIn("TS-TEST-CJ-0001", record.evidence)

		self.assertEqual(credit_of(self.enterprise).credit_score, 68)
		log = frappe.get_all(
			"Credit Score Log",
			filters={"enterprise": self.enterprise},
			fields=["score", "reason"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual((log.score, log.reason), (68, "已记录经查属实的投诉"))
		self.assertEqual(records_of(self.other), [])

	def test_automatic_records_wait_in_no_inbox(self):
		"""A confirmed record's only next step is its revocation: Frappe keeps no Workflow Action
		for it (the shipped workflow's revoked state is optional), while a draft awaiting
		confirmation still gets its entry."""
		insert_complaint("TS-TEST-CJ-0101", self.enterprise, resolved_on=add_days(now_datetime(), -2))
		[name] = jobs.record_upheld_complaints()
		self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": name}))
		draft = make_record(self.enterprise)
		open_entries = {"reference_name": draft.name, "status": "Open"}
		self.assertEqual(frappe.db.get_value("Workflow Action", open_entries, "workflow_state"), "Draft")
		confirm(draft)
		self.assertFalse(frappe.db.exists("Workflow Action", open_entries))

	def test_overdue_complaints(self):
		deadline = getdate(add_days(today(), -5))
		insert_complaint(
			"TS-TEST-CJ-0101",
			self.enterprise,
			workflow_state="Area Handling",
			current_level="Area",
			is_upheld=0,
			resolved_on=None,
			is_overdue=1,
			deadline=deadline,
		)
		insert_complaint(
			"TS-TEST-CJ-0102",
			self.other,
			workflow_state="Community Handling",
			is_upheld=0,
			resolved_on=None,
			deadline=deadline,
		)
		escalated_on = add_days(now_datetime(), -4)
		escalation = {"level": "Community", "action": "Escalate to Area", "log_time": escalated_on}
		open_at_area = dict(
			workflow_state="Area Handling",
			current_level="Area",
			is_upheld=0,
			resolved_on=None,
			escalation_count=1,
			received_on=add_days(now_datetime(), -12),
			deadline=add_days(today(), 6),
		)
		# escalated by the daily SLA job (which runs as Administrator) for missing its deadline: it
		# left a level whose deadline had passed (was_overdue, as the controller sets it)
		insert_complaint(
			"TS-TEST-CJ-0103",
			self.other,
			handling_log=[{**escalation, "user": "Administrator"}],
			was_overdue=1,
			**open_at_area,
		)
		# escalated by the community officer in time: not overdue
		insert_complaint(
			"TS-TEST-CJ-0104",
			self.other,
			handling_log=[{**escalation, "user": "test-cr-community@example.com"}],
			**open_at_area,
		)
		self.assertRunsOnce(jobs.record_overdue_complaints, 2)
		[record] = records_of(self.enterprise)
		self.assertEqual(
			(record.rule, record.points, record.reference_name), ("BL-02", -1, "TS-TEST-CJ-0101")
		)
		self.assertEqual(getdate(record.occurred_on), deadline + timedelta(days=1))
		self.assertEqual(credit_of(self.enterprise).credit_score, 69)
		[record] = records_of(self.other)
		self.assertEqual(record.reference_name, "TS-TEST-CJ-0103")
		self.assertEqual(getdate(record.occurred_on), getdate(escalated_on))
		self.assertIn("自动上交", record.evidence)

	def test_complaint_hook_records_one_complaint_at_once(self):
		insert_complaint("TS-TEST-CJ-0151", self.enterprise)
		insert_complaint("TS-TEST-CJ-0152", self.enterprise, is_overdue=1, deadline=add_days(today(), -8))
		# still open: nothing yet
		open_complaint = insert_complaint("TS-TEST-CJ-0153", self.other, workflow_state="Community Handling")
		jobs.on_complaint_update(open_complaint)
		self.assertEqual(records_of(self.other), [])
		jobs.on_complaint_update(frappe.get_doc("Complaint", "TS-TEST-CJ-0152"))
		self.assertEqual(
			{(r.source, r.reference_name) for r in records_of(self.enterprise)},
			{("Complaint Upheld", "TS-TEST-CJ-0152"), ("Complaint Overdue", "TS-TEST-CJ-0152")},
		)
		self.assertEqual(credit_of(self.enterprise).credit_score, 67)
		# the daily run later records the other complaint and nothing twice
		self.assertEqual(len(jobs.record_upheld_complaints()), 1)
		self.assertEqual(jobs.record_overdue_complaints(), [])

	def test_publicity_overdue(self):
		community = make_test_community("诚信任务测试社区")
		compound = make_compound("诚信任务测试小区", community)
		set_management(compound, "Professional Enterprise", self.enterprise, since=getdate("2020-01-01"))
		created = self.assertRunsOnce(jobs.record_publicity_overdue, 1)
		record = frappe.get_doc("Credit Record", created[0])
		self.assertEqual((record.enterprise, record.rule, record.points), (self.enterprise, "BL-03", -3))
		self.assertEqual(
			(record.reference_doctype, record.reference_name), ("Residential Compound", compound)
		)
		self.assertTrue(record.auto_key.startswith(f"Publicity Overdue:{compound}:"))
		self.assertEqual(credit_of(self.enterprise).credit_score, 67)

	def test_assessment_results(self):
		insert_assessment("KH-TEST-CJ-0001", self.enterprise, "Fail")
		insert_assessment("KH-TEST-CJ-0002", self.other, "Excellent")
		insert_assessment("KH-TEST-CJ-0003", self.other, "Pass")
		insert_assessment("KH-TEST-CJ-0004", self.other, "Fail", workflow_state="Review")
		self.assertRunsOnce(jobs.record_assessment_results, 2)
		[bad] = records_of(self.enterprise)
		[good] = records_of(self.other)
		self.assertEqual((bad.rule, bad.points, bad.reference_name), ("BL-04", -5, "KH-TEST-CJ-0001"))
		self.assertEqual((good.rule, good.points, good.reference_name), ("LH-09", 3, "KH-TEST-CJ-0002"))
		self.assertEqual(credit_of(self.enterprise).credit_grade, "B")
		self.assertEqual(credit_of(self.other).credit_score, 73)

	def test_training_absence(self):
		insert_training_session(
			"PX-TEST-CJ-0001",
			[(self.enterprise, 0), (self.enterprise, 0), (self.other, 0), (self.other, 1)],
		)
		# not mandatory, or not completed yet: nobody is absent
		insert_training_session("PX-TEST-CJ-0002", [(self.enterprise, 0)], is_mandatory=0)
		insert_training_session("PX-TEST-CJ-0003", [(self.enterprise, 0)], workflow_state="Published")
		self.assertRunsOnce(jobs.record_training_absence, 1)
		[record] = records_of(self.enterprise)
		self.assertEqual((record.rule, record.points), ("BL-05", -1))
		self.assertEqual(record.auto_key, f"Training Absence:PX-TEST-CJ-0001:{self.enterprise}")
		self.assertEqual(
			(record.reference_doctype, record.reference_name), ("Training Session", "PX-TEST-CJ-0001")
		)
		# one of its staff attended: not absent
		self.assertEqual(records_of(self.other), [])

	def test_deactivated_rule_switches_its_sweep_off(self):
		frappe.db.set_value("Credit Rule", "BL-01", "is_active", 0)
		insert_complaint("TS-TEST-CJ-0201", self.enterprise)
		self.assertEqual(jobs.record_upheld_complaints(), [])
		self.assertEqual(records_of(self.enterprise), [])

	def test_expiry_recomputes_only_enterprises_whose_records_expired(self):
		tomorrow = getdate(add_days(today(), 1))
		expiring = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.db.set_value("Credit Record", expiring.name, "expires_on", today())
		lasting = make_confirmed_record(self.other, GOOD_RULE)
		self.assertEqual(credit_of(self.enterprise).credit_score, 65)
		other_before = credit_of(self.other)
		other_logs = frappe.db.count("Credit Score Log", {"enterprise": self.other})

		sweep.record_day(jobs.LAST_EXPIRY_RUN, today())
		mark_site_cache()
		self.assertEqual(jobs.expire_records(tomorrow), [self.enterprise])
		self.assertTrue(site_cache_kept())  # the day it handled is the job's own default
		credit = credit_of(self.enterprise)
		self.assertEqual((credit.credit_score, credit.credit_grade, credit.key_supervision), (70, "A", 0))
		log = frappe.get_all(
			"Credit Score Log",
			filters={"enterprise": self.enterprise},
			fields=["log_date", "reason"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual((getdate(log.log_date), log.reason), (tomorrow, "诚信记录到期失效"))
		self.assertEqual(credit_of(self.other), other_before)
		self.assertEqual(frappe.db.count("Credit Score Log", {"enterprise": self.other}), other_logs)
		self.assertEqual(frappe.db.get_value("Credit Record", lasting.name, "workflow_state"), "Confirmed")
		# the same day again: nothing to do
		self.assertEqual(sweep.recorded_day(jobs.LAST_EXPIRY_RUN), tomorrow)
		self.assertEqual(jobs.expire_records(tomorrow), [])

	def test_expiry_catches_up_after_missed_days(self):
		expiring = make_confirmed_record(self.enterprise, BAD_RULE)
		frappe.db.set_value("Credit Record", expiring.name, "expires_on", add_days(today(), -2))
		sweep.record_day(jobs.LAST_EXPIRY_RUN, add_days(today(), -3))
		self.assertEqual(jobs.expire_records(), [self.enterprise])

	def test_upheld_complaint_leaving_the_window_ends_key_supervision(self):
		window_start = add_months(getdate(today()), -12)
		insert_complaint("TS-TEST-CJ-0301", self.other, resolved_on=f"{window_start} 10:00:00")
		insert_complaint("TS-TEST-CJ-0302", self.other)
		insert_complaint("TS-TEST-CJ-0303", self.other)
		update_enterprise_credit(self.other)
		self.assertEqual(credit_of(self.other).key_supervision, 1)
		sweep.record_day(jobs.LAST_EXPIRY_RUN, today())
		self.assertEqual(jobs.expire_records(add_days(today(), 1)), [self.other])
		self.assertEqual(credit_of(self.other).key_supervision, 0)

	def test_daily_runs_every_sweep_once(self):
		newcomer = make_enterprise("测试诚信任务新登记物业服务有限公司").name
		insert_complaint("TS-TEST-CJ-0401", self.enterprise)
		insert_assessment("KH-TEST-CJ-0401", self.other, "Excellent")
		jobs.daily()
		self.assertEqual(len(records_of(self.enterprise, "Complaint Upheld")), 1)
		self.assertEqual(len(records_of(self.other, "Assessment Result")), 1)
		self.assertEqual(sweep.recorded_day(jobs.LAST_EXPIRY_RUN), getdate(today()))
		# a newly registered enterprise gets its first score
		credit = credit_of(newcomer)
		self.assertEqual((credit.credit_score, credit.credit_grade), (70, "A"))
		self.assertEqual(
			frappe.db.get_value("Credit Score Log", {"enterprise": newcomer}, "reason"), "首次诚信评价"
		)

		records = frappe.db.count("Credit Record")
		logs = frappe.db.count("Credit Score Log")
		jobs.daily()
		self.assertEqual(frappe.db.count("Credit Record"), records)
		self.assertEqual(frappe.db.count("Credit Score Log"), logs)
		self.assertFalse(frappe.get_all("Error Log", filters={"method": ("like", "%诚信%")}, limit=1))
