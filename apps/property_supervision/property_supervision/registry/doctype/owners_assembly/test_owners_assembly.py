# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from property_supervision.data_protection.endpoints import get_count, get_list
from property_supervision.tests.factories import (
	OTHER_AREA,
	assembly_dict,
	committee_dict,
	make_assembly,
	make_compound,
	make_officer,
	make_scoped_user,
	move,
	use_chinese,
)

COMMUNITY = "业主大会测试甲社区"
OTHER_COMMUNITY = "业主大会测试乙社区"
# 300 owners and 30,000 ㎡: two thirds are exactly 200 owners and 20,000 ㎡
FIGURES = {"household_count": 300, "floor_area": 30000}


def votes(owners_for, owners_against, area_for, area_against, matter="Committee Election", **fields):
	return {
		"title": "选举业主委员会",
		"matter": matter,
		"owners_for": owners_for,
		"owners_against": owners_against,
		"area_for": area_for,
		"area_against": area_against,
		**fields,
	}


class TestOwnersAssembly(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("业主大会测试一号小区", COMMUNITY, **FIGURES)
		cls.other_compound = make_compound(
			"业主大会测试二号小区", OTHER_COMMUNITY, area=OTHER_AREA, **FIGURES
		)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def held(self, owners_present, area_present, resolution, **fields):
		"""An assembly of the test compound, held, with one resolution."""
		return make_assembly(
			self.compound,
			state="Held",
			owners_present=owners_present,
			area_present=area_present,
			resolutions=[resolution],
			**fields,
		)

	def assertRefused(self, doctype, message, action):
		before = frappe.db.count(doctype)
		with self.assertRaisesRegex(frappe.ValidationError, message):
			action()
		self.assertEqual(frappe.db.count(doctype), before)

	# notice period (物业管理条例 第十四条)

	def test_notice_fourteen_days_ahead_is_refused_fifteen_accepted(self):
		meeting = getdate(add_days(nowdate(), 30))
		self.assertRefused(
			"Owners Assembly",
			"至少提前 15 日公告",
			lambda: frappe.get_doc(
				assembly_dict(self.compound, meeting, notice_published_on=add_days(meeting, -14))
			).insert(),
		)
		doc = frappe.get_doc(
			assembly_dict(
				self.compound, meeting, notice_published_on=add_days(meeting, -15), result_published_on=None
			)
		).insert()
		doc = move(doc, "Publish Notice")
		self.assertEqual(doc.workflow_state, "Notice Published")
		# a meeting still to come cannot be recorded as held
		with self.assertRaisesRegex(frappe.ValidationError, "才能登记为已召开"):
			move(doc, "Record Meeting")

	def test_notice_period_is_a_setting(self):
		settings = frappe.get_doc("Registry Settings")
		settings.assembly_notice_days = 20
		settings.save()
		try:
			meeting = getdate(add_days(nowdate(), 30))
			with self.assertRaisesRegex(frappe.ValidationError, "至少提前 20 日公告"):
				frappe.get_doc(
					assembly_dict(self.compound, meeting, notice_published_on=add_days(meeting, -19))
				).insert()
		finally:
			settings.reload()
			settings.assembly_notice_days = 15
			settings.save()

	# participation and approval (民法典 第二百七十八条)

	def test_exactly_two_thirds_take_part_and_more_than_half_approve(self):
		doc = self.held(200, 20000, votes(101, 99, 10001, 9999))
		self.assertEqual((doc.quorum_reached, doc.owners_share, doc.area_share), (1, 66.67, 66.67))
		self.assertEqual(doc.resolutions[0].passed, 1)
		self.assertEqual(doc.election_passed, 1)

	def test_just_below_two_thirds_decides_nothing(self):
		doc = self.held(199, 20000, votes(199, 0, 20000, 0))
		self.assertEqual((doc.quorum_reached, doc.resolutions[0].passed, doc.election_passed), (0, 0, 0))
		doc = self.held(200, 19999.99, votes(200, 0, 19999.99, 0))
		self.assertEqual((doc.quorum_reached, doc.resolutions[0].passed), (0, 0))

	def test_exactly_half_is_not_more_than_half(self):
		doc = self.held(200, 20000, votes(100, 100, 15000, 5000))
		self.assertEqual(doc.resolutions[0].passed, 0)

	def test_major_matter_needs_three_quarters(self):
		raising = votes(150, 50, 15000, 5000, matter="Raising of Maintenance Fund", kind="Ordinary")
		doc = self.held(200, 20000, raising)
		self.assertEqual((doc.resolutions[0].kind, doc.resolutions[0].passed), ("Major", 1))
		doc = self.held(200, 20000, {**raising, "owners_for": 149, "owners_against": 51})
		self.assertEqual(doc.resolutions[0].passed, 0)

	def test_passed_is_computed_never_entered(self):
		doc = self.held(200, 20000, votes(90, 110, 9000, 11000, passed=1))
		self.assertEqual(doc.resolutions[0].passed, 0)
		doc.resolutions[0].passed = 1
		doc.save()
		self.assertEqual(
			frappe.db.get_value("Owners Assembly Resolution", doc.resolutions[0].name, "passed"), 0
		)

	def test_thresholds_are_settings(self):
		settings = frappe.get_doc("Registry Settings")
		settings.assembly_participation_numerator, settings.assembly_participation_denominator = 3, 4
		settings.save()
		try:
			doc = self.held(200, 20000, votes(150, 50, 15000, 5000))
			self.assertEqual((doc.quorum_reached, doc.resolutions[0].passed), (0, 0))
		finally:
			settings.reload()
			settings.assembly_participation_numerator, settings.assembly_participation_denominator = 2, 3
			settings.save()

	def test_bad_thresholds_are_refused(self):
		settings = frappe.get_doc("Registry Settings")
		settings.assembly_major_numerator, settings.assembly_major_denominator = 5, 4
		with self.assertRaisesRegex(frappe.ValidationError, "必须是 0 到 1 之间的分数"):
			settings.save()
		self.assertEqual(frappe.db.get_single_value("Registry Settings", "assembly_major_numerator"), 3)

	# bad input

	def test_bad_input_is_refused_in_chinese_and_nothing_saved(self):
		cases = (
			({"owners_present": 301}, "小区共有 300 户"),
			({"area_present": 30000.5}, "总建筑面积为 30000"),
			({"resolutions": [votes(200, 41, 15000, 5000)]}, "表决票数多于参与表决的业主"),
			({"resolutions": [votes(-1, 0, 0, 0)]}, "负"),
			({"result_published_on": add_days(nowdate(), -30)}, "会议召开前不能公示表决结果"),
		)
		for fields, message in cases:
			with self.subTest(fields=fields):
				self.assertRefused(
					"Owners Assembly",
					message,
					lambda f=fields: frappe.get_doc(assembly_dict(self.compound, **f)).insert(),
				)
		empty = make_compound("业主大会测试无数据小区", COMMUNITY, household_count=0, floor_area=0)
		doc = frappe.get_doc(assembly_dict(empty, owners_present=0, area_present=0)).insert()
		doc = move(doc, "Publish Notice")
		with self.assertRaisesRegex(frappe.ValidationError, "请先填写小区.*的户数和总建筑面积"):
			move(doc, "Record Meeting")

	def test_setting_the_state_directly_is_refused(self):
		doc = frappe.get_doc(assembly_dict(self.compound))
		doc.workflow_state = "Result Published"
		with self.assertRaises(frappe.ValidationError):
			doc.insert()

	# the committee's election rests on the assembly

	def test_committee_is_elected_only_through_a_recorded_assembly(self):
		compound = make_compound("业主大会测试选举小区", COMMUNITY, **FIGURES)

		def record_election(assembly):
			committee = frappe.get_doc(committee_dict(compound, owners_assembly=assembly)).insert()
			try:
				return apply_workflow(committee, "Record Election")
			finally:
				if frappe.db.get_value("Owners Committee", committee.name, "workflow_state") == "Preparing":
					frappe.delete_doc("Owners Committee", committee.name)

		not_published = make_assembly(compound, state="Held")
		failed = make_assembly(compound, election=False)
		elsewhere = make_assembly(self.other_compound)
		for assembly, message in (
			(None, "只能依据选举产生它的业主大会登记为已选举"),
			(not_published.name, "表决结果尚未公示"),
			(failed.name, "没有通过业主委员会选举决议"),
			(elsewhere.name, "是另一个小区"),
		):
			with self.subTest(assembly=assembly):
				with self.assertRaisesRegex(frappe.ValidationError, message):
					record_election(assembly)
		# REST and Data Import insert an elected committee directly: the same check
		doc = frappe.get_doc(committee_dict(compound, owners_assembly=None))
		doc.workflow_state = "Elected"
		before = frappe.db.count("Owners Committee")
		with self.assertRaises(frappe.ValidationError):
			doc.insert()
		self.assertEqual(frappe.db.count("Owners Committee"), before)

		good = make_assembly(compound)
		committee = record_election(good.name)
		self.assertEqual(committee.workflow_state, "Elected")
		self.assertEqual(committee.owners_assembly, good.name)
		# the elected committee cannot be moved to another compound's assembly
		committee.owners_assembly = elsewhere.name
		with self.assertRaisesRegex(frappe.ValidationError, "是另一个小区"):
			committee.save()

	def test_filing_print_carries_the_assembly_result(self):
		compound = make_compound("业主大会测试备案表小区", COMMUNITY, **FIGURES)
		assembly = make_assembly(compound, owners_present=240, area_present=24000)
		committee = frappe.get_doc(committee_dict(compound, owners_assembly=assembly.name)).insert()
		committee = apply_workflow(committee, "Record Election")
		html = frappe.get_print("Owners Committee", committee.name, "业主委员会备案表")
		self.assertIn(assembly.name, html)
		self.assertIn("业主 240 / 300 户（80.0%）", html)
		self.assertIn("选举同意", html)

	# row-level access

	def test_outsiders_get_nothing(self):
		assembly = make_assembly(self.compound)
		own_officer = make_officer("oa.own.community@example.com", "Community Officer", COMMUNITY)
		own_member = make_scoped_user(
			"oa.own.member@example.com", ["Committee Member"], "Residential Compound", self.compound
		)
		other_officer = make_officer("oa.other.area@example.com", "Area Officer", OTHER_AREA)
		other_member = make_scoped_user(
			"oa.other.member@example.com", ["Committee Member"], "Residential Compound", self.other_compound
		)
		for user in (own_officer, own_member):
			frappe.set_user(user)
			self.assertIn(assembly.name, frappe.get_list("Owners Assembly", pluck="name"))
			self.assertTrue(frappe.get_doc("Owners Assembly", assembly.name).has_permission("read"))
		for user in (other_officer, other_member):
			frappe.set_user(user)
			with self.subTest(user=user):
				self.assertNotIn(assembly.name, frappe.get_list("Owners Assembly", pluck="name"))
				self.assertEqual(get_count("Owners Assembly", filters={"name": assembly.name}), 0)
				self.assertEqual(get_list("Owners Assembly", filters={"name": assembly.name}), [])
				self.assertFalse(frappe.has_permission("Owners Assembly", "read", assembly.name))
				self.assertEqual(
					frappe.get_list(
						"Owners Assembly Resolution",
						filters={"parent": assembly.name},
						parent_doctype="Owners Assembly",
						pluck="name",
					),
					[],
				)
		frappe.set_user(own_member)
		self.assertFalse(frappe.has_permission("Owners Assembly", "write", assembly.name))
