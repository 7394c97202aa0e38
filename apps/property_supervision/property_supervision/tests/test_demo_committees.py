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
		created = make_committees(random.Random(2015), names)
		self.assertGreaterEqual(created["Owners Committee"], 4)
		self.assertGreaterEqual(created["Handover Inspection"], 1)
		committees = frappe.get_all("Owners Committee", fields=["name", "workflow_state", "compound"])
		self.assertGreater(len({c.workflow_state for c in committees}), 1)
		# at most one committee per compound, members named from the demo names
		self.assertEqual(len({c.compound for c in committees}), len(committees))
		for member in frappe.get_all("Owners Committee Member", pluck="member_name"):
			self.assertTrue(any(member.startswith(s) for s in names["surnames"]), member)
		self.assertEqual(
			make_committees(random.Random(2015), names), {"Owners Committee": 0, "Handover Inspection": 0}
		)
