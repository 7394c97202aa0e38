"""Data protection (data_protection/sensitive.py) for the 12345 hotline's work orders already
received: the caller's phone gets its masked copy, the one readers outside the district see."""

import frappe

from property_supervision.rules.identifiers import mask_phone


def execute():
	for row in frappe.get_all(
		"Hotline Work Order", filters={"caller_phone": ("is", "set")}, fields=["name", "caller_phone"]
	):
		frappe.db.set_value(
			"Hotline Work Order",
			row.name,
			"caller_phone_masked",
			mask_phone(row.caller_phone),
			update_modified=False,
		)
