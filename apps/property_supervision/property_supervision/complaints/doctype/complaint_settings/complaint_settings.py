# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

# complaint level -> the settings field with its time limit (working days)
LEVEL_DAYS_FIELDS = {
	"Community": "community_days",
	"Area": "area_days",
	"District": "district_days",
	"Joint Meeting": "joint_meeting_days",
}
HOLIDAY = "Holiday"
WORKING_DAY = "Working Day"


class ComplaintSettings(Document):
	def validate(self):
		self.validate_calendar_days()
		self.validate_category_limits()
		self.validate_level_limits()

	def validate_calendar_days(self):
		seen = {}
		for row in self.calendar_days:
			day = getdate(row.calendar_date)
			if day in seen:
				frappe.throw(
					_("Calendar rows {0} and {1} are for the same date {2}.").format(
						seen[day], row.idx, frappe.format(day, "Date")
					)
				)
			seen[day] = row.idx
			if row.day_type == WORKING_DAY and day.weekday() < 5:
				frappe.throw(
					_(
						"Calendar row {0}: {1} is a weekday; only a Saturday or Sunday can be a working day."
					).format(row.idx, frappe.format(day, "Date"))
				)
			if row.day_type == HOLIDAY and day.weekday() >= 5:
				frappe.throw(
					_("Calendar row {0}: {1} is a weekend day, which is already a day off.").format(
						row.idx, frappe.format(day, "Date")
					)
				)

	def validate_category_limits(self):
		seen = {}
		for row in self.category_limits:
			if row.category in seen:
				frappe.throw(
					_("Time limit rows {0} and {1} are for the same category {2}.").format(
						seen[row.category], row.idx, _(row.category)
					)
				)
			seen[row.category] = row.idx

	def validate_level_limits(self):
		for fieldname in LEVEL_DAYS_FIELDS.values():
			if cint(self.get(fieldname)) < 1:
				frappe.throw(
					_("The time limit for {0} must be at least one working day.").format(
						_(self.meta.get_label(fieldname))
					)
				)
		path = sum(cint(self.get(f)) for f in ("community_days", "area_days", "district_days"))
		if cint(self.total_limit_days) and path > cint(self.total_limit_days):
			frappe.throw(
				_(
					"The community, area and district time limits add up to {0} working days, more than the overall limit of {1} days."
				).format(path, self.total_limit_days)
			)


def get_complaint_settings() -> "ComplaintSettings":
	"""The settings document, from cache (a single DocType keeps its defaults until saved)."""
	return frappe.get_cached_doc("Complaint Settings")


def get_calendar() -> tuple[set[date], set[date]]:
	"""(holidays, weekend working days) from the settings' calendar."""
	holidays, working_weekends = set(), set()
	for row in get_complaint_settings().calendar_days:
		(working_weekends if row.day_type == WORKING_DAY else holidays).add(getdate(row.calendar_date))
	return holidays, working_weekends


def get_level_days(level: str, category: str | None = None) -> int:
	"""The time limit (working days) of a level, for the category when the settings override it."""
	settings = get_complaint_settings()
	fieldname = LEVEL_DAYS_FIELDS[level]
	if category:
		for row in settings.category_limits:
			if row.category == category and cint(row.get(fieldname)):
				return cint(row.get(fieldname))
	return cint(settings.get(fieldname))
