"""Rating periods and the dissatisfied-share threshold (rules/ratings.py), without a database."""

import unittest
from datetime import date

from property_supervision.rules.ratings import crosses_threshold, dissatisfied_share, last_complete_period


class TestRatingRules(unittest.TestCase):
	def test_half_years(self):
		self.assertEqual(last_complete_period(date(2026, 7, 1), 6), (date(2026, 1, 1), date(2026, 6, 30)))
		self.assertEqual(last_complete_period(date(2026, 12, 31), 6), (date(2026, 1, 1), date(2026, 6, 30)))
		self.assertEqual(last_complete_period(date(2026, 3, 15), 6), (date(2025, 7, 1), date(2025, 12, 31)))

	def test_quarters_months_and_years(self):
		self.assertEqual(last_complete_period(date(2026, 5, 2), 3), (date(2026, 1, 1), date(2026, 3, 31)))
		self.assertEqual(last_complete_period(date(2026, 1, 1), 1), (date(2025, 12, 1), date(2025, 12, 31)))
		self.assertEqual(last_complete_period(date(2026, 3, 1), 2), (date(2026, 1, 1), date(2026, 2, 28)))
		self.assertEqual(last_complete_period(date(2026, 6, 1), 12), (date(2025, 1, 1), date(2025, 12, 31)))

	def test_a_period_that_does_not_divide_the_year_is_refused(self):
		with self.assertRaises(ValueError):
			last_complete_period(date(2026, 6, 1), 5)

	def test_threshold(self):
		self.assertEqual(dissatisfied_share(1, 3), 33.3)
		self.assertIsNone(dissatisfied_share(0, 0))
		self.assertTrue(crosses_threshold(3, 10, 30, 5))
		self.assertFalse(crosses_threshold(2, 10, 30, 5))
		# too few ratings say nothing, however many were dissatisfied
		self.assertFalse(crosses_threshold(4, 4, 30, 5))
		self.assertTrue(crosses_threshold(1, 1, 100, 0))
