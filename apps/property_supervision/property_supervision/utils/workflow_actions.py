"""Frappe's Workflow Action hook, without its queries where it can do nothing.

Frappe runs `workflow_action.process_workflow_actions` on every save of every document with a
workflow (doc_events "*" on_update): it looks for actions created for the document, completes
the open ones, and creates actions for the roles of the next transitions — skipping every
transition whose next state is optional. The shipped complaint workflow marks every state
optional (no Workflow Action records for complaints, see benchmarks/README.md), so on a newly
inserted complaint the hook is a no-op that still costs seven statements (a third of a complaint
insert): no action can exist for a document inserted in this transaction, and none will be
created.

`install()` wraps the hook so that it returns at once for exactly that case — a document being
inserted whose active workflow marks every state optional — and runs Frappe's own function in
every other case (saves of existing documents, a workflow with a required state, trash). The
workflow comes from Frappe's document cache, which Frappe clears when the workflow is saved, so
an administrator who makes a state required gets Workflow Actions from the next insert on.
"""

import frappe
from frappe.model.workflow import get_workflow_name


def _all_states_optional(doctype: str) -> bool:
	name = get_workflow_name(doctype)
	if not name:
		return False
	workflow = frappe.get_cached_doc("Workflow", name)
	return bool(workflow.states) and all(state.is_optional_state for state in workflow.states)


def install():
	from frappe.workflow.doctype.workflow_action import workflow_action

	original = workflow_action.process_workflow_actions
	if getattr(original, "skips_new_documents_without_actions", False):
		return

	def process_workflow_actions(doc, state):
		if state == "on_update" and doc.flags.in_insert and _all_states_optional(doc.doctype):
			return None
		return original(doc, state)

	process_workflow_actions.skips_new_documents_without_actions = True
	process_workflow_actions.__wrapped__ = original
	process_workflow_actions.__doc__ = original.__doc__
	workflow_action.process_workflow_actions = process_workflow_actions
