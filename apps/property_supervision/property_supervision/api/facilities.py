"""Desk endpoints of the facility and 四到户 work (SPEC §14): the district survey (摸底) that turns
the compounds' facility issues into the year's Facility Rectification Plan. The rules live in
registry/facilities.py."""

import frappe

from property_supervision.registry import facilities


@frappe.whitelist(methods=["POST"])
def run_survey(year: int | str) -> dict:
	"""Survey the district's compounds for the year (district roles: those who may create a plan
	and its items). Running it again adds only the issues recorded since."""
	frappe.has_permission(facilities.PLAN, "create", throw=True)
	frappe.has_permission(facilities.ITEM, "create", throw=True)
	return facilities.run_survey(year)
