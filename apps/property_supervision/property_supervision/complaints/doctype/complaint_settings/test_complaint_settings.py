# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.complaints.doctype.complaint_settings.complaint_settings import (
	get_calendar,
	get_level_days,
)
from property_supervision.tests.utils import use_chinese


class TestComplaintSettings(FrappeTestCase):
	def setUp(self):
		use_chinese()
		self.settings = frappe.get_doc("Complaint Settings")

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Complaint Settings", "Complaint Settings")

	def test_shipped_defaults(self):
		self.assertEqual(
			(self.settings.community_days, self.settings.area_days, self.settings.district_days), (5, 10, 15)
		)
		self.assertEqual(self.settings.total_limit_days, 60)
		self.assertEqual(get_level_days("Area"), 10)

	def test_category_limits_override_a_level(self):
		self.settings.set("category_limits", [{"category": "Parking", "area_days": 3}])
		self.settings.save()
		self.assertEqual(get_level_days("Area", "Parking"), 3)
		self.assertEqual(get_level_days("Community", "Parking"), 5)  # not overridden
		self.assertEqual(get_level_days("Area", "Service Quality"), 10)

	def test_calendar(self):
		self.settings.set(
			"calendar_days",
			[
				{"calendar_date": "2025-10-01", "day_type": "Holiday"},
				{"calendar_date": "2025-10-11", "day_type": "Working Day"},
			],
		)
		self.settings.save()
		holidays, working_weekends = get_calendar()
		self.assertEqual({str(d) for d in holidays}, {"2025-10-01"})
		self.assertEqual({str(d) for d in working_weekends}, {"2025-10-11"})

	def test_bad_settings_refused_in_chinese(self):
		cases = [
			(
				{"calendar_days": [{"calendar_date": "2025-10-01"}, {"calendar_date": "2025-10-01"}]},
				"是同一日期",
			),
			(
				{"calendar_days": [{"calendar_date": "2025-10-08", "day_type": "Working Day"}]},
				"只有周六或周日",
			),
			({"calendar_days": [{"calendar_date": "2025-10-11", "day_type": "Holiday"}]}, "是周末"),
			({"category_limits": [{"category": "Parking"}, {"category": "Parking"}]}, "是同一投诉类别"),
			({"area_days": 0}, "至少为 1 个工作日"),
			({"district_days": 50}, "超过了总时限"),
		]
		for values, message in cases:
			with self.subTest(message=message):
				settings = frappe.get_doc("Complaint Settings")
				settings.update(values)
				with self.assertRaisesRegex(frappe.ValidationError, message):
					settings.save()
		self.assertEqual(frappe.get_doc("Complaint Settings").district_days, 15)
