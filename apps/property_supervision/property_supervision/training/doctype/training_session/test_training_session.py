# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime
from frappe.utils.nestedset import get_descendants_of

from property_supervision.api.search import search_link
from property_supervision.tests.factories import (
	AREA,
	AREA_UNIT,
	DISTRICT,
	DISTRICT_UNIT,
	OTHER_AREA,
	OTHER_AREA_UNIT,
	complete_session,
	make_committee,
	make_community,
	make_community_unit,
	make_compound,
	make_enterprise,
	make_filed_enterprise,
	make_session,
	make_user,
	normalize_text,
	pdf_text,
	publish_session,
	session_dict,
	use_chinese,
)
from property_supervision.training.doctype.training_session.training_session import (
	get_permission_query_conditions,
	has_permission,
	invite_audience,
	sign_in,
)

COMMUNITY = "培训测试社区"
OTHER_COMMUNITY = "培训测试新民路社区"
PRINT_FORMAT = "培训签到表"


def session_count() -> int:
	return frappe.db.count("Training Session")


class TrainingTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		make_community(COMMUNITY, AREA)
		make_community(OTHER_COMMUNITY, OTHER_AREA)
		cls.enterprise = make_filed_enterprise("培训测试物业服务有限公司")
		cls.draft_enterprise = make_enterprise("培训测试未备案物业有限公司").name
		cls.committee = make_committee(make_compound("培训甲小区", COMMUNITY), "Filed").name
		cls.unfiled_committee = make_committee(make_compound("培训乙小区", COMMUNITY), "Elected").name
		cls.other_committee = make_committee(
			make_compound("培训丙小区", OTHER_COMMUNITY, area=OTHER_AREA), "Filed"
		).name

	@classmethod
	def scope(cls, user: str, jurisdiction: str):
		if not frappe.db.exists(
			"User Permission", {"user": user, "allow": "Jurisdiction", "for_value": jurisdiction}
		):
			add_user_permission("Jurisdiction", jurisdiction, user, ignore_permissions=True)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def area_session(self, **fields):
		return make_session("Area", **fields)

	def assertRefused(self, message: str, doc_or_dict, exc=frappe.ValidationError):
		"""Inserting the session is refused with `message` and nothing is saved."""
		before = session_count()
		doc = frappe.get_doc(doc_or_dict) if isinstance(doc_or_dict, dict) else doc_or_dict
		with self.assertRaisesRegex(exc, message):
			doc.insert()
		self.assertEqual(session_count(), before)


