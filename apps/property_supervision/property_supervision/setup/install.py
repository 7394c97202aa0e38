"""Installation: reference data and the defaults administrators own afterwards."""

import frappe
from frappe.utils import cint

from property_supervision.setup.defaults import install_defaults
from property_supervision.setup.reference import load_reference_data


def after_install():
	load_reference_data()
	install_defaults()


def before_tests():
	"""Prepare a test site: the reference data every test relies on, Chinese as the language."""
	frappe.clear_cache()
	load_reference_data()
	set_language("zh")


def configure_site(language: str = "zh"):
	"""Finish a new site the way the district runs it: the setup wizard's answers (China,
	Beijing time, yuan) and the desk in `language` for everyone, the Administrator included."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		language_name = frappe.db.get_value("Language", language, "language_name")
		setup_complete(
			{"language": language_name, "country": "China", "timezone": "Asia/Shanghai", "currency": "CNY"}
		)
	set_language(language)


def set_language(language: str = "zh"):
	"""The desk speaks the given language: system default and the Administrator's own."""
	frappe.db.set_single_value("System Settings", "language", language)
	frappe.db.set_value("User", "Administrator", "language", language)
	frappe.db.commit()
