"""The office's own named administrator account.

On a fresh site the only System Manager is Administrator, a shared account nobody can be held to
and that cannot be disabled or handed over. The setup therefore creates the supervision office's
administrator as a named user with the roles Supervision Admin and System Manager; operators work
with it (and create further administrators and officers with it), never with Administrator.

    OFFICE_ADMIN_EMAIL=… OFFICE_ADMIN_PASSWORD=… \
        bench --site SITE execute property_supervision.setup.office_admin.create_office_admin

Without OFFICE_ADMIN_PASSWORD a strong password is generated and returned once (the setup prints
it); it is stored only as Frappe's password hash. An account that exists already keeps its password.
"""

import os
import secrets

import frappe
from frappe.utils.password import update_password

from property_supervision.roles import SUPERVISION_ADMIN

OFFICE_ADMIN_ROLES = (SUPERVISION_ADMIN, "System Manager")
DEFAULT_KEY = "property_supervision_office_admin"


def default_email() -> str:
	return f"office.admin@{frappe.local.site}"


def get_office_admin() -> str | None:
	"""The office administrator the setup created on this site, if any."""
	return frappe.db.get_default(DEFAULT_KEY)


def named_system_managers() -> list[str]:
	"""Enabled users other than Administrator with the System Manager role."""
	users = frappe.get_all(
		"Has Role", filters={"role": "System Manager", "parenttype": "User"}, pluck="parent", distinct=True
	)
	return sorted(
		u for u in users if u not in ("Administrator", "Guest") and frappe.db.get_value("User", u, "enabled")
	)


def create_office_admin(
	email: str | None = None, password: str | None = None, first_name: str | None = None
) -> dict:
	"""Create the office administrator, or give an existing account the roles it lacks.
	Returns {"email", "created", "password"}; `password` only when it was generated here."""
	email = (email or os.environ.get("OFFICE_ADMIN_EMAIL") or default_email()).strip().lower()
	password = password or os.environ.get("OFFICE_ADMIN_PASSWORD") or None
	first_name = first_name or os.environ.get("OFFICE_ADMIN_NAME") or "监管办管理员"
	generated = None
	created = False
	if frappe.db.exists("User", email):
		# an existing account keeps its password and its state (an office may have disabled it)
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"user_type": "System User",
				"send_welcome_email": 0,
				"language": frappe.db.get_single_value("System Settings", "language") or "zh",
			}
		).insert(ignore_permissions=True)
		created = True
		if not password:
			password = generated = secrets.token_urlsafe(12)
		update_password(email, password, logout_all_sessions=False)
	missing = [role for role in OFFICE_ADMIN_ROLES if role not in frappe.get_roles(email)]
	if missing:
		user.add_roles(*missing)
	current = get_office_admin()
	if not current or not frappe.db.exists("User", current):
		frappe.db.set_default(DEFAULT_KEY, email)
	frappe.db.commit()
	return {"email": email, "created": created, "password": generated}
