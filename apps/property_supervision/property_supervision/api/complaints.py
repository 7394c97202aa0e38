"""Desk endpoints of the Complaints module (the residents' ones are in api/public.py, the
hotline's in api/hotline.py). Each checks permission in the function it calls."""

import frappe

from property_supervision.complaints.doctype.complaint import complaint as controller


@frappe.whitelist(methods=["POST"])
def add_enterprise_response(complaint: str, response: str) -> dict:
	"""The enterprise answers a complaint against it (its one writable field)."""
	return controller.add_enterprise_response(complaint, response)
