"""Workflow Document State rows looked up by their workflow and state, read from the workflow
Frappe already keeps in its cache (issue 12).

On every save of a document with a workflow, Frappe's Workflow Action hook
(`process_workflow_actions`) asks, for each transition out of the document's state, whether its
next state is optional: `frappe.get_cached_value("Workflow Document State", {"parent": workflow,
"state": state}, "is_optional_state")`. Frappe caches documents by name only, so each of these
lookups by filters is a query: four of them for every new complaint. Here such a lookup takes the
row from the workflow document of Frappe's own cache (`frappe.get_cached_doc("Workflow", …)`, the
one `frappe.model.workflow.get_workflow` reads for every save, forgotten by Frappe whenever the
workflow is saved). Every other lookup (by name, by other filters, for update) is Frappe's.

Wired through `override_doctype_class` for Workflow Document State (hooks.py).
"""

import frappe
from frappe.model.base_document import BaseDocument
from frappe.workflow.doctype.workflow_document_state.workflow_document_state import (
	WorkflowDocumentState,
)

BY_WORKFLOW_AND_STATE = {"parent", "state"}


class PropertySupervisionWorkflowDocumentState(WorkflowDocumentState):
	def load_from_db(self):
		row = None if self.flags.for_update else cached_state_row(self.name)
		if row is None:
			return super().load_from_db()
		# as Frappe's load_from_db does with the row it selected (a state row has no child tables)
		self.flags.ignore_children = True
		BaseDocument.__init__(self, row)
		self.flags.pop("ignore_children", None)
		if hasattr(self, "__setup__"):
			self.__setup__()
		return self


def cached_state_row(filters) -> dict | None:
	"""The row of a workflow's state as the database gives it, when `filters` are exactly the
	workflow and the state, from the cached workflow; None otherwise (the database answers)."""
	if not isinstance(filters, dict) or filters.keys() != BY_WORKFLOW_AND_STATE:
		return None
	workflow, state = filters["parent"], filters["state"]
	if not (isinstance(workflow, str) and isinstance(state, str)):
		return None
	try:
		cached = frappe.get_cached_doc("Workflow", workflow)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()  # no such workflow: the database answers, as Frappe would
		return None
	# a state may have several rows (one per role that may edit it): the database answers with
	# the last modified, as does this (the first in the workflow's order among equals)
	rows = [row for row in cached.states if row.state == state]
	if not rows:
		return None
	return max(rows, key=lambda row: row.modified).as_dict(convert_dates_to_str=False)
