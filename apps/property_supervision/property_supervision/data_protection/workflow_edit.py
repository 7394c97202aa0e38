"""A workflow state's "only these roles may edit" (Workflow Document State → Only Allow Edit For),
enforced on the server for every DocType with an active workflow (hooks.py doc_events "*" validate, after the controller's own checks).

Frappe version-15 applies the rule only in the browser: a REST `PUT`, `frappe.client.set_value`,
`frappe.client.save` or a Data Import changes a document in any state. Here a save that changes a
field while the state stays the same needs one of the state's edit roles. A transition (the state
changes) is checked by the framework's own transition rules; saves the system makes
(`ignore_permissions`, system-applied transitions, install, migrate, patches) are not bound to the
roles of whoever triggered them.
"""

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields
from frappe.model.workflow import get_workflow_name

_SKIPPED_FIELDS = frozenset(default_fields) | {"_user_tags", "_comments", "_assign", "_liked_by", "_seen"}


def enforce_allow_edit(doc, method=None):
	if doc.is_new() or doc.flags.ignore_permissions or doc.flags.system_transition:
		return
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch:
		return
	user = frappe.session.user
	if user == "Administrator" or doc.meta.istable:
		return
	workflow_name = get_workflow_name(doc.doctype)
	if not workflow_name:
		return
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	before = doc.get_doc_before_save()
	if not before:
		return
	state = before.get(workflow.workflow_state_field)
	if not state or doc.get(workflow.workflow_state_field) != state:
		return
	edit_roles = {row.allow_edit for row in workflow.states if row.state == state and row.allow_edit}
	if not edit_roles or edit_roles & set(frappe.get_roles(user)):
		return
	changed = changed_fields(doc, before)
	if changed:
		frappe.throw(
			_("In the state {0} only {1} may change this {2} ({3}).").format(
				_(state),
				"、".join(_(role) for role in sorted(edit_roles)),
				_(doc.doctype),
				"、".join(_(doc.meta.get_label(f)) for f in changed[:5]),
			),
			frappe.PermissionError,
			title=_("Not permitted"),
		)


def changed_fields(doc, before) -> list[str]:
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in _SKIPPED_FIELDS or (
			df.fieldtype in no_value_fields
			and df.fieldtype
			not in (
				"Table",
				"Table MultiSelect",
			)
		):
			continue
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif _value(doc.get(df.fieldname)) != _value(before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed


def _value(value):
	if value in (None, "", 0, 0.0):
		return None
	return str(value)


def _rows(rows) -> list[tuple]:
	result = []
	for row in rows or []:
		values = row.as_dict(no_default_fields=True) if hasattr(row, "as_dict") else dict(row)
		result.append(tuple(sorted((k, _value(v)) for k, v in values.items() if k not in _SKIPPED_FIELDS)))
	return result
