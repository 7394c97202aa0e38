# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Facility items past their target date and not done (SPEC §14), most overdue first, read through
frappe.get_list so each user lists only the items they may read."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from property_supervision.registry.coverage import area_of_communities
from property_supervision.registry.facilities import ITEM


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	conditions = [["is_overdue", "=", 1]]
	for field in ("plan", "lead_unit", "issue_type"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	items = frappe.get_list(
		ITEM,
		filters=conditions,
		fields=[
			"name",
			"plan",
			"compound",
			"compound_name",
			"jurisdiction",
			"issue_type",
			"lead_unit",
			"target_date",
			"status",
			"progress",
			"remark",
		],
		order_by="target_date asc",
		limit_page_length=0,
	)
	areas = area_of_communities()
	now = getdate(today())
	for item in items:
		item.area = areas.get(item.jurisdiction) or item.jurisdiction
		item.days_overdue = date_diff(now, item.target_date)
		item.issue_type = _(item.issue_type)
		item.status = _(item.status)
	return get_columns(), items


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Facility Rectification Item"),
			"fieldtype": "Link",
			"options": ITEM,
			"width": 150,
		},
		{
			"fieldname": "compound",
			"label": _("Compound"),
			"fieldtype": "Data",
			"width": 120,
		},
		{"fieldname": "compound_name", "label": _("Compound Name"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "area",
			"label": _("Area Committee or Subdistrict"),
			"fieldtype": "Data",
			"width": 160,
		},
		{"fieldname": "issue_type", "label": _("Issue Type"), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "lead_unit",
			"label": _("Lead Unit"),
			"fieldtype": "Link",
			"options": "Supervision Unit",
			"width": 180,
		},
		{"fieldname": "target_date", "label": _("Target Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 100},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "progress", "label": _("Progress"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "remark", "label": _("Progress Remark"), "fieldtype": "Data", "width": 200},
	]
