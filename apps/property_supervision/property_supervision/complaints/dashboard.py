"""Number Card sources of the Complaints module (SPEC §8) that a plain Document Type count cannot
express: the year's resolution and overdue rates, with the definitions of rules.figures and the
counts of complaints.figures (the same as `Complaint Statistics` and the assessment indicators).
Counted through frappe.get_list, so each user counts only the complaints they may read."""

import frappe
from frappe.utils import getdate, nowdate

from property_supervision.api.dashboard import normalize_filters
from property_supervision.complaints import figures
from property_supervision.rules.figures import overdue_rate, resolution_rate


def year_to_date_counts(filters=None) -> frappe._dict:
	today = getdate(nowdate())
	conditions = figures.received_between(today.replace(month=1, day=1), today)
	return figures.totals(conditions + normalize_filters(filters))


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
