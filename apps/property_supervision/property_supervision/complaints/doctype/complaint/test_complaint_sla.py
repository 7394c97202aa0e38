# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The daily SLA job: overdue marking, automatic escalation, notifications and reminders."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from property_supervision.complaints.doctype.complaint.complaint import (
	process_sla_status,
	update_sla_status,
)
from property_supervision.tests.factories import (
	AREA,
	act,
	clock,
	complaint_settings,
	deliver_notices,
	forget_notices,
	make_complaint,
	make_compound,
	make_officer,
	use_chinese,
)

COMMUNITY = "时限测试社区"
TODAY = "2025-06-20"  # a Friday
JOB_TIME = "2025-06-20 01:00:00"


def complaint_at(compound, received_on, *steps):
	"""A complaint received at `received_on`, then moved by (moment, action, user, values)."""
	with clock(received_on):
		doc = make_complaint(compound)
	for moment, action, user, values in steps:
		with clock(moment):
			doc = act(doc.name, action, user, **values)
	return doc.name


def notifications(user, complaint):
	return frappe.db.count("Notification Log", {"for_user": user, "document_name": complaint})


class TestSLAJob(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("时限测试小区", COMMUNITY, AREA)
		cls.community_officer = make_officer("e.sla.community@example.com", "Community Officer", COMMUNITY)
		cls.area_officer = make_officer("e.sla.area@example.com", "Area Officer", AREA)
		cls.district = make_officer("e.sla.district@example.com", "District Supervisor")
		co, ao, ds = cls.community_officer, cls.area_officer, cls.district
		accept = ("2025-06-03 09:00:00", "Accept", co, {})
		with complaint_settings(auto_escalate=1, reminder_lead_days=1, calendar_days=[], category_limits=[]):
			cls.names = {
				# community level, deadline 9 June: escalated to the area
				"community": complaint_at(cls.compound, "2025-06-02 09:00:00", accept),
				# area level since 3 June, deadline 17 June: escalated to the district
				"area": complaint_at(
					cls.compound,
					"2025-06-02 09:00:00",
					accept,
					("2025-06-03 10:00:00", "Escalate to Area", co, {}),
				),
				# district level since 6 May, deadline 27 May: the top, marked only
				"district": complaint_at(
					cls.compound,
					"2025-05-05 09:00:00",
					("2025-05-05 10:00:00", "Accept", co, {}),
					("2025-05-05 11:00:00", "Escalate to Area", co, {}),
					("2025-05-06 09:00:00", "Escalate to District", ao, {}),
				),
				# never accepted, deadline 9 June: marked only
				"pending": complaint_at(cls.compound, "2025-06-02 09:00:00"),
				# resolved in time, deadline long past: never touched
				"resolved": complaint_at(
					cls.compound,
					"2025-06-02 09:00:00",
					accept,
					("2025-06-04 09:00:00", "Resolve", co, {"resolution": "已修复"}),
				),
				# deadline Monday 23 June, one working day ahead: reminded
				"due": complaint_at(cls.compound, "2025-06-16 09:00:00"),
				# deadline 26 June: not yet
				"later": complaint_at(cls.compound, "2025-06-19 09:00:00"),
			}
		cls.ds = ds

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("sla_test")  # each test starts from the same complaints

	def tearDown(self):
		frappe.db.rollback(save_point="sla_test")
		forget_notices()
		frappe.set_user("Administrator")
		frappe.clear_document_cache("Complaint Settings", "Complaint Settings")

	def get(self, key):
		return frappe.get_doc("Complaint", self.names[key])

	def run_job(self, **settings):
		values = {"auto_escalate": 1, "reminder_lead_days": 1, "calendar_days": [], "category_limits": []}
		values.update(settings)
		with complaint_settings(**values), clock(JOB_TIME):
			counts = process_sla_status(TODAY)
			deliver_notices()  # as the worker does after the job commits
			return counts

	def test_marks_escalates_notifies_and_reminds(self):
		untouched = {key: self.get(key).modified for key in ("resolved", "later", "district", "pending")}
		# the district heard of its complaint when it was escalated by hand
		self.assertEqual(notifications(self.district, self.names["district"]), 1)
		self.run_job()

		community = self.get("community")
		self.assertEqual((community.workflow_state, community.current_level), ("Area Handling", "Area"))
		self.assertEqual(community.escalation_count, 1)
		self.assertEqual(community.is_overdue, 0)  # a new level, a new deadline
		self.assertEqual(getdate(community.deadline), getdate("2025-07-04"))
		log = community.handling_log[-1]
		self.assertEqual(
			(log.action, log.level, log.user), ("Escalate to Area", "Community", "Administrator")
		)
		self.assertIn("自动上报", log.note)
		self.assertEqual(notifications(self.area_officer, community.name), 1)

		area = self.get("area")
		self.assertEqual(
			(area.workflow_state, area.current_level, area.escalation_count),
			("District Handling", "District", 2),
		)
		self.assertEqual(notifications(self.district, area.name), 1)

		district = self.get("district")
		self.assertEqual((district.workflow_state, district.is_overdue), ("District Handling", 1))
		self.assertEqual(district.modified, untouched["district"])  # no user acted
		self.assertEqual(notifications(self.district, district.name), 2)  # now: overdue

		pending = self.get("pending")
		self.assertEqual((pending.workflow_state, pending.is_overdue), ("Pending", 1))
		# the notice of its receipt (新投诉待社区受理), and now the one that it is overdue
		self.assertEqual(notifications(self.community_officer, pending.name), 2)

		resolved = self.get("resolved")
		self.assertEqual((resolved.workflow_state, resolved.is_overdue), ("Resolved", 0))
		self.assertEqual(resolved.modified, untouched["resolved"])

		due = self.get("due")
		self.assertEqual(getdate(due.reminded_deadline), getdate("2025-06-23"))
		self.assertEqual(notifications(self.community_officer, due.name), 2)  # received, due soon
		later = self.get("later")
		self.assertIsNone(later.reminded_deadline)
		self.assertEqual(later.modified, untouched["later"])

	def test_running_twice_changes_nothing_more(self):
		self.run_job()
		before = {key: self.get(key).as_dict() for key in self.names}
		sent = frappe.db.count("Notification Log", {"document_name": ("in", list(self.names.values()))})
		self.run_job()
		for key in self.names:
			after = self.get(key)
			self.assertEqual(after.modified, before[key].modified, key)
			self.assertEqual(len(after.handling_log), len(before[key].handling_log), key)
			self.assertEqual(after.is_overdue, before[key].is_overdue, key)
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": ("in", list(self.names.values()))}), sent
		)

	def test_without_automatic_escalation_overdue_complaints_are_marked(self):
		self.run_job(auto_escalate=0)
		community = self.get("community")
		self.assertEqual((community.workflow_state, community.is_overdue), ("Community Handling", 1))
		self.assertEqual(community.escalation_count, 0)
		self.assertEqual(notifications(self.community_officer, community.name), 2)  # received, overdue
		# switched on later: the marked complaint is escalated on the next run
		self.run_job(auto_escalate=1)
		self.assertEqual(self.get("community").workflow_state, "Area Handling")

	def test_a_failing_complaint_is_logged_and_the_rest_go_on(self):
		broken = self.names["community"]
		frappe.db.set_value("Complaint", broken, "category", "已删除的类别", update_modified=False)
		counts = self.run_job()
		self.assertGreaterEqual(counts["failed"], 1)
		self.assertTrue(
			frappe.db.exists("Error Log", {"reference_doctype": "Complaint", "reference_name": broken})
		)
		self.assertEqual(frappe.db.get_value("Complaint", broken, "workflow_state"), "Community Handling")
		self.assertEqual(self.get("area").workflow_state, "District Handling")

	def test_scheduler_runs_it_in_the_long_queue(self):
		"""A heavy sweep: scheduled on daily_long, so the long-queue worker runs it (the scheduler
		enqueues a scheduled job once at a time); the entry point is the sweep itself."""
		method = "property_supervision.complaints.doctype.complaint.complaint.update_sla_status"
		events = frappe.get_hooks("scheduler_events")
		self.assertIn(method, events["daily_long"])
		self.assertNotIn(method, events.get("daily", []))
		frappe.db.savepoint("sla_entry")
		try:
			counts = update_sla_status()  # today's run, taken back below
		finally:
			frappe.db.rollback(save_point="sla_entry")
			forget_notices()
		self.assertEqual(set(counts), {"marked", "escalated", "reminded", "failed"})
