# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The working calendar against the official tables (国办发明电〔2024〕12号, the State Council's
notice of 4 November 2025 on 2026, Xinjiang's 2025 notice): the shipped rows, bad input, bulk
entry, the reminder before a year without a calendar, and what a change does to open complaints."""

from datetime import date

import frappe
from frappe.defaults import clear_default
from frappe.tests.utils import FrappeTestCase

from property_supervision.api.working_calendar import add_holiday_range, add_make_up_days, get_year
from property_supervision.complaints.doctype.complaint.complaint import (
	level_deadline_and_status,
	process_sla_status,
)
from property_supervision.complaints.doctype.complaint_settings.complaint_settings import (
	get_complaint_settings,
)
from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
	REMINDED_ON_KEY,
	calendar_reminder_recipients,
	get_calendar,
	get_covered_years,
	get_missing_calendar_card,
	missing_calendar_years,
	remind_missing_calendar,
)
from property_supervision.rules.working_days import add_working_days
from property_supervision.setup.defaults import INSTALLED_KEY, install_defaults, installed_keys
from property_supervision.setup.working_calendar import OFFICIAL_CALENDARS, calendar_rows
from property_supervision.tests.factories import (
	AREA,
	act,
	clock,
	deliver_notices,
	forget_notices,
	make_complaint,
	make_compound,
	make_officer,
	make_user,
	mark_site_cache,
	run_calendar_recompute,
	site_cache_kept,
	use_chinese,
	working_calendar,
)
from property_supervision.utils import sweep

COMMUNITY = "工作日历测试社区"


def working_days_after(start: str, days: int) -> date:
	holidays, working_weekends = get_calendar()
	return add_working_days(date.fromisoformat(start), days, holidays, working_weekends)


def calendar_day(day: str) -> "frappe.model.document.Document":
	return frappe.get_doc("Working Calendar Day", {"calendar_date": day})


class TestShippedCalendar(FrappeTestCase):
	"""A new site's calendar is the official one: the expectations of issue 15."""

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.db.rollback()
		frappe.cache.delete_value("property_supervision:working_calendar")

	def test_every_official_row_is_shipped(self):
		for key in OFFICIAL_CALENDARS:
			for row in calendar_rows(key):
				with self.subTest(day=row["calendar_date"]):
					stored = calendar_day(row["calendar_date"])
					self.assertEqual(
						(stored.day_type, stored.is_regional), (row["day_type"], row["is_regional"])
					)
					self.assertTrue(stored.description)
		self.assertEqual(
			frappe.db.count("Working Calendar Day", {"year": 2026, "day_type": "Working Day"}), 6
		)
		self.assertEqual(frappe.db.count("Working Calendar Day", {"year": 2025, "is_regional": 0}), 33)
		self.assertTrue({2025, 2026} <= get_covered_years())

	def test_2026_official_table(self):
		cases = [
			("2026-02-13", 5, "2026-02-27"),  # 14 Feb worked, 15-23 Feb off
			("2026-02-13", 10, "2026-03-05"),  # 28 Feb worked as well
			("2026-09-30", 5, "2026-10-13"),  # 1-7 Oct off, 10 Oct worked
			("2026-04-30", 3, "2026-05-08"),  # 1-5 May off
			("2026-05-08", 1, "2026-05-09"),  # Saturday 9 May is a make-up working day
			("2026-01-01", 1, "2026-01-04"),  # 元旦 1-3 Jan off, Sunday 4 Jan worked
			("2026-06-18", 1, "2026-06-22"),  # 端午 19-21 Jun
			("2026-09-24", 1, "2026-09-28"),  # 中秋 25-27 Sep
		]
		for start, days, end in cases:
			with self.subTest(start=start, days=days):
				self.assertEqual(working_days_after(start, days), date.fromisoformat(end))

	def test_2025_official_table(self):
		cases = [
			("2025-01-24", 5, "2025-02-07"),  # Sunday 26 Jan worked, 28 Jan-4 Feb off
			("2025-04-30", 1, "2025-05-06"),  # 1-5 May off
			("2025-04-25", 1, "2025-04-27"),  # Sunday 27 Apr worked
			("2025-09-30", 3, "2025-10-11"),  # 1-8 Oct off, 9-10 Oct and Saturday 11 Oct worked
		]
		for start, days, end in cases:
			with self.subTest(start=start, days=days):
				self.assertEqual(working_days_after(start, days), date.fromisoformat(end))

	def test_regional_holidays_switch_off_in_one_place(self):
		# 古尔邦节 2025: 6-10 June off in Xinjiang
		self.assertEqual(working_days_after("2025-06-05", 1), date(2025, 6, 11))
		self.assertEqual(working_days_after("2025-03-28", 1), date(2025, 4, 1))  # 肉孜节 29-31 Mar
		settings = frappe.get_doc("Complaint Settings")
		settings.apply_regional_holidays = 0
		settings.save()
		self.assertEqual(working_days_after("2025-06-05", 1), date(2025, 6, 6))
		self.assertEqual(working_days_after("2025-03-28", 1), date(2025, 3, 31))

	def test_a_complaint_of_13_february_2026_is_due_on_27_february(self):
		compound = make_compound("工作日历测试小区", COMMUNITY, AREA)
		with clock("2026-02-13 10:00:00"):
			complaint = make_complaint(compound)
		self.assertEqual(str(complaint.deadline), "2026-02-27")
		self.assertEqual(complaint.deadline_provisional, 0)
		self.assertEqual(level_deadline_and_status("Area", None, "2026-02-13"), (date(2026, 3, 5), 0))


