# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
	ALL_DAYS,
	calendar_changed,
	note_changed_days,
	schedule_recompute,
)
from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
	get_calendar as working_calendar,
)

# complaint level -> the settings field with its time limit (working days)
LEVEL_DAYS_FIELDS = {
	"Community": "community_days",
	"Area": "area_days",
	"District": "district_days",
	"Joint Meeting": "joint_meeting_days",
}


class ComplaintSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.complaints.doctype.complaint_time_limit.complaint_time_limit import (
			ComplaintTimeLimit,
		)

		apply_regional_holidays: DF.Check
		area_days: DF.Int
		auto_escalate: DF.Check
		category_limits: DF.Table[ComplaintTimeLimit]
		community_days: DF.Int
		district_days: DF.Int
		follow_up_after_days: DF.Int
		joint_meeting_days: DF.Int
		max_attachment_mb: DF.Float
		reminder_lead_days: DF.Int
		total_limit_days: DF.Int
		web_form_rate_limit: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_category_limits()
		self.validate_level_limits()

	def on_update(self):
		"""Switching regional holidays on or off re-times the open complaints."""
		before = self.get_doc_before_save()
		if before and cint(before.apply_regional_holidays) != cint(self.apply_regional_holidays):
			calendar_changed()
			note_changed_days(ALL_DAYS)
			schedule_recompute()

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


def get_calendar() -> tuple[frozenset[date], frozenset[date]]:
	"""(holidays, weekend working days) of the working calendar (DocType Working Calendar Day)."""
	return working_calendar()


def get_level_days(level: str, category: str | None = None) -> int:
	"""The time limit (working days) of a level, for the category when the settings override it."""
	settings = get_complaint_settings()
	fieldname = LEVEL_DAYS_FIELDS[level]
	if category:
		for row in settings.category_limits:
			if row.category == category and cint(row.get(fieldname)):
				return cint(row.get(fieldname))
	return cint(settings.get(fieldname))
