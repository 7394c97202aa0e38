# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The consequences of the registry (issue 14, part 4): a developer-affiliated contract raises a
建管分离 finding (one credit record per contract from the rule Registry Settings name, key
supervision, the report Separation Violations), and an early-stage contract records its tender."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from property_supervision.registry.doctype.service_contract.service_contract import separation_key
from property_supervision.registry.report.separation_violations.separation_violations import execute
from property_supervision.tests.factories import (
	OTHER_AREA,
	make_compound,
	make_contract,
	make_filed_enterprise,
	make_officer,
	make_test_community,
	tender_fields,
	use_chinese,
)

COMMUNITY = "建管分离测试社区"


def records(contract: str) -> list[dict]:
	return frappe.get_all(
		"Credit Record",
		filters={"auto_key": separation_key(contract)},
		fields=["name", "enterprise", "rule", "points", "reference_name"],
	)


def credit(enterprise: str):
	return frappe.db.get_value(
		"Property Enterprise", enterprise, ["key_supervision", "key_supervision_reason"], as_dict=True
	)


class TestSeparationViolation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.community = make_test_community(COMMUNITY)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_affiliated_contract_earns_one_record_and_key_supervision(self):
		enterprise = make_filed_enterprise("建管分离测试关联物业服务有限公司")
		self.assertEqual(credit(enterprise).key_supervision, 0)
		compound = make_compound("建管分离测试一号小区", self.community)
		contract = make_contract(compound, enterprise, contract_type="Early-stage", developer_affiliated=1)
		found = records(contract.name)
		self.assertEqual(len(found), 1)
		self.assertEqual((found[0].enterprise, found[0].rule, found[0].points), (enterprise, "BL-06", -5))
		self.assertEqual(found[0].reference_name, contract.name)
		self.assertEqual(credit(enterprise).key_supervision, 1)
		self.assertIn("违反建管分离", credit(enterprise).key_supervision_reason)

		# saved again, deactivated and reactivated: still one record
		contract.fee_standard = 1.5
		contract.save()
		contract.status = "Draft"
		with self.assertRaises(frappe.ValidationError):
			contract.save()  # an active contract cannot go back to draft
		contract.reload()
		contract.developer_affiliated = 0
		contract.save()
		contract.developer_affiliated = 1
		contract.save()
		self.assertEqual(len(records(contract.name)), 1)

		# listed for the district, with its record and the key supervision
		rows = {row.contract: row for row in execute({})[1]}
		self.assertIn(contract.name, rows)
		self.assertEqual(rows[contract.name].credit_record, found[0].name)
		self.assertEqual(rows[contract.name].key_supervision, 1)

		# ending the violation ends the trigger (the record keeps counting until it expires)
		contract.update(
			{"status": "Terminated", "terminated_on": today(), "termination_reason": "建管分离整改"}
		)
		contract.save()
		self.assertNotIn(contract.name, {row.contract for row in execute({})[1]})
		self.assertIn(contract.name, {row.contract for row in execute({"include_ended": 1})[1]})
		self.assertNotIn("违反建管分离", credit(enterprise).key_supervision_reason or "")

	def test_the_rule_and_the_trigger_are_settings(self):
		settings = frappe.get_doc("Registry Settings")
		settings.separation_credit_rule = None
		settings.key_on_separation_violation = 0
		settings.save()
		try:
			enterprise = make_filed_enterprise("建管分离测试设置物业服务有限公司")
			compound = make_compound("建管分离测试设置小区", self.community)
			contract = make_contract(compound, enterprise, developer_affiliated=1)
			self.assertEqual(records(contract.name), [])
			self.assertEqual(credit(enterprise).key_supervision, 0)
		finally:
			settings.reload()
			settings.separation_credit_rule = "BL-06"
			settings.key_on_separation_violation = 1
			settings.save()

	def test_unaffiliated_contract_earns_nothing(self):
		enterprise = make_filed_enterprise("建管分离测试独立物业服务有限公司")
		contract = make_contract(make_compound("建管分离测试独立小区", self.community), enterprise)
		self.assertEqual(records(contract.name), [])
		self.assertEqual(credit(enterprise).key_supervision, 0)

	def test_outsider_does_not_see_the_finding(self):
		enterprise = make_filed_enterprise("建管分离测试外区物业服务有限公司")
		contract = make_contract(
			make_compound("建管分离测试外区小区", self.community), enterprise, developer_affiliated=1
		)
		frappe.set_user(make_officer("sep.other.area@example.com", "Area Officer", OTHER_AREA))
		self.assertNotIn(contract.name, {row.contract for row in execute({})[1]})

	# the early-stage tender

	def test_tender_required_for_an_early_stage_contract(self):
		enterprise = make_filed_enterprise("招标测试物业服务有限公司")
		compound = make_compound("招标测试小区", self.community)
		start = add_days(today(), -100)
		full = tender_fields(start)
		cases = (
			({"tender_bidders": []}, "请填写.*投标单位"),
			({"tender_document": None}, "请填写.*招标文件"),
			({"tender_date": None}, "请填写.*招标日期"),
			({"tender_method": ""}, "请填写.*选聘方式"),
			(
				{"tender_bidders": [{**row, "is_winner": 0} for row in full["tender_bidders"]]},
				"请填写.*中标单位",
			),
			(
				{"tender_bidders": [{**row, "is_winner": 1} for row in full["tender_bidders"]]},
				"只能有一个中标单位，当前标记了 3 个",
			),
			({"tender_date": add_days(start, 1)}, "招标应在合同开始履行之前"),
		)
		for override, message in cases:
			with self.subTest(override=override):
				before = frappe.db.count("Service Contract")
				with self.assertRaisesRegex(frappe.ValidationError, message):
					make_contract(
						compound,
						enterprise,
						contract_type="Early-stage",
						start_date=start,
						**{**full, **override},
					)
				self.assertEqual(frappe.db.count("Service Contract"), before)
		# a draft may wait for its tender; activating it may not
		draft = make_contract(
			compound,
			enterprise,
			status="Draft",
			contract_type="Early-stage",
			start_date=start,
			tender_bidders=[],
		)
		draft.status = "Active"
		with self.assertRaisesRegex(frappe.ValidationError, "前期物业服务合同生效前须登记招标情况"):
			draft.save()
		draft.reload()
		draft.update({k: v for k, v in full.items() if k != "tender_bidders"})
		for row in full["tender_bidders"]:
			draft.append("tender_bidders", row)
		draft.status = "Active"
		draft.save()
		self.assertEqual(draft.tender_winner, "合同测试中标物业服务有限公司")
		# contracts selected by the owners' assembly record no tender
		other = make_contract(make_compound("招标测试业主大会选聘小区", self.community), enterprise)
		self.assertFalse(other.tender_bidders)


