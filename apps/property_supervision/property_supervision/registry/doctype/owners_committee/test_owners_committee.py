# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, add_years, getdate, nowdate

from property_supervision.registry.doctype.owners_committee.owners_committee import (
	announce_expiring_terms,
	reelection_recipients,
)
from property_supervision.tests.factories import (
	committee_dict,
	deliver_notices,
	make_committee,
	make_compound,
	make_id_number,
	make_members,
	make_user,
	normalize_text,
	pdf_text,
	use_chinese,
)

AREA = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"
COMMUNITY = "业委会测试甲社区"
# v15's print view answers a document the user may not read as not found, not as forbidden
PRINT_REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)
OTHER_COMMUNITY = "业委会测试乙社区"


class TestOwnersCommittee(FrappeTestCase):
	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertRefused(self, doc, message):
		"""Inserting `doc` is refused with the Chinese `message` and nothing is saved."""
		before = frappe.db.count("Owners Committee")
		with self.assertRaisesRegex(frappe.ValidationError, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Owners Committee"), before)

	def test_insert_derives_dates_and_fetches_community(self):
		compound = make_compound("业委会测试派生小区", COMMUNITY)
		election = getdate("2026-03-01")
		doc = frappe.get_doc(
			committee_dict(compound, election_date=election, term_end=getdate("2031-02-28"))
		).insert()
		self.assertTrue(doc.name.startswith("YWH-"))
		self.assertEqual(doc.workflow_state, "Preparing")
		self.assertEqual(doc.jurisdiction, COMMUNITY)
		self.assertEqual(doc.compound_name, "业委会测试派生小区")
		self.assertEqual(getdate(doc.filing_due_date), getdate("2026-03-31"))
		self.assertEqual(getdate(doc.reelection_notice_date), getdate("2030-09-28"))
		self.assertFalse(doc.filed_on)
		# a new term end is announced afresh
		doc.db_set("reelection_announced", 1)
		doc.reload()
		doc.term_end = getdate("2031-01-31")
		doc.save()
		self.assertEqual(doc.reelection_announced, 0)
		self.assertEqual(getdate(doc.reelection_notice_date), getdate("2030-08-31"))

	def test_settings_drive_the_numbers(self):
		settings = frappe.get_doc("Registry Settings")
		original = settings.as_dict()
		try:
			settings.committee_filing_days = 15
			settings.committee_reelection_lead_months = 3
			settings.committee_min_members = 3
			settings.save()
			compound = make_compound("业委会测试设置小区", COMMUNITY)
			doc = frappe.get_doc(
				committee_dict(compound, election_date="2026-03-01", term_end="2031-02-28", members=3)
			).insert()
			self.assertEqual(getdate(doc.filing_due_date), getdate("2026-03-16"))
			self.assertEqual(getdate(doc.reelection_notice_date), getdate("2030-11-28"))
		finally:
			for key in ("committee_filing_days", "committee_reelection_lead_months", "committee_min_members"):
				settings.set(key, original[key])
			settings.save()

	def test_member_rules_refused_in_chinese(self):
		compound = make_compound("业委会测试人数小区", COMMUNITY)
		cases = [
			(make_members(3), "业主委员会委员不得少于 5 人，当前为 3 人"),
			(make_members(13), "业主委员会委员不得多于 11 人，当前为 13 人"),
			(make_members(6), "业主委员会委员人数应为单数，当前为 6 人"),
			(make_members(5, directors=0), "业主委员会应设主任一名，当前为 0 名"),
			(make_members(5, directors=2), "业主委员会应设主任一名，当前为 2 名"),
		]
		for members, message in cases:
			doc = frappe.get_doc(committee_dict(compound, members=None))
			doc.set("members", members)
			self.assertRefused(doc, message)
		for count in (5, 7, 9, 11):
			doc = frappe.get_doc(committee_dict(compound, members=count)).insert()
			# one committee per compound: clear the way for the next size
			frappe.delete_doc("Owners Committee", doc.name)

	def test_member_phone_and_id_number_validated(self):
		compound = make_compound("业委会测试电话小区", COMMUNITY)
		doc = frappe.get_doc(committee_dict(compound))
		doc.members[2].phone = "12345"
		self.assertRefused(doc, "第 3 行：电话 12345 不是有效的手机号码或固定电话号码")
		valid = make_id_number(7)
		invalid = valid[:-1] + ("1" if valid[-1] != "1" else "2")
		doc = frappe.get_doc(committee_dict(compound))
		doc.members[1].id_number = invalid
		self.assertRefused(doc, f"第 2 行：{invalid} 不是有效的居民身份证号码")
		doc.members[1].id_number = valid.lower()
		doc.insert()
		self.assertEqual(doc.members[1].id_number, valid)

	def test_term_rules_refused_in_chinese(self):
		compound = make_compound("业委会测试任期小区", COMMUNITY)
		start = getdate("2026-05-01")
		cases = [
			({"term_start": start, "term_end": start}, "任期结束日期必须晚于任期开始日期"),
			(
				{"term_start": start, "term_end": add_days(add_years(start, 5), 1)},
				"业主委员会任期不得超过 5 年",
			),
			({"election_date": add_days(start, 1), "term_start": start}, "任期开始日期不得早于选举日期"),
		]
		for fields, message in cases:
			values = committee_dict(compound, election_date=add_days(start, -5))
			values.update(fields)
			self.assertRefused(frappe.get_doc(values), message)

	def test_preparing_committee_may_be_incomplete_but_not_elected(self):
		compound = make_compound("业委会测试筹备小区", COMMUNITY)
		doc = frappe.get_doc(
			{"doctype": "Owners Committee", "compound": compound, "assembly_established_on": nowdate()}
		).insert()
		self.assertEqual(doc.workflow_state, "Preparing")
		self.assertFalse(doc.filing_due_date)
		with self.assertRaisesRegex(frappe.ValidationError, "登记选举结果前须填写选举日期"):
			apply_workflow(doc, "Record Election")
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "workflow_state"), "Preparing")
		doc.reload()
		doc.update(
			{
				"election_date": add_days(nowdate(), -3),
				"term_start": add_days(nowdate(), -3),
				"term_end": add_years(nowdate(), 3),
			}
		)
		doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "业主委员会委员不得少于 5 人，当前为 0 人"):
			apply_workflow(doc, "Record Election")
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "workflow_state"), "Preparing")

	def test_workflow_state_cannot_be_set_directly(self):
		compound = make_compound("业委会测试状态小区", COMMUNITY)
		doc = frappe.get_doc(committee_dict(compound, workflow_state="Filed"))
		with self.assertRaises(WorkflowPermissionError):
			doc.insert()
		doc = make_committee(compound)
		doc.workflow_state = "Filed"
		with self.assertRaises(WorkflowPermissionError):
			doc.save()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "workflow_state"), "Preparing")

	def test_one_committee_in_office_per_compound(self):
		compound = make_compound("业委会测试唯一小区", COMMUNITY)
		first = make_committee(compound, "Filed", election_date=add_years(nowdate(), -5))
		self.assertRefused(frappe.get_doc(committee_dict(compound)), f"已有在任的业主委员会（{first.name}）")
		apply_workflow(first, "Expire Term")
		second = frappe.get_doc(committee_dict(compound)).insert()
		self.assertEqual(second.workflow_state, "Preparing")

	def test_filing_sets_filed_on_and_overdue_flag(self):
		on_time = make_committee(make_compound("业委会测试按时小区", COMMUNITY), "Filed")
		self.assertEqual(getdate(on_time.filed_on), getdate(nowdate()))
		self.assertEqual(on_time.filing_overdue, 0)

		late = make_committee(
			make_compound("业委会测试逾期小区", COMMUNITY), "Elected", election_date=add_days(nowdate(), -45)
		)
		self.assertEqual(late.filing_overdue, 1)
		late = apply_workflow(late, "Approve Filing")
		# filed, but late: the flag stays
		self.assertEqual(late.filing_overdue, 1)
		self.assertEqual(getdate(late.filed_on), getdate(nowdate()))

	# --- the daily job -------------------------------------------------------------------------

	def test_job_flags_late_filings_without_touching_modified(self):
		doc = make_committee(make_compound("业委会测试标记小区", COMMUNITY), "Elected")
		self.assertEqual(doc.filing_overdue, 0)
		# forty days pass without filing
		frappe.db.set_value(
			"Owners Committee",
			doc.name,
			{"election_date": add_days(nowdate(), -40), "filing_due_date": add_days(nowdate(), -10)},
			update_modified=False,
		)
		modified = frappe.db.get_value("Owners Committee", doc.name, "modified")
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "filing_overdue"), 1)
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "modified"), modified)
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "filing_overdue"), 1)

	def test_job_announces_reelection_once_to_the_officers_in_charge(self):
		compound = make_compound("业委会测试换届小区", COMMUNITY)
		community_officer = make_user("oc.community.officer@example.com", ["Community Officer"]).name
		area_officer = make_user("oc.area.officer@example.com", ["Area Officer"]).name
		other_officer = make_user("oc.other.officer@example.com", ["Area Officer"]).name
		no_role = make_user("oc.no.role@example.com", ["Enterprise User"]).name
		frappe.permissions.add_user_permission("Jurisdiction", COMMUNITY, community_officer)
		frappe.permissions.add_user_permission("Jurisdiction", AREA, area_officer)
		frappe.permissions.add_user_permission("Jurisdiction", OTHER_AREA, other_officer)
		frappe.permissions.add_user_permission("Jurisdiction", AREA, no_role)
		# other tests' officers of the same area may persist (jobs commit): compare with the ones
		# the job finds, after checking who must and must not be among them
		expected = reelection_recipients(COMMUNITY)
		self.assertIn(community_officer, expected)
		self.assertIn(area_officer, expected)
		self.assertNotIn(other_officer, expected)
		self.assertNotIn(no_role, expected)

		# elected four years and ten months ago: the term ends in about two months
		election = add_months(add_years(nowdate(), -5), 2)
		doc = make_committee(compound, "Filed", election_date=election)
		self.assertLessEqual(getdate(doc.reelection_notice_date), getdate(nowdate()))
		self.assertEqual(doc.reelection_announced, 0)

		def todos():
			return frappe.get_all(
				"ToDo",
				filters={"reference_type": "Owners Committee", "reference_name": doc.name, "status": "Open"},
				pluck="allocated_to",
			)

		def notifications():
			deliver_notices()
			return frappe.get_all(
				"Notification Log",
				filters={"document_type": "Owners Committee", "document_name": doc.name, "type": "Alert"},
				fields=["for_user", "subject"],
			)

		announce_expiring_terms()
		self.assertEqual(sorted(todos()), sorted(expected))
		self.assertEqual(sorted(n.for_user for n in notifications()), sorted(expected))
		self.assertIn("换届提醒", notifications()[0].subject)
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "reelection_announced"), 1)
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "workflow_state"), "Filed")

		# twice: nothing new; even with the flag lost, no duplicate ToDo
		announce_expiring_terms()
		frappe.db.set_value("Owners Committee", doc.name, "reelection_announced", 0, update_modified=False)
		announce_expiring_terms()
		self.assertEqual(len(todos()), len(expected))
		self.assertEqual(len(notifications()), len(expected))

	def test_job_waits_for_somebody_in_charge(self):
		compound = make_compound("业委会测试无人小区", "业委会测试无人社区", area="六道湾片区管委会")
		doc = make_committee(
			compound,
			"Filed",
			election_date=add_months(add_years(nowdate(), -5), 2),
		)
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "reelection_announced"), 0)
		officer = make_user("oc.late.officer@example.com", ["Community Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", "业委会测试无人社区", officer)
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "reelection_announced"), 1)
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": officer}))

	def test_job_expires_ended_terms_through_the_workflow(self):
		compound = make_compound("业委会测试届满小区", COMMUNITY)
		doc = make_committee(compound, "Filed", election_date=add_years(nowdate(), -5))
		# the term ended yesterday
		self.assertEqual(getdate(doc.term_end), getdate(add_days(nowdate(), -1)))
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "workflow_state"), "Term Expired")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Owners Committee",
					"reference_name": doc.name,
					"comment_type": "Workflow",
				},
			)
		)
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", doc.name, "workflow_state"), "Term Expired")
		# the compound may elect its next committee
		frappe.get_doc(committee_dict(compound)).insert()

	def test_job_logs_a_committee_it_cannot_expire_and_goes_on(self):
		broken = make_committee(
			make_compound("业委会测试故障小区", COMMUNITY), "Filed", election_date=add_years(nowdate(), -5)
		)
		fine = make_committee(
			make_compound("业委会测试正常小区", COMMUNITY), "Filed", election_date=add_years(nowdate(), -5)
		)
		# a committee that no longer meets the rules (a member left) cannot be saved by the job
		frappe.db.delete("Owners Committee Member", {"parent": broken.name, "idx": 5})
		errors = frappe.db.count("Error Log")
		announce_expiring_terms()
		self.assertEqual(frappe.db.get_value("Owners Committee", broken.name, "workflow_state"), "Filed")
		self.assertEqual(frappe.db.get_value("Owners Committee", fine.name, "workflow_state"), "Term Expired")
		self.assertEqual(frappe.db.count("Error Log"), errors + 1)


