import datetime
import unittest

from property_supervision.rules.handover import (
	DEFECT_FOUND,
	PASSED,
	conclusion_error,
	count_open_defects,
	inspection_due_date,
	is_inspection_late,
	rectification_due,
)

D = datetime.date


class TestHandoverRules(unittest.TestCase):
	def test_inspection_due_date(self):
		self.assertEqual(inspection_due_date(D(2026, 6, 30), 15), D(2026, 6, 15))
		self.assertEqual(inspection_due_date(D(2026, 3, 1), 15), D(2026, 2, 14))
		self.assertIsNone(inspection_due_date(None, 15))

	def test_inspection_late(self):
		due = D(2026, 6, 15)
		self.assertFalse(is_inspection_late(D(2026, 6, 15), due))
		self.assertFalse(is_inspection_late(D(2026, 6, 1), due))
		self.assertTrue(is_inspection_late(D(2026, 6, 16), due))
		self.assertFalse(is_inspection_late(None, due))
		self.assertFalse(is_inspection_late(D(2026, 6, 16), None))

	def test_rectification_due(self):
		self.assertEqual(rectification_due(D(2026, 6, 1), 30), D(2026, 7, 1))
		self.assertIsNone(rectification_due(None, 30))

	def test_open_defects(self):
		items = [(PASSED, False), (DEFECT_FOUND, False), (DEFECT_FOUND, True), (None, False)]
		self.assertEqual(count_open_defects(items), 1)
		self.assertEqual(count_open_defects([]), 0)

	def test_conclusion(self):
		self.assertIsNone(conclusion_error("Passed", 0, 0))
		self.assertIsNone(conclusion_error("Passed", 0, 2))
		self.assertEqual(conclusion_error("Passed", 1, 1), "open_defects")
		self.assertIsNone(conclusion_error("Passed with Rectification", 1, 1))
		self.assertEqual(conclusion_error("Passed with Rectification", 0, 0), "no_defects")
		self.assertIsNone(conclusion_error("Not Passed", 3, 3))
		self.assertIsNone(conclusion_error(None, 3, 3))


if __name__ == "__main__":
	unittest.main()
