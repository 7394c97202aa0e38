"""Working calendar (issue 15): the calendar moves from the child table of Complaint Settings to
the DocType `Working Calendar Day`; the official 2025 and 2026 calendars arrive on sites that
never had them; open complaints are re-timed and resolved ones recounted over it."""

import frappe
from frappe.utils import getdate

LEGACY_TABLE = "Complaint Calendar Day"
LEGACY_DESCRIPTIONS = {"Holiday": "节假日", "Working Day": "调休上班"}


def execute():
	move_legacy_rows()
	switch_on_regional_holidays()

	from property_supervision.complaints.doctype.complaint.complaint import recompute_open_deadlines
	from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
		ALL_DAYS,
		note_changed_days,
	)
	from property_supervision.setup.defaults import install_defaults

	install_defaults()  # the shipped calendars this site has never received
	note_changed_days(ALL_DAYS)  # resolved complaints get their handling days counted once
	recompute_open_deadlines()


def move_legacy_rows():
	"""An administrator's rows of the old table come first: a shipped row never replaces them."""
	if not frappe.db.table_exists(LEGACY_TABLE):
		return
	rows = frappe.db.sql(
		f"select calendar_date, day_type, description from `tab{LEGACY_TABLE}` "
		"where parent = 'Complaint Settings' order by calendar_date",
		as_dict=True,
	)
	for row in rows:
		if not row.calendar_date or frappe.db.exists(
			"Working Calendar Day", {"calendar_date": row.calendar_date}
		):
			continue
		day_type = row.day_type if row.day_type in LEGACY_DESCRIPTIONS else "Holiday"
		doc = frappe.get_doc(
			{
				"doctype": "Working Calendar Day",
				"calendar_date": getdate(row.calendar_date),
				"day_type": day_type,
				"description": (row.description or "").strip() or LEGACY_DESCRIPTIONS[day_type],
			}
		)
		doc.insert(ignore_permissions=True)
	frappe.db.sql(f"delete from `tab{LEGACY_TABLE}` where parent = 'Complaint Settings'")


def switch_on_regional_holidays():
	"""The new switch is on by default (the district is in Xinjiang); a saved Complaint Settings
	record has no value for it yet."""
	if frappe.db.sql(
		"select 1 from `tabSingles` where doctype = 'Complaint Settings' and field = 'apply_regional_holidays'"
	):
		return
	frappe.db.set_single_value("Complaint Settings", "apply_regional_holidays", 1)
