"""The automation finds workflow states and actions by their meaning (workflow_meanings.py): an
administrator renames the complaint states and the escalation action, adds a state, and the next
daily job still times, escalates and notifies; a workflow without a needed meaning is refused."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from property_supervision import shared_cache
from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.doctype.complaint.complaint import process_sla_status
from property_supervision.tests.factories import (
	AREA,
	act,
	as_if_committed,
	clock,
	complaint_settings,
	complaint_workflow,
	deliver_notices,
	forget_complaint_workflow,
	make_complaint,
	make_compound,
	make_officer,
	use_chinese,
)

COMMUNITY = "含义测试社区"
RENAMES = {
	"Pending": "待受理（改名）",
	"Community Handling": "社区办理（改名）",
	"Area Handling": "片区办理（改名）",
	"District Handling": "区级办理（改名）",
}
ESCALATE_TO_AREA = "报片区（改名）"
ADDED_STATE = "街道审核（新增）"


def ensure_masters():
	for state in (*RENAMES.values(), ADDED_STATE):
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	for action in (ESCALATE_TO_AREA, "提交街道审核", "报区级"):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()


class TestWorkflowMeanings(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("含义测试小区", COMMUNITY, AREA)
		cls.community_officer = make_officer(
			"e.meaning.community@example.com", "Community Officer", COMMUNITY
		)
		cls.area_officer = make_officer("e.meaning.area@example.com", "Area Officer", AREA)
		cls.district = make_officer("e.meaning.district@example.com", "District Supervisor")

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("meanings_test")

	def tearDown(self):
		frappe.db.rollback(save_point="meanings_test")
		frappe.set_user("Administrator")
		meanings.clear_cache()
		forget_complaint_workflow()

	def rename_and_add(self):
		"""What an administrator does in the Workflow form: rename four states and the community's
		escalation action, and put 街道审核 between the area and the district (area level)."""
		ensure_masters()
		workflow = complaint_workflow()
		for row in workflow.states:
			row.state = RENAMES.get(row.state, row.state)
		for row in workflow.transitions:
			row.state = RENAMES.get(row.state, row.state)
			row.next_state = RENAMES.get(row.next_state, row.next_state)
			if row.action == "Escalate to Area":
				row.action = ESCALATE_TO_AREA
			if row.action == "Escalate to District":
				# the area now hands up to the subdistrict's review, which hands up to the district
				row.action, row.next_state = "提交街道审核", ADDED_STATE
		workflow.append(
			"states",
			{
				"state": ADDED_STATE,
				"doc_status": "0",
				"allow_edit": "Area Officer",
				"ps_meaning": meanings.AREA_LEVEL,
			},
		)
		workflow.append(
			"transitions",
			{
				"state": ADDED_STATE,
				"action": "报区级",
				"next_state": RENAMES["District Handling"],
				"allowed": "Area Officer",
				"allow_self_approval": 1,
				"ps_meaning": meanings.ESCALATES,
			},
		)
		workflow.save()
		return workflow

	def test_shipped_workflow_carries_meanings(self):
		self.assertEqual(meanings.state("Complaint", meanings.COMMUNITY_LEVEL), "Community Handling")
		self.assertEqual(
			meanings.escalation_actions(),
			{"Community Handling": "Escalate to Area", "Area Handling": "Escalate to District"},
		)
		self.assertEqual(meanings.states("Property Enterprise", meanings.FILED), ["Filed"])

	def test_meanings_shared_by_workers_follow_a_saved_workflow(self):
		"""Every worker reads the meanings once from Redis (shared_cache.py); saving the
		workflow forgets them, so another worker's next request sees the renamed states."""

		def another_worker():
			frappe.local.cache = {}  # what a new request of another process starts with

		meanings.clear_cache()
		# the workflows earlier tests saved in this transaction are not this request's (nothing
		# read after such a change is kept, shared_cache.read)
		as_if_committed()
		self.assertEqual(meanings.state("Complaint", meanings.RECEIVED), "Pending")
		another_worker()
		shared = frappe.cache.hget(shared_cache.WORKFLOW_MEANINGS, "Complaint")
		self.assertIn(("Pending", meanings.RECEIVED), shared["states"])
		self.rename_and_add()
		another_worker()
		self.assertIsNone(frappe.cache.hget(shared_cache.WORKFLOW_MEANINGS, "Complaint"))
		self.assertEqual(meanings.state("Complaint", meanings.RECEIVED), RENAMES["Pending"])
		# bench clear-cache and migrate forget them too (hooks.py clear_cache)
		self.assertIn("property_supervision.shared_cache.clear_cache", frappe.get_hooks("clear_cache"))
		frappe.clear_cache()
		another_worker()
		self.assertIsNone(frappe.cache.hget(shared_cache.WORKFLOW_MEANINGS, "Complaint"))

	def test_renamed_and_added_states_next_daily_job(self):
		self.rename_and_add()
		self.assertEqual(meanings.state("Complaint", meanings.RECEIVED), RENAMES["Pending"])
		accept = frappe.db.get_value(
			"Workflow Transition",
			{
				"parent": complaint_workflow().name,
				"state": RENAMES["Pending"],
				"next_state": RENAMES["Community Handling"],
			},
			"action",
		)
		with complaint_settings(auto_escalate=1, reminder_lead_days=1, calendar_days=[], category_limits=[]):
			with clock("2025-06-02 09:00:00"):
				doc = make_complaint(self.compound)
			self.assertEqual(doc.workflow_state, RENAMES["Pending"])
			with clock("2025-06-03 09:00:00"):
				doc = act(doc.name, accept, self.community_officer)
			self.assertEqual(
				(doc.workflow_state, doc.current_level), (RENAMES["Community Handling"], "Community")
			)

			# deadline 9 June: the daily job of 20 June escalates it with the renamed action
			with clock("2025-06-20 01:00:00"):
				counts = process_sla_status("2025-06-20")
			doc = frappe.get_doc("Complaint", doc.name)
			self.assertEqual(counts["failed"], 0)
			self.assertEqual((doc.workflow_state, doc.current_level), (RENAMES["Area Handling"], "Area"))
			self.assertEqual(doc.handling_log[-1].action, ESCALATE_TO_AREA)
			self.assertEqual(getdate(doc.deadline), getdate("2025-07-04"))
			deliver_notices()
			self.assertTrue(
				frappe.db.exists(
					"Notification Log", {"for_user": self.area_officer, "document_name": doc.name}
				)
			)

			# the area hands up to the added state (still the area level, same deadline), which
			# the job escalates to the renamed district state once overdue
			with clock("2025-06-23 09:00:00"):
				doc = act(doc.name, "提交街道审核", self.area_officer)
			self.assertEqual((doc.workflow_state, doc.current_level), (ADDED_STATE, "Area"))
			with clock("2025-07-10 01:00:00"):
				process_sla_status("2025-07-10")
			doc = frappe.get_doc("Complaint", doc.name)
			self.assertEqual(
				(doc.workflow_state, doc.current_level), (RENAMES["District Handling"], "District")
			)
			self.assertEqual(doc.handling_log[-1].action, "报区级")
			deliver_notices()
			self.assertTrue(
				frappe.db.exists("Notification Log", {"for_user": self.district, "document_name": doc.name})
			)

	def test_missing_state_meaning_refused_in_chinese(self):
		workflow = complaint_workflow()
		for row in workflow.states:
			if row.ps_meaning == meanings.AREA_LEVEL:
				row.ps_meaning = None
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn("片区", str(refused.exception))
		self.assertIn("需要", str(refused.exception))
		# nothing changed
		stored = frappe.get_all(
			"Workflow Document State", {"parent": workflow.name, "state": "Area Handling"}, pluck="ps_meaning"
		)
		self.assertEqual(stored, [meanings.AREA_LEVEL])

	def test_removed_state_refused(self):
		workflow = complaint_workflow()
		workflow.states = [row for row in workflow.states if row.ps_meaning != meanings.JOINT_MEETING_LEVEL]
		workflow.transitions = [
			row for row in workflow.transitions if "Joint Meeting" not in (row.state, row.next_state)
		]
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn("联席会议", str(refused.exception))

	def test_missing_escalation_refused(self):
		workflow = complaint_workflow()
		for row in workflow.transitions:
			row.ps_meaning = None
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn("上报", str(refused.exception))
		stored = frappe.get_all(
			"Workflow Transition", {"parent": workflow.name, "ps_meaning": meanings.ESCALATES}, pluck="action"
		)
		self.assertEqual(sorted(stored), ["Escalate to Area", "Escalate to District"])

	def test_meaning_of_another_doctype_refused(self):
		workflow = complaint_workflow()
		workflow.states[0].ps_meaning = meanings.CONFIRMED
		with self.assertRaises(frappe.ValidationError):
			workflow.save()

	def test_renamed_state_takes_its_documents(self):
		"""Renaming a state in the Workflow form (the same row) moves the complaints in it; the
		renamed escalation action renames the handling-log rows the credit job reads."""
		with complaint_settings(auto_escalate=1, reminder_lead_days=0, calendar_days=[], category_limits=[]):
			with clock("2025-06-02 09:00:00"):
				doc = make_complaint(self.compound)
			with clock("2025-06-03 09:00:00"):
				doc = act(doc.name, "Accept", self.community_officer)
			with clock("2025-06-20 01:00:00"):
				process_sla_status("2025-06-20")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Area Handling")
		self.rename_and_add()
		self.assertEqual(
			frappe.db.get_value("Complaint", doc.name, "workflow_state"), RENAMES["Area Handling"]
		)
		self.assertEqual(frappe.db.count("Complaint", {"workflow_state": "Area Handling"}), 0)
		actions = frappe.get_all("Complaint Handling Log", {"parent": doc.name}, pluck="action")
		self.assertIn(ESCALATE_TO_AREA, actions)
		self.assertNotIn("Escalate to Area", actions)
		self.assertIn(
			doc.name,
			{
				c.name
				for c in frappe.get_all(
					"Complaint", {"workflow_state": ("in", meanings.open_complaint_states())}
				)
			},
		)

	def test_state_without_meaning_refused(self):
		ensure_masters()
		workflow = complaint_workflow()
		workflow.append("states", {"state": ADDED_STATE, "doc_status": "0", "allow_edit": "Area Officer"})
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn("没有设置含义", str(refused.exception))

	def test_missing_joint_meeting_decision_refused(self):
		workflow = complaint_workflow()
		joint = meanings.state("Complaint", meanings.JOINT_MEETING_LEVEL)
		resolved = meanings.states("Complaint", meanings.RESOLVED)
		workflow.transitions = [
			row for row in workflow.transitions if not (row.state == joint and row.next_state in resolved)
		]
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn("联席会议 → 已办结", str(refused.exception))

	def test_desk_boot_carries_the_meanings(self):
		self.rename_and_add()
		bootinfo = frappe._dict()
		meanings.extend_bootinfo(bootinfo)
		states = bootinfo.ps_workflow_meanings["states"]["Complaint"]
		self.assertEqual(states[RENAMES["Area Handling"]], meanings.AREA_LEVEL)
		self.assertEqual(states[ADDED_STATE], meanings.AREA_LEVEL)
		self.assertNotIn("Area Handling", states)
		self.assertEqual(bootinfo.ps_workflow_meanings["meanings"]["AREA_LEVEL"], meanings.AREA_LEVEL)
		transitions = bootinfo.ps_workflow_meanings["transitions"]["Complaint"]
		self.assertIn(
			(RENAMES["Community Handling"], ESCALATE_TO_AREA, RENAMES["Area Handling"]), transitions
		)
		frappe.as_json(bootinfo)  # the boot is sent as JSON

	def test_advance_takes_the_renamed_action(self):
		"""Jobs and demo data move documents on by meaning: a renamed action is found."""
		self.rename_and_add()
		doc = make_complaint(self.compound)
		doc = meanings.advance(doc, meanings.COMMUNITY_LEVEL)
		self.assertEqual(doc.workflow_state, RENAMES["Community Handling"])
		with self.assertRaises(frappe.ValidationError):
			meanings.advance(doc, meanings.CONFIRMED)
