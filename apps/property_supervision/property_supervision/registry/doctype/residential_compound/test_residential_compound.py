# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, today

from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	make_compound,
	make_contract,
	make_filed_enterprise,
	make_takeover_plan,
	make_test_community,
	use_chinese,
)


class TestResidentialCompound(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.community = make_test_community("小区测试社区")
		cls.unit = frappe.get_all("Supervision Unit", pluck="name", limit=1)[0]

	def setUp(self):
		use_chinese()

	def new_compound(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Residential Compound",
				"compound_name": "校验测试小区",
				"jurisdiction": self.community,
				**fields,
			}
		)

	def assert_refused(self, message, exc=frappe.ValidationError, **fields):
		before = frappe.db.count("Residential Compound")
		with self.assertRaisesRegex(exc, message):
			self.new_compound(**fields).insert()
		self.assertEqual(frappe.db.count("Residential Compound"), before)

	def test_valid_compound(self):
		compound = self.new_compound(
			building_count=12,
			household_count=480,
			floor_area=52000.5,
			completion_year=1998,
			location='{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
			'"geometry":{"type":"Point","coordinates":[87.65,43.83]}}]}',
		).insert()
		self.assertTrue(compound.name.startswith("XQ-"))
		self.assertEqual(compound.management_mode, "None")
		self.assertIn("87.65", compound.location)

	def test_jurisdiction_must_be_a_community(self):
		self.assert_refused("小区应隶属于社区，七纺片区管委会 是片区管委会", jurisdiction=AREA)
		self.assert_refused("小区应隶属于社区，水磨沟区 是区", jurisdiction="水磨沟区")

	def test_counts_not_negative(self):
		self.assert_refused("户数不能为负数", household_count=-1)
		self.assert_refused("楼栋数不能为负数", building_count=-3)
		self.assert_refused("建筑面积（㎡）不能为负数", floor_area=-0.5)

	def test_completion_year_range(self):
		next_year = getdate(today()).year + 1
		self.assert_refused("竣工年份 1948 应在 1949 年至", completion_year=1948)
		self.assert_refused(
			f"竣工年份 {next_year + 1} 应在 1949 年至 {next_year} 年之间", completion_year=next_year + 1
		)
		self.assertEqual(self.new_compound(completion_year=1949).insert().completion_year, 1949)
		self.assertEqual(self.new_compound(completion_year=next_year).insert().completion_year, next_year)

	def test_facility_issue_in_progress_needs_lead_unit_and_due_date(self):
		self.assert_refused(
			"第 1 行正在整改，须指定牵头单位",
			facility_issues=[
				{"issue_type": "Parking Shortage", "status": "In Progress", "due_date": today()}
			],
		)
		self.assert_refused(
			"第 2 行正在整改，须填写完成期限",
			facility_issues=[
				{"issue_type": "Damaged Roads"},
				{"issue_type": "Parking Shortage", "status": "In Progress", "lead_unit": self.unit},
			],
		)
		compound = self.new_compound(
			facility_issues=[
				{"issue_type": "No Property Office"},
				{
					"issue_type": "Aged Water Supply and Drainage",
					"status": "In Progress",
					"lead_unit": self.unit,
					"due_date": add_days(today(), 90),
					"plan": "更换主管网",
				},
				{"issue_type": "Damaged Roads", "status": "Resolved"},
			]
		).insert()
		self.assertEqual(len(compound.facility_issues), 3)

	def test_lead_unit_must_exist(self):
		self.assert_refused(
			"找不到",
			exc=frappe.LinkValidationError,
			facility_issues=[{"issue_type": "Other", "lead_unit": "不存在的单位"}],
		)

	def test_management_fields_are_not_set_by_hand(self):
		enterprise = make_filed_enterprise("小区测试甲物业服务有限公司")
		compound = self.new_compound(
			management_mode="Professional Enterprise",
			current_enterprise=enterprise,
			managed_since=today(),
			separation_violation=1,
			fallback_overdue=1,
		).insert()
		self.assertEqual(compound.management_mode, "None")
		self.assertFalse(compound.current_enterprise)
		self.assertFalse(compound.managed_since)
		self.assertEqual((compound.separation_violation, compound.fallback_overdue), (0, 0))

		set_management(compound.name, "Custodian", enterprise, add_days(today(), -10))
		compound.reload()
		compound.management_mode = "None"
		compound.current_enterprise = None
		compound.household_count = 300
		compound.save()
		compound.reload()
		self.assertEqual(compound.household_count, 300)
		self.assertEqual(compound.management_mode, "Custodian")
		self.assertEqual(compound.current_enterprise, enterprise)

	def test_set_management_writes_once_and_keeps_a_version(self):
		enterprise = make_filed_enterprise("小区测试乙物业服务有限公司")
		compound = frappe.get_doc("Residential Compound", make_compound("管理写入测试小区", self.community))
		since = add_days(today(), -30)
		self.assertTrue(set_management(compound.name, "Professional Enterprise", enterprise, since))
		values = frappe.db.get_value(
			"Residential Compound",
			compound.name,
			[
				"management_mode",
				"current_enterprise",
				"managed_since",
				"separation_violation",
				"fallback_overdue",
			],
		)
		self.assertEqual(values, ("Professional Enterprise", enterprise, getdate(since), 0, 0))
		versions = frappe.db.count(
			"Version", {"ref_doctype": "Residential Compound", "docname": compound.name}
		)
		self.assertGreaterEqual(versions, 1)
		# the same state again changes nothing
		self.assertFalse(set_management(compound.name, "Professional Enterprise", enterprise, since))
		self.assertEqual(
			frappe.db.count("Version", {"ref_doctype": "Residential Compound", "docname": compound.name}),
			versions,
		)
		# no management: enterprise and date go too
		self.assertTrue(set_management(compound.name, "None", enterprise, since))
		values = frappe.db.get_value(
			"Residential Compound", compound.name, ["management_mode", "current_enterprise", "managed_since"]
		)
		self.assertEqual(values, ("None", None, None))

	def test_set_management_flags_a_long_fallback_service(self):
		compound = frappe.get_doc("Residential Compound", make_compound("托底超期写入测试小区", self.community, is_old_compound=1))
		set_management(compound.name, "Fallback Agency", None, add_months(today(), -7))
		self.assertEqual(frappe.db.get_value("Residential Compound", compound.name, "fallback_overdue"), 1)
		set_management(compound.name, "Fallback Agency", None, add_months(today(), -2))
		self.assertEqual(frappe.db.get_value("Residential Compound", compound.name, "fallback_overdue"), 0)

	def test_moving_a_compound_moves_its_records_scope(self):
		enterprise = make_filed_enterprise("小区测试丙物业服务有限公司")
		compound = frappe.get_doc("Residential Compound", make_compound("迁移社区测试小区", self.community, is_old_compound=1))
		plan = make_takeover_plan(compound.name, enterprise=enterprise)
		contract = make_contract(compound.name, enterprise, status="Draft")
		new_community = make_test_community("小区测试迁入社区", OTHER_AREA)
		compound.reload()
		compound.jurisdiction = new_community
		compound.save()
		self.assertEqual(
			frappe.db.get_value("Service Contract", contract.name, "jurisdiction"), new_community
		)
		self.assertEqual(frappe.db.get_value("Takeover Plan", plan.name, "jurisdiction"), new_community)

	def test_dashboard_shows_contracts_and_plans(self):
		data = frappe.get_meta("Residential Compound").get_dashboard_data()
		items = [item for group in data.transactions for item in group["items"]]
		self.assertIn("Service Contract", items)
		self.assertIn("Takeover Plan", items)
		self.assertEqual(data.fieldname, "compound")
