"""Desk number cards of the Complaints module (SPEC §8) that a plain Document Type count
cannot express. Counted through frappe.get_list, so each user counts only the complaints they
may read (User Permissions and the app's scope hook apply)."""

import frappe
from frappe.utils import add_months, get_first_day, getdate, nowdate

from property_supervision import workflow_meanings as meanings


def count_complaints(filters: list | dict | None = None, extra: list | None = None) -> int:
	conditions = normalize_filters(filters) + (extra or [])
	rows = frappe.get_list("Complaint", filters=conditions, fields=["count(*) as total"])
	return rows[0].total if rows else 0


def normalize_filters(filters: str | list | dict | None) -> list:
	"""The card's own filters (list or dict, possibly JSON) as a list of conditions."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	if not filters:
		return []
	if isinstance(filters, dict):
		return [
			[key, "=", value] if not isinstance(value, list | tuple) else [key, *value]
			for key, value in filters.items()
		]
	return list(filters)


@frappe.whitelist()
def get_resolved_this_month(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Resolved This Month": complaints resolved since the first of this month."""
	first = get_first_day(getdate(nowdate()))
	count = count_complaints(
		filters,
		[["resolved_on", ">=", first.isoformat()], ["resolved_on", "<", add_months(first, 1).isoformat()]],
	)
	return {"value": count, "fieldtype": "Int"}


# --- cards over workflow states: the states are found by their meaning (workflow_meanings.py) ---
# A Document Type card would have to spell the states in its filters; these follow the workflow
# an administrator renames or extends. Clicking a card opens the list with the same filters.


def state_card(doctype: str, filters, states: list[str], extra: list | None = None) -> dict:
	"""The count of `doctype` within the user's scope in `states` (and the card's own filters), and
	the list route that shows those records."""
	states = states or [""]
	conditions = [*normalize_filters(filters), ["workflow_state", "in", states], *(extra or [])]
	rows = frappe.get_list(doctype, filters=conditions, fields=["count(*) as total"])
	route_options = {"workflow_state": ["in", states]}
	for condition in extra or []:
		route_options[condition[0]] = [condition[1], condition[2]]
	return {
		"value": rows[0].total if rows else 0,
		"fieldtype": "Int",
		"route": ["List", doctype],
		"route_options": route_options,
	}


@frappe.whitelist()
def get_open_complaints(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Open Complaints": complaints in a state of an open level."""
	return state_card("Complaint", filters, meanings.open_complaint_states())


@frappe.whitelist()
def get_overdue_complaints(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Overdue Complaints": open complaints past their deadline."""
	return state_card("Complaint", filters, meanings.open_complaint_states(), [["is_overdue", "=", 1]])


@frappe.whitelist()
def get_filed_enterprises(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Filed Enterprises": enterprises in a state meaning filed."""
	return state_card("Property Enterprise", filters, meanings.states("Property Enterprise", meanings.FILED))