class TestCalendarEntry(FrappeTestCase):
	"""Administrators keep the calendar: single rows, ranges, make-up days; bad input refused."""

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.cache.delete_value("property_supervision:working_calendar")

	def test_a_date_entered_twice_is_refused(self):
		row = {"doctype": "Working Calendar Day", "calendar_date": "2026-02-16", "description": "重复"}
		for day_type in ("Holiday", "Working Day"):
			with self.subTest(day_type=day_type):
				with self.assertRaisesRegex(frappe.ValidationError, "已在工作日历中.*同一日期只能录入一次"):
					frappe.get_doc({**row, "day_type": day_type}).insert()
		self.assertEqual(frappe.db.count("Working Calendar Day", {"calendar_date": "2026-02-16"}), 1)

	def test_a_make_up_day_on_a_weekday_is_refused(self):
		doc = frappe.get_doc(
			{
				"doctype": "Working Calendar Day",
				"calendar_date": "2030-03-06",  # a Wednesday
				"day_type": "Working Day",
				"description": "调休上班",
			}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "只有周六或周日才能设为调休上班日"):
			doc.insert()
		existing = calendar_day("2026-02-14")  # Saturday, worked
		existing.calendar_date = "2026-02-13"  # moved onto a Friday
		with self.assertRaisesRegex(frappe.ValidationError, "只有周六或周日"):
			existing.save()
		self.assertFalse(frappe.db.exists("Working Calendar Day", {"year": 2030}))
		self.assertEqual(str(calendar_day("2026-02-14").calendar_date), "2026-02-14")

	def test_a_row_without_a_date_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "请填写放假或调休上班的日期"):
			frappe.get_doc({"doctype": "Working Calendar Day", "description": "春节"}).insert()

	def test_a_weekend_day_inside_a_holiday_may_be_listed(self):
		doc = frappe.get_doc(
			{"doctype": "Working Calendar Day", "calendar_date": "2030-02-02", "description": "春节"}
		).insert()
		self.assertEqual((doc.day_type, doc.year), ("Holiday", 2030))

	def test_bulk_range_and_make_up_days(self):
		result = add_holiday_range("2030-02-02", "2030-02-08", "春节", source="测试通知")
		self.assertEqual(result, {"created": 7})
		self.assertEqual(frappe.db.count("Working Calendar Day", {"year": 2030, "description": "春节"}), 7)
		self.assertEqual(add_make_up_days(["2030-02-09", "2030-01-26"], "春节调休上班"), {"created": 2})
		self.assertEqual(calendar_day("2030-02-09").day_type, "Working Day")
		year = get_year(2030)
		self.assertEqual((len(year["rows"]), year["covered"]), (9, True))

	def test_bulk_entry_refuses_the_whole_range(self):
		with self.assertRaisesRegex(frappe.ValidationError, "已在工作日历中"):
			add_holiday_range("2026-02-12", "2026-02-16", "春节")  # 15-16 Feb are there already
		with self.assertRaisesRegex(frappe.ValidationError, "不能早于"):
			add_holiday_range("2030-02-08", "2030-02-02", "春节")
		with self.assertRaisesRegex(frappe.ValidationError, "最多 31 天"):
			add_holiday_range("2030-01-01", "2030-03-01", "春节")
		with self.assertRaisesRegex(frappe.ValidationError, "请填写说明"):
			add_holiday_range("2030-02-02", "2030-02-03", " ")
		with self.assertRaisesRegex(frappe.ValidationError, "只有周六或周日"):
			add_make_up_days(["2030-02-09", "2030-02-11"], "调休上班")  # 11 Feb 2030 is a Monday
		self.assertEqual(frappe.db.count("Working Calendar Day", {"year": 2030}), 0)
		self.assertEqual(frappe.db.count("Working Calendar Day", {"calendar_date": "2026-02-12"}), 0)

	def test_only_administrators_change_the_calendar(self):
		officer = make_user("calendar.officer@example.com", ["Community Officer"]).name
		frappe.set_user(officer)
		with self.assertRaises(frappe.PermissionError):
			add_holiday_range("2030-02-02", "2030-02-03", "春节")
		self.assertEqual(get_missing_calendar_card()["value"], 0)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Working Calendar Day", {"year": 2030}), 0)


