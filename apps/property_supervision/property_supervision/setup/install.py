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
	align_user_time_zones()


DEFAULT_TIME_ZONE = "Asia/Shanghai"
INSTALLER_TIME_ZONE = "Asia/Kolkata"


def align_user_time_zones() -> bool:
	"""Beijing time for the site and every user, unless an administrator chose another zone.

	The framework's installer gives Administrator and Guest the time zone Asia/Kolkata as a user
	default; the setup wizard later changes their User records but not that default, and the desk
	fills a new user's time zone from it, so users created in the desk got it too. Run once per site
	(setup.defaults): Asia/Kolkata, the installer's value, becomes the site's zone; any other zone on
	a User record is a choice and stays; the user default follows the User record."""
	system = frappe.db.get_single_value("System Settings", "time_zone")
	if not system:
		system = DEFAULT_TIME_ZONE
		frappe.db.set_single_value("System Settings", "time_zone", system)
	frappe.db.set_default("time_zone", system)
	for user in frappe.get_all("User", fields=["name", "time_zone"]):
		zone = user.time_zone or system
		if zone == INSTALLER_TIME_ZONE and system != INSTALLER_TIME_ZONE:
			zone = system
		if zone != user.time_zone:
			frappe.db.set_value("User", user.name, "time_zone", zone, update_modified=False)
		if frappe.defaults.get_user_default("time_zone", user.name) != zone:
			frappe.defaults.set_user_default("time_zone", zone, user.name)
	frappe.clear_cache()
	return True


def set_language(language: str = "zh"):
	"""The desk speaks the given language: system default and the Administrator's own."""
	frappe.db.set_single_value("System Settings", "language", language)
	frappe.db.set_value("User", "Administrator", "language", language)
	frappe.db.commit()
