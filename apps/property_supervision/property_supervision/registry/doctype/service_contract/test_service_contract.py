# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
import frappe.client
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from property_supervision.api.search import search_link
from property_supervision.registry.doctype.service_contract.service_contract import mark_expired_contracts
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	make_compound,
	make_contract,
	make_enterprise,
	make_filed_enterprise,
	make_test_community,
	make_user,
	use_chinese,
)


def management(compound: str) -> tuple:
	return frappe.db.get_value(
		"Residential Compound",
		compound,
		["management_mode", "current_enterprise", "managed_since", "separation_violation"],
	)


def enterprise_violation(enterprise: str) -> int:
	return frappe.db.get_value("Property Enterprise", enterprise, "separation_violation")


class TestServiceContract(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.community = make_test_community("合同测试社区")
		cls.enterprise = make_filed_enterprise("合同测试甲物业服务有限公司")
		cls.other_enterprise = make_filed_enterprise("合同测试乙物业服务有限公司")
		cls.draft_enterprise = make_enterprise("合同测试未备案物业服务有限公司").name

	def setUp(self):
		use_chinese()

	def compound(self, name):
		return make_compound(name, self.community)

	def assert_refused(self, message, compound, **fields):
		before = frappe.db.count("Service Contract")
		with self.assertRaisesRegex(frappe.ValidationError, message):
			make_contract(compound, fields.pop("enterprise", self.enterprise), **fields)
		self.assertEqual(frappe.db.count("Service Contract"), before)

	# validation

	def test_dates_and_fee_refused(self):
		compound = self.compound("合同校验小区")
		self.assert_refused("结束日期必须晚于开始日期", compound, start_date=today(), end_date=today())
		self.assert_refused("收费标准应在 0 至 20.0 元/㎡·月之间", compound, fee_standard=-0.5)
		self.assert_refused("收费标准应在 0 至 20.0 元/㎡·月之间", compound, fee_standard=120)
		self.assert_refused(
			"合同自 .* 起履行，当天起方可设为履行中", compound, start_date=add_days(today(), 5)
		)
		self.assert_refused(
			"合同已于 .* 到期，不能设为履行中",
			compound,
			start_date=add_days(today(), -400),
			end_date=add_days(today(), -1),
		)
		self.assert_refused("只有已过结束日期的合同才能标记为已到期", compound, status="Expired")
		self.assert_refused("请填写合同终止日期", compound, status="Terminated", termination_reason="违约")
		self.assert_refused("请填写合同终止原因", compound, status="Terminated", terminated_on=today())
		self.assert_refused(
			"终止日期不能晚于今天",
			compound,
			status="Terminated",
			terminated_on=add_days(today(), 3),
			termination_reason="违约",
		)
		self.assertEqual(management(compound)[0], "None")
		# a draft may be anything in the future
		draft = make_contract(compound, self.enterprise, status="Draft", start_date=add_days(today(), 30))
		self.assertEqual(draft.status, "Draft")
		self.assertTrue(draft.name.startswith(f"HT-{getdate(today()).year}-"))
		self.assertEqual(draft.jurisdiction, self.community)

	def test_unfiled_enterprise_cannot_start_an_active_contract(self):
		compound = self.compound("未备案企业小区")
		self.assert_refused(
			"尚未备案（草稿），只有已备案企业的合同才能履行", compound, enterprise=self.draft_enterprise
		)
		draft = make_contract(compound, self.draft_enterprise, status="Draft")
		draft.status = "Active"
		with self.assertRaisesRegex(frappe.ValidationError, "只有已备案企业的合同才能履行"):
			draft.save()
		self.assertEqual(frappe.db.get_value("Service Contract", draft.name, "status"), "Draft")
		self.assertEqual(management(compound)[0], "None")

	def test_one_active_contract_per_compound(self):
		compound = self.compound("单一合同小区")
		first = make_contract(compound, self.enterprise)
		self.assert_refused(
			f"已有履行中的合同 {first.name}（合同测试甲物业服务有限公司）",
			compound,
			enterprise=self.other_enterprise,
		)
		second = make_contract(compound, self.other_enterprise, status="Draft")
		second.status = "Active"
		with self.assertRaisesRegex(frappe.ValidationError, first.name):
			second.save()
		self.assertEqual(management(compound)[1], self.enterprise)

	def test_status_only_moves_forward(self):
		compound = self.compound("状态流转小区")
		contract = make_contract(compound, self.enterprise)
		contract.status = "Draft"
		with self.assertRaisesRegex(frappe.ValidationError, "状态为“履行中”的合同不能改为“草稿”"):
			contract.save()
		contract.reload()
		contract.update(
			{"status": "Terminated", "terminated_on": today(), "termination_reason": "业主大会解聘"}
		)
		contract.save()
		contract.status = "Active"
		with self.assertRaisesRegex(frappe.ValidationError, "状态为“已终止”的合同不能改为“履行中”"):
			contract.save()
		self.assertEqual(frappe.db.get_value("Service Contract", contract.name, "status"), "Terminated")

	def test_active_contract_cannot_be_deleted(self):
		contract = make_contract(self.compound("删除合同小区"), self.enterprise)
		with self.assertRaisesRegex(frappe.ValidationError, "履行中的合同不能删除"):
			frappe.delete_doc("Service Contract", contract.name)
		self.assertTrue(frappe.db.exists("Service Contract", contract.name))

	# effects on the compound

	def test_contract_types_set_the_management_mode(self):
		cases = {
			"Early-stage": "Professional Enterprise",
			"Selected by Owners Assembly": "Professional Enterprise",
			"Fallback": "Fallback Agency",
			"Custodian": "Custodian",
		}
		for contract_type, mode in cases.items():
			compound = self.compound(f"合同类型{contract_type}小区")
			start = add_days(today(), -20)
			make_contract(compound, self.enterprise, contract_type=contract_type, start_date=start)
			self.assertEqual(management(compound), (mode, self.enterprise, getdate(start), 0), contract_type)

	def test_activating_a_draft_sets_the_compound(self):
		compound = self.compound("草稿生效小区")
		contract = make_contract(compound, self.enterprise, status="Draft")
		self.assertEqual(management(compound)[0], "None")
		contract.status = "Active"
		contract.save()
		self.assertEqual(management(compound)[:2], ("Professional Enterprise", self.enterprise))

	def test_expiry_and_termination_clear_the_compound(self):
		compound = self.compound("合同终止小区")
		contract = make_contract(compound, self.enterprise, end_date=add_days(today(), 10))
		contract.update(
			{
				"status": "Terminated",
				"terminated_on": today(),
				"termination_reason": "服务质量差，业主大会解聘",
			}
		)
		contract.save()
		self.assertEqual(management(compound), ("None", None, None, 0))

		# the next contract takes over, and its expiry leaves the compound without management
		successor = make_contract(
			compound,
			self.other_enterprise,
			contract_type="Fallback",
			start_date=add_days(today(), -60),
			end_date=add_days(today(), 10),
		)
		self.assertEqual(management(compound)[:2], ("Fallback Agency", self.other_enterprise))
		# time passes beyond its end date; the officer records the expiry
		frappe.db.set_value("Service Contract", successor.name, "end_date", add_days(today(), -1))
		successor.reload()
		successor.status = "Expired"
		successor.save()
		self.assertEqual(management(compound), ("None", None, None, 0))

	def test_moving_an_active_contract_updates_both_compounds(self):
		old, new = self.compound("合同迁出小区"), self.compound("合同迁入小区")
		contract = make_contract(old, self.enterprise)
		contract.compound = new
		contract.save()
		self.assertEqual(management(old)[0], "None")
		self.assertEqual(management(new)[:2], ("Professional Enterprise", self.enterprise))
		self.assertEqual(contract.compound_name, "合同迁入小区")

	def test_developer_affiliation_flags_compound_and_enterprise(self):
		enterprise = make_filed_enterprise("合同测试开发商关联物业服务有限公司")
		first, second = self.compound("建管分离甲小区"), self.compound("建管分离乙小区")
		a = make_contract(first, enterprise, contract_type="Early-stage", developer_affiliated=1)
		b = make_contract(second, enterprise, contract_type="Early-stage", developer_affiliated=1)
		self.assertEqual(management(first)[3], 1)
		self.assertEqual(management(second)[3], 1)
		self.assertEqual(enterprise_violation(enterprise), 1)

		a.update({"status": "Terminated", "terminated_on": today(), "termination_reason": "建管分离整改"})
		a.save()
		self.assertEqual(management(first)[3], 0)
		self.assertEqual(management(second)[3], 1)
		self.assertEqual(enterprise_violation(enterprise), 1, "another affiliated contract is still active")

		b.developer_affiliated = 0
		b.save()
		self.assertEqual(management(second)[3], 0)
		self.assertEqual(enterprise_violation(enterprise), 0)

	# the daily job

	def test_mark_expired_contracts(self):
		ended, running = self.compound("到期任务甲小区"), self.compound("到期任务乙小区")
		affiliated = make_filed_enterprise("到期任务关联物业服务有限公司")
		past = make_contract(ended, affiliated, developer_affiliated=1, start_date=add_days(today(), -400))
		current = make_contract(running, self.enterprise, end_date=add_days(today(), 30))
		# time passes: the first contract's end date is now behind us
		frappe.db.set_value(
			"Service Contract", past.name, "end_date", add_days(today(), -1), update_modified=False
		)
		self.assertEqual(enterprise_violation(affiliated), 1)
		modified = frappe.db.get_value("Service Contract", past.name, "modified")
		current_modified = frappe.db.get_value("Service Contract", current.name, "modified")

		self.assertGreaterEqual(mark_expired_contracts(), 1)
		self.assertEqual(frappe.db.get_value("Service Contract", past.name, "status"), "Expired")
		self.assertEqual(frappe.db.get_value("Service Contract", past.name, "modified"), modified)
		self.assertEqual(management(ended), ("None", None, None, 0))
		self.assertEqual(enterprise_violation(affiliated), 0)
		self.assertEqual(
			frappe.db.get_value("Service Contract", current.name, ["status", "modified"]),
			("Active", current_modified),
		)
		self.assertEqual(management(running)[:2], ("Professional Enterprise", self.enterprise))

		# a second run finds nothing to do and changes nothing
		snapshot = frappe.get_all("Service Contract", fields=["name", "status", "modified"], order_by="name")
		compounds = frappe.get_all(
			"Residential Compound", fields=["name", "management_mode", "modified"], order_by="name"
		)
		comments = frappe.db.count("Comment", {"reference_doctype": "Service Contract"})
		self.assertEqual(mark_expired_contracts(), 0)
		self.assertEqual(
			frappe.get_all("Service Contract", fields=["name", "status", "modified"], order_by="name"),
			snapshot,
		)
		self.assertEqual(
			frappe.get_all(
				"Residential Compound", fields=["name", "management_mode", "modified"], order_by="name"
			),
			compounds,
		)
		self.assertEqual(frappe.db.count("Comment", {"reference_doctype": "Service Contract"}), comments)


class TestServiceContractPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.enterprise = make_filed_enterprise("合同权限甲物业服务有限公司")
		cls.other_enterprise = make_filed_enterprise("合同权限乙物业服务有限公司")
		own = make_compound("合同权限本片区小区", make_test_community("合同权限七纺社区", AREA))
		other = make_compound("合同权限外片区小区", make_test_community("合同权限新民路社区", OTHER_AREA))
		cls.own = make_contract(own, cls.enterprise).name
		cls.other = make_contract(other, cls.other_enterprise).name
		cls.officer = make_user("contract.area.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", AREA, cls.officer)
		cls.enterprise_user = make_user("contract.enterprise.user@example.com", ["Enterprise User"]).name
		frappe.permissions.add_user_permission("Property Enterprise", cls.enterprise, cls.enterprise_user)
		cls.unscoped = make_user("contract.unscoped@example.com", ["Enterprise User"]).name
		cls.assessor = make_user("contract.assessor@example.com", ["Assessment Officer"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def assert_hidden(self, name):
		self.assertFalse(frappe.has_permission("Service Contract", doc=name))
		self.assertNotIn(name, frappe.get_list("Service Contract", pluck="name", limit_page_length=0))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Service Contract", name)
		# printview refuses as if the record did not exist
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Service Contract", name)
		for ignore in (0, 1):
			found = [
				r["value"]
				for r in search_link("Service Contract", "合同权限", ignore_user_permissions=ignore)
			]
			self.assertNotIn(name, found)

	def test_area_officer_sees_own_area_only(self):
		frappe.set_user(self.officer)
		self.assertTrue(frappe.has_permission("Service Contract", "write", doc=self.own))
		self.assertEqual(frappe.client.get("Service Contract", self.own)["name"], self.own)
		self.assertIn(self.own, frappe.get_list("Service Contract", pluck="name", limit_page_length=0))
		self.assert_hidden(self.other)

	def test_enterprise_user_reads_own_contracts_only(self):
		frappe.set_user(self.enterprise_user)
		self.assertTrue(frappe.has_permission("Service Contract", "read", doc=self.own))
		self.assertFalse(frappe.has_permission("Service Contract", "write", doc=self.own))
		self.assertFalse(frappe.has_permission("Service Contract", "create"))
		self.assertIn("合同权限甲物业服务有限公司", frappe.get_print("Service Contract", self.own))
		self.assert_hidden(self.other)

	def test_enterprise_user_without_scope_sees_nothing(self):
		frappe.set_user(self.unscoped)
		self.assertEqual(frappe.get_list("Service Contract", pluck="name", limit_page_length=0), [])
		self.assert_hidden(self.own)

	def test_assessment_officer_reads_only(self):
		frappe.set_user(self.assessor)
		self.assertTrue(frappe.has_permission("Service Contract", "read", doc=self.other))
		self.assertFalse(frappe.has_permission("Service Contract", "write", doc=self.other))
		self.assertFalse(frappe.has_permission("Service Contract", "create"))