class TestTrainingSession(TrainingTestCase):
	def test_area_session_belongs_to_its_organizer(self):
		doc = self.area_session(jurisdiction=DISTRICT)
		self.assertEqual(doc.jurisdiction, AREA)
		self.assertEqual(doc.workflow_state, "Planned")
		self.assertEqual(doc.name[:3], "PX-")

	def test_district_session_belongs_to_the_district(self):
		doc = make_session("District", "Enterprises")
		self.assertEqual(doc.jurisdiction, DISTRICT)
		for audience in ("Area and Subdistrict Staff", "Community Staff"):
			self.assertEqual(make_session("District", audience).jurisdiction, DISTRICT)

	def test_end_must_follow_start(self):
		start = add_days(now_datetime(), 3)
		self.assertRefused("培训结束时间必须晚于开始时间", session_dict(start=start, end=start))
		self.assertRefused(
			"培训结束时间必须晚于开始时间", session_dict(start=start, end=add_to_date(start, hours=-1))
		)

	def test_district_training_needs_a_district_organizer(self):
		self.assertRefused(
			"区级培训须由区级单位组织，七纺片区管委会 不是区级单位",
			session_dict("District", organizer=AREA_UNIT),
		)

	def test_area_training_needs_an_area_organizer(self):
		message = "片区级培训须由片区管委会或街道办事处组织"
		self.assertRefused(message, session_dict("Area", organizer=DISTRICT_UNIT))
		self.assertRefused(message, session_dict("Area", organizer=make_community_unit(COMMUNITY)))
		self.assertEqual(self.area_session(organizer="石人子沟街道办事处").jurisdiction, "石人子沟街道办事处")

	def test_audience_follows_the_tier(self):
		self.assertRefused(
			"业主委员会成员由所在片区（街道）培训", session_dict("District", "Owners Committees")
		)
		for audience in ("Enterprises", "Community Staff", "Area and Subdistrict Staff"):
			self.assertRefused("片区级培训的对象是业主委员会成员", session_dict("Area", audience))

	def test_attendee_needs_the_link_of_its_type(self):
		self.assertRefused(
			"第 1 行：请选择业主委员会",
			session_dict(attendees=[{"attendee_type": "Owners Committee", "enterprise": self.enterprise}]),
		)

	def test_attendee_type_follows_the_audience(self):
		self.assertRefused(
			"第 1 行：面向业主委员会的培训只能邀请“业主委员会”类参训对象",
			session_dict(attendees=[{"attendee_type": "Enterprise", "enterprise": self.enterprise}]),
		)
		self.assertRefused(
			"第 1 行：面向物业服务企业的培训只能邀请“物业服务企业”类参训对象",
			session_dict(
				"District",
				"Enterprises",
				attendees=[{"attendee_type": "Supervision Unit", "unit": AREA_UNIT}],
			),
		)

	def test_other_links_are_cleared_and_label_set(self):
		doc = self.area_session(
			attendees=[
				{
					"attendee_type": "Owners Committee",
					"owners_committee": self.committee,
					"enterprise": self.enterprise,
					"unit": AREA_UNIT,
				}
			]
		)
		row = doc.attendees[0]
		self.assertIsNone(row.enterprise)
		self.assertIsNone(row.unit)
		self.assertEqual(row.attendee_label, "培训甲小区业主委员会")
		district = make_session(
			"District",
			"Enterprises",
			attendees=[{"attendee_type": "Enterprise", "enterprise": self.enterprise}],
		)
		self.assertEqual(district.attendees[0].attendee_label, "培训测试物业服务有限公司")

	def test_no_duplicate_invitees(self):
		self.assertRefused(
			"第 2 行：培训甲小区业主委员会 已在第 1 行邀请",
			session_dict(
				attendees=[
					{"attendee_type": "Owners Committee", "owners_committee": self.committee},
					{"attendee_type": "Owners Committee", "owners_committee": self.committee},
				]
			),
		)

	def test_score_between_0_and_100(self):
		name = publish_session(self.area_session()).name

		def with_score(score):
			doc = frappe.get_doc("Training Session", name)
			doc.append(
				"attendees",
				{"attendee_type": "Owners Committee", "owners_committee": self.committee, "score": score},
			)
			return doc

		for score in (-1, 100.5):
			with self.assertRaisesRegex(frappe.ValidationError, "第 1 行：成绩必须在 0 到 100 之间"):
				with_score(score).save()
			self.assertEqual(frappe.get_doc("Training Session", name).attendees, [])
		doc = with_score(100).save()
		self.assertEqual(frappe.get_doc("Training Session", doc.name).attendees[0].score, 100)

	def test_attendance_only_once_published(self):
		self.assertRefused(
			"第 1 行：培训发布后才能登记签到",
			session_dict(
				attendees=[
					{"attendee_type": "Owners Committee", "owners_committee": self.committee, "attended": 1}
				]
			),
		)
		doc = self.area_session(
			attendees=[{"attendee_type": "Owners Committee", "owners_committee": self.committee}]
		)
		doc.attendees[0].attended = 1
		with self.assertRaisesRegex(frappe.ValidationError, "第 1 行：培训发布后才能登记签到"):
			doc.save()
		self.assertEqual(frappe.db.get_value("Training Attendee", doc.attendees[0].name, "attended"), 0)

		doc = publish_session(doc)
		doc.attendees[0].attended = 1
		doc.save()
		self.assertTrue(doc.attendees[0].signed_in_at)
		self.assertEqual(doc.attendance_count, 1)
		doc.attendees[0].attended = 0
		doc.save()
		self.assertIsNone(doc.attendees[0].signed_in_at)
		self.assertEqual(doc.attendance_count, 0)

	def test_counts(self):
		doc = make_session("District", "Area and Subdistrict Staff")
		invite_audience(doc.name)
		doc = publish_session(doc)
		for row in doc.attendees[:3]:
			row.attended = 1
		doc.save()
		units = frappe.db.count(
			"Supervision Unit",
			{"unit_type": ("in", ("Area Committee", "Subdistrict Office")), "is_active": 1},
		)
		self.assertGreaterEqual(units, 10)
		self.assertEqual(doc.invited_count, units)
		self.assertEqual(doc.attendance_count, 3)

	def test_completion_not_before_start(self):
		doc = self.area_session(start=add_days(now_datetime(), 1))
		doc = publish_session(doc)
		with self.assertRaisesRegex(frappe.ValidationError, "培训尚未开始，不能标记为已完成"):
			complete_session(doc)
		self.assertEqual(frappe.db.get_value("Training Session", doc.name, "workflow_state"), "Published")


