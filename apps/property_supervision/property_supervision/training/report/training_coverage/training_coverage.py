# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Share of enterprises and owners' committees trained in a year, per area committee /
subdistrict office (SPEC §8). Rows come from training.coverage, which counts through
frappe.get_list: an area officer sees only their area, a community officer their community."""

import frappe
from frappe import _
from frappe.utils import cint

from property_supervision.training.coverage import coverage_by_area, default_year

# the sets behind the counts stay out of the report's rows
ROW_FIELDS = (
	"jurisdiction",
	"jurisdiction_type",
	"enterprises",
	"enterprises_trained",
	"enterprise_rate",
	"committees",
	"committees_trained",
	"committee_rate",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	year = cint(filters.get("year")) or default_year()
	if not 1900 < year < 3000:
		frappe.throw(_("Enter a year such as {0}.").format(default_year()))
	rows, total = coverage_by_area(filters.get("jurisdiction"), year)
	data = [present(row) for row in rows]
	if total:
		data.append({**present(total), "is_total_row": 1})
	return get_columns(), data, None, get_chart(data), get_summary(total)


def present(row: dict) -> dict:
	return {fieldname: row.get(fieldname) for fieldname in ROW_FIELDS}


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "jurisdiction",
			"label": _("Jurisdiction"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 200,
		},
		{
			"fieldname": "jurisdiction_type",
			"label": _("Jurisdiction Type"),
			"fieldtype": "Data",
			"width": 110,
		},
		{"fieldname": "enterprises", "label": _("Filed Enterprises"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "enterprises_trained",
			"label": _("Enterprises Trained"),
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"fieldname": "enterprise_rate",
			"label": _("Enterprise Training Rate"),
			"fieldtype": "Percent",
			"width": 130,
		},
		{"fieldname": "committees", "label": _("Filed Owners Committees"), "fieldtype": "Int", "width": 130},
		{
			"fieldname": "committees_trained",
			"label": _("Committees Trained"),
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"fieldname": "committee_rate",
			"label": _("Committee Training Rate"),
			"fieldtype": "Percent",
			"width": 130,
		},
	]


def get_chart(data: list[dict]) -> dict | None:
	rows = [row for row in data if not row.get("is_total_row")]
	if not rows:
		return None
	return {
		"data": {
			"labels": [row["jurisdiction"] for row in rows],
			"datasets": [
				{
					"name": _("Enterprise Training Rate"),
					"values": [row["enterprise_rate"] or 0 for row in rows],
				},
				{
					"name": _("Committee Training Rate"),
					"values": [row["committee_rate"] or 0 for row in rows],
				},
			],
		},
		"type": "bar",
		"colors": ["#5e64ff", "#29cd42"],
		"fieldtype": "Percent",
	}


def get_summary(total: dict | None) -> list[dict]:
	if not total:
		return []
	return [
		{"value": total.enterprises, "label": _("Filed Enterprises"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": total.enterprise_rate or 0,
			"label": _("Enterprise Training Rate"),
			"datatype": "Percent",
			"indicator": "Green",
		},
		{
			"value": total.committees,
			"label": _("Filed Owners Committees"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": total.committee_rate or 0,
			"label": _("Committee Training Rate"),
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
