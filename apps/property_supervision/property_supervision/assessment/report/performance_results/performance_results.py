# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The district's performance page (绩效结果, SPEC §14): every area committee and subdistrict
office (or community, or department) of a year side by side — score, grade, rank, reward or
deduction, veto and accountability — from their published assessments (assessment/performance.py
keeps the Performance Result records; ranks come from rules.assessment.rank_results).

Rows come from frappe.get_list, so the user's permissions apply: an area officer sees the area's
own result and its communities'. The district's offices also see the units without a published
result yet, at the bottom without a rank."""

import frappe
from frappe import _
from frappe.utils import cint

from property_supervision.assessment.cycle import get_targets
from property_supervision.assessment.doctype.assessment.assessment import is_unrestricted
from property_supervision.assessment.performance import PERFORMANCE_TARGETS
from property_supervision.assessment.report.assessment_ranking.assessment_ranking import grade_label

FIELDS = (
	"name",
	"target_doctype",
	"target_name",
	"unit_rank",
	"ranked_among",
	"total_score",
	"grade",
	"veto_triggered",
	"reward_amount",
	"performance_points",
	"outcome",
	"decided_accountability",
	"open_accountability",
	"assessment",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	rows = get_rows(filters)
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def validate_filters(filters: dict):
	if not cint(filters.get("year")):
		frappe.throw(_("Select an assessment year."))
	filters.target_type = filters.get("target_type") or PERFORMANCE_TARGETS[0]
	if filters.target_type not in PERFORMANCE_TARGETS:
		frappe.throw(_("Select a level: {0}.").format(" / ".join(_(t) for t in PERFORMANCE_TARGETS)))


def get_rows(filters: dict) -> list[dict]:
	results = frappe.get_list(
		"Performance Result",
		filters={"assessment_year": cint(filters.year), "target_type": filters.target_type},
		fields=list(FIELDS),
		order_by="unit_rank asc, target_name asc",
		limit_page_length=0,
	)
	rows = []
	for result in results:
		result.update(result=result.pop("name"), grade_label=grade_label(result.grade), published=1)
		rows.append(result)
	if is_unrestricted(frappe.session.user):
		have = {r.target_name for r in rows}
		doctype = "Supervision Unit" if filters.target_type == "Department" else "Jurisdiction"
		for target in get_targets(filters.target_type):
			if target not in have:
				rows.append(
					frappe._dict(
						target_doctype=doctype,
						target_name=target,
						grade_label=_("Not Published"),
						published=0,
					)
				)
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "unit_rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "target_name",
			"label": _("Assessed Unit"),
			"fieldtype": "Dynamic Link",
			"options": "target_doctype",
			"width": 200,
		},
		{
			"fieldname": "total_score",
			"label": _("Total Score"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 90,
		},
		{
			"fieldname": "grade_label",
			"label": _("Grade", context="Assessment"),
			"fieldtype": "Data",
			"width": 90,
		},
		{"fieldname": "veto_triggered", "label": _("Veto Triggered"), "fieldtype": "Check", "width": 80},
		{
			"fieldname": "reward_amount",
			"label": _("Reward or Deduction (Yuan)"),
			"fieldtype": "Currency",
			"width": 120,
		},
		{
			"fieldname": "performance_points",
			"label": _("Performance Points"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 90,
		},
		{"fieldname": "outcome", "label": _("Outcome"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "decided_accountability",
			"label": _("Decided Accountability Records"),
			"fieldtype": "Int",
			"width": 100,
		},
		{
			"fieldname": "open_accountability",
			"label": _("Open Accountability Records"),
			"fieldtype": "Int",
			"width": 100,
		},
		{
			"fieldname": "assessment",
			"label": _("Assessment"),
			"fieldtype": "Link",
			"options": "Assessment",
			"width": 130,
		},
		{
			"fieldname": "result",
			"label": _("Performance Result"),
			"fieldtype": "Link",
			"options": "Performance Result",
			"width": 130,
		},
		# the Dynamic Link's DocType; Data, not a Link to DocType, which officers may not read
		{"fieldname": "target_doctype", "label": _("Target DocType"), "fieldtype": "Data", "hidden": 1},
	]


def get_chart(rows: list[dict]) -> dict | None:
	ranked = [r for r in rows if r.get("published")]
	if not ranked:
		return None
	return {
		"data": {
			"labels": [r.target_name for r in ranked],
			"datasets": [{"name": _("Total Score"), "values": [r.total_score or 0 for r in ranked]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	published = [r for r in rows if r.get("published")]
	return [
		{"value": len(published), "label": _("Ranked"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": len(rows) - len(published),
			"label": _("Not Published"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": sum(1 for r in published if r.veto_triggered),
			"label": _("Veto Triggered"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": sum(cint(r.get("open_accountability")) for r in published),
			"label": _("Open Accountability Records"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