class TestInvitations(TrainingTestCase):
	def test_enterprises_filed_only_and_idempotent(self):
		doc = make_session("District", "Enterprises")
		result = invite_audience(doc.name)
		doc.reload()
		invited = {row.enterprise for row in doc.attendees}
		self.assertIn(self.enterprise, invited)
		self.assertNotIn(self.draft_enterprise, invited)
		filed = set(frappe.get_all("Property Enterprise", {"workflow_state": "Filed"}, pluck="name"))
		self.assertEqual(invited, filed)
		self.assertEqual(result, {"added": len(filed), "invited": len(filed)})
		self.assertTrue(
			all(row.attendee_type == "Enterprise" and row.attendee_label for row in doc.attendees)
		)
		self.assertEqual(invite_audience(doc.name), {"added": 0, "invited": len(filed)})

	def test_owners_committees_of_the_area(self):
		doc = self.area_session()
		invite_audience(doc.name)
		doc.reload()
		invited = {row.owners_committee for row in doc.attendees}
		self.assertIn(self.committee, invited)
		self.assertNotIn(self.unfiled_committee, invited)
		self.assertNotIn(self.other_committee, invited)
		self.assertEqual(doc.invited_count, len(invited))

	def test_area_staff_are_area_and_subdistrict_units(self):
		doc = make_session("District", "Area and Subdistrict Staff")
		invite_audience(doc.name)
		doc.reload()
		units = {row.unit for row in doc.attendees}
		self.assertIn(AREA_UNIT, units)
		self.assertIn("榆树沟街道办事处", units)
		self.assertNotIn(DISTRICT_UNIT, units)

	def test_community_staff_need_community_units(self):
		frappe.db.savepoint("community_units")
		try:
			frappe.db.set_value("Supervision Unit", {"unit_type": "Community Committee"}, "is_active", 0)
			doc = make_session("District", "Community Staff")
			with self.assertRaisesRegex(frappe.ValidationError, "尚未登记社区单位"):
				invite_audience(doc.name)
			self.assertEqual(frappe.get_doc("Training Session", doc.name).attendees, [])
			unit = make_community_unit(COMMUNITY)
			invite_audience(doc.name)
			self.assertEqual(
				[row.unit for row in frappe.get_doc("Training Session", doc.name).attendees], [unit]
			)
		finally:
			frappe.db.rollback(save_point="community_units")

	def test_nothing_to_invite(self):
		area = "石人子沟街道办事处"
		scope = [area, *get_descendants_of("Jurisdiction", area, ignore_permissions=True)]
		if frappe.db.exists("Owners Committee", {"workflow_state": "Filed", "jurisdiction": ("in", scope)}):
			self.skipTest("the site has committees in the subdistrict")
		doc = self.area_session(organizer=area)
		with self.assertRaisesRegex(
			frappe.ValidationError, "石人子沟街道办事处 没有可邀请的已备案业主委员会"
		):
			invite_audience(doc.name)


