import frappe
from frappe import _

# group label -> (DocType, the field on it that links to the enterprise)
LINKED_RECORDS = (
	(
		"Staff and Compounds",
		(("Property Practitioner", "enterprise"), ("Residential Compound", "current_enterprise")),
	),
	(
		"Contracts and Publicity",
		(
			("Service Contract", "enterprise"),
			("Publicity Record", "enterprise"),
			("Handover Inspection", "enterprise"),
		),
	),
	("Complaints and Credit", (("Complaint", "enterprise"), ("Credit Record", "enterprise"))),
)


def get_data():
	"""Linked records shown on the enterprise form: only DocTypes this site has (modules are built
	one by one) and that link back through the expected field."""
	transactions = []
	non_standard_fieldnames = {}
	for label, links in LINKED_RECORDS:
		items = []
		for doctype, fieldname in links:
			if not frappe.db.exists("DocType", doctype) or not frappe.get_meta(doctype).has_field(fieldname):
				continue
			items.append(doctype)
			if fieldname != "enterprise":
				non_standard_fieldnames[doctype] = fieldname
		if items:
			transactions.append({"label": _(label), "items": items})
	return {
		"fieldname": "enterprise",
		"non_standard_fieldnames": non_standard_fieldnames,
		"transactions": transactions,
	}
