# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.credit.defaults import DEFAULT_CREDIT_RULES, create_default_credit_rules
from property_supervision.credit.doctype.credit_rule.credit_rule import get_automatic_rule
from property_supervision.roles import COMMUNITY_OFFICER, ENTERPRISE_USER
from property_supervision.tests.factories import (
	make_user,
	use_chinese,
)


def new_rule(code: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Credit Rule",
			"rule_code": code,
			"description": "测试规则",
			"points": -2,
			"source": "Manual",
			"validity_months": 12,
			**fields,
		}
	)


class TestCreditRule(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()
		create_default_credit_rules()
		frappe.db.savepoint("credit_rule_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="credit_rule_test")

	def assertRefused(self, doc, message, exc=frappe.ValidationError):
		before = frappe.db.count("Credit Rule")
		with self.assertRaisesRegex(exc, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Credit Rule"), before)

	def test_default_rules_created_once_and_editable(self):
		self.assertGreaterEqual(len(DEFAULT_CREDIT_RULES), 15)
		for rule in DEFAULT_CREDIT_RULES:
			self.assertTrue(frappe.db.exists("Credit Rule", rule["rule_code"]), rule["rule_code"])
		# an administrator's edit survives the defaults being created again
		frappe.db.set_value("Credit Rule", "BL-01", "points", -3)
		frappe.delete_doc("Credit Rule", "LH-10")
		self.assertTrue(create_default_credit_rules())
		self.assertEqual(frappe.db.get_value("Credit Rule", "BL-01", "points"), -3)
		# (setup.defaults remembers the key, so a deleted default is not recreated on migrate;
		# called directly the function fills the gap)
		self.assertTrue(frappe.db.exists("Credit Rule", "LH-10"))

	def test_default_rules_cover_every_automatic_fact(self):
		for source in ("Complaint Upheld", "Complaint Overdue", "Publicity Overdue", "Training Absence"):
			with self.subTest(source=source):
				rule = get_automatic_rule(source)
				self.assertTrue(rule)
				self.assertLess(rule.points, 0)
		self.assertLess(get_automatic_rule("Assessment Result").points, 0)
		self.assertGreater(get_automatic_rule("Assessment Result", good=True).points, 0)

	def test_code_normalised(self):
		rule = new_rule("  cs-01 ").insert()
		self.assertEqual(rule.name, "CS-01")
		self.assertEqual(rule.rule_code, "CS-01")

	def test_bad_code_refused(self):
		for code in ("测试-01", "01-CS", "CS--01", "CS 01", "C" * 21):
			with self.subTest(code=code):
				self.assertRefused(new_rule(code), "规则编号 .* 无效")

	def test_duplicate_code_refused(self):
		self.assertRefused(new_rule("bl-01"), "编号为 BL-01 的诚信规则已存在", frappe.UniqueValidationError)

	def test_zero_points_refused(self):
		self.assertRefused(new_rule("CS-02", points=0), "诚信规则必须加分或扣分")

	def test_negative_validity_refused(self):
		self.assertRefused(new_rule("CS-03", validity_months=-1), "有效期不能为负数")

	def test_automatic_bad_conduct_source_needs_negative_points(self):
		self.assertRefused(
			new_rule("CS-04", source="Training Absence", points=2, is_active=0),
			"属于不良行为，分值必须为负数",
		)

	def test_one_active_rule_per_automatic_fact(self):
		self.assertRefused(
			new_rule("CS-05", source="Complaint Upheld", points=-1), "启用中的规则 BL-01 已记录"
		)
		# inactive, or of the other sign for assessment results: allowed
		new_rule("CS-06", source="Complaint Upheld", points=-1, is_active=0).insert()
		self.assertRefused(
			new_rule("CS-07", source="Assessment Result", points=2), "启用中的规则 LH-09 已记录"
		)
		frappe.db.set_value("Credit Rule", "LH-09", "is_active", 0)
		new_rule("CS-07", source="Assessment Result", points=2).insert()
		self.assertEqual(get_automatic_rule("Assessment Result", good=True).name, "CS-07")

	def test_only_administrators_maintain_rules(self):
		for role in (COMMUNITY_OFFICER, ENTERPRISE_USER):
			user = make_user(f"test-cr-rule-{role.split()[0].lower()}@example.com", [role]).name
			frappe.set_user(user)
			with self.subTest(role=role):
				self.assertTrue(frappe.has_permission("Credit Rule", "read"))
				with self.assertRaises(frappe.PermissionError):
					new_rule("CS-08").insert()
			frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Credit Rule", "CS-08"))
