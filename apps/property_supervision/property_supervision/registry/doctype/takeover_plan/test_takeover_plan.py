# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
import frappe.client
from frappe.model.workflow import WorkflowPermissionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, today

from property_supervision.api.search import search_link
from property_supervision.registry.coverage import get_coverage_rate
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.registry.doctype.takeover_plan.takeover_plan import flag_overdue_fallback_service
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	complete_plan,
	make_compound,
	make_contract,
	make_enterprise,
	make_filed_enterprise,
	make_takeover_plan,
	make_test_community,
	make_user,
	use_chinese,
)


def management(compound: str) -> tuple:
	return frappe.db.get_value(
		"Residential Compound", compound, ["management_mode", "current_enterprise", "managed_since"]
	)


class TestTakeoverPlan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.community = make_test_community("接管测试社区")
		cls.enterprise = make_filed_enterprise("接管测试物业服务有限公司")

	def setUp(self):
		use_chinese()

	def old_compound(self, name, **fields):
		return make_compound(name, self.community, is_old_compound=1, completion_year=1992, **fields)

	def assert_refused(self, message, compound, takeover_mode="Single Introduction", **fields):
		before = frappe.db.count("Takeover Plan")
		with self.assertRaisesRegex(frappe.ValidationError, message):
			make_takeover_plan(compound, takeover_mode, **fields)
		self.assertEqual(frappe.db.count("Takeover Plan"), before)

	def test_compound_must_be_old_and_unmanaged(self):
		newer = make_compound("接管测试新建小区", self.community)
		self.assert_refused("接管测试新建小区 不是老旧小区", newer, enterprise=self.enterprise)
		managed = self.old_compound("接管测试已有物业小区")
		make_contract(managed, self.enterprise)
		self.assert_refused(
			"接管测试已有物业小区 已有管理（专业物业企业）", managed, enterprise=self.enterprise
		)

	def test_responsible_jurisdiction(self):
		compound = self.old_compound("接管责任辖区小区")
		plan = make_takeover_plan(compound, enterprise=self.enterprise)
		self.assertEqual(plan.responsible_jurisdiction, AREA, "defaults to the community's area")
		self.assertEqual(plan.jurisdiction, self.community)
		self.assertEqual(plan.workflow_state, "Draft")
		plan.delete()
		self.assert_refused(
			"责任辖区必须是片区管委会或街道办事处，接管测试社区 是社区",
			compound,
			enterprise=self.enterprise,
			responsible_jurisdiction=self.community,
		)
		plan = make_takeover_plan(
			compound, enterprise=self.enterprise, responsible_jurisdiction="石人子沟街道办事处"
		)
		self.assertEqual(plan.responsible_jurisdiction, "石人子沟街道办事处")

	def test_enterprise_or_agency_required(self):
		compound = self.old_compound("接管企业必填小区")
		for mode, label in (
			("Single Introduction", "单独引进"),
			("Nearby Custody", "就近代管"),
			("Bundled Package", "连片打包"),
			("Custodian", "代管"),
		):
			self.assert_refused(f"接管方式为“{label}”时须选择物业服务企业", compound, mode)
		self.assert_refused("请填写托底管理服务机构名称或选择其物业服务企业", compound, "Fallback Agency")
		plan = make_takeover_plan(compound, "Fallback Agency", agency_name="水磨沟区物业托底服务中心")
		self.assertFalse(plan.enterprise)

	def test_one_open_plan_per_compound(self):
		compound = self.old_compound("接管重复计划小区")
		first = make_takeover_plan(compound, enterprise=self.enterprise)
		self.assert_refused(
			f"已有未办结的接管计划 {first.name}", compound, "Nearby Custody", enterprise=self.enterprise
		)
		apply_workflow(first.as_dict(), "Begin Processing")
		first = apply_workflow(frappe.get_doc("Takeover Plan", first.name).as_dict(), "Mark Rejected")
		self.assertEqual(first.workflow_state, "Rejected")
		make_takeover_plan(compound, "Nearby Custody", enterprise=self.enterprise)

	def test_state_cannot_be_set_directly(self):
		compound = self.old_compound("接管直接改状态小区")
		with self.assertRaises(WorkflowPermissionError):
			make_takeover_plan(compound, enterprise=self.enterprise, workflow_state="Completed")
		plan = make_takeover_plan(compound, enterprise=self.enterprise)
		plan.workflow_state = "Completed"
		with self.assertRaises(frappe.ValidationError):
			plan.save()
		self.assertEqual(management(compound)[0], "None")

	def test_completion_brings_the_compound_under_management(self):
		compound = self.old_compound("接管完成小区")
		plan = make_takeover_plan(compound, "Bundled Package", enterprise=self.enterprise)
		self.assertEqual(management(compound)[0], "None")
		plan = apply_workflow(plan.as_dict(), "Begin Processing")
		self.assertEqual(management(compound)[0], "None", "nothing changes before completion")
		plan = apply_workflow(plan.as_dict(), "Mark Completed")
		self.assertEqual(plan.workflow_state, "Completed")
		self.assertEqual(getdate(plan.completed_on), getdate(today()))
		self.assertEqual(management(compound), ("Professional Enterprise", self.enterprise, getdate(today())))
		# a later edit of the completed plan does not trip over the compound now being managed
		plan.reload()
		plan.notes = "已签订物业服务合同"
		plan.save()

	def test_fallback_agency_completion_and_coverage(self):
		area = frappe.get_doc(
			{
				"doctype": "Jurisdiction",
				"jurisdiction_name": "接管覆盖测试片区管委会",
				"jurisdiction_type": "Area Committee",
				"parent_jurisdiction": "水磨沟区",
			}
		).insert()
		community = make_test_community("接管覆盖测试社区", area.name)
		first = make_compound("接管覆盖甲小区", community, is_old_compound=1)
		make_compound("接管覆盖乙小区", community, is_old_compound=1)
		self.assertEqual(get_coverage_rate(area.name), 0.0)
		plan = make_takeover_plan(
			first,
			"Fallback Agency",
			agency_name="水磨沟区物业托底服务中心",
			completed_on=add_days(today(), -3),
		)
		complete_plan(plan)
		self.assertEqual(management(first), ("Fallback Agency", None, getdate(add_days(today(), -3))))
		self.assertEqual(get_coverage_rate(area.name), 50.0)

	def test_owner_self_management(self):
		compound = self.old_compound("业主自治小区")
		plan = make_takeover_plan(compound, "Owner Self-management")
		complete_plan(plan)
		self.assertEqual(management(compound), ("Owner Self-managed", None, getdate(today())))

	def test_completion_needs_a_filed_enterprise(self):
		compound = self.old_compound("接管未备案企业小区")
		draft = make_enterprise("接管测试未备案物业服务有限公司").name
		plan = make_takeover_plan(compound, "Custodian", enterprise=draft)
		plan = apply_workflow(plan.as_dict(), "Begin Processing")
		with self.assertRaisesRegex(frappe.ValidationError, "尚未备案（草稿），只有已备案企业才能接管小区"):
			apply_workflow(plan.as_dict(), "Mark Completed")
		self.assertEqual(frappe.db.get_value("Takeover Plan", plan.name, "workflow_state"), "In Progress")
		self.assertEqual(management(compound)[0], "None")

	def test_completion_refused_when_the_compound_got_managed_meanwhile(self):
		compound = self.old_compound("接管期间已签约小区")
		plan = apply_workflow(
			make_takeover_plan(compound, enterprise=self.enterprise).as_dict(), "Begin Processing"
		)
		make_contract(compound, self.enterprise, contract_type="Custodian")
		with self.assertRaisesRegex(frappe.ValidationError, "已有管理（代管）"):
			apply_workflow(plan.as_dict(), "Mark Completed")

	def test_completion_date_not_in_future(self):
		compound = self.old_compound("接管未来日期小区")
		self.assert_refused(
			"完成日期不能晚于今天", compound, enterprise=self.enterprise, completed_on=add_days(today(), 1)
		)

	# the daily job

	def test_flag_overdue_fallback_service(self):
		settings = frappe.get_doc("Registry Settings")
		self.assertEqual(settings.fallback_max_months, 6)
		long_served = self.old_compound("托底超期小区")
		recent = self.old_compound("托底未超期小区")
		professional = self.old_compound("托底转专业小区")
		complete_plan(make_takeover_plan(long_served, "Fallback Agency", agency_name="托底服务中心"))
		complete_plan(make_takeover_plan(recent, "Fallback Agency", agency_name="托底服务中心"))
		set_management(professional, "Professional Enterprise", self.enterprise, today())
		# time passes: seven months of fallback service; a stale flag on a compound no longer in fallback
		frappe.db.set_value("Residential Compound", long_served, "managed_since", add_months(today(), -7))
		frappe.db.set_value("Residential Compound", recent, "managed_since", add_months(today(), -2))
		frappe.db.set_value("Residential Compound", professional, "fallback_overdue", 1)
		modified = frappe.db.get_value("Residential Compound", long_served, "modified")

		self.assertGreaterEqual(flag_overdue_fallback_service(), 2)
		flags = lambda: [  # noqa: E731
			frappe.db.get_value("Residential Compound", c, "fallback_overdue")
			for c in (long_served, recent, professional)
		]
		self.assertEqual(flags(), [1, 0, 0])
		self.assertEqual(frappe.db.get_value("Residential Compound", long_served, "modified"), modified)
		# a second run changes nothing
		self.assertEqual(flag_overdue_fallback_service(), 0)
		self.assertEqual(flags(), [1, 0, 0])

		# a longer limit in the settings lifts the flag
		settings.fallback_max_months = 12
		settings.save()
		try:
			self.assertGreaterEqual(flag_overdue_fallback_service(), 1)
			self.assertEqual(flags(), [0, 0, 0])
		finally:
			settings.reload()
			settings.fallback_max_months = 6
			settings.save()


class TestTakeoverPlanPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		enterprise = make_filed_enterprise("接管权限物业服务有限公司")
		own = make_compound(
			"接管权限本片区小区", make_test_community("接管权限七纺社区", AREA), is_old_compound=1
		)
		other = make_compound(
			"接管权限外片区小区", make_test_community("接管权限新民路社区", OTHER_AREA), is_old_compound=1
		)
		cls.own = make_takeover_plan(own, enterprise=enterprise, responsible_jurisdiction=AREA).name
		# a plan in another area, even with 七纺 named as responsible, stays outside the officer's scope
		cls.other = make_takeover_plan(other, enterprise=enterprise, responsible_jurisdiction=AREA).name
		cls.officer = make_user("takeover.area.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", AREA, cls.officer)
		cls.enterprise_user = make_user("takeover.enterprise.user@example.com", ["Enterprise User"]).name
		frappe.permissions.add_user_permission("Property Enterprise", enterprise, cls.enterprise_user)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_area_officer_sees_own_area_only(self):
		frappe.set_user(self.officer)
		self.assertTrue(frappe.has_permission("Takeover Plan", "write", doc=self.own))
		names = frappe.get_list("Takeover Plan", pluck="name", limit_page_length=0)
		self.assertIn(self.own, names)
		self.assertNotIn(self.other, names)
		self.assertFalse(frappe.has_permission("Takeover Plan", doc=self.other))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Takeover Plan", self.other)
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Takeover Plan", self.other)
		for ignore in (0, 1):
			found = [r["value"] for r in search_link("Takeover Plan", "", ignore_user_permissions=ignore)]
			self.assertNotIn(self.other, found)

	def test_enterprise_user_has_no_access(self):
		frappe.set_user(self.enterprise_user)
		self.assertFalse(frappe.has_permission("Takeover Plan", doc=self.own))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Takeover Plan")
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Takeover Plan", self.own)
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Takeover Plan", self.own)
