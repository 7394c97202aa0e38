# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Which compounds under professional management have published their public income and
expenses for the period now due (SPEC §8; seed: 每半年公示公共收益收支).

Rows come from publicity_record.get_publicity_compliance, which reads compounds through
frappe.get_list: an area or community officer sees only the compounds of their own subtree."""

import frappe
from frappe import _

from property_supervision.registry.doctype.publicity_record.publicity_record import get_publicity_compliance
from property_supervision.rules.publicity import COMPLIANT, NOT_DUE, OVERDUE


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = get_publicity_compliance(
		filters.get("as_of"), filters.get("jurisdiction"), filters.get("enterprise")
	)
	if frappe.utils.cint(filters.get("only_overdue")):
		rows = [r for r in rows if r.status == OVERDUE]
	chart, summary = get_chart(rows), get_summary(rows)
	for row in rows:
		# shown translated; the code stays for the colour and for callers
		row.status_code, row.status = row.status, _(row.status)
	return get_columns(), rows, None, chart, summary


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "compound",
			"label": _("Residential Compound"),
			"fieldtype": "Link",
			"options": "Residential Compound",
			"width": 120,
		},
		{"fieldname": "compound_name", "label": _("Compound Name"), "fieldtype": "Data", "width": 160},
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
			"width": 180,
		},
		{
			"fieldname": "required_period_start",
			"label": _("Required Period Start"),
			"fieldtype": "Date",
			"width": 120,
		},
		{
			"fieldname": "required_period_end",
			"label": _("Required Period End"),
			"fieldtype": "Date",
			"width": 120,
		},
		{
			"fieldname": "last_record",
			"label": _("Latest Publicity Record"),
			"fieldtype": "Link",
			"options": "Publicity Record",
			"width": 150,
		},
		{"fieldname": "last_period_end", "label": _("Latest Period End"), "fieldtype": "Date", "width": 120},
		{"fieldname": "last_published_on", "label": _("Published On"), "fieldtype": "Date", "width": 110},
		{"fieldname": "status", "label": _("Compliance Status"), "fieldtype": "Data", "width": 100},
	]


def _count(rows, status):
	return sum(1 for r in rows if r.status == status)


def get_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	return {
		"data": {
			"labels": [_(COMPLIANT), _(OVERDUE)],
			"datasets": [
				{"name": _("Compounds"), "values": [_count(rows, COMPLIANT), _count(rows, OVERDUE)]}
			],
		},
		"type": "donut",
		"colors": ["#29cd42", "#ff5858"],
	}


def get_summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	summary = [
		{"label": _("Compounds"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{"label": _(COMPLIANT), "value": _count(rows, COMPLIANT), "datatype": "Int", "indicator": "Green"},
		{"label": _(OVERDUE), "value": _count(rows, OVERDUE), "datatype": "Int", "indicator": "Red"},
	]
	if _count(rows, NOT_DUE):
		summary.append(
			{"label": _(NOT_DUE), "value": _count(rows, NOT_DUE), "datatype": "Int", "indicator": "Grey"}
		)
	return summary
