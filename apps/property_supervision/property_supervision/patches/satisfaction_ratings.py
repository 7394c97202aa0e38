"""Ratings of complaint handling (回访, complaints/rating.py) on sites that already hold data.

- The meaning Reopens joins the workflows' vocabulary; the shipped complaint workflow's Reopen
  actions get it (rows an administrator gave a meaning or renamed are left alone), and a complaint
  workflow without a reopening action to the area or the district level gets the shipped one
  from each state meaning Resolved ("Reopen at Area", "Reopen at District", drawn in the Workflow
  Builder next to the others). Nothing else of the administrators' workflow changes.
- Complaints rated before (the satisfaction recorded when closing) keep their rating, now with its
  source (a follow-up call) and time; resolved complaints without a rating await one.
- The default credit rule on dissatisfied ratings (credit/defaults.py) is created once.
"""

import json

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.credit.defaults import RATINGS_RULE_CODE, create_default_credit_rules
from property_supervision.roles import AREA_OFFICER, DISTRICT_SUPERVISOR

NEW_REOPENINGS = (
	(meanings.AREA_LEVEL, "Area", "Reopen at Area", AREA_OFFICER),
	(meanings.DISTRICT_LEVEL, "District", "Reopen at District", DISTRICT_SUPERVISOR),
)


def execute():
	meanings.create_meaning_fields()
	meanings.clear_cache()
	for name in frappe.get_all("Workflow", filters={"document_type": "Complaint"}, pluck="name"):
		add_reopenings(frappe.get_doc("Workflow", name))
	meanings.clear_cache()
	fill_existing_ratings()
	create_default_credit_rules(codes=(RATINGS_RULE_CODE,))


def add_reopenings(workflow) -> None:
	changed = meanings.fill_shipped_meanings(workflow)
	meaning_of = {row.state: row.get("ps_meaning") for row in workflow.states}
	resolved_states = [s for s, m in meaning_of.items() if m == meanings.RESOLVED]
	added = []
	for state_meaning, level, action, role in NEW_REOPENINGS:
		target = next((s for s, m in meaning_of.items() if m == state_meaning), None)
		if not target:
			continue
		for resolved in resolved_states:
			exists = any(
				row.state == resolved
				and row.get("ps_meaning") == meanings.REOPENS
				and meanings.LEVEL_OF_MEANING.get(meaning_of.get(row.next_state)) == level
				for row in workflow.transitions
			)
			if exists:
				continue
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
					ignore_permissions=True
				)
			added.append(
				workflow.append(
					"transitions",
					{
						"state": resolved,
						"action": action,
						"next_state": target,
						"allowed": role,
						"allow_self_approval": 1,
						"ps_meaning": meanings.REOPENS,
					},
				)
			)
	if added:
		draw(workflow, added)
	if changed or added:
		workflow.flags.ignore_permissions = True
		workflow.save()


def draw(workflow, rows) -> None:
	"""Place the new actions in the Workflow Builder's drawing, between their two states."""
	if not workflow.workflow_data:
		return
	try:
		nodes = json.loads(workflow.workflow_data)
	except ValueError:
		return
	if not isinstance(nodes, list):
		return
	position = {
		node.get("id"): node.get("position")
		for node in nodes
		if isinstance(node, dict) and node.get("position")
	}
	state_ids = {row.state: row.get("workflow_builder_id") for row in workflow.states}
	taken = {node.get("id") for node in nodes if isinstance(node, dict)}
	for index, row in enumerate(rows, start=1):
		source, target = position.get(state_ids.get(row.state)), position.get(state_ids.get(row.next_state))
		if not source or not target:
			continue
		node_id = f"action-reopen-{index}"
		while node_id in taken:
			node_id += "x"
		taken.add(node_id)
		row.workflow_builder_id = node_id
		nodes.append(
			{
				"id": node_id,
				"type": "action",
				"position": {
					"x": (source["x"] + target["x"]) / 2 - 60,
					"y": (source["y"] + target["y"]) / 2 - 40 * index,
				},
				"data": {"from_id": state_ids[row.state], "to_id": state_ids[row.next_state]},
			}
		)
	workflow.workflow_data = json.dumps(nodes)


def fill_existing_ratings() -> None:
	frappe.db.sql(
		"""update `tabComplaint`
		set satisfaction_source = 'Follow-up Call', rated_on = coalesce(closed_on, resolved_on, modified)
		where ifnull(satisfaction, '') != '' and ifnull(satisfaction_source, '') = ''"""
	)
	resolved = meanings.states("Complaint", meanings.RESOLVED)
	if resolved:
		frappe.db.sql(
			"""update `tabComplaint` set awaiting_rating = 1
			where workflow_state in %(states)s and ifnull(satisfaction, '') = '' and awaiting_rating = 0""",
			{"states": tuple(resolved)},
		)
