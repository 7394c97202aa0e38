# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.defaults import (
	AREA_TEMPLATE,
	COMMUNITY_TEMPLATE,
	DEFAULT_TEMPLATES,
	ENTERPRISE_TEMPLATE,
	create_default_templates,
)
from property_supervision.tests.factories import (
	use_chinese,
)

NAME = "模板测试考核"


def new_template(criteria: list[tuple], **fields):
	"""criteria: (criterion, max_score, is_veto, indicator_key)"""
	return frappe.get_doc(
		{
			"doctype": "Assessment Template",
			"template_name": NAME,
			"target_type": "Community",
			"criteria": [
				{"criterion": c, "max_score": m, "is_veto": v, "indicator_key": i} for c, m, v, i in criteria
			],
			**fields,
		}
	)


GOOD = [
	("工作甲", 60, 0, "Complaint Resolution Rate"),
	("工作乙", 40, 0, "Old Compound Coverage Rate"),
	("重大事件", 0, 1, ""),
]


class TestAssessmentTemplate(FrappeTestCase):
	def setUp(self):
		use_chinese()
		if frappe.db.exists("Assessment Template", NAME):
			frappe.delete_doc("Assessment Template", NAME, force=True)

	def assertRefused(self, doc, message: str):
		with self.assertRaisesRegex(frappe.ValidationError, message):
			doc.insert()
		self.assertFalse(frappe.db.exists("Assessment Template", NAME))

	def test_default_templates_exist_and_total_100(self):
		self.assertTrue(create_default_templates())
		for name, target_type in (
			(AREA_TEMPLATE, "Area Committee or Subdistrict"),
			(COMMUNITY_TEMPLATE, "Community"),
			(ENTERPRISE_TEMPLATE, "Property Enterprise"),
		):
			template = frappe.get_doc("Assessment Template", name)
			self.assertEqual(template.target_type, target_type)
			self.assertEqual(template.total_max_score, 100)
			self.assertTrue(any(row.is_veto for row in template.criteria))
		area = frappe.get_doc("Assessment Template", AREA_TEMPLATE)
		self.assertEqual(
			{row.indicator_key for row in area.criteria if row.indicator_key},
			{
				"Old Compound Coverage Rate",
				"Complaint Resolution Rate",
				"Complaint Overdue Rate",
				"Publicity Compliance Rate",
				"Training Attendance Rate",
			},
		)
		self.assertIn("发生重大物业管理事件或造成不良影响", [r.criterion for r in area.criteria if r.is_veto])
		enterprise = frappe.get_doc("Assessment Template", ENTERPRISE_TEMPLATE)
		self.assertIn("Credit Grade", [r.indicator_key for r in enterprise.criteria])
		self.assertIn("发生重大安全责任事故", [r.criterion for r in enterprise.criteria if r.is_veto])

	def test_defaults_are_created_once_and_keep_edits(self):
		create_default_templates()
		template = frappe.get_doc("Assessment Template", COMMUNITY_TEMPLATE)
		template.grade_excellent_min = 92
		template.save()
		count = frappe.db.count("Assessment Template")
		self.assertTrue(create_default_templates())
		self.assertEqual(frappe.db.count("Assessment Template"), count)
		self.assertEqual(
			frappe.db.get_value("Assessment Template", COMMUNITY_TEMPLATE, "grade_excellent_min"), 92
		)
		self.assertEqual(len(DEFAULT_TEMPLATES), 3)

	def test_valid_template_totals_100(self):
		doc = new_template(GOOD).insert()
		self.assertEqual(doc.total_max_score, 100)

	def test_total_other_than_100_refused(self):
		self.assertRefused(
			new_template([("工作甲", 60, 0, ""), ("工作乙", 30, 0, "")]),
			"各考核内容分值合计必须为100分，当前合计为90分",
		)
		self.assertRefused(
			new_template([("工作甲", 60, 0, ""), ("工作乙", 40.5, 0, "")]),
			"当前合计为100.5分",
		)

	def test_max_score_must_be_positive(self):
		self.assertRefused(
			new_template([("工作甲", 100, 0, ""), ("工作乙", 0, 0, "")]),
			"第2行（工作乙）：分值必须大于0",
		)
		self.assertRefused(
			new_template([("工作甲", 110, 0, ""), ("工作乙", -10, 0, "")]),
			"第2行（工作乙）：分值必须大于0",
		)
		# a veto item may carry no points, never negative ones
		self.assertRefused(
			new_template([("工作甲", 105, 0, ""), ("重大事件", -5, 1, "")]),
			"第2行（重大事件）：一票否决项的分值不能为负数",
		)

	def test_bands_must_descend(self):
		self.assertRefused(
			new_template(GOOD, grade_excellent_min=80, grade_good_min=85, grade_pass_min=60),
			"等级分数线必须在0到100之间并依次递减：优秀（80） > 良好（85） > 合格（60）",
		)
		self.assertRefused(
			new_template(GOOD, grade_excellent_min=90, grade_good_min=60, grade_pass_min=60),
			"等级分数线必须在0到100之间并依次递减",
		)
		self.assertRefused(
			new_template(GOOD, grade_excellent_min=120, grade_good_min=80, grade_pass_min=60),
			"等级分数线必须在0到100之间并依次递减",
		)

	def test_indicator_used_once(self):
		self.assertRefused(
			new_template(
				[
					("工作甲", 50, 0, "Complaint Resolution Rate"),
					("工作乙", 50, 0, "Complaint Resolution Rate"),
				]
			),
			"指标“投诉办结率”已用于“工作甲”，不能再用于“工作乙”",
		)

	def test_no_criteria_refused(self):
		self.assertRefused(new_template([]), "请至少添加一项考核内容")

	def test_bad_edit_of_a_saved_template_changes_nothing(self):
		doc = new_template(GOOD).insert()
		doc.criteria[0].max_score = 70
		with self.assertRaisesRegex(frappe.ValidationError, "当前合计为110分"):
			doc.save()
		self.assertEqual(frappe.db.get_value("Assessment Criterion", doc.criteria[0].name, "max_score"), 60)
