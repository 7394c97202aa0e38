# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Complaints received, resolved and overdue, handling time and satisfaction, by community,
area, enterprise, category or month (SPEC §8).

The database does the counting: one GROUP BY query (complaints.figures, the same counts the
assessment indicators and the workspace use) through frappe.get_list, which applies the
user's permissions (User Permission on Jurisdiction / Property Enterprise and the app's scope
hook), so an area officer counts only the complaints of their own subtree. Areas are rolled up
from the community groups along the Jurisdiction tree (lft/rgt); the figures derived from the
counts come from rules.complaint_statistics.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from property_supervision.complaints import figures
from property_supervision.registry.doctype.property_enterprise.property_enterprise import get_enterprise_names
from property_supervision.rules.complaint_statistics import (
	add_counts,
	add_figures,
	ancestor_within,
	empty_counts,
	roll_up,
)
from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES

JURISDICTION = "Jurisdiction"
AREA = "Area"
ENTERPRISE = "Enterprise"
CATEGORY = "Category"
MONTH = "Month"
GROUPINGS = (JURISDICTION, AREA, ENTERPRISE, CATEGORY, MONTH)

# grouping -> (column fieldname, SQL expression grouped on)
GROUP_EXPRESSIONS = {
	JURISDICTION: ("jurisdiction", "jurisdiction"),
	AREA: ("area", "jurisdiction"),
	ENTERPRISE: ("enterprise", "enterprise"),
	CATEGORY: ("category", "category"),
	MONTH: ("month", "date_format(received_on, '%Y-%m')"),
}

# what the desk shows for each grouping (the Select's options in the .js)
GROUP_LABELS = {
	JURISDICTION: "Community",
	AREA: "Area Committee or Subdistrict",
	ENTERPRISE: "Property Enterprise",
	CATEGORY: "Complaint Category",
	MONTH: "Month Received",
}

# more groups than this make an unreadable chart: it shows those with the most complaints
CHART_GROUPS = 30


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	grouping = filters.get("group_by") or JURISDICTION
	validate_filters(filters, grouping)
	rows = get_rows(filters, grouping)
	total = get_total(rows, grouping)
	data = [*rows, total] if rows else []
	return get_columns(grouping), data, None, get_chart(rows, grouping), get_summary(total if rows else None)


def validate_filters(filters: dict, grouping: str):
	if grouping not in GROUPINGS:
		frappe.throw(
			_("Complaints can be grouped by {0}.").format(" / ".join(_(GROUP_LABELS[g]) for g in GROUPINGS))
		)
	if filters.get("from_date") and filters.get("to_date"):
		if getdate(filters.from_date) > getdate(filters.to_date):
			frappe.throw(_("The start date cannot be after the end date."))


def get_conditions(filters: dict) -> list[list]:
	conditions = figures.received_between(filters.get("from_date"), filters.get("to_date"))
	conditions += figures.belonging_to(filters.get("jurisdiction"), filters.get("enterprise"))
	if filters.get("category"):
		conditions.append(["category", "=", filters.category])
	return conditions


def count_by(filters: dict, expression: str) -> list[dict]:
	"""One row of counts per value of `expression`, over the complaints the user may read."""
	return figures.count_complaints(get_conditions(filters), group_by=expression)


def get_rows(filters: dict, grouping: str) -> list[dict]:
	fieldname, expression = GROUP_EXPRESSIONS[grouping]
	counted = count_by(filters, expression)
	if grouping == AREA:
		groups = roll_up_to_areas(counted)
	else:
		groups = {row.group_value: add_counts(empty_counts(), row) for row in counted}

	rows = [frappe._dict({fieldname: value, **add_figures(counts)}) for value, counts in groups.items()]
	if grouping in (JURISDICTION, AREA):
		order = tree_order([r[fieldname] for r in rows])
		rows.sort(key=lambda r: order.get(r[fieldname], len(order)))
	elif grouping in (ENTERPRISE, CATEGORY):
		rows.sort(key=lambda r: (-r.received, r[fieldname] or ""))
	if grouping == ENTERPRISE:
		names = get_enterprise_names([r.enterprise for r in rows if r.enterprise])
		for row in rows:
			row.enterprise_name = names.get(row.enterprise)
	return rows


def roll_up_to_areas(counted: list[dict]) -> dict:
	"""Add up community groups into the area committee or subdistrict office above them."""
	areas = [
		(a.name, a.lft, a.rgt)
		for a in frappe.get_all(
			"Jurisdiction",
			filters={"jurisdiction_type": ("in", AREA_LEVEL_TYPES)},
			fields=["name", "lft", "rgt"],
			order_by="lft asc",
		)
	]
	bounds = {
		j.name: (j.lft, j.rgt)
		for j in frappe.get_all(
			"Jurisdiction",
			filters={"name": ("in", [r.group_value for r in counted if r.group_value] or [""])},
			fields=["name", "lft", "rgt"],
		)
	}
	area_of = {name: ancestor_within(areas, lft, rgt) or name for name, (lft, rgt) in bounds.items()}
	return roll_up(counted, "group_value", area_of)


