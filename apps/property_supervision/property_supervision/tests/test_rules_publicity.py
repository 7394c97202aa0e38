import unittest
from datetime import date

from property_supervision.rules.publicity import (
	COMPLIANT,
	NOT_DUE,
	OVERDUE,
	compliance_status,
	covered_until,
	is_covered,
	last_completed_period,
	period_containing,
	period_label,
	previous_period,
	required_period,
)

H1_2026 = (date(2026, 1, 1), date(2026, 6, 30))
H2_2025 = (date(2025, 7, 1), date(2025, 12, 31))


class TestPublicityPeriods(unittest.TestCase):
	def test_half_year_boundaries(self):
		# the last day of a half-year still belongs to it; the next day completes it
		self.assertEqual(last_completed_period(date(2026, 6, 30), 6), H2_2025)
		self.assertEqual(last_completed_period(date(2026, 7, 1), 6), H1_2026)
		self.assertEqual(last_completed_period(date(2026, 12, 31), 6), H1_2026)
		self.assertEqual(last_completed_period(date(2027, 1, 1), 6), (date(2026, 7, 1), date(2026, 12, 31)))
		# January reaches back across the year end
		self.assertEqual(last_completed_period(date(2026, 1, 1), 6), H2_2025)
		self.assertEqual(last_completed_period(date(2026, 3, 15), 6), H2_2025)

	def test_quarters_and_month_ends(self):
		cases = {
			date(2026, 1, 1): (date(2025, 10, 1), date(2025, 12, 31)),
			date(2026, 3, 31): (date(2025, 10, 1), date(2025, 12, 31)),
			date(2026, 4, 1): (date(2026, 1, 1), date(2026, 3, 31)),
			date(2026, 7, 1): (date(2026, 4, 1), date(2026, 6, 30)),
			date(2026, 10, 1): (date(2026, 7, 1), date(2026, 9, 30)),
			date(2026, 12, 31): (date(2026, 7, 1), date(2026, 9, 30)),
		}
		for today, expected in cases.items():
			self.assertEqual(last_completed_period(today, 3), expected, today)
		self.assertEqual(period_containing(date(2026, 11, 30), 3), (date(2026, 10, 1), date(2026, 12, 31)))
		self.assertEqual(
			previous_period((date(2026, 1, 1), date(2026, 3, 31)), 3), (date(2025, 10, 1), date(2025, 12, 31))
		)

	def test_leap_years(self):
		# February ends on the 29th in a leap year, inside the first quarter and half-year
		self.assertEqual(period_containing(date(2024, 2, 29), 3), (date(2024, 1, 1), date(2024, 3, 31)))
		self.assertEqual(period_containing(date(2024, 2, 29), 1), (date(2024, 2, 1), date(2024, 2, 29)))
		self.assertEqual(period_containing(date(2026, 2, 28), 1), (date(2026, 2, 1), date(2026, 2, 28)))
		self.assertEqual(last_completed_period(date(2024, 3, 1), 1), (date(2024, 2, 1), date(2024, 2, 29)))
		self.assertEqual(last_completed_period(date(2024, 2, 29), 6), (date(2023, 7, 1), date(2023, 12, 31)))
		# the leap day is covered by a quarter but not by a record ending on the 28th
		self.assertTrue(
			is_covered([(date(2024, 1, 1), date(2024, 2, 29))], (date(2024, 2, 1), date(2024, 2, 29)))
		)
		self.assertFalse(
			is_covered([(date(2024, 1, 1), date(2024, 2, 28))], (date(2024, 2, 1), date(2024, 2, 29)))
		)

	def test_string_months_and_bad_lengths(self):
		# the setting is a Select, so the length arrives as text
		self.assertEqual(last_completed_period(date(2026, 7, 1), "6"), H1_2026)
		for bad in (0, 5, 7, 24):
			with self.assertRaises(ValueError):
				period_containing(date(2026, 1, 1), bad)

	def test_grace_days(self):
		self.assertEqual(required_period(date(2026, 7, 1), 6), H1_2026)
		self.assertEqual(required_period(date(2026, 7, 1), 6, grace_days=15), H2_2025)
		self.assertEqual(required_period(date(2026, 7, 16), 6, grace_days=15), H1_2026)


class TestPublicityCoverage(unittest.TestCase):
	def test_single_record_covers_its_period(self):
		self.assertTrue(is_covered([H1_2026], H1_2026))
		self.assertTrue(
			is_covered([{"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}], H1_2026)
		)
		self.assertFalse(is_covered([H2_2025], H1_2026))
		self.assertFalse(is_covered([], H1_2026))

	def test_quarters_cover_a_half_year_only_without_a_gap(self):
		q1 = (date(2026, 1, 1), date(2026, 3, 31))
		q2 = (date(2026, 4, 1), date(2026, 6, 30))
		self.assertTrue(is_covered([q2, q1], H1_2026))
		self.assertFalse(is_covered([q1], H1_2026))
		self.assertFalse(is_covered([q2], H1_2026))
		self.assertFalse(is_covered([q1, (date(2026, 4, 2), date(2026, 6, 30))], H1_2026))
		self.assertEqual(covered_until([q1, q2], date(2026, 1, 1)), date(2026, 6, 30))
		self.assertIsNone(covered_until([q2], date(2026, 1, 1)))

	def test_incomplete_records_are_ignored(self):
		self.assertFalse(is_covered([(None, date(2026, 6, 30)), (date(2026, 1, 1), None)], H1_2026))
		self.assertFalse(is_covered([(date(2026, 6, 30), date(2026, 1, 1))], H1_2026))

	def test_takeover_during_the_period(self):
		since = date(2026, 4, 1)
		q2 = (date(2026, 4, 1), date(2026, 6, 30))
		self.assertTrue(is_covered([q2], H1_2026, since=since))
		self.assertEqual(compliance_status([q2], H1_2026, managed_since=since), COMPLIANT)
		self.assertEqual(compliance_status([], H1_2026, managed_since=since), OVERDUE)
		# taken over after the period ended: nothing is due for it
		self.assertEqual(compliance_status([], H1_2026, managed_since=date(2026, 7, 1)), NOT_DUE)
		self.assertEqual(compliance_status([], H1_2026, managed_since=None), OVERDUE)

	def test_period_label(self):
		self.assertEqual(period_label(H1_2026), "2026-01-01 ~ 2026-06-30")


if __name__ == "__main__":
	unittest.main()
