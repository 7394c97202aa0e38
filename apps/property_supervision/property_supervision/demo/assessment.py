"""Demo assessments (Assessment): last year's annual cycle for the three default templates (areas
and subdistricts, communities, filed enterprises), self-assessed, scored, reviewed and published
through the workflow, with a spread of grades — mostly good, some excellent, a few pass or fail,
and now and then a veto (一票否决) — so the Assessment Ranking report and the 考核评分表 print have
something to show.

Deterministic for a given random generator and idempotent: every target's profile is drawn in a
fixed order before the database is looked at, existing assessments are not created again and
published ones are left as they are."""

import json
import random

import frappe
from frappe.utils import getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.cycle import make_annual_assessments
from property_supervision.assessment.defaults import (
	AREA_TEMPLATE,
	COMMUNITY_TEMPLATE,
	ENTERPRISE_TEMPLATE,
	create_default_templates,
)
from property_supervision.setup.reference import demo_data_path
from property_supervision.workflow_meanings import PUBLISHED, REVIEW, SCORING, SELF_ASSESSMENT

VETO = "Veto"
TEMPLATES = (AREA_TEMPLATE, COMMUNITY_TEMPLATE, ENTERPRISE_TEMPLATE)


def assessment_names() -> dict:
	with open(demo_data_path() / "assessment.json", encoding="utf-8") as f:
		return json.load(f)


def make_assessments(rng: random.Random, names: dict) -> dict[str, int]:
	"""Run and publish last year's assessments. `names` is the shared demo name list (unused);
	profiles and remarks come from fixtures/demo/assessment.json."""
	create_default_templates()
	demo = assessment_names()
	year = getdate(nowdate()).year - 1
	created = 0
	for template in TEMPLATES:
		if not frappe.db.get_value("Assessment Template", template, "is_active"):
			continue
		created += make_annual_assessments(year, template)["created"]
		assessments = frappe.get_all(
			"Assessment",
			filters={"assessment_year": year, "template": template},
			fields=["name", "workflow_state"],
			order_by="target_name asc",
		)
		for assessment in assessments:
			plan = draw_plan(rng, demo)
			if not meanings.is_state("Assessment", assessment.workflow_state, PUBLISHED):
				publish(assessment.name, plan)
	return {"Assessment": created}


def draw_plan(rng: random.Random, demo: dict) -> dict:
	profiles = demo["profiles"]
	profile, low, high, _weight = rng.choices(profiles, weights=[p[3] for p in profiles])[0]
	return {
		"profile": profile,
		"low": low,
		"high": high,
		"seed": rng.random(),
		"remark": rng.choice(demo["veto_remarks"] if profile == VETO else demo["remarks"][profile]),
		"self_remark": rng.choice(demo["self_assessment_remarks"]),
		"review_note": rng.choice(demo["review_notes"]),
	}


def half_points(value: float, maximum: float) -> float:
	"""Scores in half points, never above the criterion's maximum."""
	return min(round(value * 2) / 2, float(maximum))


def publish(name: str, plan: dict):
	"""Take one assessment through Self Assessment → Scoring → Review → Published."""
	rows = random.Random(plan["seed"])  # the scores of the rows: fixed by the plan alone
	doc = frappe.get_doc("Assessment", name)
	if meanings.is_state(doc.doctype, doc.workflow_state, SELF_ASSESSMENT):
		for row in doc.scores:
			if not row.is_veto:
				row.self_score = half_points(row.max_score * min(plan["high"] + 0.05, 1.0), row.max_score)
		doc.scores[0].remark = plan["self_remark"]
		doc.save()
		doc = meanings.advance(doc, SCORING)
	if meanings.is_state(doc.doctype, doc.workflow_state, SCORING):
		for row in doc.scores:
			if row.is_veto:
				row.veto_applies = int(plan["profile"] == VETO)
				if row.veto_applies:
					row.remark = plan["remark"]
			else:
				row.score = half_points(
					row.max_score * rows.uniform(plan["low"], plan["high"]), row.max_score
				)
		if plan["profile"] != VETO:
			doc.scores[0].remark = plan["remark"]
		doc.save()
		doc = meanings.advance(doc, REVIEW)
	if meanings.is_state(doc.doctype, doc.workflow_state, REVIEW):
		doc.review_note = plan["review_note"]
		doc.save()
		meanings.advance(doc, PUBLISHED)
