"""The shipped workflows get a readable Workflow Builder drawing (issue 11): states on a grid, not
one line; an administrator's own drawing is kept."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.setup.workflow_layout import COLUMNS, lay_out_workflows, layout

WORKFLOW = "Complaint Handling"


class TestWorkflowLayout(FrappeTestCase):
	def test_states_on_a_grid_and_every_action_between_its_states(self):
		workflow = frappe.get_doc("Workflow", WORKFLOW)
		nodes = layout(workflow)
		states = [n for n in nodes if n["type"] == "state"]
		actions = [n for n in nodes if n["type"] == "action"]
		self.assertEqual(len(states), len(workflow.states))
		self.assertGreater(len(workflow.states), COLUMNS)
		self.assertGreater(len({n["position"]["y"] for n in states}), 1, "all states on one line")
		self.assertLessEqual(len({n["position"]["x"] for n in states}), COLUMNS)
		self.assertEqual(len(actions), len(workflow.transitions))
		ids = {row.state: row.workflow_builder_id for row in workflow.states}
		for row, action in zip(workflow.transitions, actions, strict=True):
			self.assertEqual(row.workflow_builder_id, action["id"])
			self.assertEqual(action["data"], {"from_id": ids[row.state], "to_id": ids[row.next_state]})

	def test_layout_is_saved_once_and_an_administrators_drawing_is_kept(self):
		frappe.db.set_value("Workflow", WORKFLOW, "workflow_data", None)
		lay_out_workflows()
		saved = json.loads(frappe.db.get_value("Workflow", WORKFLOW, "workflow_data"))
		self.assertTrue(any(n["type"] == "state" for n in saved))
		own = json.dumps([{"id": "1", "type": "state", "position": {"x": 1, "y": 2}}])
		frappe.db.set_value("Workflow", WORKFLOW, "workflow_data", own)
		lay_out_workflows()
		self.assertEqual(frappe.db.get_value("Workflow", WORKFLOW, "workflow_data"), own)
