"""Data protection (data_protection/sensitive.py) on sites that already hold data: anonymous
complainants' names move to `confidential_name`, owners' committee members get a masked phone."""

import frappe

from property_supervision.rules.identifiers import mask_phone


def execute():
	frappe.db.sql(
		"""update `tabComplaint`
		set confidential_name = complainant_name, complainant_name = null
		where is_anonymous = 1 and ifnull(complainant_name, '') != ''"""
	)
	for row in frappe.get_all(
		"Owners Committee Member", filters={"phone": ("is", "set")}, fields=["name", "phone"]
	):
		frappe.db.set_value(
			"Owners Committee Member", row.name, "phone_masked", mask_phone(row.phone), update_modified=False
		)
