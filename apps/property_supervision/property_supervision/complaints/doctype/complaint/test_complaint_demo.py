# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The demo complaint generator (demo/complaints.py), on a small count."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.demo import demo_names
from property_supervision.demo.complaints import DEMO_TAG, demo_complaints_exist, make_complaints
from property_supervision.tests.factories import (
	AREA,
	make_compound,
	make_test_enterprise,
)


class TestDemoComplaints(FrappeTestCase):
	def test_generates_consistent_complaints_once(self):
		if demo_complaints_exist():
			self.skipTest("this site already has demo complaints")
		enterprise = make_test_enterprise("演示测试物业服务有限公司")
		make_compound("演示测试小区", "演示测试社区", AREA, enterprise)
		created = make_complaints(random.Random("test"), demo_names(), count=30)
		self.assertEqual(created["Complaint"], 30)
		self.assertTrue(demo_complaints_exist())

		complaints = frappe.get_all(
			"Complaint",
			filters={"_user_tags": ("like", f"%{DEMO_TAG}%")},
			fields=["name", "workflow_state", "received_on", "resolved_on", "closed_on", "satisfaction"],
		)
		self.assertEqual(len(complaints), 30)
		for complaint in complaints:
			doc = frappe.get_doc("Complaint", complaint.name)
			self.assertEqual(doc.handling_log[0].action, "Receive")
			times = [row.log_time for row in doc.handling_log]
			self.assertEqual(times, sorted(times), doc.name)
			if doc.workflow_state == "Closed":
				self.assertTrue(doc.satisfaction and doc.resolved_on and doc.closed_on)
			if doc.workflow_state == "Resolved":
				self.assertTrue(doc.resolution)

		# a second run creates nothing
		self.assertEqual(make_complaints(random.Random("test"), demo_names(), count=30)["Complaint"], 0)
