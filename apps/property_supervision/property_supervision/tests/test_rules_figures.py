from unittest import TestCase

from property_supervision.rules.assessment import rate_text
from property_supervision.rules.complaint_statistics import add_figures, empty_counts
from property_supervision.rules.figures import (
	counted_base,
	is_upheld_complaint,
	overdue_rate,
	percentage,
	resolution_rate,
)
from property_supervision.rules.management import coverage_rate
from property_supervision.rules.training import attendance_rate


class TestPercentage(TestCase):
	def test_one_decimal_everywhere(self):
		self.assertEqual(percentage(1, 3), 33.3)
		self.assertEqual(percentage(2, 3), 66.7)
		self.assertEqual(attendance_rate(1, 3), 33.3)
		self.assertEqual(coverage_rate(1, 3), 33.3)
		self.assertEqual(rate_text(1, 3), "33.3% (1/3)")

	def test_nothing_to_count(self):
		self.assertIsNone(percentage(0, 0))
		self.assertIsNone(percentage(5, None))
		self.assertEqual(percentage(0, 0, when_empty=100.0), 100.0)
		self.assertEqual(rate_text(0, 0), "0/0")


class TestComplaintFigures(TestCase):
	def test_rejected_leave_the_base(self):
		# 10 received, 2 rejected, 6 resolved or closed, 2 went overdue
		self.assertEqual(counted_base(10, 2), 8)
		self.assertEqual(resolution_rate(6, 10, 2), 75.0)
		self.assertEqual(overdue_rate(2, 10, 2), 25.0)

	def test_nothing_received(self):
		self.assertIsNone(resolution_rate(0, 0, 0))
		self.assertIsNone(overdue_rate(0, 0, 0))
		self.assertIsNone(resolution_rate(None, None, None))

	def test_all_rejected(self):
		self.assertEqual(counted_base(4, 4), 0)
		self.assertIsNone(resolution_rate(0, 4, 4))
		self.assertIsNone(overdue_rate(0, 4, 4))

	def test_statistics_rows_use_the_same_definitions(self):
		row = empty_counts()
		row.update(received=10, rejected=2, resolved=6, overdue=2)
		add_figures(row)
		self.assertEqual(row["resolution_rate"], resolution_rate(6, 10, 2))
		self.assertEqual(row["overdue_rate"], overdue_rate(2, 10, 2))
		all_rejected = empty_counts()
		all_rejected.update(received=3, rejected=3)
		self.assertIsNone(add_figures(all_rejected)["resolution_rate"])

	def test_upheld_needs_a_resolved_ending(self):
		self.assertTrue(is_upheld_complaint(1, True))
		self.assertFalse(is_upheld_complaint(1, False))
		self.assertFalse(is_upheld_complaint(0, True))
