# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The annual cycle: one assessment per target of a template for a year, with the right assessor,
only filed enterprises, nothing twice, many targets to the long queue, and only the assessment
office may start it."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.cycle import (
	ENQUEUE_ABOVE,
	create_annual_assessments,
	get_targets,
	make_annual_assessments,
)
from property_supervision.assessment.tests import data
from property_supervision.registry.doctype.supervision_unit.supervision_unit import get_supervision_office
from property_supervision.tests.factories import (
	make_area,
	make_community,
	make_enterprise,
	use_chinese,
)

UNIT_LESS_AREA = "考核测试无单位片区管委会"


def assessments(year: int, template: str) -> dict[str, frappe._dict]:
	return {
		a.target_name: a
		for a in frappe.get_all(
			"Assessment",
			filters={"assessment_year": year, "template": template},
			fields=["name", "target_name", "assessor_unit", "period_end", "workflow_state", "jurisdiction"],
		)
	}


class TestAnnualCycle(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = data.load(
			"khc",
			(
				"area_officer",
				"community_officer",
				"enterprise_user",
				"district_supervisor",
				"assessment_officer",
			),
		)
		cls.users = cls.world.users
		cls.templates = cls.world.templates

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("cycle_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="cycle_test")

	def test_areas_and_subdistricts_assessed_by_the_assessment_office(self):
		frappe.set_user(self.users.assessment_officer)
		result = create_annual_assessments(data.YEAR, self.templates.area)
		targets = get_targets("Area Committee or Subdistrict")
		self.assertIn("石人子沟街道办事处", targets)
		self.assertIn(data.AREA, targets)
		self.assertNotIn(data.COMMUNITY_A, targets)
		if result["queued"]:
			# more areas than a web request should handle: the worker does this
			self.assertGreater(result["targets"], ENQUEUE_ABOVE)
			make_annual_assessments(data.YEAR, self.templates.area)
		else:
			self.assertEqual(result["created"], len(targets))
		frappe.set_user("Administrator")
		made = assessments(data.YEAR, self.templates.area)
		self.assertEqual(set(made), set(targets))
		for target in targets:
			self.assertEqual(made[target].assessor_unit, data.ASSESSMENT_OFFICE)
			self.assertEqual(str(made[target].period_end), f"{data.YEAR}-12-31")
			self.assertEqual(made[target].workflow_state, "Self Assessment")
			self.assertEqual(made[target].jurisdiction, target)

	def test_running_again_creates_nothing(self):
		first = make_annual_assessments(data.YEAR, self.templates.area)
		count = frappe.db.count("Assessment")
		again = make_annual_assessments(data.YEAR, self.templates.area)
		self.assertEqual(again["created"], 0)
		self.assertEqual(again["skipped"], first["targets"])
		self.assertEqual(frappe.db.count("Assessment"), count)

	def test_communities_assessed_by_their_area(self):
		result = make_annual_assessments(
			data.YEAR,
			self.templates.community,
			targets=[data.COMMUNITY_A, data.COMMUNITY_B, data.COMMUNITY_C],
		)
		self.assertEqual(result["created"], 3)
		made = assessments(data.YEAR, self.templates.community)
		self.assertEqual(made[data.COMMUNITY_A].assessor_unit, data.AREA)
		self.assertEqual(made[data.COMMUNITY_B].assessor_unit, data.AREA)
		self.assertEqual(made[data.COMMUNITY_C].assessor_unit, data.OTHER_AREA)

	def test_only_filed_enterprises_assessed_by_the_supervision_office(self):
		draft = make_enterprise("考核测试未备案物业服务有限公司").name
		self.assertNotIn(draft, get_targets("Property Enterprise"))
		result = make_annual_assessments(
			data.YEAR, self.templates.enterprise, targets=[*self.world.enterprises.values(), draft]
		)
		self.assertEqual(result["created"], 2)
		made = assessments(data.YEAR, self.templates.enterprise)
		self.assertNotIn(draft, made)
		for enterprise in self.world.enterprises.values():
			self.assertEqual(made[enterprise].assessor_unit, get_supervision_office())
			self.assertEqual(
				frappe.db.get_value("Assessment", made[enterprise].name, "enterprise"), enterprise
			)

	def test_target_without_assessor_is_reported(self):
		make_area(UNIT_LESS_AREA)
		frappe.delete_doc("Supervision Unit", UNIT_LESS_AREA, force=True)
		community = make_community("考核测试无单位社区", UNIT_LESS_AREA).name
		result = make_annual_assessments(data.YEAR, self.templates.community, targets=[community])
		self.assertEqual(result["created"], 0)
		self.assertEqual(result["without_assessor"], [community])
		self.assertNotIn(community, assessments(data.YEAR, self.templates.community))

	def test_many_targets_go_to_the_long_queue(self):
		for i in range(ENQUEUE_ABOVE + 1):
			make_community(f"考核测试批量{i}社区", data.AREA)
		count = frappe.db.count("Assessment")
		result = create_annual_assessments(data.YEAR, self.templates.community)
		self.assertTrue(result["queued"])
		self.assertGreater(result["targets"], ENQUEUE_ABOVE)
		self.assertEqual(frappe.db.count("Assessment"), count)

	def test_only_the_assessment_office_may_start_it(self):
		count = frappe.db.count("Assessment")
		for user in (
			self.users.area_officer,
			self.users.community_officer,
			self.users.enterprise_user,
			self.users.district_supervisor,
		):
			frappe.set_user(user)
			with self.assertRaisesRegex(
				frappe.PermissionError, "只有考核专员和监管系统管理员可以启动年度考核"
			):
				create_annual_assessments(data.YEAR, self.templates.area)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Assessment"), count)

	def test_bad_input_refused(self):
		count = frappe.db.count("Assessment")
		with self.assertRaisesRegex(frappe.ValidationError, "考核年度必须在2015年至"):
			create_annual_assessments(2001, self.templates.area)
		with self.assertRaisesRegex(frappe.ValidationError, "考核模板“没有的模板”不存在"):
			create_annual_assessments(data.YEAR, "没有的模板")
		frappe.db.set_value("Assessment Template", self.templates.area, "is_active", 0)
		with self.assertRaisesRegex(frappe.ValidationError, "未启用"):
			create_annual_assessments(data.YEAR, self.templates.area)
		frappe.db.set_value("Assessment Template", self.templates.area, "is_active", 1)
		self.assertEqual(frappe.db.count("Assessment"), count)
