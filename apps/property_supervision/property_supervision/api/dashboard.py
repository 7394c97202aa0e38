"""Desk number cards of the Complaints module (SPEC §8) that a plain Document Type count
cannot express. Counted through frappe.get_list, so each user counts only the complaints they
may read (User Permissions and the app's scope hook apply)."""

import frappe
from frappe.utils import add_months, get_first_day, getdate, nowdate


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
