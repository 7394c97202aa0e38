"""Readable titles (issue 11): a Credit Score Log row is titled by its enterprise's name instead of
its random code. Fills the new fetched field of existing rows."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabCredit Score Log` l join `tabProperty Enterprise` e on e.name = l.enterprise
		set l.enterprise_name = e.enterprise_name
		where ifnull(l.enterprise_name, '') != e.enterprise_name"""
	)