class TestOwnersAssembliesPatch(FrappeTestCase):
	def test_patch_records_existing_violations_once_and_fills_settings(self):
		from property_supervision.patches import owners_assemblies

		run = frappe.generate_hash(length=6)
		enterprise = make_filed_enterprise(f"建管分离补丁测试{run}物业服务有限公司")
		compound = make_compound(f"建管分离补丁测试{run}小区", make_test_community(COMMUNITY))
		contract = make_contract(compound, enterprise, developer_affiliated=1)
		# a site from before: no record yet, the new settings never saved
		frappe.db.delete("Credit Record", {"auto_key": separation_key(contract.name)})
		frappe.db.sql(
			"delete from `tabSingles` where doctype = 'Registry Settings' and field = 'assembly_notice_days'"
		)
		frappe.clear_document_cache("Registry Settings", "Registry Settings")
		# the patch's steps but the meaning fields' DDL (which would commit the test's records)
		for _run in range(2):
			owners_assemblies.create_assembly_workflow()
			owners_assemblies.fill_new_settings()
			owners_assemblies.name_separation_rule()
			owners_assemblies.record_existing_violations()
		self.assertEqual(len(records(contract.name)), 1)
		self.assertEqual(frappe.db.get_single_value("Registry Settings", "assembly_notice_days"), 15)
		self.assertEqual(frappe.db.get_single_value("Registry Settings", "separation_credit_rule"), "BL-06")
		self.assertTrue(frappe.db.get_value("Workflow", "Owners Assembly Meeting", "workflow_data"))


class TestDemoTender(FrappeTestCase):
	def test_demo_early_stage_contract_carries_its_tender(self):
		from property_supervision.demo.compounds import early_stage_tender

		enterprises = [make_filed_enterprise(f"演示招标测试{i}物业服务有限公司") for i in range(3)]
		compound = make_compound("演示招标测试小区", make_test_community(COMMUNITY))
		contract = {
			"enterprise": enterprises[0],
			"contract_type": "Early-stage",
			"tender_method": "Public Tender",
			"start_date": add_days(today(), -200),
			"end_date": add_days(today(), 600),
			"fee_standard": 1.5,
			"status": "Active",
		}
		tender = early_stage_tender(compound, contract, enterprises)
		self.assertEqual(tender, early_stage_tender(compound, contract, enterprises))  # reproducible
		doc = frappe.get_doc(
			{"doctype": "Service Contract", "compound": compound, **contract, **tender}
		).insert(ignore_permissions=True)
		self.assertEqual(len(doc.tender_bidders), 3)
		self.assertEqual(
			doc.tender_winner, frappe.db.get_value("Property Enterprise", enterprises[0], "enterprise_name")
		)
		self.assertEqual(
			early_stage_tender(compound, {**contract, "contract_type": "Fallback"}, enterprises), {}
		)
