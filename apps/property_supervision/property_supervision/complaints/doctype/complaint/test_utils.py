"""Factories for complaint tests: compounds in known communities, officers with their scope,
complaints created through the controller and moved through the workflow as users do."""

from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow

from property_supervision.registry.doctype.property_enterprise.test_utils import make_enterprise
from property_supervision.tests.utils import make_community, make_user
from property_supervision.utils.clock import frozen_at

DISTRICT = "水磨沟区"
AREA = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"
SUPERVISION_OFFICE = "区建设局物业监督管理办公室"
CATEGORY = "Repairs and Maintenance"
PHONE = "13912345678"

# a Monday; its community deadline (5 working days) is the next Monday
MONDAY = "2025-06-02 09:00:00"


def make_compound(compound_name: str, community: str, area: str = AREA, enterprise: str | None = None) -> str:
	"""A compound in `community` (created under `area` when missing), managed by `enterprise`."""
	community = make_community(community, area).name
	name = frappe.db.get_value("Residential Compound", {"compound_name": compound_name}, "name")
	if not name:
		name = (
			frappe.get_doc(
				{"doctype": "Residential Compound", "compound_name": compound_name, "jurisdiction": community}
			)
			.insert(ignore_permissions=True)
			.name
		)
	# the enterprise a service contract would have set (that path is tested with Service Contract)
	frappe.db.set_value("Residential Compound", name, "current_enterprise", enterprise, update_modified=False)
	return name


def make_test_enterprise(name: str) -> str:
	return make_enterprise(name).name


def make_complaint(compound: str, **fields) -> "frappe.model.document.Document":
	return frappe.get_doc(
		{
			"doctype": "Complaint",
			"complainant_name": "王建国",
			"complainant_phone": PHONE,
			"compound": compound,
			"category": CATEGORY,
			"received_via": "Window",
			"description": "小区2号楼电梯停运一周无人维修。",
			**fields,
		}
	).insert(ignore_permissions=True)


def make_officer(email: str, role: str, jurisdiction: str | None = None) -> str:
	user = make_user(email, [role]).name
	if jurisdiction:
		frappe.permissions.add_user_permission("Jurisdiction", jurisdiction, user, ignore_permissions=True)
	return user


def make_enterprise_user(email: str, enterprise: str) -> str:
	user = make_user(email, ["Enterprise User"]).name
	frappe.permissions.add_user_permission("Property Enterprise", enterprise, user, ignore_permissions=True)
	return user


def act(
	complaint: str, action: str, user: str = "Administrator", **values
) -> "frappe.model.document.Document":
	"""Apply a workflow action as `user` would from the form (values typed first and saved)."""
	current = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Complaint", complaint)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc.as_dict(), action)
	finally:
		frappe.set_user(current)


def clock(moment: str | None):
	"""Run controller steps as if it were `moment` (local time; freezegun, as FrappeTestCase's
	freeze_time)."""
	return frozen_at(moment)


@contextmanager
def complaint_settings(**values):
	"""Change Complaint Settings for a test and restore them afterwards. `calendar_days` (rows of
	Working Calendar Day: calendar_date, day_type, description) replaces the working calendar
	for the test; `calendar_days=[]` counts weekends only."""
	calendar = values.pop("calendar_days", None)
	settings = frappe.get_doc("Complaint Settings")
	saved = settings.as_dict()
	settings.update(values)
	settings.save(ignore_permissions=True)
	try:
		if calendar is None:
			yield settings
		else:
			with working_calendar(calendar):
				yield settings
	finally:
		settings = frappe.get_doc("Complaint Settings")
		for key in ("category_limits",):
			settings.set(key, [])
			for row in saved.get(key) or []:
				settings.append(key, {k: v for k, v in row.items() if k not in ("name", "parent", "idx")})
		settings.update(
			{k: v for k, v in saved.items() if not isinstance(v, list) and k not in ("modified",)}
		)
		settings.save(ignore_permissions=True)


CALENDAR_FIELDS = ("calendar_date", "day_type", "description", "is_regional", "region", "source")


@contextmanager
def working_calendar(rows: list[dict]):
	"""The working calendar replaced by `rows` for a test (open complaints re-timed), then restored."""
	from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
		bulk_calendar_changes,
	)

	saved = frappe.get_all("Working Calendar Day", fields=list(CALENDAR_FIELDS))

	def replace(new_rows):
		with bulk_calendar_changes():
			for name in frappe.get_all("Working Calendar Day", pluck="name"):
				frappe.delete_doc("Working Calendar Day", name, ignore_permissions=True)
			for row in new_rows:
				frappe.get_doc({"doctype": "Working Calendar Day", "description": "测试", **row}).insert(
					ignore_permissions=True
				)

	replace(rows)
	try:
		yield
	finally:
		replace(saved)
