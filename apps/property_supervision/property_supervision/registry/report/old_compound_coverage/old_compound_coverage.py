# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Old compounds under management per area committee / subdistrict office (SPEC §8).

Rows come from registry.coverage, which queries through frappe.get_list: an area or community
officer sees only the rows of their own jurisdiction."""

import frappe
from frappe import _

from property_supervision.registry.coverage import coverage_by_area
from property_supervision.rules.management import coverage_rate


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = coverage_by_area(filters.get("jurisdiction"), filters.get("as_of"))
	data = [*rows, total_row(rows)] if rows else []
	return get_columns(), data, None, get_chart(rows), get_summary(rows)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "jurisdiction",
			"label": _("Area Committee or Subdistrict"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 220,
		},
		{
			"fieldname": "jurisdiction_type",
			"label": _("Jurisdiction Type"),
			"fieldtype": "Data",
			"width": 120,
		},
		{"fieldname": "old_compounds", "label": _("Old Compounds"), "fieldtype": "Int", "width": 120},
		{"fieldname": "covered", "label": _("Covered"), "fieldtype": "Int", "width": 120},
		{"fieldname": "uncovered", "label": _("Uncovered"), "fieldtype": "Int", "width": 120},
		{"fieldname": "coverage_rate", "label": _("Coverage Rate"), "fieldtype": "Percent", "width": 120},
	]


def total_row(rows: list[dict]) -> dict:
	"""The district total: the rate over all counted compounds, not the mean of the area rates."""
	total = sum(r.old_compounds for r in rows)
	covered = sum(r.covered for r in rows)
	return frappe._dict(
		jurisdiction=_("Total", context="Old Compound Coverage"),
		jurisdiction_type="",
		old_compounds=total,
		covered=covered,
		uncovered=total - covered,
		coverage_rate=coverage_rate(covered, total),
		is_total_row=1,
	)


def get_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	return {
		"data": {
			"labels": [r.jurisdiction for r in rows],
			"datasets": [
				{"name": _("Covered"), "values": [r.covered for r in rows]},
				{"name": _("Uncovered"), "values": [r.uncovered for r in rows]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29cd42", "#ff5858"],
	}


def get_summary(rows: list[dict]) -> list[dict]:
	total = sum(r.old_compounds for r in rows)
	covered = sum(r.covered for r in rows)
	return [
		{"value": total, "label": _("Old Compounds"), "datatype": "Int", "indicator": "Blue"},
		{"value": covered, "label": _("Covered"), "datatype": "Int", "indicator": "Green"},
		{"value": total - covered, "label": _("Uncovered"), "datatype": "Int", "indicator": "Red"},
		{
			"value": coverage_rate(covered, total),
			"label": _("Coverage Rate"),
			"datatype": "Percent",
			"indicator": "Green" if coverage_rate(covered, total) >= 90 else "Orange",
		},
	]
