"""The one query behind the complaint figures (rules.figures): received, rejected, resolved,
overdue, handling time and satisfaction of the complaints received in a period, by the
jurisdiction or enterprise they belong to.

`Complaint Statistics`, the assessment indicators, the workspace's number cards and the credit
rules count through here, so the same area and year give the same rates everywhere. States are
found by their meaning (workflow_meanings), never by name. With `ignore_permissions` off the
database counts only what the user may read (User Permissions and the app's scope hook, through
frappe.get_list)."""

from datetime import date, datetime, time, timedelta

import frappe
from frappe.utils import getdate

from property_supervision import workflow_meanings as meanings
from property_supervision.rules.complaint_statistics import COUNTS


def _in(states: list[str]) -> str:
	return "({})".format(", ".join(frappe.db.escape(s) for s in states) if states else "''")


def aggregates(counts: tuple[str, ...] = COUNTS, weight: str | None = None) -> list[str]:
	"""The SQL aggregates named as rules.complaint_statistics.COUNTS (or the given few of them).
	With `weight`, each row stands for that many complaints (the monthly totals of
	complaints/monthly.py, which answer received, rejected, resolved and overdue)."""
	rejected = _in(meanings.states("Complaint", meanings.REJECTED))
	resolved = _in(meanings.resolved_complaint_states())
	conditions = {
		"rejected": f"workflow_state in {rejected}",
		"resolved": f"workflow_state in {resolved}",
		"overdue": f"was_overdue = 1 and workflow_state not in {rejected}",
		"satisfied": "satisfaction = 'Satisfied'",
		"basically_satisfied": "satisfaction = 'Basically Satisfied'",
		"dissatisfied": "satisfaction = 'Dissatisfied'",
	}
	if weight:
		columns = {"received": f"sum({weight})"}
		columns.update({key: f"sum(if({sql}, {weight}, 0))" for key, sql in conditions.items()})
	else:
		columns = {"received": "count(*)"}
		columns.update({key: f"sum({sql})" for key, sql in conditions.items()})
		columns.update(
			handled="count(resolved_on)",
			handling_days="sum(if(resolved_on is null, 0, handling_working_days))",
		)
	return [f"{columns[key]} as {key}" for key in counts]


def received_between(since: date | str | None = None, until: date | str | None = None) -> list[list]:
	"""Complaints received from `since` to `until` (both days included)."""
	conditions = []
	if since:
		conditions.append(["received_on", ">=", datetime.combine(getdate(since), time.min)])
	if until:
		conditions.append(
			["received_on", "<", datetime.combine(getdate(until) + timedelta(days=1), time.min)]
		)
	return conditions


def belonging_to(jurisdiction: str | None = None, enterprise: str | None = None) -> list[list]:
	"""Complaints of a jurisdiction's subtree, or against an enterprise."""
	conditions = []
	if jurisdiction:
		conditions.append(["jurisdiction", "descendants of (inclusive)", jurisdiction])
	if enterprise:
		conditions.append(["enterprise", "=", enterprise])
	return conditions


def count_complaints(
	conditions: list[list],
	group_by: str | None = None,
	ignore_permissions: bool = False,
	counts: tuple[str, ...] = COUNTS,
) -> list[frappe._dict]:
	"""The counts (rules.complaint_statistics.COUNTS, as ints) of the complaints matching
	`conditions`: one row, or one row per value of the SQL expression `group_by` (as
	`group_value`)."""
	fields = aggregates(counts)
	query = dict(filters=conditions, fields=fields, limit_page_length=0)
	if group_by:
		query.update(
			fields=[f"{group_by} as group_value", *fields], group_by="group_value", order_by="group_value asc"
		)
	rows = (frappe.get_all if ignore_permissions else frappe.get_list)("Complaint", **query)
	for row in rows:
		for key in COUNTS:
			row[key] = int(row.get(key) or 0)
	return rows


def totals(
	conditions: list[list], ignore_permissions: bool = False, counts: tuple[str, ...] = COUNTS
) -> frappe._dict:
	"""The counts of all complaints matching `conditions`, as one row (`counts`: only these, so
	that a narrow index answers; the others are 0)."""
	rows = count_complaints(conditions, ignore_permissions=ignore_permissions, counts=counts)
	return rows[0] if rows else frappe._dict(dict.fromkeys(COUNTS, 0))


# --- upheld complaints (rules.figures.is_upheld_complaint) -----------------------------------


def upheld_conditions() -> list[list]:
	"""Marked upheld, and ended in a state meaning Resolved or Closed (get_list filters)."""
	return [
		["is_upheld", "=", 1],
		["workflow_state", "in", meanings.resolved_complaint_states() or [""]],
	]


def upheld_criterion(complaint):
	"""The same condition on a query builder table of Complaint."""
	return (complaint.is_upheld == 1) & complaint.workflow_state.isin(
		meanings.resolved_complaint_states() or [""]
	)
