# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""A unit's yearly performance result (绩效结果): made from its published assessment by
assessment/performance.py and nowhere else; nobody types one in or edits it."""

import frappe
from frappe import _
from frappe.model.document import Document


class PerformanceResult(Document):
	def validate(self):
		if not self.flags.from_assessment:
			frappe.throw(
				_(
					"Performance results are made from published assessments and cannot be entered or changed by hand."
				),
				frappe.PermissionError,
			)


def on_doctype_update():
	frappe.db.add_unique(
		"Performance Result",
		["assessment_year", "target_doctype", "target_name"],
		constraint_name="unique_performance_result",
	)
	frappe.db.add_index("Performance Result", ["assessment_year", "target_type"])
