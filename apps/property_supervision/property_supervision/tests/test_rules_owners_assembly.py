import datetime
import unittest
from fractions import Fraction

from property_supervision.rules.owners_assembly import (
	MAJOR,
	ORDINARY,
	approval_reached,
	fraction,
	notice_error,
	participation_reached,
	resolution_passed,
	votes_error,
)

D = datetime.date
TWO_THIRDS, HALF, THREE_QUARTERS = Fraction(2, 3), Fraction(1, 2), Fraction(3, 4)


def passed(kind, owners_for, owners_in, area_for, area_in, total_owners=300, total_area=30000.0):
	return resolution_passed(
		kind,
		owners_for,
		owners_in,
		area_for,
		area_in,
		total_owners,
		total_area,
		TWO_THIRDS,
		HALF,
		THREE_QUARTERS,
	)


class TestOwnersAssemblyRules(unittest.TestCase):
	def test_fraction_from_settings(self):
		self.assertEqual(fraction(2, 3), TWO_THIRDS)
		for bad in ((0, 3), (3, 2), (1, 0), (None, 3)):
			with self.assertRaises(ValueError):
				fraction(*bad)

	def test_notice_at_least_fifteen_days(self):
		self.assertIsNone(notice_error(D(2026, 3, 1), D(2026, 3, 16), 15))
		self.assertEqual(notice_error(D(2026, 3, 2), D(2026, 3, 16), 15), "too_late")
		self.assertEqual(notice_error(None, D(2026, 3, 16), 15), "missing")

	def test_participation_exactly_two_thirds_is_enough(self):
		self.assertEqual(participation_reached(200, 20000, 300, 30000, TWO_THIRDS), (True, True))
		self.assertEqual(participation_reached(199, 19999.99, 300, 30000, TWO_THIRDS), (False, False))
		self.assertEqual(participation_reached(200, 0, 300, 0, TWO_THIRDS), (True, False))

	def test_ordinary_needs_more_than_half(self):
		self.assertTrue(passed(ORDINARY, 101, 200, 10000.01, 20000))
		self.assertFalse(passed(ORDINARY, 100, 200, 12000, 20000))  # exactly half by number
		self.assertFalse(passed(ORDINARY, 150, 200, 10000, 20000))  # exactly half by area

	def test_major_needs_three_quarters(self):
		self.assertTrue(passed(MAJOR, 150, 200, 15000, 20000))
		self.assertFalse(passed(MAJOR, 149, 200, 16000, 20000))

	def test_no_decision_without_participation(self):
		self.assertFalse(passed(ORDINARY, 199, 199, 19999, 19999))
		self.assertTrue(passed(ORDINARY, 200, 200, 20000, 20000))
		self.assertFalse(approval_reached(0, 0, HALF, True))

	def test_votes_within_attendance(self):
		self.assertIsNone(votes_error((150, 30, 20), (15000, 3000, 2000), 200, 20000))
		self.assertEqual(votes_error((150, 30, 21), (15000, 3000, 2000), 200, 20000), "exceeds_attendance")
		self.assertEqual(votes_error((150, 30, 20), (15000, 3000, 2000.5), 200, 20000), "exceeds_attendance")
		self.assertEqual(votes_error((-1, 0, 0), (0, 0, 0), 200, 20000), "negative")