# a calendar for 2030 only (years the shipped calendars will never reach)
CALENDAR_2030 = [
	{"calendar_date": "2030-01-01", "description": "元旦"},
	{"calendar_date": "2030-12-25", "description": "测试假日"},
]


class TestMissingCalendarReminder(FrappeTestCase):
	"""From 1 November the Supervision Admin hears, once a week, that next year has no calendar."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.admin = make_user("calendar.admin@example.com", ["Supervision Admin"]).name

	def setUp(self):
		use_chinese()
		forget_notices()  # what earlier tests rolled back to their savepoints
		frappe.db.savepoint("calendar_test")
		clear_default(REMINDED_ON_KEY, parent=sweep.JOB_DEFAULTS_PARENT)

	def tearDown(self):
		frappe.db.rollback(save_point="calendar_test")
		forget_notices()
		frappe.cache.delete_value("property_supervision:working_calendar")

	def notices(self) -> int:
		# the Notification "工作日历缺失提醒" is about the Complaint Settings (notices/defaults.py)
		deliver_notices()
		return frappe.db.count(
			"Notification Log", {"for_user": self.admin, "document_type": "Complaint Settings"}
		)

	def test_weekly_from_november_until_rows_exist(self):
		self.assertIn(self.admin, calendar_reminder_recipients())
		with working_calendar(CALENDAR_2030):
			self.assertEqual(remind_missing_calendar("2030-10-31"), [])  # not before November
			self.assertEqual(self.notices(), 0)

			mark_site_cache()
			self.assertIn(self.admin, remind_missing_calendar("2030-11-01"))  # 2031 has no calendar
			self.assertTrue(site_cache_kept())  # the day it reminded is the job's own default
			self.assertEqual(self.notices(), 1)
			subject = frappe.get_last_doc("Notification Log", {"for_user": self.admin}).subject
			self.assertIn("2031 年的工作日历尚未录入", subject)
			for day in ("2030-11-01", "2030-11-02", "2030-11-07"):  # the same week: once
				self.assertEqual(remind_missing_calendar(day), [])
			self.assertEqual(self.notices(), 1)
			self.assertIn(self.admin, remind_missing_calendar("2030-11-08"))  # a week later: again
			self.assertEqual(self.notices(), 2)

			self.assertEqual(missing_calendar_years("2030-11-10"), [2031])
			self.assertEqual(missing_calendar_years("2030-10-31"), [])
			self.assertEqual(get_missing_calendar_card()["value"], len(missing_calendar_years()))
			add_holiday_range("2031-01-01", "2031-01-01", "元旦")
			self.assertEqual(remind_missing_calendar("2030-11-15"), [])  # filled in: it stops
			self.assertEqual(remind_missing_calendar("2030-12-20"), [])
			self.assertEqual(self.notices(), 2)
			self.assertEqual(missing_calendar_years("2030-11-10"), [])
			self.assertEqual(missing_calendar_years("2032-03-01"), [2032])  # a year begun without one

	def test_regional_rows_alone_do_not_make_a_calendar(self):
		with working_calendar(CALENDAR_2030):
			add_holiday_range("2031-03-20", "2031-03-20", "肉孜节", is_regional=1, region="新疆维吾尔自治区")
			self.assertNotIn(2031, get_covered_years())
			self.assertIn(self.admin, remind_missing_calendar("2030-11-02"))


class TestCalendarChangesRetimeComplaints(FrappeTestCase):
	"""Editing the calendar re-times the open complaints whose deadline depends on it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("工作日历测试小区", COMMUNITY, AREA)

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("calendar_test")

	def tearDown(self):
		frappe.db.rollback(save_point="calendar_test")
		frappe.cache.delete_value("property_supervision:working_calendar")

	def complaint(self, received_on: str):
		with clock(received_on):
			return make_complaint(self.compound).name

	def deadline(self, name: str) -> tuple[str, int]:
		run_calendar_recompute()  # what the long-queue worker does after the change
		deadline, provisional = frappe.db.get_value("Complaint", name, ["deadline", "deadline_provisional"])
		return str(deadline), provisional

	def test_editing_a_row_retimes_open_complaints(self):
		name = self.complaint("2026-03-02 09:00:00")  # Monday: due Monday 9 March
		untouched = self.complaint("2026-03-16 09:00:00")  # due 23 March, after the change
		self.assertEqual(self.deadline(name), ("2026-03-09", 0))
		modified = frappe.db.get_value("Complaint", name, "modified")

		add_holiday_range("2026-03-04", "2026-03-04", "测试假日")
		self.assertEqual(self.deadline(name), ("2026-03-10", 0))
		row = calendar_day("2026-03-04")
		row.calendar_date = "2026-03-07"  # a Saturday, now worked
		row.day_type = "Working Day"
		row.save()
		self.assertEqual(self.deadline(name), ("2026-03-07", 0))  # the Saturday is the fifth day
		row.delete()
		self.assertEqual(self.deadline(name), ("2026-03-09", 0))
		self.assertEqual(self.deadline(untouched), ("2026-03-23", 0))
		self.assertEqual(frappe.db.get_value("Complaint", name, "modified"), modified)

	def test_resolved_complaints_recount_their_handling_days(self):
		from property_supervision.complaints.doctype.complaint.complaint import handling_working_days

		name = self.complaint("2026-03-02 09:00:00")
		other = self.complaint("2026-03-02 10:00:00")
		for complaint, resolved_on in ((name, "2026-03-06 16:00:00"), (other, "2026-03-03 16:00:00")):
			frappe.db.set_value(
				"Complaint",
				complaint,
				{
					"workflow_state": "Resolved",
					"resolved_on": resolved_on,
					"handling_working_days": handling_working_days("2026-03-02", resolved_on),
				},
				update_modified=False,
			)
		self.assertEqual(frappe.db.get_value("Complaint", name, "handling_working_days"), 4)
		add_holiday_range("2026-03-04", "2026-03-05", "测试假日")
		run_calendar_recompute()
		self.assertEqual(frappe.db.get_value("Complaint", name, "handling_working_days"), 2)
		self.assertEqual(frappe.db.get_value("Complaint", other, "handling_working_days"), 1)  # before it

	def test_a_limit_reaching_into_a_year_without_calendar_is_provisional(self):
		with working_calendar(CALENDAR_2030):
			# Friday 27 Dec 2030, community limit 5 working days: into 2031, which has no calendar
			name = self.complaint("2030-12-27 09:00:00")
			self.assertEqual(self.deadline(name), ("2031-01-03", 1))  # weekends only: provisional
			same_year = self.complaint("2030-12-02 09:00:00")
			self.assertEqual(self.deadline(same_year), ("2030-12-09", 0))

			add_holiday_range("2031-01-01", "2031-01-01", "元旦")  # 2031 filled in: re-timed
			self.assertEqual(self.deadline(name), ("2031-01-06", 0))
			self.assertEqual(self.deadline(same_year), ("2030-12-09", 0))
			calendar_day("2031-01-01").delete()
			self.assertEqual(self.deadline(name), ("2031-01-03", 1))


