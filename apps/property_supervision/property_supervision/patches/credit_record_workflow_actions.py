"""The shipped credit-record workflow now marks its revoked state optional (setup/workflows.py):
Frappe keeps Workflow Action records for drafts awaiting confirmation only, not an open "revoke"
entry for every confirmed record. On existing sites the active Credit Record workflow's states
meaning Revoked (workflow_meanings.py, whose patch runs before this one) become optional. The
entries already there are left as they are (an upgrade changes no existing record): each closes
when its record is revoked, and an administrator may delete them. A workflow without such a
state is left alone."""

import frappe
from frappe.model.workflow import get_workflow_name

from property_supervision import workflow_meanings as meanings


def execute():
	name = get_workflow_name("Credit Record")
	if not name:
		return
	workflow = frappe.get_doc("Workflow", name)
	revoked = {row.state for row in workflow.states if row.get("ps_meaning") == meanings.REVOKED}
	changed = False
	for row in workflow.states:
		if row.state in revoked and not row.is_optional_state:
			row.is_optional_state = 1
			changed = True
	if changed:
		workflow.flags.ignore_permissions = True
		workflow.save()