class TestOwnersCommitteeAccess(FrappeTestCase):
	"""Row-level access on every path: form, list, link search, print, REST; and the print format."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.own = make_committee(make_compound("业委会权限甲小区", "业委会权限甲社区"), "Filed")
		cls.other = make_committee(
			make_compound("业委会权限乙小区", "业委会权限乙社区", area=OTHER_AREA), "Filed"
		)
		cls.area_officer = make_user("oc.access.area@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", AREA, cls.area_officer)
		cls.committee_member = make_user("oc.access.member@example.com", ["Committee Member"]).name
		frappe.permissions.add_user_permission("Residential Compound", cls.own.compound, cls.committee_member)
		cls.unscoped = make_user("oc.access.unscoped@example.com", ["Community Officer"]).name
		cls.outsider = make_user("oc.access.outsider@example.com", ["Joint Meeting Member"]).name

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self):
		return set(frappe.get_list("Owners Committee", pluck="name", limit_page_length=0))

	def searched(self):
		from property_supervision.api.search import search_link

		return {r["value"] for r in search_link("Owners Committee", "业委会权限", ignore_user_permissions=1)}

	def assertSeesOnlyOwn(self, user):
		frappe.set_user(user)
		self.assertTrue(frappe.has_permission("Owners Committee", doc=self.own.name))
		self.assertFalse(frappe.has_permission("Owners Committee", doc=self.other.name))
		self.assertIn(self.own.name, self.visible())
		self.assertNotIn(self.other.name, self.visible())
		self.assertEqual(self.searched(), {self.own.name})
		self.assertEqual(frappe.client.get("Owners Committee", self.own.name)["name"], self.own.name)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Owners Committee", self.other.name)
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Owners Committee", self.other.name, print_format="业主委员会备案表")
		self.assertIn(
			"业主委员会备案表",
			frappe.get_print("Owners Committee", self.own.name, print_format="业主委员会备案表"),
		)

	def test_area_officer_sees_only_own_subtree(self):
		self.assertSeesOnlyOwn(self.area_officer)

	def test_committee_member_sees_only_own_compound(self):
		self.assertSeesOnlyOwn(self.committee_member)
		self.assertFalse(frappe.has_permission("Owners Committee", "write", doc=self.own.name))

	def test_officer_without_scope_sees_nothing(self):
		frappe.set_user(self.unscoped)
		self.assertEqual(self.visible() & {self.own.name, self.other.name}, set())
		self.assertEqual(self.searched(), set())
		self.assertFalse(frappe.has_permission("Owners Committee", doc=self.own.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Owners Committee", self.own.name)
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Owners Committee", self.own.name, print_format="业主委员会备案表")

	def test_outsider_refused(self):
		frappe.set_user(self.outsider)
		self.assertFalse(frappe.has_permission("Owners Committee", doc=self.own.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Owners Committee")
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Owners Committee", self.own.name)
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Owners Committee", self.own.name, print_format="业主委员会备案表")

	def test_officers_move_the_workflow_within_their_scope(self):
		community_officer = make_user("oc.flow.community@example.com", ["Community Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", "业委会权限甲社区", community_officer)
		own_compound = make_compound("业委会流程甲小区", "业委会权限甲社区")
		other_compound = make_compound("业委会流程乙小区", "业委会权限乙社区", area=OTHER_AREA)

		frappe.set_user(community_officer)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(committee_dict(other_compound)).insert()
		self.assertFalse(frappe.db.exists("Owners Committee", {"compound": other_compound}))
		doc = frappe.get_doc(committee_dict(own_compound)).insert()
		doc = apply_workflow(doc, "Record Election")
		self.assertEqual(doc.workflow_state, "Elected")
		# filing is the area's decision
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(doc, "Approve Filing")

		frappe.set_user(self.area_officer)
		doc = apply_workflow(frappe.get_doc("Owners Committee", doc.name), "Approve Filing")
		self.assertEqual(doc.workflow_state, "Filed")
		self.assertEqual(getdate(doc.filed_on), getdate(nowdate()))

	def test_print_format_renders_chinese_pdf_with_masked_phones(self):
		pdf = frappe.get_print(
			"Owners Committee", self.own.name, print_format="业主委员会备案表", as_pdf=True
		)
		compact = pdf_text(pdf)
		for expected in (
			"业主委员会备案表",
			"业委会权限甲小区",
			"业委会权限甲社区",
			AREA,
			"王建国",
			"主任",
			"副主任",
			"139****5678",
			"社区（盖章）",
			"片区管委会（街道办事处）审核意见",
		):
			self.assertIn(normalize_text(expected), compact)
		self.assertNotIn("13900005678", compact)
