"""Performance results and accountability (issue 14): on a site that existed before them,
- the shipped assessment workflow gains the action that withdraws a published result for
  correction (published → review, Assessment Officer), unless the workflow already leads out of
  a published state (the states found by their meanings, workflow_meanings.py); added once;
- every published assessment of an area, community or department makes its yearly
  Performance Result, ranked (assessment/performance.py; idempotent).
The Performance Settings, the departments' template, the accountability workflow and the notices
are defaults of their own (setup/defaults.py keys) and arrive with the migrate's after_migrate."""

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.roles import ASSESSMENT_OFFICER

WORKFLOW = "Assessment Process"
ACTION = "Withdraw Result"


def execute():
	add_withdraw_action()
	from property_supervision.assessment.performance import rebuild_all

	rebuild_all()


def add_withdraw_action():
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	meaning = {row.state: row.get("ps_meaning") for row in workflow.states}
	published = [s for s, m in meaning.items() if m == meanings.PUBLISHED]
	review = [s for s, m in meaning.items() if m == meanings.REVIEW]
	if not published or not review:
		return
	if any(row.state in published for row in workflow.transitions):
		return
	if not frappe.db.exists("Workflow Action Master", ACTION):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": ACTION}).insert(
			ignore_permissions=True
		)
	workflow.append(
		"transitions",
		{
			"state": published[0],
			"action": ACTION,
			"next_state": review[0],
			"allowed": ASSESSMENT_OFFICER,
			"allow_self_approval": 1,
		},
	)
	workflow.save(ignore_permissions=True)
