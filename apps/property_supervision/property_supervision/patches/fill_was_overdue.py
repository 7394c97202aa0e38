"""Complaints gain `was_overdue` (went past a level's deadline at least once: the overdue rate of
rules.figures). Existing complaints get it from what they show: marked overdue now, or escalated
by the daily job for a missed deadline (their handling log)."""

import frappe

from property_supervision.credit.jobs import automatic_escalations


def execute():
	frappe.db.sql("update `tabComplaint` set was_overdue = 1 where is_overdue = 1 and was_overdue = 0")
	candidates = frappe.get_all(
		"Complaint", filters={"escalation_count": (">", 0), "was_overdue": 0}, pluck="name"
	)
	escalated = list(automatic_escalations(candidates))
	for start in range(0, len(escalated), 500):
		frappe.db.set_value(
			"Complaint",
			{"name": ("in", escalated[start : start + 500])},
			"was_overdue",
			1,
			update_modified=False,
		)
