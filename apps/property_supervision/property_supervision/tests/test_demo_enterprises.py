"""Demo enterprises and staff (demo/enterprises.py)."""

import datetime
import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.demo import demo_names
from property_supervision.demo.enterprises import file_through_workflow, make_enterprises
from property_supervision.rules.identifiers import is_valid_credit_code, is_valid_id_number
from property_supervision.tests.factories import (
	make_enterprise,
)


class TestDemoEnterprises(FrappeTestCase):
	def test_demo_is_valid_mostly_filed_and_idempotent(self):
		names = demo_names()
		stems = names["enterprise_stems"]
		demo = {f"乌鲁木齐{stem}物业服务有限公司" for stem in stems}
		existing = set(
			frappe.get_all("Property Enterprise", {"enterprise_name": ("in", list(demo))}, pluck="name")
		)

		created = make_enterprises(random.Random(2015), names)
		self.assertEqual(created["Property Enterprise"], len(stems) - len(existing))
		enterprises = frappe.get_all(
			"Property Enterprise",
			filters={"enterprise_name": ("in", list(demo))},
			fields=["name", "credit_code", "workflow_state", "filed_on", "established_on"],
		)
		self.assertEqual(len(enterprises), len(stems))
		states = [e.workflow_state for e in enterprises]
		self.assertGreater(states.count("Filed"), len(stems) / 2)
		self.assertGreater(len(set(states)), 1)
		for enterprise in enterprises:
			self.assertTrue(is_valid_credit_code(enterprise.credit_code), enterprise.credit_code)
			if enterprise.workflow_state == "Filed":
				self.assertTrue(enterprise.established_on <= enterprise.filed_on <= datetime.date.today())

		staff = frappe.get_all(
			"Property Practitioner",
			filters={"enterprise": ("in", [e.name for e in enterprises])},
			fields=["enterprise", "id_number", "full_name", "status", "joined_on", "left_on", "birth_date"],
		)
		per_enterprise = [sum(1 for s in staff if s.enterprise == e.name) for e in enterprises]
		self.assertTrue(all(6 <= n <= 12 for n in per_enterprise), per_enterprise)
		for person in staff:
			self.assertTrue(is_valid_id_number(person.id_number), person.id_number)
			self.assertTrue(any(person.full_name.startswith(s) for s in names["surnames"]), person.full_name)
			if person.status == "Left":
				self.assertLessEqual(person.joined_on, person.left_on)

		# the same seed again creates nothing
		self.assertEqual(
			make_enterprises(random.Random(2015), names),
			{"Property Enterprise": 0, "Property Practitioner": 0},
		)

	def test_returned_filing_carries_a_review_note(self):
		doc = make_enterprise("演示退回测试物业服务有限公司")
		file_through_workflow(doc, "Returned", datetime.timedelta(days=30), "缺少法定代表人身份证明")
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.review_note), ("Returned", "缺少法定代表人身份证明"))
