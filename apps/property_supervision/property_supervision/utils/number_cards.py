"""What the app's Custom Number Cards share: the card's own filters as conditions, and a count
over the workflow states of a meaning (workflow_meanings.py) that opens the list it counts.

The card sources themselves sit beside the module they count (complaints/dashboard.py,
registry/dashboard.py, registry/coverage.py, …). Everything is counted through frappe.get_list,
so each user counts only what they may read (User Permissions and the app's scope hook)."""

import frappe


def normalize_filters(filters: str | list | dict | None, doctype: str | None = None) -> list:
	"""The card's own filters (list or dict, possibly JSON) as a list of conditions; with
	`doctype`, a condition on a field it does not have is refused in Chinese (an administrator's
	card filter, or a crafted call, never reaches the database as an unknown column)."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	if not filters:
		return []
	if isinstance(filters, dict):
		conditions = [
			[key, "=", value] if not isinstance(value, list | tuple) else [key, *value]
			for key, value in filters.items()
		]
	else:
		conditions = list(filters)
	if doctype:
		for condition in conditions:
			check_condition(doctype, condition)
	return conditions


def check_condition(doctype: str, condition) -> None:
	"""A card filter is [field, operator, value] or [doctype, field, operator, value] — the desk's
	filter rows add a fifth element (hidden) — on a field of `doctype` (or of one of its child
	tables)."""
	from frappe import _
	from frappe.model import default_fields, optional_fields

	if not isinstance(condition, list | tuple) or len(condition) not in (2, 3, 4, 5):
		frappe.throw(_("This card's filters cannot be read."), title=_("Invalid Filter"))
	on, field = (condition[0], condition[1]) if len(condition) >= 4 else (doctype, condition[0])
	meta = frappe.get_meta(doctype)
	if on != doctype and on not in {df.options for df in meta.get_table_fields()}:
		frappe.throw(
			_("This card's filter names {0}, which is not part of {1}.").format(on, _(doctype)),
			title=_("Invalid Filter"),
		)
	target = frappe.get_meta(on)
	if not isinstance(field, str) or not (
		field in default_fields or field in optional_fields or target.has_field(field)
	):
		frappe.throw(
			_("This card's filter names a field {0} that {1} does not have.").format(field, _(on)),
			title=_("Invalid Filter"),
		)


def count(doctype: str, filters=None, extra: list | None = None) -> int:
	"""The records of `doctype` the user may read matching the card's filters and `extra`."""
	conditions = normalize_filters(filters, doctype) + (extra or [])
	rows = frappe.get_list(doctype, filters=conditions, fields=["count(*) as total"])
	return rows[0].total if rows else 0


# A Document Type card would have to spell the states in its filters; these follow the workflow
# an administrator renames or extends. Clicking a card opens the list with the same filters.


def state_card(doctype: str, filters, states: list[str], extra: list | None = None) -> dict:
	"""The count of `doctype` within the user's scope in `states` (and the card's own filters), and
	the list route that shows those records."""
	states = states or [""]
	route_options = {"workflow_state": ["in", states]}
	for condition in extra or []:
		route_options[condition[0]] = [condition[1], condition[2]]
	return {
		"value": count(doctype, filters, [["workflow_state", "in", states], *(extra or [])]),
		"fieldtype": "Int",
		"route": ["List", doctype],
		"route_options": route_options,
	}
