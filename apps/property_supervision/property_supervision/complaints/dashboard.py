"""Number Card sources of the Complaints module (SPEC §8) that a plain Document Type count cannot
express: open and overdue complaints by the meaning of their states, this month's resolutions,
and the year's resolution and overdue rates with the definitions of rules.figures and the counts
of complaints.figures (the same as `Complaint Statistics` and the assessment indicators).
Counted through frappe.get_list, or from the monthly totals within the same permission
conditions, so each user counts only the complaints they may read."""

import frappe
from frappe.utils import add_months, get_first_day, getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints import figures, monthly
from property_supervision.rules.figures import overdue_rate, resolution_rate
from property_supervision.utils.number_cards import count, normalize_filters, state_card


@frappe.whitelist()
def get_open_complaints(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Open Complaints": complaints in a state of an open level."""
	return state_card("Complaint", filters, meanings.open_complaint_states())


@frappe.whitelist()
def get_overdue_complaints(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Overdue Complaints": open complaints past their deadline."""
	return state_card("Complaint", filters, meanings.open_complaint_states(), [["is_overdue", "=", 1]])


@frappe.whitelist()
def get_resolved_this_month(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Resolved This Month": complaints resolved since the first of this month."""
	first = get_first_day(getdate(nowdate()))
	resolved = count(
		"Complaint",
		filters,
		[["resolved_on", ">=", first.isoformat()], ["resolved_on", "<", add_months(first, 1).isoformat()]],
	)
	return {"value": resolved, "fieldtype": "Int"}


def year_to_date_counts(filters=None) -> frappe._dict:
	"""Received, rejected, resolved and overdue among the complaints received this year: from the
	monthly totals (complaints/monthly.py) when they can answer the user's scope and the card's
	filters, else from the complaints (complaints.figures)."""
	today = getdate(nowdate())
	first = today.replace(month=1, day=1)
	conditions = normalize_filters(filters, "Complaint")
	# no complaint is received after today (Complaint.validate), so the months to this one are the year so far
	counts = monthly.totals(first.isoformat(), get_first_day(today).isoformat(), conditions)
	if counts is not None:
		return counts
	# only what the rates need: an index of (received_on, state, was_overdue, jurisdiction) answers
	return figures.totals(figures.received_between(first, today) + conditions, counts=monthly.RATE_COUNTS)


@frappe.whitelist()
def get_resolution_rate(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Complaint Resolution Rate": complaints received this year."""
	counts = year_to_date_counts(filters)
	return {
		"value": resolution_rate(counts.resolved, counts.received, counts.rejected) or 0,
		"fieldtype": "Percent",
	}


@frappe.whitelist()
def get_overdue_rate(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Complaint Overdue Rate": complaints received this year."""
	counts = year_to_date_counts(filters)
	return {
		"value": overdue_rate(counts.overdue, counts.received, counts.rejected) or 0,
		"fieldtype": "Percent",
	}