class TestWorkflowAndPermissions(TrainingTestCase):
	"""Everything that needs users (creating them is slow: one class holds them all)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.area_officer = make_user("training.area.officer@example.com", ["Area Officer"]).name
		cls.scope(cls.area_officer, AREA)
		cls.other_officer = make_user("training.other.officer@example.com", ["Area Officer"]).name
		cls.scope(cls.other_officer, OTHER_AREA)
		cls.community_officer = make_user(
			"training.community.officer@example.com", ["Community Officer"]
		).name
		cls.scope(cls.community_officer, COMMUNITY)
		cls.supervisor = make_user("training.supervisor@example.com", ["District Supervisor"]).name
		cls.admin = make_user("training.admin@example.com", ["Supervision Admin"]).name
		# outsiders: no role of the app; an area officer whose jurisdiction was never set
		cls.outsider = make_user("training.outsider@example.com").name
		cls.unscoped = make_user("training.unscoped@example.com", ["Area Officer"]).name
		cls.enterprise_user = make_user("training.enterprise.user@example.com", ["Enterprise User"]).name
		add_user_permission(
			"Property Enterprise", cls.enterprise, cls.enterprise_user, ignore_permissions=True
		)
		cls.committee_member = make_user("training.committee.member@example.com", ["Committee Member"]).name
		add_user_permission(
			"Residential Compound",
			frappe.db.get_value("Owners Committee", cls.committee, "compound"),
			cls.committee_member,
			ignore_permissions=True,
		)
		cls.qifang = make_session(
			"Area",
			title="七纺片区业委会履职培训",
			attendees=[{"attendee_type": "Owners Committee", "owners_committee": cls.committee}],
		)

	def test_workflow_path_as_area_officer(self):
		frappe.set_user(self.area_officer)
		doc = frappe.get_doc(session_dict(title="片区培训流程测试")).insert()
		self.assertEqual(doc.workflow_state, "Planned")
		doc = apply_workflow(doc, "Publish")
		self.assertEqual(doc.workflow_state, "Published")
		doc = apply_workflow(doc, "Mark Completed")
		self.assertEqual(doc.workflow_state, "Completed")

	def test_workflow_path_as_district_supervisor(self):
		frappe.set_user(self.supervisor)
		doc = frappe.get_doc(session_dict("District", "Enterprises", title="区级培训流程测试")).insert()
		doc = apply_workflow(apply_workflow(doc, "Publish"), "Mark Completed")
		self.assertEqual(doc.workflow_state, "Completed")

	def test_state_cannot_be_set_directly(self):
		frappe.set_user(self.area_officer)
		doc = frappe.get_doc(session_dict(title="直接改状态测试")).insert()
		doc.workflow_state = "Completed"
		with self.assertRaises(WorkflowPermissionError):
			doc.save()
		self.assertEqual(frappe.db.get_value("Training Session", doc.name, "workflow_state"), "Planned")
		before = session_count()
		with self.assertRaises(WorkflowPermissionError):
			frappe.get_doc(session_dict(title="直接建为已完成", workflow_state="Completed")).insert()
		self.assertEqual(session_count(), before)

	def test_community_officer_cannot_move_or_create(self):
		frappe.set_user(self.community_officer)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(session_dict(title="社区无权创建")).insert()
		frappe.set_user("Administrator")
		doc = make_session("Area", title="社区无权发布")
		frappe.set_user(self.community_officer)
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			apply_workflow(frappe.get_doc("Training Session", doc.name), "Publish")
		self.assertEqual(frappe.db.get_value("Training Session", doc.name, "workflow_state"), "Planned")

	def test_area_officer_sees_own_area(self):
		frappe.set_user(self.area_officer)
		self.assertTrue(frappe.has_permission("Training Session", "read", doc=self.qifang.name))
		self.assertTrue(frappe.has_permission("Training Session", "write", doc=self.qifang.name))
		self.assertIn(self.qifang.name, frappe.get_list("Training Session", pluck="name"))
		self.assertEqual(
			frappe.client.get("Training Session", self.qifang.name)["title"], "七纺片区业委会履职培训"
		)
		self.assertIn(
			self.qifang.name, {r["value"] for r in search_link("Training Session", self.qifang.name)}
		)

	def test_other_area_officer_and_outsiders_are_refused(self):
		for user in (self.other_officer, self.community_officer, self.outsider, self.unscoped):
			with self.subTest(user=user):
				frappe.set_user(user)
				self.assertFalse(frappe.has_permission("Training Session", "read", doc=self.qifang.name))
				self.assertFalse(frappe.has_permission("Training Session", "write", doc=self.qifang.name))
				try:
					visible = frappe.get_list("Training Session", pluck="name")
				except frappe.PermissionError:
					visible = []
				self.assertNotIn(self.qifang.name, visible)
				with self.assertRaises(frappe.PermissionError):
					frappe.client.get("Training Session", self.qifang.name)
				# printview answers "not found" rather than revealing the session exists
				with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
					frappe.get_print("Training Session", self.qifang.name, print_format=PRINT_FORMAT)
				try:
					found = {
						r["value"]
						for r in search_link("Training Session", self.qifang.name, ignore_user_permissions=1)
					}
				except frappe.PermissionError:
					found = set()
				self.assertNotIn(self.qifang.name, found)

	def test_other_area_officer_cannot_edit(self):
		frappe.set_user(self.other_officer)
		doc = frappe.get_doc("Training Session", self.qifang.name)
		doc.title = "被改的标题"
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		self.assertEqual(
			frappe.db.get_value("Training Session", self.qifang.name, "title"), "七纺片区业委会履职培训"
		)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(session_dict(title="替七纺建培训", organizer=AREA_UNIT)).insert()

	def test_area_officer_cannot_move_a_session_out_of_the_area(self):
		frappe.set_user(self.area_officer)
		before = session_count()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(session_dict(title="替新民路建培训", organizer=OTHER_AREA_UNIT)).insert()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(session_dict("District", "Enterprises", title="片区建区级培训")).insert()
		self.assertEqual(session_count(), before)
		doc = frappe.get_doc("Training Session", self.qifang.name)
		doc.organizer = OTHER_AREA_UNIT
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		self.assertEqual(frappe.db.get_value("Training Session", self.qifang.name, "jurisdiction"), AREA)

	def test_invitees_see_only_the_sessions_that_invite_them(self):
		invited = make_session(
			"District",
			"Enterprises",
			attendees=[{"attendee_type": "Enterprise", "enterprise": self.enterprise}],
		)
		other = make_session("District", "Enterprises", title="未邀请本企业的培训")

		def visible(user):
			condition = get_permission_query_conditions(user) or "1=1"
			return set(frappe.db.sql_list(f"select name from `tabTraining Session` where {condition}"))

		self.assertIsNone(has_permission(invited, "read", self.enterprise_user))
		self.assertFalse(has_permission(other, "read", self.enterprise_user))
		self.assertIn(invited.name, visible(self.enterprise_user))
		self.assertNotIn(other.name, visible(self.enterprise_user))
		# the committee member: the area session of 七纺 invites their compound's committee
		self.assertIsNone(has_permission(self.qifang, "read", self.committee_member))
		self.assertFalse(has_permission(invited, "read", self.committee_member))
		self.assertEqual(
			visible(self.committee_member) & {invited.name, other.name, self.qifang.name}, {self.qifang.name}
		)
		# officers are scoped by jurisdiction instead
		for user in (self.area_officer, self.supervisor, self.community_officer):
			self.assertEqual(get_permission_query_conditions(user), "")
			self.assertIsNone(has_permission(other, "read", user))

	def test_invite_needs_write_permission(self):
		doc = self.area_session()
		for user in (self.community_officer, self.other_officer, self.outsider, self.unscoped):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				invite_audience(doc.name)
		frappe.set_user(self.area_officer)
		self.assertGreater(invite_audience(doc.name)["added"], 0)

	def test_sign_in(self):
		doc = self.area_session(
			attendees=[{"attendee_type": "Owners Committee", "owners_committee": self.committee}]
		)
		row = doc.attendees[0].name
		frappe.set_user(self.area_officer)
		with self.assertRaisesRegex(frappe.ValidationError, "培训发布后才能登记签到"):
			sign_in(doc.name, row)
		self.assertEqual(frappe.db.get_value("Training Attendee", row, "attended"), 0)
		frappe.set_user("Administrator")
		publish_session(doc)
		frappe.set_user(self.area_officer)
		result = sign_in(doc.name, row, person_name="王建国")
		self.assertEqual(result["attendance_count"], 1)
		saved = frappe.db.get_value(
			"Training Attendee", row, ["attended", "signed_in_at", "person_name"], as_dict=True
		)
		self.assertEqual((saved.attended, saved.person_name), (1, "王建国"))
		# signing in again keeps the first time
		self.assertEqual(
			get_datetime(sign_in(doc.name, row)["signed_in_at"]), get_datetime(saved.signed_in_at)
		)
		with self.assertRaisesRegex(frappe.ValidationError, "该对象不在培训"):
			sign_in(doc.name, "no-such-row")
		frappe.set_user(self.other_officer)
		with self.assertRaises(frappe.PermissionError):
			sign_in(doc.name, row)

	def test_completed_attendees_locked_except_for_supervision_admin(self):
		doc = self.area_session(
			attendees=[{"attendee_type": "Owners Committee", "owners_committee": self.committee}]
		)
		doc = complete_session(publish_session(doc))
		self.assertEqual(doc.workflow_state, "Completed")
		frappe.set_user(self.area_officer)
		doc = frappe.get_doc("Training Session", doc.name)
		doc.attendees[0].attended = 1
		with self.assertRaisesRegex(frappe.ValidationError, "已完成培训的参训名单只能由监管系统管理员修改"):
			doc.save()
		doc.reload()
		doc.append(
			"attendees", {"attendee_type": "Owners Committee", "owners_committee": self.unfiled_committee}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "已完成培训的参训名单只能由监管系统管理员修改"):
			doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "已完成培训的参训名单只能由监管系统管理员修改"):
			invite_audience(doc.name)
		self.assertEqual(len(frappe.get_doc("Training Session", doc.name).attendees), 1)
		# the summary is not attendance: the organiser still writes it
		doc.reload()
		doc.summary = "培训效果良好"
		doc.save()

		frappe.set_user(self.admin)
		doc = frappe.get_doc("Training Session", doc.name)
		doc.attendees[0].attended = 1
		doc.save()
		self.assertEqual(frappe.get_doc("Training Session", doc.name).attendance_count, 1)


class TestSignInSheet(TrainingTestCase):
	def test_pdf_lists_every_invitee(self):
		doc = make_session(
			"District",
			"Enterprises",
			title="物业服务企业法律法规培训",
			location="区建设局五楼会议室",
			trainer="李海燕",
			start=get_datetime("2026-03-05 09:30:00"),
			end=get_datetime("2026-03-05 11:30:00"),
		)
		invite_audience(doc.name)
		doc.reload()
		html = frappe.get_print("Training Session", doc.name, print_format=PRINT_FORMAT)
		self.assertIn("Noto Sans CJK SC", html)
		self.assertIn("2026年03月05日 09:30 至 11:30", html)
		text = pdf_text(
			frappe.get_print("Training Session", doc.name, print_format=PRINT_FORMAT, as_pdf=True)
		)
		for expected in (
			"培训签到表",
			"物业服务企业法律法规培训",
			DISTRICT_UNIT,
			"区建设局五楼会议室",
			"李海燕",
			"序号",
			# the columns carry the attendee table's labels, as Customize Form sets them
			*(
				_(frappe.get_meta("Training Attendee").get_label(fieldname), context="Training Attendee")
				for fieldname in ("unit", "person_name", "attended", "signed_in_at")
			),
			"培训测试物业服务有限公司",
		):
			self.assertIn(normalize_text(expected), text)
		for row in doc.attendees:
			self.assertIn(normalize_text(row.attendee_label), text)
