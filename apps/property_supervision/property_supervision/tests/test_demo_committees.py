"""Demo owners' committees and handover inspections (demo/committees.py)."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.demo import demo_names
from property_supervision.demo.committees import make_committees
from property_supervision.tests.factories import (
	make_compound,
	make_enterprise,
)


class TestDemoCommittees(FrappeTestCase):
	def test_demo_is_lawful_mixed_and_idempotent(self):
		for i in range(12):
			make_compound(f"演示业委会测试{i:02d}小区", f"演示业委会测试{i % 3}社区")
		make_enterprise("演示查验测试物业服务有限公司")
		names = demo_names()
		# the site may hold committees of other tests: only the demo's own are looked at
		before = set(frappe.get_all("Owners Committee", pluck="name"))
		created = make_committees(random.Random(2015), names)
		self.assertGreaterEqual(created["Owners Committee"], 4)
		self.assertGreaterEqual(created["Handover Inspection"], 1)
		committees = frappe.get_all(
			"Owners Committee",
			filters={"name": ["not in", before or [""]]},
			fields=["name", "workflow_state", "compound"],
		)
		self.assertEqual(len(committees), created["Owners Committee"])
		self.assertGreater(len({c.workflow_state for c in committees}), 1)
		# at most one committee per compound, members named from the demo names
		self.assertEqual(len({c.compound for c in committees}), len(committees))
		members = frappe.get_all(
			"Owners Committee Member",
			filters={"parent": ["in", [c.name for c in committees]]},
			pluck="member_name",
		)
		self.assertTrue(members)
		for member in members:
			self.assertTrue(any(member.startswith(s) for s in names["surnames"]), member)
		# every elected committee was elected by a recorded assembly of its compound whose election passed
		elected = [c for c in committees if c.workflow_state != "Preparing"]
		self.assertTrue(elected)
		for committee in elected:
			assembly = frappe.db.get_value("Owners Committee", committee.name, "owners_assembly")
			row = frappe.db.get_value(
				"Owners Assembly", assembly, ["compound", "workflow_state", "election_passed"], as_dict=True
			)
			self.assertEqual(
				(row.compound, row.workflow_state, row.election_passed),
				(committee.compound, "Result Published", 1),
			)
		self.assertEqual(
			make_committees(random.Random(2015), names), {"Owners Committee": 0, "Handover Inspection": 0}
		)
