"""The shipped credit-record workflow now marks its revoked state optional (setup/workflows.py):
Frappe keeps Workflow Action records for drafts awaiting confirmation only, not an open "revoke"
entry for every confirmed record. On existing sites: the active Credit Record workflow's states
meaning Revoked (workflow_meanings.py, whose patch runs before this one) become optional, and the
open entries of confirmed records that offered only the revocation are removed. A workflow
without such a state is left alone."""

import frappe
from frappe.model.workflow import get_workflow_name

from property_supervision import workflow_meanings as meanings


def execute():
	name = get_workflow_name("Credit Record")
	if not name:
		return
	workflow = frappe.get_doc("Workflow", name)
	revoked = {row.state for row in workflow.states if row.get("ps_meaning") == meanings.REVOKED}
	if not revoked:
		return
	changed = False
	for row in workflow.states:
		if row.state in revoked and not row.is_optional_state:
			row.is_optional_state = 1
			changed = True
	if changed:
		workflow.flags.ignore_permissions = True
		workflow.save()
	# entries of states whose every transition leads to a revoked state offer nothing else
	only_revoking = {
		row.state
		for row in workflow.transitions
		if all(t.next_state in revoked for t in workflow.transitions if t.state == row.state)
	}
	if only_revoking:
		stale = frappe.get_all(
			"Workflow Action",
			filters={
				"reference_doctype": "Credit Record",
				"status": "Open",
				"workflow_state": ("in", sorted(only_revoking)),
			},
			pluck="name",
		)
		for start in range(0, len(stale), 1000):
			batch = stale[start : start + 1000]
			frappe.db.delete("Workflow Action Permitted Role", {"parent": ("in", batch)})
			frappe.db.delete("Workflow Action", {"name": ("in", batch)})
