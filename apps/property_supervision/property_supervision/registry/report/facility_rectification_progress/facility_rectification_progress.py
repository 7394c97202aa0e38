# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Facility rectification progress by lead unit or by area against the plan (SPEC §14): the items
planned are the targets; completed, overdue, budget and average progress beside them.

Items are read through frappe.get_list: a Department Officer counts only their unit's items, an
area or community officer only the items of their jurisdiction's compounds."""

import frappe
from frappe import _

from property_supervision.registry.coverage import area_of_communities
from property_supervision.registry.facilities import ITEM, PLAN
from property_supervision.rules import facilities as rules
from property_supervision.rules.figures import percentage

LEAD_UNIT, AREA = "Lead Unit", "Area"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = filters.get("group_by") or LEAD_UNIT
	if group_by not in (LEAD_UNIT, AREA):
		frappe.throw(_("Please group the report by lead unit or by area."))
	rows = progress_rows(plan_filters(filters), group_by)
	data = [*rows, total_row(rows)] if rows else []
	return get_columns(group_by), data, None, None, get_summary(rows)


def plan_filters(filters) -> list:
	conditions = []
	if filters.get("plan"):
		conditions.append(["plan", "=", filters.plan])
	elif filters.get("year"):
		conditions.append(["plan", "=", frappe.db.get_value(PLAN, {"year": int(filters.year)}) or ""])
	if filters.get("lead_unit"):
		conditions.append(["lead_unit", "=", filters.lead_unit])
	return conditions


def progress_rows(conditions: list, group_by: str) -> list[dict]:
	items = frappe.get_list(
		ITEM,
		filters=conditions,
		fields=["lead_unit", "jurisdiction", "status", "is_overdue", "budget", "progress"],
		limit_page_length=0,
	)
	areas = area_of_communities() if group_by == AREA else {}
	groups: dict[str, dict] = {}
	for item in items:
		key = item.lead_unit if group_by == LEAD_UNIT else (areas.get(item.jurisdiction) or item.jurisdiction)
		row = groups.setdefault(
			key,
			frappe._dict(
				group=key, planned=0, completed=0, in_progress=0, overdue=0, budget=0.0, progress_sum=0.0
			),
		)
		if item.status == rules.CANCELLED:
			continue
		row.planned += 1
		row.completed += item.status == rules.COMPLETED
		row.in_progress += item.status == rules.IN_PROGRESS
		row.overdue += int(item.is_overdue or 0)
		row.budget += float(item.budget or 0)
		row.progress_sum += float(item.progress or 0)
	return [finish(groups[key]) for key in sorted(groups, key=lambda k: k or "")]


def finish(row: dict) -> dict:
	row.average_progress = round(row.progress_sum / row.planned, 1) if row.planned else 0
	row.completion_rate = percentage(row.completed, row.planned) or 0
	row.pop("progress_sum", None)
	return row


def total_row(rows: list[dict]) -> dict:
	total = frappe._dict(group=_("Total", context="Facility Rectification Progress"), is_total_row=1)
	for field in ("planned", "completed", "in_progress", "overdue", "budget"):
		total[field] = sum(r[field] for r in rows)
	weighted = sum(r.average_progress * r.planned for r in rows)
	total.average_progress = round(weighted / total.planned, 1) if total.planned else 0
	total.completion_rate = percentage(total.completed, total.planned) or 0
	return total


def get_columns(group_by: str) -> list[dict]:
	group = (
		{
			"fieldname": "group",
			"label": _("Lead Unit"),
			"fieldtype": "Link",
			"options": "Supervision Unit",
			"width": 220,
		}
		if group_by == LEAD_UNIT
		else {
			"fieldname": "group",
			"label": _("Area Committee or Subdistrict"),
			"fieldtype": "Data",
			"width": 220,
		}
	)
	return [
		group,
		{"fieldname": "planned", "label": _("Planned Items"), "fieldtype": "Int", "width": 110},
		{"fieldname": "completed", "label": _("Completed Items"), "fieldtype": "Int", "width": 110},
		{"fieldname": "in_progress", "label": _("In Progress"), "fieldtype": "Int", "width": 110},
		{"fieldname": "overdue", "label": _("Overdue Items"), "fieldtype": "Int", "width": 110},
		{"fieldname": "completion_rate", "label": _("Completion Rate"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "average_progress",
			"label": _("Average Progress"),
			"fieldtype": "Percent",
			"width": 110,
		},
		{"fieldname": "budget", "label": _("Budget (Yuan)"), "fieldtype": "Currency", "width": 130},
	]


def get_summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	total = total_row(rows)
	return [
		{"label": _("Planned Items"), "value": total.planned, "datatype": "Int"},
		{"label": _("Completed Items"), "value": total.completed, "datatype": "Int"},
		{"label": _("Overdue Items"), "value": total.overdue, "datatype": "Int", "indicator": "Red"},
		{"label": _("Completion Rate"), "value": total.completion_rate, "datatype": "Percent"},
	]
