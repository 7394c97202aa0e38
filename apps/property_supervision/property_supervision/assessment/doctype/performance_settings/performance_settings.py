# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""What a published grade earns in the performance appraisal (绩效奖惩), set by the
administrators; assessment/performance.py reads it."""

import frappe
from frappe import _
from frappe.model.document import Document

# the shipped defaults (created once per site, then the administrators')
DEFAULT_OUTCOMES = (
	{"grade": "Excellent", "reward_amount": 0, "performance_points": 3, "outcome": "通报表扬，优先评优评先"},
	{"grade": "Good", "reward_amount": 0, "performance_points": 1, "outcome": ""},
	{"grade": "Pass", "reward_amount": 0, "performance_points": 0, "outcome": ""},
	{"grade": "Fail", "reward_amount": 0, "performance_points": -3, "outcome": "通报批评，约谈主要负责人"},
)
DEFAULT_VETO = {
	"veto_reward_amount": 0,
	"veto_performance_points": -5,
	"veto_outcome": "一票否决：年度考核定为不合格，取消年度评优评先资格",
}


class PerformanceSettings(Document):
	def validate(self):
		seen = set()
		for row in self.grade_outcomes:
			if row.grade in seen:
				frappe.throw(
					_("Row {0}: grade {1} is listed twice; each grade has one outcome.").format(
						row.idx, _(row.grade, context="Assessment")
					)
				)
			seen.add(row.grade)


def create_performance_settings() -> bool:
	"""The shipped defaults, once per site (setup/defaults.py key "Settings:Performance Settings")."""
	if not frappe.db.exists("DocType", "Performance Settings"):
		return False
	doc = frappe.get_doc("Performance Settings")
	if doc.grade_outcomes or doc.veto_outcome:
		return True  # saved before (by an administrator)
	doc.update(DEFAULT_VETO)
	for row in DEFAULT_OUTCOMES:
		doc.append("grade_outcomes", row)
	doc.save(ignore_permissions=True)
	return True
