# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from property_supervision.complaints.doctype.complaint_settings.complaint_settings import (
	get_calendar,
	get_level_days,
)
from property_supervision.tests.factories import (
	use_chinese,
)


class TestComplaintSettings(FrappeTestCase):
	def setUp(self):
		use_chinese()
		self.settings = frappe.get_doc("Complaint Settings")

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Complaint Settings", "Complaint Settings")
		frappe.cache.delete_value("property_supervision:working_calendar")

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

	def test_calendar_comes_from_working_calendar_day(self):
		holidays, working_weekends = get_calendar()
		self.assertIn(getdate("2026-02-16"), holidays)  # 春节
		self.assertIn(getdate("2026-02-14"), working_weekends)  # 调休上班
		self.assertIn(getdate("2025-06-09"), holidays)  # 古尔邦节, regional
		self.settings.apply_regional_holidays = 0
		self.settings.save()
		holidays, _working_weekends = get_calendar()
		self.assertNotIn(getdate("2025-06-09"), holidays)
		self.assertIn(getdate("2026-02-16"), holidays)

	def test_bad_settings_refused_in_chinese(self):
		cases = [
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
