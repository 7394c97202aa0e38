"""Readable titles (issue 11): a complaint is titled by its compound's name and a credit record by
its enterprise's name instead of their codes. Fills the new fetched fields of existing records."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabComplaint` c join `tabResidential Compound` r on r.name = c.compound
		set c.compound_name = r.compound_name
		where ifnull(c.compound_name, '') != r.compound_name"""
	)
	frappe.db.sql(
		"""update `tabCredit Record` c join `tabProperty Enterprise` e on e.name = c.enterprise
		set c.enterprise_name = e.enterprise_name
		where ifnull(c.enterprise_name, '') != e.enterprise_name"""
	)
