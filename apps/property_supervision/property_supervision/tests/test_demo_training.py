"""Demo training sessions (demo/training.py)."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from property_supervision.demo import demo_names
from property_supervision.demo.training import make_training
from property_supervision.tests.factories import (
	make_committee,
	make_compound,
	make_filed_enterprise,
)
from property_supervision.training.coverage import coverage_by_area


class TestDemoTraining(FrappeTestCase):
	def test_demo_sessions_completed_with_attendance_and_idempotent(self):
		for i in range(3):
			make_filed_enterprise(f"演示培训测试{i}物业服务有限公司")
			make_committee(make_compound(f"演示培训测试{i}小区", "演示培训测试社区"), "Filed")
		names = demo_names()
		before = frappe.db.count("Training Session")
		created = make_training(random.Random(2015), names)
		self.assertGreaterEqual(created["Training Session"], 2)
		self.assertEqual(frappe.db.count("Training Session"), before + created["Training Session"])
		# the test community got its committee unit
		self.assertTrue(
			frappe.db.exists(
				"Supervision Unit", {"jurisdiction": "演示培训测试社区", "unit_type": "Community Committee"}
			)
		)

		sessions = frappe.get_all(
			"Training Session",
			filters={"title": ("like", f"{now_datetime().year - 1}年%")},
			fields=[
				"name",
				"training_level",
				"audience",
				"workflow_state",
				"start",
				"invited_count",
				"attendance_count",
			],
		)
		self.assertTrue(any(s.training_level == "District" and s.audience == "Enterprises" for s in sessions))
		self.assertTrue(any(s.training_level == "Area" for s in sessions))
		for session in sessions:
			self.assertEqual(session.workflow_state, "Completed")
			self.assertLess(session.start, now_datetime())
			self.assertGreater(session.invited_count, 0)
			self.assertLessEqual(session.attendance_count, session.invited_count)
		self.assertTrue(any(s.attendance_count for s in sessions))

		# the coverage report has last year's attendance to show
		_rows, total = coverage_by_area(year=now_datetime().year - 1, ignore_permissions=True)
		self.assertGreater(total.enterprises_trained + total.committees_trained, 0)

		self.assertEqual(
			make_training(random.Random(2015), names), {"Training Session": 0, "Supervision Unit": 0}
		)
