# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.registry.doctype.supervision_unit.supervision_unit import get_supervision_office
from property_supervision.tests.factories import (
	use_chinese,
)


class TestSupervisionUnit(FrappeTestCase):
	def setUp(self):
		use_chinese()

	def test_supervision_office_from_reference_data(self):
		self.assertEqual(get_supervision_office(), "区建设局物业监督管理办公室")

	def test_second_supervision_office_refused(self):
		unit = frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": "测试监管办公室",
				"unit_type": "Supervision Office",
				"jurisdiction": "水磨沟区",
				"is_supervision_office": 1,
			}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "只能设置一个"):
			unit.insert()
		self.assertFalse(frappe.db.exists("Supervision Unit", "测试监管办公室"))

	def test_bad_phone_refused(self):
		unit = frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": "测试单位",
				"unit_type": "Other",
				"jurisdiction": "水磨沟区",
				"contact_phone": "12345",
			}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "不是有效的手机号码或固定电话号码"):
			unit.insert()
		self.assertFalse(frappe.db.exists("Supervision Unit", "测试单位"))
		unit.contact_phone = "0991-4612345"
		unit.insert()
		self.assertTrue(frappe.db.exists("Supervision Unit", "测试单位"))

	def test_unit_needs_existing_jurisdiction(self):
		unit = frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": "测试单位乙",
				"unit_type": "Other",
				"jurisdiction": "不存在的辖区",
			}
		)
		with self.assertRaises(frappe.LinkValidationError):
			unit.insert()