def tree_order(names: list[str]) -> dict[str, int]:
	found = frappe.get_all(
		"Jurisdiction",
		filters={"name": ("in", [n for n in names if n] or [""])},
		order_by="lft asc",
		pluck="name",
	)
	return {name: i for i, name in enumerate(found)}


def get_total(rows: list[dict], grouping: str) -> dict:
	fieldname = GROUP_EXPRESSIONS[grouping][0]
	total = empty_counts()
	for row in rows:
		add_counts(total, row)
	return frappe._dict(
		{fieldname: _("Total", context="Complaint Statistics"), **add_figures(total), "is_total_row": 1}
	)


def get_columns(grouping: str) -> list[dict]:
	group_columns = {
		JURISDICTION: {"fieldtype": "Link", "options": "Jurisdiction", "width": 200},
		AREA: {"fieldtype": "Link", "options": "Jurisdiction", "width": 200},
		ENTERPRISE: {"fieldtype": "Link", "options": "Property Enterprise", "width": 190},
		CATEGORY: {"fieldtype": "Link", "options": "Complaint Category", "width": 160},
		MONTH: {"fieldtype": "Data", "width": 100},
	}
	columns = [
		{
			"fieldname": GROUP_EXPRESSIONS[grouping][0],
			"label": _(GROUP_LABELS[grouping]),
			**group_columns[grouping],
		}
	]
	if grouping == ENTERPRISE:
		columns.append(
			{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 200}
		)
	columns += [
		{"fieldname": "received", "label": _("Complaints Received"), "fieldtype": "Int", "width": 90},
		{"fieldname": "rejected", "label": _("Complaints Rejected"), "fieldtype": "Int", "width": 90},
		{"fieldname": "resolved", "label": _("Complaints Resolved"), "fieldtype": "Int", "width": 90},
		{"fieldname": "overdue", "label": _("Complaints Overdue"), "fieldtype": "Int", "width": 90},
		{"fieldname": "resolution_rate", "label": _("Resolution Rate"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "overdue_rate", "label": _("Overdue Rate"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "average_handling_days",
			"label": _("Average Handling Working Days"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
		{"fieldname": "satisfied", "label": _("Satisfied"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "basically_satisfied",
			"label": _("Basically Satisfied"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "dissatisfied", "label": _("Dissatisfied"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "satisfaction_rate",
			"label": _("Satisfaction Rate"),
			"fieldtype": "Percent",
			"width": 110,
		},
	]
	return columns


def group_label(row: dict, grouping: str) -> str:
	value = row.get(GROUP_EXPRESSIONS[grouping][0])
	if not value:
		return _("Not Set")
	if grouping == ENTERPRISE:
		return row.get("enterprise_name") or value
	if grouping == CATEGORY:
		return _(value)
	return value


def get_chart(rows: list[dict], grouping: str) -> dict | None:
	if not rows:
		return None
	shown = rows
	if len(rows) > CHART_GROUPS:
		largest = {id(r) for r in sorted(rows, key=lambda r: -r.received)[:CHART_GROUPS]}
		shown = [r for r in rows if id(r) in largest]
	return {
		"data": {
			"labels": [group_label(r, grouping) for r in shown],
			"datasets": [
				{"name": _("Complaints Received"), "values": [r.received for r in shown]},
				{"name": _("Complaints Resolved"), "values": [r.resolved for r in shown]},
			],
		},
		"type": "bar",
		"colors": ["#5e64ff", "#29cd42"],
	}


def get_summary(total: dict | None) -> list[dict]:
	if not total:
		return []
	return [
		{"value": total.received, "label": _("Complaints Received"), "datatype": "Int", "indicator": "Blue"},
		{"value": total.resolved, "label": _("Complaints Resolved"), "datatype": "Int", "indicator": "Green"},
		{
			"value": total.overdue,
			"label": _("Complaints Overdue"),
			"datatype": "Int",
			"indicator": "Red" if total.overdue else "Green",
		},
		{
			"value": total.resolution_rate or 0,
			"label": _("Resolution Rate"),
			"datatype": "Percent",
			"indicator": "Blue",
		},
		{
			"value": total.overdue_rate or 0,
			"label": _("Overdue Rate"),
			"datatype": "Percent",
			"indicator": "Red" if total.overdue_rate else "Green",
		},
		{
			"value": total.average_handling_days or 0,
			"label": _("Average Handling Working Days"),
			"datatype": "Float",
			"indicator": "Blue",
		},
		{
			"value": total.satisfaction_rate or 0,
			"label": _("Satisfaction Rate"),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
