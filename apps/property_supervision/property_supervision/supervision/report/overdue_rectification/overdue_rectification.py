# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Rectification notices overdue (open past their deadline, marked by the daily job) or refused:
the enterprises that did not carry out a 责令限期整改通知书, with the credit record each made.

Rows are read through frappe.get_list: an area or community officer sees only the notices of their
own subtree, an enterprise user only its own. States are found by their meaning."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from property_supervision import workflow_meanings as meanings


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = get_rows(filters)
	summary = [
		{"label": _("Overdue"), "value": sum(1 for r in rows if r.is_overdue), "indicator": "red"},
		{"label": _("Refused"), "value": sum(1 for r in rows if r.refused), "indicator": "orange"},
	]
	return get_columns(), rows, None, None, summary


def get_rows(filters) -> list:
	refused = meanings.states("Rectification Notice", meanings.REFUSED)
	open_states = meanings.open_rectification_states()
	conditions = []
	if filters.get("jurisdiction"):
		conditions.append(["jurisdiction", "descendants of (inclusive)", filters.jurisdiction])
	if filters.get("enterprise"):
		conditions.append(["enterprise", "=", filters.enterprise])
	fields = [
		"name",
		"enterprise",
		"enterprise_name",
		"compound",
		"compound_name",
		"jurisdiction",
		"issued_on",
		"deadline",
		"workflow_state",
		"is_overdue",
		"credit_record",
		"finding",
	]
	rows = frappe.get_list(
		"Rectification Notice",
		filters=[*conditions, ["workflow_state", "in", refused or [""]]],
		fields=fields,
		order_by="deadline asc",
		limit_page_length=0,
	)
	if not filters.get("only_refused"):
		seen = {row.name for row in rows}
		rows += [
			row
			for row in frappe.get_list(
				"Rectification Notice",
				filters=[*conditions, ["is_overdue", "=", 1], ["workflow_state", "in", open_states or [""]]],
				fields=fields,
				order_by="deadline asc",
				limit_page_length=0,
			)
			if row.name not in seen
		]
	on = getdate(today())
	for row in rows:
		row.refused = 1 if row.workflow_state in refused else 0
		row.days_overdue = max(date_diff(on, row.deadline), 0) if row.deadline and row.is_overdue else 0
		row.state = _(row.workflow_state) if row.workflow_state else ""
	rows.sort(key=lambda row: (row.deadline or on, row.name))
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Rectification Notice"),
			"fieldtype": "Link",
			"options": "Rectification Notice",
			"width": 140,
		},
		{
			"fieldname": "enterprise",
			"label": _("Property Enterprise"),
			"fieldtype": "Link",
			"options": "Property Enterprise",
			"width": 170,
		},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "compound_name", "label": _("Compound Name"), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "jurisdiction",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 130,
		},
		{"fieldname": "finding", "label": _("Finding"), "fieldtype": "Data", "width": 220},
		{"fieldname": "issued_on", "label": _("Issued On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "deadline", "label": _("Rectification Deadline"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 90},
		{"fieldname": "state", "label": _("Status"), "fieldtype": "Data", "width": 90},
		{"fieldname": "is_overdue", "label": _("Overdue"), "fieldtype": "Check", "width": 70},
		{"fieldname": "refused", "label": _("Refused"), "fieldtype": "Check", "width": 70},
		{
			"fieldname": "credit_record",
			"label": _("Credit Record"),
			"fieldtype": "Link",
			"options": "Credit Record",
			"width": 130,
		},
	]
