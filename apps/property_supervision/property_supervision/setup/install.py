import frappe


def set_language(language: str = "zh"):
	frappe.db.set_single_value("System Settings", "language", language)
	frappe.db.set_value("User", "Administrator", "language", language)
	frappe.db.commit()
