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
