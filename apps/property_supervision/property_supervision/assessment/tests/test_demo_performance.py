"""Demo performance results and accountability: the departments' assessments published, every
published area, community and department result made and ranked, every veto held to account;
loading again creates and changes nothing."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.cycle import get_targets
from property_supervision.assessment.performance import PERFORMANCE_TARGETS
from property_supervision.assessment.tests import data
from property_supervision.demo.assessment import make_assessments
from property_supervision.demo.performance import make_performance


class TestDemoPerformance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		data.load("jxd", ())

	def test_results_for_every_published_unit_and_idempotent(self):
		make_assessments(random.Random("2015:make_assessments"), {})
		first = make_performance(random.Random("2015:make_performance"), {})
		published = frappe.get_all(
			"Assessment",
			filters={
				"assessment_year": data.YEAR,
				"target_type": ("in", PERFORMANCE_TARGETS),
				"workflow_state": "Published",
			},
			fields=["name", "target_type", "target_name", "veto_triggered"],
		)
		self.assertEqual(
			{a.target_name for a in published if a.target_type == "Department"},
			set(get_targets("Department")),
		)
		results = frappe.get_all(
			"Performance Result",
			filters={"assessment_year": data.YEAR},
			fields=["assessment", "target_type", "unit_rank", "ranked_among"],
		)
		self.assertEqual({r.assessment for r in results}, {a.name for a in published})
		for target_type in PERFORMANCE_TARGETS:
			ranks = sorted(r.unit_rank for r in results if r.target_type == target_type)
			self.assertTrue(ranks and ranks[0] == 1, target_type)
			self.assertEqual({r.ranked_among for r in results if r.target_type == target_type}, {len(ranks)})
		vetoed = {a.name for a in published if a.veto_triggered}
		self.assertEqual(
			set(frappe.get_all("Accountability Record", filters={"cause": "Veto"}, pluck="reference_name"))
			& vetoed,
			vetoed,
		)
		self.assertGreaterEqual(first["Accountability Record"], len(vetoed) and 1)

		before = frappe.get_all("Performance Result", fields=["name", "modified"], order_by="name")
		again = make_performance(random.Random("2015:make_performance"), {})
		self.assertEqual(again, {"Assessment": 0, "Accountability Record": 0})
		self.assertEqual(
			frappe.get_all("Performance Result", fields=["name", "modified"], order_by="name"), before
		)
