"""Number Card sources of the Assessment module (workspace 物业监管)."""

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.utils.number_cards import state_card

ACCOUNTABILITY = "Accountability Record"


@frappe.whitelist()
def get_open_accountability(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Open Accountability Records": records not yet decided or dismissed (a draft or
	under review, by meaning), within the user's scope."""
	return state_card(
		ACCOUNTABILITY, filters, meanings.states(ACCOUNTABILITY, meanings.DRAFT, meanings.UNDER_REVIEW)
	)
