import unittest

from property_supervision.rules.assessment import EXCELLENT, FAIL, GOOD, performance_outcome, rank_results

BY_GRADE = {
	EXCELLENT: {"reward_amount": 5000, "performance_points": 3, "outcome": "通报表扬"},
	GOOD: {"reward_amount": 2000, "performance_points": 1, "outcome": ""},
	FAIL: {"reward_amount": -1000, "performance_points": -3, "outcome": "通报批评"},
}
ON_VETO = {"reward_amount": -3000, "performance_points": -5, "outcome": "取消评优资格"}


class TestPerformanceOutcome(unittest.TestCase):
	def test_outcome_by_grade(self):
		self.assertEqual(
			performance_outcome(EXCELLENT, False, BY_GRADE, ON_VETO),
			{"reward_amount": 5000.0, "performance_points": 3.0, "outcome": "通报表扬"},
		)
		self.assertEqual(performance_outcome(FAIL, False, BY_GRADE, ON_VETO)["reward_amount"], -1000.0)

	def test_veto_is_fixed_whatever_the_grade(self):
		self.assertEqual(performance_outcome(EXCELLENT, True, BY_GRADE, ON_VETO)["outcome"], "取消评优资格")
		self.assertEqual(performance_outcome(FAIL, True, BY_GRADE, ON_VETO)["performance_points"], -5.0)

	def test_grade_not_configured_earns_nothing(self):
		self.assertEqual(
			performance_outcome("Pass", False, BY_GRADE, {}),
			{"reward_amount": 0.0, "performance_points": 0.0, "outcome": ""},
		)
		self.assertEqual(performance_outcome(None, True, {}, {})["reward_amount"], 0.0)


class TestRankResults(unittest.TestCase):
	def test_ties_share_a_rank_in_name_order_and_veto_last(self):
		rows = [
			{"target_name": "丙", "total_score": 90, "veto_triggered": 0},
			{"target_name": "甲", "total_score": 95, "veto_triggered": 1},
			{"target_name": "乙", "total_score": 90, "veto_triggered": 0},
			{"target_name": "丁", "total_score": 80.04, "veto_triggered": 0},
		]
		ranked = rank_results(rows)
		self.assertEqual(
			[(r["target_name"], r["rank"]) for r in ranked], [("丙", 1), ("乙", 1), ("丁", 3), ("甲", 4)]
		)
		self.assertEqual({r["ranked_among"] for r in ranked}, {4})
		# the same rows in another order rank the same
		self.assertEqual(
			[(r["target_name"], r["rank"]) for r in rank_results(list(reversed(rows)))],
			[(r["target_name"], r["rank"]) for r in ranked],
		)

	def test_nothing_to_rank(self):
		self.assertEqual(rank_results([]), [])
