import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.demo import demo_names, plan_communities

AREAS = ["七纺片区管委会", "新民路片区管委会", "石人子沟街道办事处"]


class TestDemoData(FrappeTestCase):
	def test_same_seed_same_plan(self):
		names = demo_names()
		first = plan_communities(random.Random(2015), names, AREAS)
		second = plan_communities(random.Random(2015), names, AREAS)
		self.assertEqual(first, second)
		self.assertNotEqual(first, plan_communities(random.Random(2016), names, AREAS))

	def test_plan_shape(self):
		plan = plan_communities(random.Random(7), demo_names(), AREAS)
		self.assertTrue(all(c["jurisdiction_name"].endswith("社区") for c in plan))
		self.assertEqual(len({c["jurisdiction_name"] for c in plan}), len(plan))
		for area in AREAS:
			self.assertTrue(4 <= sum(c["parent_jurisdiction"] == area for c in plan) <= 7)

	def test_demo_data_is_separate_from_reference_data(self):
		# reference data never contains communities: those are demo data only
		from property_supervision.setup.reference import read_reference_file

		types = {r["jurisdiction_type"] for r in read_reference_file("jurisdiction.json")}
		self.assertNotIn("Community", types)
		self.assertTrue(frappe.db.exists("Jurisdiction", "水磨沟区"))
