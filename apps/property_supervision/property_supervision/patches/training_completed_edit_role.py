"""The server now enforces a workflow state's edit roles (data_protection/workflow_edit.py): the
Supervision Admin, who alone may correct a completed session's attendance, needs an edit row in
the Completed state of the shipped training workflow. Added once; administrators' edits are kept
(a renamed state or a deleted workflow is left alone)."""

import frappe

from property_supervision.roles import SUPERVISION_ADMIN

WORKFLOW = "Training Session Process"
STATE = "Completed"


def execute():
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	states = [row for row in workflow.states if row.state == STATE]
	if not states or any(row.allow_edit == SUPERVISION_ADMIN for row in states):
		return
	workflow.append(
		"states", {"state": STATE, "doc_status": states[0].doc_status, "allow_edit": SUPERVISION_ADMIN}
	)
	workflow.save(ignore_permissions=True)
