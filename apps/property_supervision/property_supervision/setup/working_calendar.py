"""The official working calendars shipped with the app: rows of `Working Calendar Day` created
once per site (setup/defaults.py keys them); from then on they belong to the administrators.

National calendars follow the State Council's notices; regional ones the notices of the Xinjiang
Uygur Autonomous Region (少数民族习惯节日, 自治区人民政府令第174号). A regional calendar is
included only for a year whose official notice was found; its rows are marked regional so that
Complaint Settings can switch them off in one place.
"""

from datetime import date, timedelta

import frappe

XINJIANG = "新疆维吾尔自治区"

# key -> calendar: holidays as (first day, last day, description), make-up working days as
# (day, description). Weekend days inside a holiday are listed too: the notices count them.
OFFICIAL_CALENDARS = {
	"2025": {
		"source": "国办发明电〔2024〕12号",
		"holidays": (
			("2025-01-01", "2025-01-01", "元旦"),
			("2025-01-28", "2025-02-04", "春节"),
			("2025-04-04", "2025-04-06", "清明节"),
			("2025-05-01", "2025-05-05", "劳动节"),
			("2025-05-31", "2025-06-02", "端午节"),
			("2025-10-01", "2025-10-08", "国庆节、中秋节"),
		),
		"working_days": (
			("2025-01-26", "春节调休上班"),
			("2025-02-08", "春节调休上班"),
			("2025-04-27", "劳动节调休上班"),
			("2025-09-28", "国庆节、中秋节调休上班"),
			("2025-10-11", "国庆节、中秋节调休上班"),
		),
	},
	"2026": {
		"source": "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
		"holidays": (
			("2026-01-01", "2026-01-03", "元旦"),
			("2026-02-15", "2026-02-23", "春节"),
			("2026-04-04", "2026-04-06", "清明节"),
			("2026-05-01", "2026-05-05", "劳动节"),
			("2026-06-19", "2026-06-21", "端午节"),
			("2026-09-25", "2026-09-27", "中秋节"),
			("2026-10-01", "2026-10-07", "国庆节"),
		),
		"working_days": (
			("2026-01-04", "元旦调休上班"),
			("2026-02-14", "春节调休上班"),
			("2026-02-28", "春节调休上班"),
			("2026-05-09", "劳动节调休上班"),
			("2026-09-20", "国庆节调休上班"),
			("2026-10-10", "国庆节调休上班"),
		),
	},
	# 新疆维吾尔自治区人民政府办公厅关于2025年节假日放假和冬夏季作息时间安排的通知
	"Xinjiang 2025": {
		"region": XINJIANG,
		"source": "新疆维吾尔自治区人民政府办公厅关于2025年节假日放假和冬夏季作息时间安排的通知",
		"holidays": (
			("2025-03-29", "2025-03-31", "肉孜节"),
			("2025-06-06", "2025-06-10", "古尔邦节"),
		),
		"working_days": (),
	},
}


def days_between(first: str, last: str) -> list[date]:
	start, end = date.fromisoformat(first), date.fromisoformat(last)
	return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def calendar_rows(key: str) -> list[dict]:
	"""The `Working Calendar Day` values of one shipped calendar, in date order."""
	calendar = OFFICIAL_CALENDARS[key]
	common = {
		"is_regional": 1 if calendar.get("region") else 0,
		"region": calendar.get("region"),
		"source": calendar["source"],
	}
	rows = [
		{"calendar_date": day, "day_type": "Holiday", "description": description, **common}
		for first, last, description in calendar["holidays"]
		for day in days_between(first, last)
	]
	rows += [
		{
			"calendar_date": date.fromisoformat(day),
			"day_type": "Working Day",
			"description": description,
			**common,
		}
		for day, description in calendar["working_days"]
	]
	return sorted(rows, key=lambda row: row["calendar_date"])


def create_official_calendar(key: str) -> bool:
	"""Add the rows of a shipped calendar for the dates the site's calendar does not have yet (an
	administrator's own row for a date wins). Open complaints are re-timed once afterwards."""
	if not frappe.db.exists("DocType", "Working Calendar Day"):
		return False
	from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
		bulk_calendar_changes,
	)

	with bulk_calendar_changes():
		for row in calendar_rows(key):
			if not frappe.db.exists("Working Calendar Day", {"calendar_date": row["calendar_date"]}):
				frappe.get_doc({"doctype": "Working Calendar Day", **row}).insert(ignore_permissions=True)
	return True
