"""Demo performance results and accountability (issue 14): last year's assessments of the
district's departments (区属职能部门) are run and published like the others (demo/assessment.py),
every published assessment of an area, community or department has its Performance Result
(assessment/performance.py makes them as they are published; rebuilt here for a site whose
assessments were published before), and every veto opens an accountability record (问责), most
of them decided.

Deterministic for a given random generator and idempotent: the plans are drawn in a fixed order
before the database is looked at, and nothing that exists is made again."""

import random

import frappe
from frappe.utils import getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.accountability import open_from_reference
from property_supervision.assessment.cycle import make_annual_assessments
from property_supervision.assessment.defaults import DEPARTMENT_TEMPLATE, create_department_template
from property_supervision.assessment.performance import PERFORMANCE_TARGETS, rebuild_all
from property_supervision.demo.assessment import assessment_names, draw_plan, publish

DECISIONS = (
	"Circular of Criticism",
	"Admonishment Talk",
	"Ordered Self-Examination",
	"Disqualified from Awards",
)
RESPONSIBLE = ("分管负责人", "主要负责人", "物业管理科负责人")


def make_performance(rng: random.Random, names: dict) -> dict[str, int]:
	create_department_template()
	year = getdate(nowdate()).year - 1
	demo = assessment_names()
	created = make_annual_assessments(year, DEPARTMENT_TEMPLATE)["created"]
	for assessment in frappe.get_all(
		"Assessment",
		filters={"assessment_year": year, "template": DEPARTMENT_TEMPLATE},
		fields=["name", "workflow_state"],
		order_by="target_name asc",
	):
		plan = draw_plan(rng, demo)
		if not meanings.is_state("Assessment", assessment.workflow_state, meanings.PUBLISHED):
			publish(assessment.name, plan)
	rebuild_all()
	records = 0
	vetoed = frappe.get_all(
		"Assessment",
		filters={
			"assessment_year": year,
			"target_type": ("in", PERFORMANCE_TARGETS),
			"veto_triggered": 1,
			"workflow_state": ("in", meanings.states("Assessment", meanings.PUBLISHED) or [""]),
		},
		order_by="name asc",
		pluck="name",
	)
	for assessment in vetoed:
		decide, decision, person = rng.random() < 0.7, rng.choice(DECISIONS), rng.choice(RESPONSIBLE)
		existing = frappe.db.exists("Accountability Record", {"reference_name": assessment})
		name = open_from_reference("Assessment", assessment)
		records += 0 if existing else 1
		doc = frappe.get_doc("Accountability Record", name)
		if existing or not decide:
			continue
		doc.responsible_person = person
		doc.save()
		doc = meanings.advance(doc, meanings.UNDER_REVIEW)
		doc.decision = decision
		doc.decided_on = getdate(nowdate())
		doc.save()
		meanings.advance(doc, meanings.DECIDED)
	return {"Assessment": created, "Accountability Record": records}
