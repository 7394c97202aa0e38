"""An officer records the complainant's rating from a follow-up call (回访电话): the complaint
form's button 记录回访, for the complaints the report `Complaint Follow-up` lists (or any resolved
one not rated yet). The same rule as the residents' rating (complaints/rating.py), with the
source `Follow-up Call`; 不满意 reopens the complaint."""

import frappe
from frappe import _

from property_supervision.complaints.rating import FOLLOW_UP_CALL, rate


@frappe.whitelist(methods=["POST"])
def record_follow_up(complaint: str, satisfaction: str, comment: str | None = None) -> dict:
	"""Record the rating given on a follow-up call; the officer must be allowed to handle the
	complaint (write permission within their scope)."""
	# a complaint out of the officer's scope reads as one that does not exist (data_protection)
	if (
		not complaint
		or not isinstance(complaint, str)
		or not frappe.db.exists("Complaint", complaint)
		or not frappe.has_permission("Complaint", "write", complaint)
	):
		frappe.throw(
			_("The record does not exist or you do not have permission to see it."),
			frappe.DoesNotExistError,
		)
	doc = rate(complaint, satisfaction, comment, FOLLOW_UP_CALL)
	return {
		"workflow_state": doc.workflow_state,
		"current_level": doc.current_level,
		"deadline": doc.deadline,
		"satisfaction": doc.satisfaction,
	}
