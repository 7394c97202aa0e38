"""The server now enforces a workflow state's edit roles (data_protection/workflow_edit.py): the
Supervision Admin, who alone may correct a completed session's attendance, needs an edit row in
the completed state of the shipped training workflow (found by its meaning, workflow_meanings.py,
whose patch runs before this one). Added once; administrators' edits are kept (a deleted
workflow is left alone)."""

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.roles import SUPERVISION_ADMIN

WORKFLOW = "Training Session Process"


def execute():
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	completed = [row for row in workflow.states if row.get("ps_meaning") == meanings.COMPLETED]
	if not completed:
		return
	state = completed[0].state
	states = [row for row in workflow.states if row.state == state]
	if any(row.allow_edit == SUPERVISION_ADMIN for row in states):
		return
	workflow.append(
		"states",
		{
			"state": state,
			"doc_status": states[0].doc_status,
			"allow_edit": SUPERVISION_ADMIN,
			"ps_meaning": meanings.COMPLETED,
		},
	)
	workflow.save(ignore_permissions=True)
