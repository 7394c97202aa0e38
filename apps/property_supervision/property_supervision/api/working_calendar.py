"""Bulk entry of the working calendar from the desk (the list view's buttons in
working_calendar_day_list.js): a date range marked as holiday, single make-up working days, and
a year's overview. Each row is a `Working Calendar Day` saved through its controller, so the
checks of single entry and Data Import apply; a refused row refuses the whole entry."""

from contextlib import contextmanager
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import cint, getdate

from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
	CACHE_KEY,
	HOLIDAY,
	WORKING_DAY,
	bulk_calendar_changes,
	get_covered_years,
)

# a holiday longer than this is a typing error (the longest official closure is 9 days)
MAX_RANGE_DAYS = 31


def _check_write():
	if not frappe.has_permission("Working Calendar Day", "create"):
		frappe.throw(_("You are not allowed to change the working calendar."), frappe.PermissionError)


def _description(description: str | None) -> str:
	description = (description or "").strip()
	if not description:
		frappe.throw(_("Enter a description, e.g. the holiday's name (春节, 国庆节)."))
	return description


def _insert(values: dict) -> str:
	return frappe.get_doc({"doctype": "Working Calendar Day", **values}).insert().name


@contextmanager
def _all_or_nothing():
	"""A refused day refuses the whole entry: the days inserted before it are taken back."""
	frappe.db.savepoint("working_calendar_entry")
	try:
		with bulk_calendar_changes():
			yield
	except Exception:
		frappe.db.rollback(save_point="working_calendar_entry")
		frappe.cache.delete_value(CACHE_KEY)
		raise


@frappe.whitelist(methods=["POST"])
def add_holiday_range(
	from_date: str,
	to_date: str,
	description: str,
	is_regional: int | str = 0,
	region: str | None = None,
	source: str | None = None,
) -> dict:
	"""Mark every day from `from_date` to `to_date` as a holiday (weekend days included)."""
	_check_write()
	description = _description(description)
	if not from_date or not to_date:
		frappe.throw(_("Enter the first and the last day of the holiday."))
	start, end = getdate(from_date), getdate(to_date)
	if end < start:
		frappe.throw(_("The last day of the holiday cannot be before its first day."))
	if (end - start).days + 1 > MAX_RANGE_DAYS:
		frappe.throw(_("A holiday can be at most {0} days long; check the dates.").format(MAX_RANGE_DAYS))
	common = {
		"day_type": HOLIDAY,
		"description": description,
		"is_regional": cint(is_regional),
		"region": region if cint(is_regional) else None,
		"source": source,
	}
	names = []
	with _all_or_nothing():
		day = start
		while day <= end:
			names.append(_insert({"calendar_date": day, **common}))
			day += timedelta(days=1)
	return {"created": len(names)}


@frappe.whitelist(methods=["POST"])
def add_make_up_days(
	dates: str | list, description: str, source: str | None = None, is_regional: int | str = 0
) -> dict:
	"""Mark one or more Saturdays or Sundays as make-up working days (调休上班)."""
	_check_write()
	description = _description(description)
	dates = frappe.parse_json(dates) if isinstance(dates, str) and dates.startswith("[") else dates
	if isinstance(dates, str):
		dates = [d for d in dates.replace("，", ",").split(",") if d.strip()]
	if not dates:
		frappe.throw(_("Enter at least one make-up working day."))
	names = []
	with _all_or_nothing():
		for day in sorted({getdate(str(d).strip()) for d in dates}):
			names.append(
				_insert(
					{
						"calendar_date": day,
						"day_type": WORKING_DAY,
						"description": description,
						"is_regional": cint(is_regional),
						"source": source,
					}
				)
			)
	return {"created": len(names)}


@frappe.whitelist()
def get_year(year: int | str) -> dict:
	"""A year's calendar for the year view: its rows by month and whether it is covered."""
	frappe.has_permission("Working Calendar Day", "read", throw=True)
	year = cint(year)
	rows = frappe.get_list(
		"Working Calendar Day",
		filters={"year": year},
		fields=["name", "calendar_date", "day_type", "description", "is_regional"],
		order_by="calendar_date asc",
		limit_page_length=0,
	)
	return {"year": year, "covered": year in get_covered_years(), "rows": rows}
