# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Owners' committees whose term ends within the next N months (SPEC §8), with the re-election
notice date and late filings, so areas and communities prepare re-elections in time.

Rows are read with frappe.get_list: an area or community officer sees only the committees of
their own subtree, a user without access to owners' committees gets a PermissionError."""

import frappe
from frappe import _
from frappe.utils import add_months, cint, getdate, nowdate
from frappe.utils.nestedset import get_descendants_of

from property_supervision.registry.doctype.owners_committee.owners_committee import (
	TERM_EXPIRED,
	committee_states,
)
from property_supervision.rules.owners_committee import days_left

DEFAULT_MONTHS = 6


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = get_data(filters)
	return get_columns(), rows, None, None, get_summary(rows)


def get_data(filters: frappe._dict) -> list[dict]:
	today = getdate(nowdate())
	months = DEFAULT_MONTHS if filters.get("months") in (None, "") else max(cint(filters.months), 0)
	conditions = [["term_end", "is", "set"], ["term_end", "<=", add_months(today, months)]]
	if not cint(filters.get("include_expired")):
		conditions.append(["workflow_state", "not in", committee_states(TERM_EXPIRED)])
	if filters.get("jurisdiction"):
		scope = [filters.jurisdiction, *get_descendants_of("Jurisdiction", filters.jurisdiction)]
		conditions.append(["jurisdiction", "in", scope])
	rows = frappe.get_list(
		"Owners Committee",
		filters=conditions,
		fields=[
			"name as committee",
			"compound",
			"compound_name",
			"jurisdiction",
			"workflow_state",
			"term_start",
			"term_end",
			"reelection_notice_date",
			"reelection_announced",
			"filing_overdue",
		],
		order_by="term_end asc, name asc",
		limit_page_length=0,
	)
	communities = list({r.jurisdiction for r in rows if r.jurisdiction})
	areas = dict(
		frappe.get_all(
			"Jurisdiction",
			filters={"name": ("in", communities)},
			fields=["name", "parent_jurisdiction"],
			as_list=True,
		)
		if communities
		else []
	)
	for row in rows:
		row.area = areas.get(row.jurisdiction)
		row.days_left = days_left(getdate(row.term_end), today)
		# shown translated; the code stays for the colour
		row.state_code, row.workflow_state = (
			row.workflow_state,
			_(row.workflow_state) if row.workflow_state else "",
		)
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "committee",
			"label": _("Owners Committee"),
			"fieldtype": "Link",
			"options": "Owners Committee",
			"width": 130,
		},
		{
			"fieldname": "compound",
			"label": _("Residential Compound"),
			"fieldtype": "Link",
			"options": "Residential Compound",
			"width": 110,
		},
		{"fieldname": "compound_name", "label": _("Compound Name"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "jurisdiction",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 130,
		},
		{
			"fieldname": "area",
			"label": _("Area / Subdistrict"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 140,
		},
		{"fieldname": "workflow_state", "label": _("Filing Status"), "fieldtype": "Data", "width": 90},
		{"fieldname": "term_end", "label": _("Term End"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_left", "label": _("Days Left"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "reelection_notice_date",
			"label": _("Re-election Notice Date"),
			"fieldtype": "Date",
			"width": 120,
		},
		{
			"fieldname": "reelection_announced",
			"label": _("Re-election Announced"),
			"fieldtype": "Check",
			"width": 100,
		},
		{"fieldname": "filing_overdue", "label": _("Filing Overdue"), "fieldtype": "Check", "width": 90},
	]


def get_summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	ended = sum(1 for r in rows if r.days_left is not None and r.days_left < 0)
	return [
		{"label": _("Committees"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{"label": _("Term Ended"), "value": ended, "datatype": "Int", "indicator": "Red"},
		{"label": _("Expiring"), "value": len(rows) - ended, "datatype": "Int", "indicator": "Orange"},
		{
			"label": _("Filing Overdue"),
			"value": sum(1 for r in rows if r.filing_overdue),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
