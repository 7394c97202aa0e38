import unittest
from datetime import date

from property_supervision.rules.credit import (
	KEY_BY_GRADE,
	KEY_BY_UPHELD_COMPLAINTS,
	GradeBands,
	add_months,
	credit_grade,
	credit_score,
	expiry_date,
	is_counting,
	is_valid_rule_code,
	key_supervision_triggers,
	normalize_rule_code,
	ranker,
)


class TestCreditScore(unittest.TestCase):
	def test_base_plus_points(self):
		self.assertEqual(credit_score(70, [], 0, 100), 70)
		self.assertEqual(credit_score(70, [5, -2, -1], 0, 100), 72)
		self.assertEqual(credit_score(70, [0.5, 0.25], 0, 100), 70.8)

	def test_clamped_to_bounds(self):
		self.assertEqual(credit_score(70, [20, 15], 0, 100), 100)
		self.assertEqual(credit_score(70, [-50, -40], 0, 100), 0)
		self.assertEqual(credit_score(70, [-50], 30, 90), 30)
		self.assertEqual(credit_score(70, [30], 30, 90), 90)

	def test_none_points_ignored(self):
		self.assertEqual(credit_score(70, [None, 3], 0, 100), 73)


class TestCreditGrade(unittest.TestCase):
	def test_default_bands_at_their_edges(self):
		bands = GradeBands()
		cases = [
			(100, "AAA"),
			(85, "AAA"),
			(84.9, "AA"),
			(80, "AA"),
			(79.9, "A"),
			(70, "A"),
			(69.9, "B"),
			(60, "B"),
			(59.9, "C"),
			(0, "C"),
		]
		for score, grade in cases:
			with self.subTest(score=score):
				self.assertEqual(credit_grade(score, bands), grade)

	def test_custom_bands(self):
		bands = GradeBands(aaa=90, aa=85, a=75, b=65)
		self.assertEqual(credit_grade(88, bands), "AA")
		self.assertEqual(credit_grade(70, bands), "B")
		self.assertEqual(credit_grade(64, bands), "C")

	def test_band_order_checked(self):
		self.assertIsNone(GradeBands().error())
		self.assertEqual(GradeBands(aaa=80, aa=80, a=70, b=60).error(), "order")
		self.assertEqual(GradeBands(aaa=85, aa=80, a=60, b=70).error(), "order")


class TestKeySupervision(unittest.TestCase):
	def test_by_grade(self):
		for grade, expected in (("AAA", []), ("A", []), ("B", [KEY_BY_GRADE]), ("C", [KEY_BY_GRADE])):
			with self.subTest(grade=grade):
				self.assertEqual(key_supervision_triggers(grade, 0, {"B", "C"}, 3), expected)

	def test_grade_trigger_configurable(self):
		self.assertEqual(key_supervision_triggers("B", 0, {"C"}, 3), [])
		self.assertEqual(key_supervision_triggers("C", 0, set(), 3), [])

	def test_by_upheld_complaints(self):
		self.assertEqual(key_supervision_triggers("AA", 2, {"B", "C"}, 3), [])
		self.assertEqual(key_supervision_triggers("AA", 3, {"B", "C"}, 3), [KEY_BY_UPHELD_COMPLAINTS])
		self.assertEqual(
			key_supervision_triggers("C", 5, {"B", "C"}, 3), [KEY_BY_GRADE, KEY_BY_UPHELD_COMPLAINTS]
		)

	def test_zero_threshold_switches_complaint_trigger_off(self):
		self.assertEqual(key_supervision_triggers("AA", 10, {"B", "C"}, 0), [])


class TestValidity(unittest.TestCase):
	def test_add_months(self):
		self.assertEqual(add_months(date(2026, 3, 15), 12), date(2027, 3, 15))
		self.assertEqual(add_months(date(2026, 1, 31), 1), date(2026, 2, 28))
		self.assertEqual(add_months(date(2028, 1, 31), 1), date(2028, 2, 29))
		self.assertEqual(add_months(date(2026, 11, 30), 3), date(2027, 2, 28))
		self.assertEqual(add_months(date(2026, 3, 15), -12), date(2025, 3, 15))
		self.assertEqual(add_months(date(2026, 1, 15), -1), date(2025, 12, 15))

	def test_expiry_is_the_day_before_the_anniversary(self):
		self.assertEqual(expiry_date(date(2026, 3, 15), 12), date(2027, 3, 14))
		self.assertEqual(expiry_date(date(2026, 1, 1), 6), date(2026, 6, 30))
		self.assertEqual(expiry_date(date(2026, 1, 31), 1), date(2026, 2, 27))

	def test_counting(self):
		self.assertTrue(is_counting(date(2026, 6, 30), date(2026, 6, 30)))
		self.assertFalse(is_counting(date(2026, 6, 30), date(2026, 7, 1)))
		self.assertTrue(is_counting(None, date(2026, 7, 1)))


class TestRuleCode(unittest.TestCase):
	def test_valid_codes(self):
		for code in ("BL-01", "LH-01", "XJ2024-3", "A", "B1-C2-D3"):
			with self.subTest(code=code):
				self.assertTrue(is_valid_rule_code(code))

	def test_invalid_codes(self):
		for code in ("", None, "bl-01", "1BL", "BL--01", "BL-", "-BL", "BL 01", "不良-01", "B" * 21):
			with self.subTest(code=code):
				self.assertFalse(is_valid_rule_code(code))

	def test_normalize(self):
		self.assertEqual(normalize_rule_code("  bl-01 "), "BL-01")
		self.assertEqual(normalize_rule_code(None), "")


class TestRank(unittest.TestCase):
	def test_competition_rank(self):
		rank = ranker([70, 85, 90, 85])
		self.assertEqual([rank(s) for s in (90, 85, 85, 70)], [1, 2, 2, 4])
		self.assertEqual(rank(100), 1)
		self.assertEqual(rank(10), 5)
		self.assertEqual(ranker([])(50), 1)
