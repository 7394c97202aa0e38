# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Beijing time for the site and every user unless an administrator chose another zone (issue 11):
the installer's Asia/Kolkata user default, which the desk copied into every new user, is gone."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.setup.install import align_user_time_zones
from property_supervision.tests.factories import (
	make_user,
)

SHANGHAI = "Asia/Shanghai"
KOLKATA = "Asia/Kolkata"


class TestTimeZone(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value("System Settings", "time_zone", SHANGHAI)

	def test_installer_default_of_administrator_is_replaced(self):
		frappe.defaults.set_user_default("time_zone", KOLKATA, "Administrator")
		self.assertEqual(frappe.defaults.get_defaults("Administrator").get("time_zone"), KOLKATA)
		align_user_time_zones()
		# what the desk's new User form reads (frappe.sys_defaults = boot defaults of the user)
		self.assertEqual(frappe.defaults.get_defaults("Administrator").get("time_zone"), SHANGHAI)
		self.assertEqual(frappe.db.get_value("User", "Administrator", "time_zone"), SHANGHAI)

	def test_users_get_beijing_time_unless_one_was_chosen(self):
		kolkata = make_user("tz-kolkata@example.invalid")
		frappe.db.set_value("User", kolkata.name, "time_zone", KOLKATA)
		chosen = make_user("tz-urumqi@example.invalid")
		frappe.db.set_value("User", chosen.name, "time_zone", "Asia/Urumqi")
		align_user_time_zones()
		self.assertEqual(frappe.db.get_value("User", kolkata.name, "time_zone"), SHANGHAI)
		self.assertEqual(frappe.defaults.get_user_default("time_zone", kolkata.name), SHANGHAI)
		self.assertEqual(frappe.db.get_value("User", chosen.name, "time_zone"), "Asia/Urumqi")
		self.assertEqual(frappe.defaults.get_user_default("time_zone", chosen.name), "Asia/Urumqi")

	def test_new_user_gets_the_sites_time_zone(self):
		align_user_time_zones()
		user = make_user("tz-new@example.invalid")
		self.assertEqual(user.time_zone, SHANGHAI)
