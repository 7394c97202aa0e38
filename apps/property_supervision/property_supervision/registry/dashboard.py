"""Number Card sources of the Registry module that a Document Type count cannot express (the
coverage and publicity cards live with what they count: registry/coverage.py,
publicity_record.py)."""

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.utils.number_cards import state_card


@frappe.whitelist()
def get_filed_enterprises(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Filed Enterprises": enterprises in a state meaning filed."""
	return state_card("Property Enterprise", filters, meanings.states("Property Enterprise", meanings.FILED))
