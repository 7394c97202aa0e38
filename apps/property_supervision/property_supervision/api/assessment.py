"""Desk endpoints of the Assessment module: starting the year's cycle and refreshing an
assessment's live indicators. Each checks permission in the function it calls."""

import frappe

from property_supervision.assessment import cycle
from property_supervision.assessment.doctype.assessment import assessment


@frappe.whitelist()
def create_annual_assessments(year: int, template: str) -> dict:
	"""Start the year's assessments for a template (Assessment Officer / Supervision Admin)."""
	return cycle.create_annual_assessments(year, template)


@frappe.whitelist()
def refresh_indicators(name: str) -> list[dict]:
	"""Recompute the indicators of an assessment from live data as of its period end."""
	return assessment.refresh_indicators(name)


@frappe.whitelist(methods=["POST"])
def open_accountability(
	reference_doctype: str,
	reference_name: str,
	cause: str | None = None,
	subject_doctype: str | None = None,
	subject_unit: str | None = None,
) -> str:
	"""Open the accountability record (问责) for an assessment with a veto, a major incident (a
	complaint or a joint meeting) or an overdue rectification notice; returns its name (the open
	one, if there is one already). District Supervisors, Assessment Officers, Supervision Admins."""
	from property_supervision.assessment.accountability import open_from_reference

	return open_from_reference(reference_doctype, reference_name, cause, subject_doctype, subject_unit)
