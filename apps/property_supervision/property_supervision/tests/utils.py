"""Factories shared by the app's tests."""

import frappe


def use_chinese():
	"""Messages in tests come out as a Chinese user sees them."""
	frappe.local.lang = "zh"


def make_community(name: str, parent: str, **fields) -> "frappe.model.document.Document":
	if frappe.db.exists("Jurisdiction", name):
		return frappe.get_doc("Jurisdiction", name)
	return frappe.get_doc(
		{
			"doctype": "Jurisdiction",
			"jurisdiction_name": name,
			"jurisdiction_type": "Community",
			"parent_jurisdiction": parent,
			**fields,
		}
	).insert()


def make_user(
	email: str, roles: list[str] | tuple[str, ...] = (), **fields
) -> "frappe.model.document.Document":
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"language": "zh",
				**fields,
			}
		).insert(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	return user
