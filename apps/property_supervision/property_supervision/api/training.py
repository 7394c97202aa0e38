"""Desk endpoints of the Training module: inviting a session's audience and signing an invitee
in. Each checks permission in the function it calls."""

import frappe

from property_supervision.training.doctype.training_session import training_session


@frappe.whitelist()
def invite_audience(session: str) -> dict:
	"""Add every record of the session's audience that is not invited yet."""
	return training_session.invite_audience(session)


@frappe.whitelist()
def sign_in(session: str, row_name: str, person_name: str | None = None) -> dict:
	"""Record that an invitee attended (the form's Sign In button)."""
	return training_session.sign_in(session, row_name, person_name)
