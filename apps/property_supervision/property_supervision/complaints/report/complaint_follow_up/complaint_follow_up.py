# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""投诉回访名单: resolved complaints the complainant has not rated within Complaint Settings'
`follow_up_after_days` (or the days given), oldest resolution first, for an officer's follow-up
call; the call's rating is recorded on the complaint (记录回访, complaints/rating.py).

Through frappe.get_list, so an area or community officer lists only the complaints of their own
subtree; the phone shows masked (the form shows it in full to those who may read it)."""

import frappe
from frappe import _
from frappe.utils import cint, date_diff, now_datetime

from property_supervision.complaints.rating import follow_up_after_days, follow_up_filters

FIELDS = (
	"name",
	"compound_name",
	"jurisdiction",
	"enterprise",
	"category",
	"current_level",
	"handling_unit",
	"resolved_on",
	"dissatisfied_count",
	"complainant_phone_masked",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	days = follow_up_after_days() if filters.get("days") in (None, "") else cint(filters.days)
	if days < 0:
		frappe.throw(_("The number of days cannot be negative."))
	conditions = follow_up_filters(days)
	if filters.get("jurisdiction"):
		conditions.append(["jurisdiction", "descendants of (inclusive)", filters.jurisdiction])
	if filters.get("enterprise"):
		conditions.append(["enterprise", "=", filters.enterprise])
	rows = frappe.get_list(
		"Complaint",
		filters=conditions,
		fields=list(FIELDS),
		order_by="resolved_on asc",
		limit_page_length=0,
	)
	now = now_datetime()
	for row in rows:
		row.days_unrated = date_diff(now, row.resolved_on) if row.resolved_on else None
		row.current_level = _(row.current_level) if row.current_level else None
		row.category_label = _(row.category) if row.category else None
	return get_columns(), rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Complaint"),
			"fieldtype": "Link",
			"options": "Complaint",
			"width": 140,
		},
		{"fieldname": "compound_name", "label": _("Residential Compound"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "jurisdiction",
			"label": _("Community"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 140,
		},
		{
			"fieldname": "enterprise",
			"label": _("Property Enterprise"),
			"fieldtype": "Link",
			"options": "Property Enterprise",
			"width": 170,
		},
		{"fieldname": "category_label", "label": _("Category"), "fieldtype": "Data", "width": 120},
		{"fieldname": "current_level", "label": _("Resolved At"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "handling_unit",
			"label": _("Handling Unit"),
			"fieldtype": "Link",
			"options": "Supervision Unit",
			"width": 150,
		},
		{"fieldname": "resolved_on", "label": _("Resolved On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "days_unrated", "label": _("Days Unrated"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "dissatisfied_count",
			"label": _("Reopened as Dissatisfied"),
			"fieldtype": "Int",
			"width": 100,
		},
		{
			"fieldname": "complainant_phone_masked",
			"label": _("Complainant Phone"),
			"fieldtype": "Data",
			"width": 130,
		},
	]
