# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Enterprises ranked by credit score (SPEC §8; seed: 诚信等级评定, 重点监管).

Rows are read with frappe.get_list under the user's permissions: an enterprise user sees its own
row only, and the record figures count only records the user may read. The rank is the
enterprise's place among all enterprises ranked (competition ranking: equal scores share a
place), so an enterprise learns where it stands without seeing the others."""

import frappe
from frappe import _
from frappe.utils import cint, flt, today

from property_supervision import workflow_meanings as meanings
from property_supervision.credit.scoring import CONFIRMED, credit_states
from property_supervision.rules.credit import GRADES, ranker


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = get_rows(filters)
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "enterprise",
			"label": _("Property Enterprise"),
			"fieldtype": "Link",
			"options": "Property Enterprise",
			"width": 180,
		},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "credit_score",
			"label": _("Credit Score"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 100,
		},
		{"fieldname": "credit_grade", "label": _("Credit Grade"), "fieldtype": "Data", "width": 90},
		{"fieldname": "key_supervision", "label": _("Key Supervision"), "fieldtype": "Check", "width": 90},
		{
			"fieldname": "key_supervision_reason",
			"label": _("Key Supervision Reason"),
			"fieldtype": "Data",
			"width": 220,
		},
		{
			"fieldname": "good_points",
			"label": _("Good Conduct Points"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{
			"fieldname": "bad_points",
			"label": _("Bad Conduct Points"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{"fieldname": "records", "label": _("Counting Records"), "fieldtype": "Int", "width": 100},
	]


def enterprise_filters(filters) -> dict:
	conditions = {}
	if not cint(filters.get("include_unfiled")):
		conditions["workflow_state"] = ("in", meanings.states("Property Enterprise", meanings.FILED))
	return conditions


def get_rows(filters) -> list[frappe._dict]:
	conditions = enterprise_filters(filters)
	if filters.get("credit_grade"):
		conditions["credit_grade"] = filters.credit_grade
	if cint(filters.get("key_supervision_only")):
		conditions["key_supervision"] = 1
	enterprises = frappe.get_list(
		"Property Enterprise",
		filters=conditions,
		fields=[
			"name",
			"enterprise_name",
			"credit_score",
			"credit_grade",
			"key_supervision",
			"key_supervision_reason",
		],
		order_by="credit_score desc, enterprise_name asc",
		limit_page_length=0,
	)
	if not enterprises:
		return []

	# the place among every enterprise ranked: scores only, whoever is asking
	rank = ranker(
		frappe.get_all("Property Enterprise", filters=enterprise_filters(filters), pluck="credit_score")
	)
	good, bad, records = record_figures()
	rows = []
	for enterprise in enterprises:
		rows.append(
			frappe._dict(
				rank=rank(flt(enterprise.credit_score)),
				enterprise=enterprise.name,
				enterprise_name=enterprise.enterprise_name,
				credit_score=flt(enterprise.credit_score, 1),
				credit_grade=enterprise.credit_grade,
				key_supervision=cint(enterprise.key_supervision),
				key_supervision_reason=enterprise.key_supervision_reason,
				good_points=good.get(enterprise.name, 0),
				bad_points=bad.get(enterprise.name, 0),
				records=records.get(enterprise.name, 0),
			)
		)
	return rows


def record_figures() -> tuple[dict, dict, dict]:
	"""enterprise -> good points, bad points and number of the confirmed records that count today,
	among the records the user may read."""
	if not frappe.has_permission("Credit Record", "read"):
		return {}, {}, {}
	good, bad, records = {}, {}, {}
	for target, sign in ((good, (">", 0)), (bad, ("<", 0))):
		for row in frappe.get_list(
			"Credit Record",
			filters={
				"workflow_state": ("in", credit_states(CONFIRMED)),
				"expires_on": (">=", today()),
				"points": sign,
			},
			fields=["enterprise", "sum(points) as points", "count(name) as records"],
			group_by="enterprise",
			limit_page_length=0,
		):
			target[row.enterprise] = flt(row.points, 1)
			records[row.enterprise] = records.get(row.enterprise, 0) + cint(row.records)
	return good, bad, records


def get_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	counts = [sum(1 for row in rows if row.credit_grade == grade) for grade in GRADES]
	return {
		"data": {
			"labels": list(GRADES),
			"datasets": [{"name": _("Number of Enterprises"), "values": counts}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	return [
		{"label": _("Number of Enterprises"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Key Supervision"),
			"value": sum(1 for row in rows if row.key_supervision),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Average Credit Score"),
			"value": flt(sum(row.credit_score for row in rows) / len(rows), 1),
			"datatype": "Float",
			"indicator": "Green",
		},
	]
