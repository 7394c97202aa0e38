import unittest

from property_supervision.rules.assessment import (
	EXCELLENT,
	FAIL,
	GOOD,
	PASS,
	bands_are_valid,
	criteria_total,
	criteria_total_is_valid,
	grade_for,
	max_score_is_valid,
	rank,
	rate_text,
	score_in_range,
	total_score,
)

BANDS = (90, 80, 60)


class TestCriteria(unittest.TestCase):
	def test_criteria_total_must_be_exactly_100(self):
		self.assertTrue(criteria_total_is_valid([20, 20, 15, 10, 10, 10, 15, 0]))
		self.assertTrue(criteria_total_is_valid([33.3, 33.3, 33.4]))
		self.assertFalse(criteria_total_is_valid([20, 20, 15, 10, 10, 10, 10]))
		self.assertFalse(criteria_total_is_valid([50, 50.1]))
		self.assertFalse(criteria_total_is_valid([]))
		self.assertEqual(criteria_total([40, 45.5, None]), 85.5)

	def test_max_score(self):
		self.assertTrue(max_score_is_valid(5))
		self.assertFalse(max_score_is_valid(0))
		self.assertFalse(max_score_is_valid(-5))
		self.assertFalse(max_score_is_valid(None))
		# a veto item (一票否决) may carry no points, never negative ones
		self.assertTrue(max_score_is_valid(0, is_veto=True))
		self.assertTrue(max_score_is_valid(5, is_veto=True))
		self.assertFalse(max_score_is_valid(-1, is_veto=True))

	def test_bands_descend_within_0_and_100(self):
		self.assertTrue(bands_are_valid(*BANDS))
		self.assertFalse(bands_are_valid(80, 80, 60))
		self.assertFalse(bands_are_valid(80, 90, 60))
		self.assertFalse(bands_are_valid(90, 60, 60))
		self.assertFalse(bands_are_valid(101, 80, 60))
		self.assertFalse(bands_are_valid(90, 80, -1))


class TestScoring(unittest.TestCase):
	def test_score_never_above_the_maximum(self):
		self.assertTrue(score_in_range(0, 10))
		self.assertTrue(score_in_range(10, 10))
		self.assertTrue(score_in_range(None, 10))
		self.assertFalse(score_in_range(10.1, 10))
		self.assertFalse(score_in_range(-0.5, 10))
		self.assertFalse(score_in_range(1, 0))

	def test_total(self):
		self.assertEqual(total_score([18, 19.5, None, 12.25]), 49.8)
		self.assertEqual(total_score([]), 0)

	def test_grade_from_bands(self):
		self.assertEqual(grade_for(95, *BANDS), EXCELLENT)
		self.assertEqual(grade_for(90, *BANDS), EXCELLENT)
		self.assertEqual(grade_for(89.9, *BANDS), GOOD)
		self.assertEqual(grade_for(80, *BANDS), GOOD)
		self.assertEqual(grade_for(60, *BANDS), PASS)
		self.assertEqual(grade_for(59.9, *BANDS), FAIL)
		self.assertEqual(grade_for(0, *BANDS), FAIL)
		# configurable bands
		self.assertEqual(grade_for(86, 85, 75, 60), EXCELLENT)

	def test_veto_caps_the_grade_at_fail(self):
		self.assertEqual(grade_for(100, *BANDS, veto=True), FAIL)
		self.assertEqual(grade_for(70, *BANDS, veto=True), FAIL)


class TestRanking(unittest.TestCase):
	def test_rank_with_ties_and_veto_last(self):
		rows = [
			{"name": "a", "total_score": 88},
			{"name": "b", "total_score": 95, "veto_triggered": 1},
			{"name": "c", "total_score": 92},
			{"name": "d", "total_score": 88},
			{"name": "e", "total_score": 70},
		]
		ranked = rank(rows)
		self.assertEqual([r["name"] for r in ranked], ["c", "a", "d", "e", "b"])
		self.assertEqual([r["rank"] for r in ranked], [1, 2, 2, 4, 5])

	def test_rank_empty(self):
		self.assertEqual(rank([]), [])


class TestRateText(unittest.TestCase):
	def test_rate_text(self):
		self.assertEqual(rate_text(37, 40), "92.5% (37/40)")
		self.assertEqual(rate_text(0, 3), "0.0% (0/3)")
		self.assertEqual(rate_text(0, 0), "0/0")


if __name__ == "__main__":
	unittest.main()
