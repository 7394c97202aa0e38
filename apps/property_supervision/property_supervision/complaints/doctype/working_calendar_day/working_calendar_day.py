# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The working calendar (SPEC §3 Complaint Settings): one row per public holiday or make-up
working day (调休). Every time limit counted in working days reads it through `get_calendar`;
the arithmetic is in rules/working_days.py.

A change of the calendar re-times the open complaints (`schedule_recompute`). From 1 November,
while the coming year has no rows, the Supervision Admin is reminded once a week
(`remind_missing_calendar`, daily in hooks.py) and the workspace card shows it.
"""

from contextlib import contextmanager
from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, cint, getdate

from property_supervision import shared_cache
from property_supervision.rules.working_days import SATURDAY
from property_supervision.utils import sweep

HOLIDAY = "Holiday"
WORKING_DAY = "Working Day"
CACHE_KEY = shared_cache.WORKING_CALENDAR
RECOMPUTE_METHOD = "property_supervision.complaints.doctype.complaint.complaint.recompute_open_deadlines"
RECOMPUTE_JOB_ID = "working_calendar_recompute"
# the days changed since open complaints were last re-timed ("all": anything may have changed)
CHANGED_DAYS_KEY = "property_supervision:working_calendar_changed_days"
ALL_DAYS = "all"

# the missing-calendar reminder: from this month on, at most once in this many days
REMINDER_FROM_MONTH = 11
REMINDER_INTERVAL_DAYS = 7
REMINDED_ON_KEY = "property_supervision_calendar_reminded_on"


class WorkingCalendarDay(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		calendar_date: DF.Date
		day_type: DF.Literal["Holiday", "Working Day"]
		description: DF.Data
		is_regional: DF.Check
		region: DF.Data | None
		source: DF.Data | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		self.set_year()
		self.validate_unique_date()
		self.validate_working_day_on_weekend()

	def on_update(self):
		before = self.get_doc_before_save()
		calendar_changed()
		if not before or any(
			str(self.get(f)) != str(before.get(f)) for f in ("calendar_date", "day_type", "is_regional")
		):
			note_changed_days(self.calendar_date, before.calendar_date if before else None)
			schedule_recompute()

	def after_delete(self):
		calendar_changed()
		note_changed_days(self.calendar_date)
		schedule_recompute()

	def set_year(self):
		if not self.calendar_date:  # validate runs before Frappe's mandatory check; getdate() is today
			frappe.throw(_("Enter the date of the holiday or make-up working day."))
		self.calendar_date = getdate(self.calendar_date)
		self.year = self.calendar_date.year
		self.description = (self.description or "").strip()

	def validate_unique_date(self):
		other = frappe.db.get_value(
			"Working Calendar Day",
			{"calendar_date": self.calendar_date, "name": ("!=", self.name or "")},
			["day_type", "description"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_(
					"{0} is already in the working calendar as {1} ({2}); a date can be entered only once: edit that row instead."
				).format(frappe.format(self.calendar_date, "Date"), _(other.day_type), other.description),
				frappe.UniqueValidationError,
				title=_("Date Entered Twice"),
			)

	def validate_working_day_on_weekend(self):
		if self.day_type == WORKING_DAY and self.calendar_date.weekday() < SATURDAY:
			frappe.throw(
				_(
					"{0} is a weekday, which is a working day anyway: only a Saturday or Sunday can be a make-up working day."
				).format(frappe.format(self.calendar_date, "Date"))
			)


# --- reading the calendar ---------------------------------------------------------------------


def get_calendar() -> tuple[frozenset[date], frozenset[date]]:
	"""(holidays, weekend working days) as the time limits count them: regional rows only while
	Complaint Settings apply regional holidays."""
	calendar = load_calendar()
	return calendar["holidays"], calendar["working_weekends"]


def get_covered_years() -> frozenset[int]:
	"""The years for which the calendar has national rows (a year without is counted over
	weekends only and the time limits reaching into it are provisional)."""
	return load_calendar()["covered_years"]


def load_calendar() -> dict:
	return shared_cache.read(CACHE_KEY, read_calendar)


def read_calendar() -> dict:
	apply_regional = cint(frappe.db.get_single_value("Complaint Settings", "apply_regional_holidays"))
	holidays, working_weekends, covered = set(), set(), set()
	for row in frappe.get_all(
		"Working Calendar Day", fields=["calendar_date", "day_type", "is_regional"], order_by="calendar_date"
	):
		day = getdate(row.calendar_date)
		if not row.is_regional:
			covered.add(day.year)
		elif not apply_regional:
			continue
		(working_weekends if row.day_type == WORKING_DAY else holidays).add(day)
	return {
		"holidays": frozenset(holidays),
		"working_weekends": frozenset(working_weekends),
		"covered_years": frozenset(covered),
	}


def forget_calendar():
	frappe.cache.delete_value(CACHE_KEY)


def calendar_changed():
	"""Forget the cached calendar now and again when the transaction ends (shared_cache.py)."""
	shared_cache.forget(CACHE_KEY)


# --- re-timing open complaints ----------------------------------------------------------------


@contextmanager
def bulk_calendar_changes():
	"""Many rows at once (a shipped calendar, a date range): re-time open complaints once, at the end."""
	previous = frappe.flags.calendar_bulk
	frappe.flags.calendar_bulk = True
	frappe.flags.calendar_bulk_changed = False
	try:
		yield
	finally:
		frappe.flags.calendar_bulk = previous
	if not previous and frappe.flags.calendar_bulk_changed:
		frappe.flags.calendar_bulk_changed = False
		schedule_recompute()


def note_changed_days(*days):
	"""Remember the changed days (or ALL_DAYS) for the next re-timing."""
	values = [day if day == ALL_DAYS else getdate(day).isoformat() for day in days if day]
	if values:
		frappe.cache.sadd(CHANGED_DAYS_KEY, *values)


def take_changed_days() -> tuple[date, date] | None:
	"""(first, last) day changed since the last re-timing, forgetting them; None when anything may
	have changed."""
	members = frappe.cache.smembers(CHANGED_DAYS_KEY) or set()
	if members:
		frappe.cache.srem(CHANGED_DAYS_KEY, *members)
	values = {m.decode() if isinstance(m, bytes) else m for m in members}
	if not values or ALL_DAYS in values:
		return None
	days = sorted(getdate(value) for value in values)
	return days[0], days[-1]


RECOMPUTE_PENDING = "ps_calendar_recompute_pending"


def schedule_recompute():
	"""Re-time the open complaints after a calendar change: inside a bulk change once at its end;
	during install, migrate and patches at once (no worker runs then); otherwise in a long-queue
	worker after the change is committed (a rollback forgets it). A test runs what is pending the
	way the worker does (tests/factories.run_calendar_recompute)."""
	if frappe.flags.calendar_bulk:
		frappe.flags.calendar_bulk_changed = True
		return
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch:
		frappe.get_attr(RECOMPUTE_METHOD)()
		return
	if getattr(frappe.local, RECOMPUTE_PENDING, False):
		return
	setattr(frappe.local, RECOMPUTE_PENDING, True)
	frappe.db.after_commit.add(enqueue_recompute)
	frappe.db.after_rollback.add(take_pending_recompute)


def take_pending_recompute() -> bool:
	"""Whether a re-timing is pending in this transaction (forgotten here)."""
	pending = bool(getattr(frappe.local, RECOMPUTE_PENDING, False))
	setattr(frappe.local, RECOMPUTE_PENDING, False)
	return pending


def enqueue_recompute():
	if take_pending_recompute():
		frappe.enqueue(
			RECOMPUTE_METHOD, queue="long", timeout=3600, job_id=RECOMPUTE_JOB_ID, deduplicate=True
		)


def calendar_signature() -> tuple:
	"""The calendar as stored now, to tell whether it changed while open complaints were re-timed."""
	rows = frappe.get_all(
		"Working Calendar Day",
		fields=["calendar_date", "day_type", "is_regional"],
		order_by="calendar_date",
		as_list=True,
	)
	return (*map(tuple, rows), frappe.db.get_single_value("Complaint Settings", "apply_regional_holidays"))


# --- the coming year's calendar -----------------------------------------------------------------


def missing_calendar_years(today=None) -> list[int]:
	"""This year when it has no calendar, and from 1 November the coming year when it has none."""
	today = getdate(today)
	years = [today.year]
	if today.month >= REMINDER_FROM_MONTH:
		years.append(today.year + 1)
	covered = get_covered_years()
	return [year for year in years if year not in covered]


def calendar_reminder_recipients() -> list[str]:
	"""Who is told that the calendar is missing: the enabled Supervision Admin users (the recipient
	row of the Notification "工作日历缺失提醒"; the rule lives in notices/recipients.py)."""
	from property_supervision.notices.recipients import role_users
	from property_supervision.roles import SUPERVISION_ADMIN

	return role_users(SUPERVISION_ADMIN)


def remind_missing_calendar(today=None) -> list[str]:
	"""Daily (hooks.py): from 1 November, while the coming year has no calendar, raise the notice
	"工作日历缺失提醒" (a Notification on Complaint Settings, to the Supervision Admin) — once a week,
	until rows for that year exist. Returns the users meant now."""
	from property_supervision import notices

	today = getdate(today)
	missing = [year for year in missing_calendar_years(today) if year > today.year]
	if not missing:
		return []
	last = sweep.recorded_day(REMINDED_ON_KEY)
	if last and last <= today and last > getdate(add_days(today, -REMINDER_INTERVAL_DAYS)):
		return []
	users = calendar_reminder_recipients()
	if users:
		notices.send(
			notices.CALENDAR_MISSING, frappe.get_single("Complaint Settings"), values={"year": missing[0]}
		)
	sweep.record_day(REMINDED_ON_KEY, today)
	return users


@frappe.whitelist()
def get_missing_calendar_card(filters: str | list | dict | None = None) -> dict:
	"""Number card "Missing Working Calendars": the years that need a calendar now (this year, and
	from 1 November the coming one). Counted for those who may read the calendar, 0 for others."""
	if not frappe.has_permission("Working Calendar Day", "read"):
		return {"value": 0, "fieldtype": "Int"}
	return {"value": len(missing_calendar_years()), "fieldtype": "Int"}
