"""The office's named administrator (setup/office_admin.py, created by scripts/setup.sh on every
site): with it an office switches off the account of an officer who left, and on again, on a site
that holds no demo data — without working as Administrator."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.roles import COMMUNITY_OFFICER
from property_supervision.setup.office_admin import OFFICE_ADMIN_ROLES, create_office_admin, get_office_admin
from property_supervision.tests.factories import (
	make_user,
)

OFFICER = "office-admin-test-officer@example.invalid"


def password_hash(user: str) -> str | None:
	rows = frappe.db.sql(
		"select password from `__Auth` where doctype='User' and name=%s and fieldname='password'", user
	)
	return rows[0][0] if rows else None


class TestOfficeAdmin(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def office_admin(self) -> str:
		email = get_office_admin()
		self.assertTrue(email, "this site has no office administrator: scripts/setup.sh creates it")
		return email

	def test_the_site_has_a_named_office_administrator(self):
		email = self.office_admin()
		self.assertNotEqual(email, "Administrator")
		user = frappe.get_doc("User", email)
		self.assertEqual((user.enabled, user.user_type), (1, "System User"))
		self.assertTrue(set(OFFICE_ADMIN_ROLES) <= set(frappe.get_roles(email)))
		# it has a password (only its hash is stored)
		self.assertTrue(password_hash(email))

	def test_creating_it_again_changes_nothing(self):
		email = self.office_admin()
		before = password_hash(email)
		result = create_office_admin(email=email, password="another password 123")
		self.assertEqual(result, {"email": email, "created": False, "password": None})
		self.assertEqual(password_hash(email), before)

	def test_a_new_office_admin_gets_a_generated_password_once(self):
		result = create_office_admin(email="second-office-admin@example.invalid")
		try:
			self.assertTrue(result["created"])
			# the site's office administrator stays the one the setup created
			self.assertNotEqual(get_office_admin(), result["email"])
			self.assertGreaterEqual(len(result["password"]), 16)
			from frappe.utils.password import check_password

			self.assertEqual(check_password(result["email"], result["password"]), result["email"])
		finally:
			frappe.delete_doc("User", result["email"], force=True, ignore_permissions=True)
			frappe.db.commit()

	def test_office_admin_disables_and_reenables_an_officer(self):
		admin = self.office_admin()
		officer = make_user(OFFICER, roles=[COMMUNITY_OFFICER])
		self.assertEqual(officer.enabled, 1)

		frappe.set_user(admin)
		user = frappe.get_doc("User", OFFICER)
		user.enabled = 0
		user.save()  # with the office administrator's own permissions
		self.assertEqual(frappe.db.get_value("User", OFFICER, ["enabled", "modified_by"]), (0, admin))
		self.assertNotIn(OFFICER, frappe.get_all("User", {"enabled": 1}, pluck="name"))

		user = frappe.get_doc("User", OFFICER)
		user.enabled = 1
		user.save()
		self.assertEqual(frappe.db.get_value("User", OFFICER, "enabled"), 1)
		# the officer comes back with the roles it had
		self.assertIn(COMMUNITY_OFFICER, frappe.get_roles(OFFICER))
