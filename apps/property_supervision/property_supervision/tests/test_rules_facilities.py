import datetime
import unittest

from property_supervision.rules.facilities import (
	CANCELLED,
	COMPLETED,
	COMPOUNDS,
	HOUSEHOLDS,
	IN_PROGRESS,
	NOT_STARTED,
	default_target_date,
	survey_target_date,
	is_overdue,
	normalised_progress,
	target_rate,
	utility_done,
)

TODAY = datetime.date(2026, 6, 1)


class TestFacilityRules(unittest.TestCase):
	def test_progress_and_status_agree(self):
		self.assertEqual(normalised_progress(NOT_STARTED, 0), (NOT_STARTED, 0.0))
		self.assertEqual(normalised_progress(NOT_STARTED, 30), (IN_PROGRESS, 30.0))
		self.assertEqual(normalised_progress(IN_PROGRESS, 100), (COMPLETED, 100.0))
		self.assertEqual(normalised_progress(COMPLETED, 40), (COMPLETED, 100.0))
		self.assertEqual(normalised_progress(CANCELLED, 40), (CANCELLED, 40.0))
		for bad in (-1, 100.5, 150):
			with self.assertRaises(ValueError):
				normalised_progress(IN_PROGRESS, bad)

	def test_overdue_only_past_target_and_not_done(self):
		yesterday, tomorrow = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)
		self.assertTrue(is_overdue(yesterday, IN_PROGRESS, TODAY))
		self.assertTrue(is_overdue(yesterday, NOT_STARTED, TODAY))
		self.assertFalse(is_overdue(TODAY, IN_PROGRESS, TODAY))
		self.assertFalse(is_overdue(tomorrow, IN_PROGRESS, TODAY))
		self.assertFalse(is_overdue(yesterday, COMPLETED, TODAY))
		self.assertFalse(is_overdue(yesterday, CANCELLED, TODAY))
		self.assertFalse(is_overdue(None, IN_PROGRESS, TODAY))

	def test_default_target_date_is_the_months_last_day(self):
		self.assertEqual(default_target_date(2026, 12), datetime.date(2026, 12, 31))
		self.assertEqual(default_target_date(2028, 2), datetime.date(2028, 2, 29))
		self.assertEqual(default_target_date(2026, 0), datetime.date(2026, 12, 31))

	def test_survey_target_date_keeps_a_due_date_within_the_plan_year(self):
		self.assertEqual(survey_target_date(datetime.date(2026, 6, 30), 2026, 12), datetime.date(2026, 6, 30))
		self.assertEqual(survey_target_date(datetime.date(2027, 3, 1), 2026, 12), datetime.date(2027, 3, 1))
		self.assertEqual(
			survey_target_date(datetime.date(2024, 6, 30), 2026, 12), datetime.date(2026, 12, 31)
		)
		self.assertEqual(survey_target_date(None, 2026, 10), datetime.date(2026, 10, 31))

	def test_utility_done_counts_households_or_compounds(self):
		rows = [
			{"household_count": 100, "water_to_household": "Completed"},
			{"household_count": 50, "water_to_household": "In Progress"},
			{"household_count": 30, "water_to_household": "Completed"},
			{"household_count": 20, "water_to_household": "Not Applicable"},
		]
		self.assertEqual(utility_done(rows, "water", HOUSEHOLDS), 130)
		self.assertEqual(utility_done(rows, "water", COMPOUNDS), 2)
		self.assertEqual(utility_done(rows, "gas", COMPOUNDS), 0)

	def test_target_rate(self):
		self.assertEqual(target_rate(130, 200), 65.0)
		self.assertIsNone(target_rate(10, 0))
		self.assertEqual(target_rate(0, 50), 0.0)
