"""A workflow state row looked up by workflow and state comes from the cached workflow
(workflow_document_state.py): the same answer as the database, and no query. That it follows the
administrator's next save of the workflow is complaints/tests/test_monthly.py's
test_a_required_state_brings_frappes_workflow_actions_back."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.workflow.doctype.workflow_action.workflow_action import get_state_optional_field_value

from property_supervision.tests.factories import complaint_workflow
from property_supervision.workflow_document_state import cached_state_row


class TestWorkflowDocumentState(FrappeTestCase):
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
		workflow = complaint_workflow().name
		states = [row.state for row in frappe.get_cached_doc("Workflow", workflow).states]
		with self.assertQueryCount(0):
			for state in states:
				get_state_optional_field_value(workflow, state)

	def test_what_the_cache_cannot_answer_is_the_databases(self):
		workflow = complaint_workflow().name
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
