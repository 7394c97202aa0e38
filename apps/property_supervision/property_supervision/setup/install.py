"""Installation: reference data and the defaults administrators own afterwards."""

import frappe

from property_supervision.setup.reference import load_reference_data


def after_install():
	load_reference_data()


def before_tests():
	"""Prepare a test site: the reference data every test relies on, Chinese as the language."""
	frappe.clear_cache()
	load_reference_data()
	set_language("zh")


def set_language(language: str = "zh"):
	"""The desk speaks the given language: system default and the Administrator's own."""
	frappe.db.set_single_value("System Settings", "language", language)
	frappe.db.set_value("User", "Administrator", "language", language)
	frappe.db.commit()
