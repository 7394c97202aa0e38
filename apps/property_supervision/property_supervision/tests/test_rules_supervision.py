import datetime
import unittest

from property_supervision.rules.supervision import (
	FAIL,
	NOT_APPLICABLE,
	PASS,
	checklist_score,
	default_deadline,
	is_overdue,
	key_inspection_due,
)

D = datetime.date


class TestSupervisionRules(unittest.TestCase):
	def test_checklist_score_weighs_the_items_that_apply(self):
		self.assertEqual(checklist_score([(PASS, 2), (FAIL, 1), (NOT_APPLICABLE, 5)]), 66.7)
		self.assertEqual(checklist_score([(PASS, 1), (None, 3)]), 100.0)
		self.assertIsNone(checklist_score([(NOT_APPLICABLE, 1), (None, 1)]))
		self.assertEqual(checklist_score([(FAIL, 1)]), 0.0)

	def test_default_deadline(self):
		self.assertEqual(default_deadline(D(2026, 12, 20), 15), D(2027, 1, 4))
		self.assertIsNone(default_deadline(None, 15))

	def test_overdue_from_the_day_after_the_deadline(self):
		self.assertFalse(is_overdue(D(2026, 6, 30), D(2026, 6, 30), True))
		self.assertTrue(is_overdue(D(2026, 6, 30), D(2026, 7, 1), True))
		self.assertFalse(is_overdue(D(2026, 6, 30), D(2026, 7, 1), False))
		self.assertFalse(is_overdue(None, D(2026, 7, 1), True))

	def test_key_inspection_due_after_the_period(self):
		self.assertTrue(key_inspection_due(None, D(2026, 7, 1), 1))
		self.assertFalse(key_inspection_due(D(2026, 6, 15), D(2026, 7, 14), 1))
		self.assertTrue(key_inspection_due(D(2026, 6, 15), D(2026, 7, 15), 1))
		self.assertTrue(key_inspection_due(D(2026, 1, 31), D(2026, 2, 28), 1))
		self.assertFalse(key_inspection_due(None, D(2026, 7, 1), 0))
