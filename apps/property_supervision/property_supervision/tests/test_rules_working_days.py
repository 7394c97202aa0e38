import unittest
from datetime import date

from property_supervision.rules.working_days import add_working_days, is_working_day, working_days_between

# 2025 National Day: 1–8 October off; Sunday 28 September and Saturday 11 October worked (调休)
NATIONAL_DAY = {date(2025, 10, d) for d in range(1, 9)}
NATIONAL_DAY_WORKED = {date(2025, 9, 28), date(2025, 10, 11)}


class TestWorkingDays(unittest.TestCase):
	def test_weekends_are_skipped(self):
		monday = date(2025, 6, 2)
		self.assertEqual(add_working_days(monday, 4), date(2025, 6, 6))  # Friday
		self.assertEqual(add_working_days(monday, 5), date(2025, 6, 9))  # next Monday
		friday = date(2025, 6, 6)
		self.assertEqual(add_working_days(friday, 1), date(2025, 6, 9))
		saturday = date(2025, 6, 7)
		self.assertEqual(add_working_days(saturday, 1), date(2025, 6, 9))

	def test_zero_days_is_the_start(self):
		self.assertEqual(add_working_days(date(2025, 6, 7), 0), date(2025, 6, 7))
		self.assertEqual(working_days_between(date(2025, 6, 7), date(2025, 6, 7)), 0)

	def test_holidays_and_weekend_working_days(self):
		# Friday 26 September 2025 + 1: Sunday 28 September is worked
		self.assertEqual(add_working_days(date(2025, 9, 26), 1), date(2025, 9, 29))
		self.assertEqual(
			add_working_days(date(2025, 9, 26), 1, NATIONAL_DAY, NATIONAL_DAY_WORKED), date(2025, 9, 28)
		)
		# Tuesday 30 September + 1: the holiday runs to 8 October, then Thursday 9 October
		self.assertEqual(
			add_working_days(date(2025, 9, 30), 1, NATIONAL_DAY, NATIONAL_DAY_WORKED), date(2025, 10, 9)
		)
		# + 3: Thursday 9, Friday 10, then Saturday 11 October is worked
		self.assertEqual(
			add_working_days(date(2025, 9, 30), 3, NATIONAL_DAY, NATIONAL_DAY_WORKED), date(2025, 10, 11)
		)
		self.assertFalse(is_working_day(date(2025, 10, 1), NATIONAL_DAY, NATIONAL_DAY_WORKED))
		self.assertTrue(is_working_day(date(2025, 10, 11), NATIONAL_DAY, NATIONAL_DAY_WORKED))

	def test_crossing_the_year_end(self):
		holidays = {date(2026, 1, 1), date(2026, 1, 2)}
		# Wednesday 31 December 2025 + 3: Thursday 1 and Friday 2 January off, weekend off
		self.assertEqual(add_working_days(date(2025, 12, 31), 3, holidays), date(2026, 1, 7))
		self.assertEqual(add_working_days(date(2025, 12, 31), 3), date(2026, 1, 5))
		self.assertEqual(working_days_between(date(2025, 12, 31), date(2026, 1, 7), holidays), 3)

	def test_between_is_the_inverse(self):
		start = date(2025, 9, 20)
		for days in range(0, 40):
			end = add_working_days(start, days, NATIONAL_DAY, NATIONAL_DAY_WORKED)
			self.assertEqual(working_days_between(start, end, NATIONAL_DAY, NATIONAL_DAY_WORKED), days)
		self.assertEqual(working_days_between(date(2025, 6, 9), date(2025, 6, 2)), -5)
		self.assertEqual(add_working_days(date(2025, 6, 9), -5), date(2025, 6, 2))