class TestSLAJobFollowsTheCalendar(FrappeTestCase):
	"""The daily job never escalates or reminds on a day off; what falls due on a holiday falls due
	on the next working day."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("工作日历测试小区", COMMUNITY, AREA)
		cls.officer = make_officer("calendar.community@example.com", "Community Officer", COMMUNITY)

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("calendar_sla_test")
		with clock("2026-02-02 09:00:00"):  # Monday: due Monday 9 February
			self.late = make_complaint(self.compound).name
		with clock("2026-02-03 09:00:00"):
			act(self.late, "Accept", self.officer)
			self.holiday_due = make_complaint(self.compound).name
		with clock("2026-02-03 10:00:00"):
			act(self.holiday_due, "Accept", self.officer)
		# a deadline on the first day of the Spring Festival closure (a calendar edited afterwards)
		frappe.db.set_value("Complaint", self.holiday_due, "deadline", "2026-02-16", update_modified=False)

	def tearDown(self):
		frappe.db.rollback(save_point="calendar_sla_test")
		frappe.cache.delete_value("property_supervision:working_calendar")

	def run_job(self, day: str) -> dict:
		settings = get_complaint_settings()
		self.assertEqual((settings.auto_escalate, settings.reminder_lead_days), (1, 1))
		with clock(f"{day} 01:00:00"):
			return process_sla_status(day)

	def state(self, name: str) -> tuple[str, int]:
		return tuple(frappe.db.get_value("Complaint", name, ["workflow_state", "is_overdue"]))

	def test_nothing_happens_on_a_holiday(self):
		self.assertEqual(self.state(self.late), ("Community Handling", 0))
		for day in ("2026-02-15", "2026-02-16", "2026-02-21", "2026-02-23"):  # 春节 closure
			with self.subTest(day=day):
				self.assertEqual(self.run_job(day), {"marked": 0, "escalated": 0, "reminded": 0, "failed": 0})
		self.assertEqual(self.state(self.late), ("Community Handling", 0))
		self.assertFalse(frappe.db.get_value("Complaint", self.holiday_due, "reminded_deadline"))

	def test_due_on_a_holiday_means_due_on_the_next_working_day(self):
		counts = self.run_job("2026-02-24")  # the first working day after the closure
		self.assertEqual(self.state(self.late)[0], "Area Handling")  # due 9 Feb: escalated
		self.assertEqual(self.state(self.holiday_due), ("Community Handling", 0))  # due today
		self.assertEqual(
			str(frappe.db.get_value("Complaint", self.holiday_due, "reminded_deadline")), "2026-02-16"
		)
		self.assertEqual((counts["escalated"], counts["reminded"]), (1, 1))
		self.run_job("2026-02-25")
		self.assertEqual(self.state(self.holiday_due)[0], "Area Handling")


def calendar_keys(keys: list[str]) -> list[str]:
	return [key for key in keys if key.startswith("Working Calendar:")]


class TestCalendarDefaults(FrappeTestCase):
	"""The shipped calendars are created once: administrators' edits and deletions are kept."""

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("calendar_defaults_test")

	def tearDown(self):
		frappe.db.rollback(save_point="calendar_defaults_test")
		frappe.cache.delete_value("property_supervision:working_calendar")

	def test_edits_and_deletions_survive(self):
		self.assertIn("Working Calendar:2026", installed_keys())
		edited = calendar_day("2026-10-07")
		edited.description = "国庆节（本区）"
		edited.save()
		calendar_day("2026-10-06").delete()
		self.assertEqual(calendar_keys(install_defaults()), [])
		self.assertEqual(calendar_day("2026-10-07").description, "国庆节（本区）")
		self.assertFalse(frappe.db.exists("Working Calendar Day", {"calendar_date": "2026-10-06"}))

	def test_a_site_without_a_calendar_receives_it_and_keeps_its_own_rows(self):
		for name in frappe.get_all("Working Calendar Day", {"year": 2026}, pluck="name"):
			frappe.delete_doc("Working Calendar Day", name, ignore_permissions=True)
		own = frappe.get_doc(
			{"doctype": "Working Calendar Day", "calendar_date": "2026-02-16", "description": "本区春节"}
		).insert()
		frappe.db.set_default(
			INSTALLED_KEY, frappe.as_json(sorted(installed_keys() - {"Working Calendar:2026"}))
		)
		self.assertEqual(calendar_keys(install_defaults()), ["Working Calendar:2026"])
		self.assertEqual(frappe.db.count("Working Calendar Day", {"year": 2026}), 39)
		self.assertEqual(calendar_day("2026-02-16").name, own.name)
		self.assertEqual(calendar_day("2026-02-16").description, "本区春节")
		self.assertEqual(working_days_after("2026-02-13", 5), date(2026, 2, 27))

	def test_the_patch_brings_the_calendar_to_an_existing_site(self):
		from property_supervision.patches import working_calendar as patch

		for name in frappe.get_all("Working Calendar Day", {"year": 2025}, pluck="name"):
			frappe.delete_doc("Working Calendar Day", name, ignore_permissions=True)
		frappe.db.sql(
			"delete from `tabSingles` where doctype = 'Complaint Settings' and field = 'apply_regional_holidays'"
		)
		keys = installed_keys() - {"Working Calendar:2025", "Working Calendar:Xinjiang 2025"}
		frappe.db.set_default(INSTALLED_KEY, frappe.as_json(sorted(keys)))
		legacy = frappe.db.table_exists("Complaint Calendar Day")
		if legacy:  # a site that had the calendar as a child table of Complaint Settings
			frappe.db.sql(
				"insert into `tabComplaint Calendar Day` (name, parent, parenttype, parentfield, idx, "
				"calendar_date, day_type, description) values ('legacy-test', 'Complaint Settings', "
				"'Complaint Settings', 'calendar_days', 1, '2025-01-01', 'Holiday', '元旦（旧表）')"
			)
		patch.execute()
		self.assertEqual(frappe.db.count("Working Calendar Day", {"year": 2025}), 41)
		self.assertEqual(frappe.db.get_single_value("Complaint Settings", "apply_regional_holidays"), 1)
		if legacy:
			self.assertEqual(calendar_day("2025-01-01").description, "元旦（旧表）")
		self.assertEqual(working_days_after("2025-06-05", 1), date(2025, 6, 11))


