import datetime
import unittest

from property_supervision.rules.owners_committee import (
	DEPUTY_DIRECTOR,
	DIRECTOR,
	MEMBER,
	committee_size_error,
	days_left,
	director_count_error,
	filing_due_date,
	is_filing_overdue,
	reelection_notice_date,
	term_error,
)

D = datetime.date


class TestOwnersCommitteeRules(unittest.TestCase):
	def test_committee_size(self):
		for count in (5, 7, 9, 11):
			self.assertIsNone(committee_size_error(count, 5, 11), count)
		self.assertEqual(committee_size_error(3, 5, 11), "too_few")
		self.assertEqual(committee_size_error(0, 5, 11), "too_few")
		self.assertEqual(committee_size_error(13, 5, 11), "too_many")
		for count in (6, 8, 10):
			self.assertEqual(committee_size_error(count, 5, 11), "even", count)
		# the bounds are settings
		self.assertIsNone(committee_size_error(3, 3, 7))

	def test_one_director(self):
		self.assertIsNone(director_count_error([DIRECTOR, DEPUTY_DIRECTOR, MEMBER, MEMBER, MEMBER]))
		self.assertEqual(director_count_error([MEMBER] * 5), "none")
		self.assertEqual(director_count_error([DIRECTOR, DIRECTOR, MEMBER, MEMBER, MEMBER]), "several")

	def test_term(self):
		self.assertIsNone(term_error(D(2026, 1, 1), D(2031, 1, 1), 5))
		self.assertIsNone(term_error(D(2026, 1, 1), D(2030, 12, 31), 5, election_date=D(2025, 12, 20)))
		self.assertEqual(term_error(D(2026, 1, 1), D(2031, 1, 2), 5), "too_long")
		self.assertEqual(term_error(D(2026, 1, 1), D(2026, 1, 1), 5), "order")
		self.assertEqual(term_error(D(2026, 1, 1), D(2025, 1, 1), 5), "order")
		self.assertEqual(
			term_error(D(2026, 1, 1), D(2029, 1, 1), 5, election_date=D(2026, 1, 2)), "election_after_start"
		)
		# election on the day the term starts is fine; 29 February plus five years is 28 February
		self.assertIsNone(term_error(D(2028, 2, 29), D(2033, 2, 28), 5, election_date=D(2028, 2, 29)))
		self.assertEqual(term_error(D(2028, 2, 29), D(2033, 3, 1), 5), "too_long")
		# incomplete terms are not judged
		self.assertIsNone(term_error(None, D(2031, 1, 1), 5))
		self.assertIsNone(term_error(D(2026, 1, 1), None, 5, election_date=D(2025, 1, 1)))

	def test_filing_due_and_overdue(self):
		self.assertEqual(filing_due_date(D(2026, 3, 1), 30), D(2026, 3, 31))
		self.assertIsNone(filing_due_date(None, 30))
		due = D(2026, 3, 31)
		self.assertFalse(is_filing_overdue(due, None, D(2026, 3, 31)))
		self.assertTrue(is_filing_overdue(due, None, D(2026, 4, 1)))
		self.assertFalse(is_filing_overdue(due, D(2026, 3, 30), D(2026, 6, 1)))
		self.assertTrue(is_filing_overdue(due, D(2026, 4, 2), D(2026, 6, 1)))
		self.assertFalse(is_filing_overdue(None, None, D(2026, 6, 1)))

	def test_reelection_notice_date(self):
		self.assertEqual(reelection_notice_date(D(2031, 6, 30), 5), D(2031, 1, 30))
		self.assertEqual(reelection_notice_date(D(2031, 7, 31), 5), D(2031, 2, 28))
		self.assertEqual(reelection_notice_date(D(2032, 7, 31), 5), D(2032, 2, 29))
		self.assertIsNone(reelection_notice_date(None, 5))

	def test_days_left(self):
		self.assertEqual(days_left(D(2026, 1, 11), D(2026, 1, 1)), 10)
		self.assertEqual(days_left(D(2025, 12, 31), D(2026, 1, 1)), -1)
		self.assertIsNone(days_left(None, D(2026, 1, 1)))


if __name__ == "__main__":
	unittest.main()
