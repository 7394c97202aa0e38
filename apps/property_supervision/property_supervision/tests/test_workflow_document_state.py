"""A workflow state row looked up by workflow and state comes from the cached workflow
(workflow_document_state.py): the same answer as the database, no query, and it follows the
administrator's next save of the workflow."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.workflow.doctype.workflow_action.workflow_action import get_state_optional_field_value

from property_supervision import workflow_meanings as meanings
from property_supervision.tests.factories import AREA, make_complaint, make_compound
from property_supervision.workflow_document_state import cached_state_row

COMMUNITY = "状态行测试社区"


def complaint_workflow_name() -> str:
	return frappe.db.get_value("Workflow", {"document_type": "Complaint", "is_active": 1})


def forget_workflow():
	"""After a rollback: Frappe's cached copy of the workflow would still be the edited one."""
	frappe.clear_document_cache("Workflow", complaint_workflow_name())
	meanings.clear_cache()


class TestWorkflowDocumentState(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("状态行测试小区", COMMUNITY, AREA)

	def setUp(self):
		frappe.db.savepoint("state_rows_test")

	def tearDown(self):
		frappe.db.rollback(save_point="state_rows_test")
		frappe.set_user("Administrator")
		forget_workflow()

	def test_every_state_row_is_the_databases(self):
		"""Every state of every workflow: the row the database gives for the workflow and the
		state (the last modified of the state's rows, one per role that may edit it)."""
		workflows = frappe.get_all("Workflow", pluck="name")
		self.assertTrue(workflows)
		compared = 0
		for workflow in workflows:
			rows = frappe.get_all("Workflow Document State", filters={"parent": workflow}, fields=["*"])
			for state in {row.state for row in rows}:
				latest = max(row.modified for row in rows if row.state == state)
				candidates = {row.name: row for row in rows if row.state == state and row.modified == latest}
				doc = frappe.get_doc("Workflow Document State", {"parent": workflow, "state": state})
				self.assertIn(doc.name, candidates)
				for field, value in candidates[doc.name].items():
					self.assertEqual(doc.get(field), value, f"{workflow} / {state}: {field}")
				database = {row.is_optional_state for row in candidates.values()}
				self.assertIn(get_state_optional_field_value(workflow, state), database)
				compared += 1
		self.assertGreater(compared, 20)

	def test_frappes_lookup_of_a_state_asks_no_query(self):
		workflow = complaint_workflow_name()
		states = [row.state for row in frappe.get_cached_doc("Workflow", workflow).states]
		with self.assertQueryCount(0):
			for state in states:
				get_state_optional_field_value(workflow, state)

	def test_what_the_cache_cannot_answer_is_the_databases(self):
		workflow = complaint_workflow_name()
		state = frappe.get_cached_doc("Workflow", workflow).states[0].state
		frappe.clear_messages()
		# no such workflow, no such state: nothing, as Frappe answers, and no message left behind
		self.assertIsNone(get_state_optional_field_value("没有这个工作流", state))
		self.assertIsNone(get_state_optional_field_value(workflow, "没有这个状态"))
		self.assertFalse(frappe.message_log)
		# other filters, or a row locked for update: the database
		self.assertIsNone(cached_state_row({"parent": workflow, "state": state, "doc_status": "0"}))
		self.assertIsNone(cached_state_row(state))
		locked = frappe.get_doc(
			"Workflow Document State", {"parent": workflow, "state": state}, for_update=True
		)
		self.assertEqual(locked.state, state)

	def test_a_state_made_required_in_the_desk_gets_its_workflow_actions(self):
		"""The administrator unticks 可选状态 on the community's state: the next complaint, whose
		only way on leads there, gets its Workflow Action again (the cached workflow is Frappe's,
		forgotten when the workflow is saved); ticked again, none."""
		community = meanings.state("Complaint", meanings.COMMUNITY_LEVEL)
		workflow = frappe.get_doc("Workflow", complaint_workflow_name())
		row = next(r for r in workflow.states if r.state == community)
		self.assertTrue(row.is_optional_state)
		first = make_complaint(self.compound)
		self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": first.name}))

		row.is_optional_state = 0
		workflow.save()
		second = make_complaint(self.compound)
		self.assertTrue(
			frappe.db.exists(
				"Workflow Action",
				{"reference_doctype": "Complaint", "reference_name": second.name, "status": "Open"},
			)
		)

		workflow.reload()
		next(r for r in workflow.states if r.state == community).is_optional_state = 1
		workflow.save()
		third = make_complaint(self.compound)
		self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": third.name}))
