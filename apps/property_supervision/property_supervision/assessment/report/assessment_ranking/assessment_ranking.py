# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Ranking of the year's assessments by level (SPEC §8 `Assessment Ranking`).

Rows come from frappe.get_list, so the user's permissions apply: an area officer ranks the
area's own assessment and its communities, an enterprise user sees its own enterprise's, an
officer without scope sees nothing. Only published results are ranked unless an assessment
officer asks for the unpublished ones too. A unit whose veto applies ranks last (rules.assessment)."""

import frappe
from frappe import _
from frappe.utils import cint

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.doctype.assessment.assessment import is_unrestricted
from property_supervision.assessment.doctype.assessment_template.assessment_template import TARGET_TYPES
from property_supervision.registry.doctype.property_enterprise.property_enterprise import get_enterprise_names
from property_supervision.rules.assessment import EXCELLENT, FAIL, GOOD, GRADES, PASS, rank

LEVELS = tuple(TARGET_TYPES)
GRADE_INDICATORS = {EXCELLENT: "Green", GOOD: "Blue", PASS: "Orange", FAIL: "Red"}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	rows = get_rows(filters)
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def validate_filters(filters: dict):
	if not cint(filters.get("year")):
		frappe.throw(_("Select an assessment year."))
	if filters.get("target_type") and filters.target_type not in LEVELS:
		frappe.throw(_("Select a level: {0}.").format(" / ".join(_(level) for level in LEVELS)))


def include_unpublished(filters: dict) -> bool:
	"""Unpublished results are for the assessment office only."""
	return bool(cint(filters.get("include_unpublished"))) and is_unrestricted(frappe.session.user)


def get_rows(filters: dict) -> list[dict]:
	conditions = {"assessment_year": cint(filters.year)}
	if filters.get("target_type"):
		conditions["target_type"] = filters.target_type
	if not include_unpublished(filters):
		conditions["workflow_state"] = ("in", meanings.states("Assessment", meanings.PUBLISHED))
	assessments = frappe.get_list(
		"Assessment",
		filters=conditions,
		fields=[
			"name",
			"target_type",
			"target_doctype",
			"target_name",
			"jurisdiction",
			"assessor_unit",
			"self_total",
			"total_score",
			"grade",
			"veto_triggered",
			"workflow_state",
		],
		order_by="total_score desc, name asc",
		limit_page_length=0,
	)
	titles = get_enterprise_names(
		[a.target_name for a in assessments if a.target_doctype == "Property Enterprise"]
	)
	rows = []
	for level in LEVELS:
		ranked = rank([a for a in assessments if a.target_type == level])
		for row in ranked:
			row.update(
				assessment=row.pop("name"),
				level=_(level),
				target_title=titles.get(row.target_name, row.target_name),
				grade_label=grade_label(row.grade),
			)
		rows.extend(ranked)
	return rows


def grade_label(grade: str | None) -> str:
	return _(grade, context="Assessment") if grade else ""


def get_columns() -> list[dict]:
	return [
		{"fieldname": "level", "label": _("Assessment Level"), "fieldtype": "Data", "width": 150},
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "target_name",
			"label": _("Target", context="Assessment"),
			"fieldtype": "Dynamic Link",
			"options": "target_doctype",
			"width": 180,
		},
		{"fieldname": "target_title", "label": _("Target Name"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "jurisdiction",
			"label": _("Jurisdiction"),
			"fieldtype": "Link",
			"options": "Jurisdiction",
			"width": 160,
		},
		{
			"fieldname": "self_total",
			"label": _("Self Assessment Total"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
		{
			"fieldname": "total_score",
			"label": _("Total Score"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 100,
		},
		{
			"fieldname": "grade_label",
			"label": _("Grade", context="Assessment"),
			"fieldtype": "Data",
			"width": 90,
		},
		{"fieldname": "veto_triggered", "label": _("Veto Triggered"), "fieldtype": "Check", "width": 90},
		{
			"fieldname": "workflow_state",
			"label": _("Status"),
			"fieldtype": "Link",
			"options": "Workflow State",
			"width": 100,
		},
		{
			"fieldname": "assessment",
			"label": _("Assessment"),
			"fieldtype": "Link",
			"options": "Assessment",
			"width": 140,
		},
		# the Dynamic Link's DocType; Data, not a Link to DocType, which officers may not read
		{"fieldname": "target_doctype", "label": _("Target DocType"), "fieldtype": "Data", "hidden": 1},
	]


def get_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	counts = [sum(1 for r in rows if r.grade == grade) for grade in GRADES]
	return {
		"data": {
			"labels": [grade_label(g) for g in GRADES],
			"datasets": [{"name": _("Assessments"), "values": counts}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	return [
		{
			"value": sum(1 for r in rows if r.grade == grade),
			"label": grade_label(grade),
			"datatype": "Int",
			"indicator": GRADE_INDICATORS[grade],
		}
		for grade in GRADES
	]
