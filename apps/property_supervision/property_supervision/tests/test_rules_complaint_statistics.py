import unittest

from property_supervision.rules.complaint_statistics import (
	add_figures,
	ancestor_within,
	average_days,
	empty_counts,
	rate,
	roll_up,
	satisfaction_rate,
)


class TestComplaintStatisticsRules(unittest.TestCase):
	def test_rate(self):
		self.assertEqual(rate(1, 3), 33.3)
		self.assertEqual(rate(2, 3), 66.7)
		self.assertEqual(rate(0, 5), 0.0)
		self.assertEqual(rate(5, 5), 100.0)
		self.assertIsNone(rate(0, 0))
		self.assertIsNone(rate(3, None))

	def test_average_days(self):
		self.assertEqual(average_days(3, 2), 1.5)
		self.assertEqual(average_days(5, 3), 1.7)
		self.assertEqual(average_days(0, 1), 0.0)
		self.assertIsNone(average_days(0, 0))

	def test_satisfaction_rate_counts_basically_satisfied_as_satisfied(self):
		self.assertEqual(satisfaction_rate(1, 1, 2), 50.0)
		self.assertEqual(satisfaction_rate(3, 0, 0), 100.0)
		self.assertEqual(satisfaction_rate(0, 0, 1), 0.0)
		self.assertIsNone(satisfaction_rate(0, 0, 0))

	def test_add_figures(self):
		row = empty_counts() | {"received": 4, "resolved": 2, "handled": 2, "handling_days": 5}
		row["satisfied"], row["dissatisfied"] = 1, 1
		add_figures(row)
		self.assertEqual(row["resolution_rate"], 50.0)
		self.assertEqual(row["average_handling_days"], 2.5)
		self.assertEqual(row["satisfaction_rate"], 50.0)

	def test_roll_up_adds_counts_by_parent(self):
		rows = [
			empty_counts() | {"community": "A1", "received": 2, "resolved": 1},
			empty_counts() | {"community": "B1", "received": 5},
			empty_counts() | {"community": "A2", "received": 3, "resolved": 3, "overdue": 1},
			empty_counts() | {"community": "X", "received": 1},
		]
		groups = roll_up(rows, "community", {"A1": "A", "A2": "A", "B1": "B"})
		self.assertEqual(list(groups), ["A", "B", "X"])
		self.assertEqual(
			(groups["A"]["received"], groups["A"]["resolved"], groups["A"]["overdue"]), (5, 4, 1)
		)
		self.assertEqual(groups["B"]["received"], 5)
		self.assertEqual(groups["X"]["received"], 1)

	def test_ancestor_within_nested_set(self):
		areas = [("Area 1", 2, 9), ("Area 2", 10, 15)]
		self.assertEqual(ancestor_within(areas, 3, 4), "Area 1")
		self.assertEqual(ancestor_within(areas, 11, 12), "Area 2")
		self.assertEqual(ancestor_within(areas, 2, 9), "Area 1")
		self.assertIsNone(ancestor_within(areas, 1, 16))
