"""A readable Workflow Builder drawing for the shipped workflows (issue 11).

Without a saved layout (`workflow_data`), Frappe's Workflow Builder puts every state on one line,
400 px apart: the complaint workflow's eight states run off the screen. Here each workflow without
a layout gets one: the states on a grid of four columns, each action between its two states. Set
once (setup.defaults); a layout an administrator draws in the builder is never touched.
"""

import json

import frappe

COLUMNS = 4
COLUMN_WIDTH = 450
ROW_HEIGHT = 320
ORIGIN = (150, 100)


def state_position(index: int) -> dict:
	return {
		"x": ORIGIN[0] + (index % COLUMNS) * COLUMN_WIDTH,
		"y": ORIGIN[1] + (index // COLUMNS) * ROW_HEIGHT,
	}


def layout(workflow) -> list[dict]:
	"""Builder nodes for `workflow` (a Workflow document); sets the rows' builder ids."""
	nodes, ids, positions = [], {}, {}
	for index, row in enumerate(workflow.states):
		row.workflow_builder_id = str(index + 1)
		ids[row.state] = row.workflow_builder_id
		positions[row.state] = state_position(index)
		nodes.append({"id": row.workflow_builder_id, "type": "state", "position": positions[row.state]})
	seen = {}
	for index, row in enumerate(workflow.transitions):
		if row.state not in ids or row.next_state not in ids:
			continue
		row.workflow_builder_id = f"action-{index + 1}"
		source, target = positions[row.state], positions[row.next_state]
		pair = (row.state, row.next_state)
		offset = seen.get(pair, 0)
		seen[pair] = offset + 1
		nodes.append(
			{
				"id": row.workflow_builder_id,
				"type": "action",
				"position": {
					"x": (source["x"] + target["x"]) / 2 + 60,
					"y": (source["y"] + target["y"]) / 2 + 70 + 45 * offset,
				},
				"data": {"from_id": ids[row.state], "to_id": ids[row.next_state]},
			}
		)
	return nodes


def lay_out_workflows() -> bool:
	"""Give every workflow of the app's DocTypes without a builder layout a readable one."""
	from property_supervision.setup.workflows import WORKFLOWS

	for definition in WORKFLOWS:
		name = definition["workflow_name"]
		if not frappe.db.exists("Workflow", name) or frappe.db.get_value("Workflow", name, "workflow_data"):
			continue  # deleted by an administrator, or already drawn
		workflow = frappe.get_doc("Workflow", name)
		workflow.workflow_data = json.dumps(layout(workflow))
		workflow.flags.ignore_permissions = True
		workflow.save()
	return True
