"""The workflows' states and actions say what they mean to the automation (workflow_meanings.py):
the fields that hold the meanings, and the meanings of the shipped states and actions on the
workflows of existing sites. Rows an administrator renamed or added keep no guessed meaning; an
administrator's meanings are kept."""

import frappe

from property_supervision.workflow_meanings import (
	VOCABULARY,
	clear_cache,
	create_meaning_fields,
	fill_shipped_meanings,
)


def execute():
	create_meaning_fields()
	for name in frappe.get_all("Workflow", filters={"document_type": ("in", list(VOCABULARY))}, pluck="name"):
		workflow = frappe.get_doc("Workflow", name)
		if not fill_shipped_meanings(workflow):
			continue
		for row in (*workflow.states, *workflow.transitions):
			if row.get("ps_meaning"):
				row.db_set("ps_meaning", row.ps_meaning, update_modified=False)
	clear_cache()