IMPORT_FILE = "working_calendar_import_test.xlsx"


def cleanup_import():
	for name in frappe.get_all("Working Calendar Day", {"year": 2032}, pluck="name"):
		frappe.delete_doc("Working Calendar Day", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("Data Import", {"reference_doctype": "Working Calendar Day"}, pluck="name"):
		frappe.db.delete("Data Import Log", {"data_import": name})
		frappe.delete_doc("Data Import", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("File", {"file_name": IMPORT_FILE}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	frappe.cache.delete_value("property_supervision:working_calendar")


class TestCalendarDataImport(FrappeTestCase):
	"""A year's calendar arrives through Frappe's Data Import; bad rows are refused in Chinese."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		cleanup_import()

	@classmethod
	def tearDownClass(cls):
		cleanup_import()
		super().tearDownClass()

	def test_import_good_and_bad_rows(self):
		from frappe.utils.xlsxutils import make_xlsx

		header = ["日期", "日期类型", "说明", "地方节假日", "地区", "依据通知"]
		rows = [
			["2032-01-01", "Holiday", "元旦", 0, "", "测试通知"],
			["2032-02-10", "Holiday", "春节", 0, "", "测试通知"],
			["2032-02-07", "Working Day", "春节调休上班", 0, "", "测试通知"],  # a Saturday
			["2032-02-07", "Holiday", "重复", 0, "", ""],  # entered twice, with another type
			["2032-02-11", "Working Day", "调休上班", 0, "", ""],  # a Wednesday
			["2032-03-12", "Holiday", "肉孜节", 1, "新疆维吾尔自治区", ""],
		]
		content = make_xlsx([header, *rows], "工作日历").getvalue()
		file = frappe.get_doc(
			{"doctype": "File", "file_name": IMPORT_FILE, "content": content, "is_private": 1}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Working Calendar Day",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		frappe.db.commit()
		data_import.start_import()
		data_import.reload()
		messages = frappe.get_all("Data Import Log", {"data_import": data_import.name}, pluck="messages")
		self.assertEqual(data_import.status, "Partial Success", messages)

		landed = frappe.get_all(
			"Working Calendar Day",
			{"year": 2032},
			["calendar_date", "day_type", "description", "is_regional"],
			order_by="calendar_date",
		)
		self.assertEqual(
			[(str(r.calendar_date), r.day_type, r.description, r.is_regional) for r in landed],
			[
				("2032-01-01", "Holiday", "元旦", 0),
				("2032-02-07", "Working Day", "春节调休上班", 0),
				("2032-02-10", "Holiday", "春节", 0),
				("2032-03-12", "Holiday", "肉孜节", 1),
			],
		)
		self.assertIn(2032, get_covered_years())
		logs = frappe.get_all(
			"Data Import Log",
			{"data_import": data_import.name, "success": 0},
			["row_indexes", "messages"],
			order_by="log_index",
		)
		failures = {
			frappe.parse_json(log.row_indexes)[0]: " ".join(
				frappe.parse_json(m)["message"] for m in frappe.parse_json(log.messages)
			)
			for log in logs
		}
		self.assertEqual(sorted(failures), [5, 6])  # row 1 is the heading
		self.assertIn("已在工作日历中", failures[5])
		self.assertIn("只有周六或周日才能设为调休上班日", failures[6])


def demo_calendar_check() -> dict:
	"""On the demo site every time limit of the demo complaints in 2025 and 2026 is the official
	calendar's: each open complaint's deadline (a working day) and each resolved one's working days.
	Run by the system test tests/test_demo_data.py on the demo site (this test site has no demo
	complaints). Returns how many were checked and the complaints that disagree."""
	from property_supervision.complaints.doctype.complaint.complaint import handling_working_days
	from property_supervision.demo.complaints import DEMO_TAG
	from property_supervision.rules.working_days import is_working_day
	from property_supervision.workflow_meanings import open_complaint_states

	complaints = frappe.get_all(
		"Complaint",
		filters={"_user_tags": ("like", f"%{DEMO_TAG}%")},
		fields=[
			"name",
			"workflow_state",
			"current_level",
			"category",
			"level_started_on",
			"deadline",
			"deadline_provisional",
			"received_on",
			"resolved_on",
			"handling_working_days",
		],
	)
	holidays, working_weekends = get_calendar()
	open_states = open_complaint_states()
	result = {"complaints": len(complaints), "deadlines": 0, "handling_days": 0, "mismatches": []}
	for row in complaints:
		if row.workflow_state in open_states and row.deadline and row.deadline.year in (2025, 2026):
			result["deadlines"] += 1
			expected = level_deadline_and_status(row.current_level, row.category, row.level_started_on)
			if (row.deadline, row.deadline_provisional) != tuple(expected) or not is_working_day(
				row.deadline, holidays, working_weekends
			):
				result["mismatches"].append(row.name)
		if row.resolved_on and row.received_on.year in (2025, 2026):
			result["handling_days"] += 1
			if row.handling_working_days != handling_working_days(row.received_on, row.resolved_on):
				result["mismatches"].append(row.name)
	return result
