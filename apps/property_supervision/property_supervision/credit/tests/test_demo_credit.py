# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.demo.credit import RECORDS, make_credit
from property_supervision.tests.factories import (
	make_filed_enterprise,
	setup_credit,
)


class TestDemoCredit(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		setup_credit()

	def test_demo_records_and_scores_idempotent(self):
		enterprises = [make_filed_enterprise(f"测试演示诚信{n}号物业服务有限公司") for n in range(1, 6)]
		records_before = frappe.db.count("Credit Record")

		created = make_credit(random.Random("2015:make_credit"), {})["Credit Record"]
		self.assertGreaterEqual(created, RECORDS * 0.9)
		self.assertEqual(frappe.db.count("Credit Record"), records_before + created)

		states = {
			row.workflow_state: row.count
			for row in frappe.get_all(
				"Credit Record",
				filters={"enterprise": ("in", enterprises)},
				fields=["workflow_state", "count(name) as count"],
				group_by="workflow_state",
			)
		}
		self.assertGreater(states["Confirmed"], states.get("Draft", 0) + states.get("Revoked", 0))
		self.assertTrue(states.get("Draft"))
		self.assertTrue(states.get("Revoked"))
		self.assertTrue(
			frappe.db.exists("Credit Record", {"enterprise": ("in", enterprises), "objection": ("is", "set")})
		)
		self.assertTrue(
			frappe.db.exists(
				"Credit Record", {"enterprise": ("in", enterprises), "objection_decision": "Upheld"}
			)
		)
		for enterprise in enterprises:
			self.assertTrue(frappe.db.get_value("Property Enterprise", enterprise, "credit_grade"))

		# loading again creates nothing and moves no score
		logs = frappe.db.count("Credit Score Log")
		self.assertEqual(make_credit(random.Random("2015:make_credit"), {})["Credit Record"], 0)
		self.assertEqual(frappe.db.count("Credit Record"), records_before + created)
		self.assertEqual(frappe.db.count("Credit Score Log"), logs)
