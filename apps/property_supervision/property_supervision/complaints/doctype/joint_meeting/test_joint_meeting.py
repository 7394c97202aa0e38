# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.complaints.doctype.complaint.complaint import get_upheld_complaints
from property_supervision.tests.factories import (
	AREA,
	DISTRICT,
	OTHER_AREA,
	act,
	make_community,
	make_complaint,
	make_compound,
	make_officer,
	make_test_enterprise,
	use_chinese,
)

COMMUNITY = "联席测试社区"
ENTERPRISE = "联席测试物业服务有限公司"


class TestJointMeeting(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.enterprise = make_test_enterprise(ENTERPRISE)
		cls.compound = make_compound("联席测试小区", COMMUNITY, AREA, cls.enterprise)
		cls.community_officer = make_officer("e.jm.community@example.com", "Community Officer", COMMUNITY)
		cls.area_officer = make_officer("e.jm.area@example.com", "Area Officer", AREA)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def referred_complaint(self) -> str:
		name = make_complaint(self.compound).name
		act(name, "Accept", self.community_officer)
		act(name, "Escalate to Area", self.community_officer)
		act(name, "Refer to Joint Meeting", self.area_officer, handling_note="涉及多个部门，提请联席会议")
		return name

	def meeting(self, rows, jurisdiction=AREA, **fields):
		return frappe.get_doc(
			{
				"doctype": "Joint Meeting",
				"meeting_date": "2025-06-20",
				"convener": AREA if jurisdiction == AREA else "区建设局物业监督管理办公室",
				"jurisdiction": jurisdiction,
				"topic": "物业纠纷联席会议",
				"location": "片区管委会会议室",
				"participants": [
					{"unit": "区司法局", "attendee": "司法所代表"},
					{"unit": "区公安局", "attendee": "派出所代表"},
				],
				"complaints": [{"complaint": c, **values} for c, values in rows],
				**fields,
			}
		)

	def test_submitting_records_decisions_and_moves_complaints(self):
		resolved, to_area, to_district = (self.referred_complaint() for _ in range(3))
		frappe.set_user(self.area_officer)
		meeting = self.meeting(
			[
				(
					resolved,
					{"outcome": "Resolved", "decision": "物业公司限期修复电梯并赔偿损失", "is_upheld": 1},
				),
				(to_area, {"outcome": "Returned to Area", "decision": "由片区组织业主协商停车方案"}),
				(to_district, {"outcome": "Returned to District", "decision": "由区建设局督办"}),
			]
		).insert()
		for name in (resolved, to_area, to_district):
			self.assertEqual(frappe.db.get_value("Complaint", name, "joint_meeting"), meeting.name)
		meeting.submit()  # an area officer submits: the moves are the meeting's, not the officer's role
		frappe.set_user("Administrator")

		doc = frappe.get_doc("Complaint", resolved)
		self.assertEqual(doc.workflow_state, "Resolved")
		self.assertEqual(doc.resolution, "物业公司限期修复电梯并赔偿损失")
		self.assertEqual(doc.is_upheld, 1)
		self.assertTrue(doc.resolved_on)
		log = doc.handling_log[-1]
		self.assertEqual((log.action, log.level, log.user), ("Resolve", "Joint Meeting", self.area_officer))
		self.assertIn(meeting.name, log.note)
		self.assertIn(resolved, [c.name for c in get_upheld_complaints(self.enterprise)])

		doc = frappe.get_doc("Complaint", to_area)
		self.assertEqual(
			(doc.workflow_state, doc.current_level, doc.handling_unit), ("Area Handling", "Area", AREA)
		)
		self.assertEqual(doc.handling_log[-1].action, "Return to Area")
		self.assertEqual(doc.is_upheld, 0)
		doc = frappe.get_doc("Complaint", to_district)
		self.assertEqual((doc.workflow_state, doc.current_level), ("District Handling", "District"))

		meeting.reload()
		for row in meeting.complaints:
			self.assertEqual(row.log_entry, frappe.get_doc("Complaint", row.complaint).handling_log[-1].name)

	def test_only_referred_complaints_of_the_jurisdiction(self):
		referred = self.referred_complaint()
		handling = make_complaint(self.compound).name
		before = frappe.db.count("Joint Meeting")
		cases = [
			(self.meeting([(handling, {})]), "只能列入已提交联席会议的投诉"),
			(self.meeting([(referred, {})], jurisdiction=OTHER_AREA), "不在新民路片区管委会范围内"),
			(self.meeting([(referred, {}), (referred, {})]), "是同一投诉"),
			(self.meeting([], jurisdiction=COMMUNITY), "辖区不能选择社区"),
		]
		for meeting, message in cases:
			with self.subTest(message=message):
				with self.assertRaisesRegex(frappe.ValidationError, message):
					meeting.insert()
		self.assertEqual(frappe.db.count("Joint Meeting"), before)

		first = self.meeting([(referred, {})]).insert()
		with self.assertRaisesRegex(frappe.ValidationError, f"已列入联席会议 {first.name}"):
			self.meeting([(referred, {})], jurisdiction=DISTRICT).insert()

	def test_decisions_are_required_to_submit(self):
		referred = self.referred_complaint()
		meeting = self.meeting([(referred, {"outcome": "Resolved"})]).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "请填写会议对投诉"):
			meeting.submit()
		self.assertEqual(frappe.db.get_value("Complaint", referred, "workflow_state"), "Joint Meeting")
		bare = make_compound("联席测试无物业小区", COMMUNITY, AREA, None)
		name = make_complaint(bare).name
		act(name, "Accept", self.community_officer)
		act(name, "Escalate to Area", self.community_officer)
		act(name, "Refer to Joint Meeting", self.area_officer)
		meeting = self.meeting(
			[(name, {"outcome": "Resolved", "decision": "协调解决", "is_upheld": 1})]
		).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "未涉及物业企业"):
			meeting.submit()

	def test_pointer_follows_the_list(self):
		first, second = self.referred_complaint(), self.referred_complaint()
		meeting = self.meeting([(first, {}), (second, {})]).insert()
		meeting.complaints = [row for row in meeting.complaints if row.complaint == first]
		meeting.save()
		self.assertEqual(frappe.db.get_value("Complaint", first, "joint_meeting"), meeting.name)
		self.assertIsNone(frappe.db.get_value("Complaint", second, "joint_meeting"))
		# now free for another meeting
		other = self.meeting([(second, {})]).insert()
		self.assertEqual(frappe.db.get_value("Complaint", second, "joint_meeting"), other.name)
		meeting.delete()
		self.assertIsNone(frappe.db.get_value("Complaint", first, "joint_meeting"))

	def test_cancelling_takes_the_decisions_back(self):
		resolved, returned = self.referred_complaint(), self.referred_complaint()
		meeting = self.meeting(
			[
				(resolved, {"outcome": "Resolved", "decision": "责令整改", "is_upheld": 1}),
				(returned, {"outcome": "Returned to Area", "decision": "退回片区"}),
			]
		).insert()
		meeting.submit()
		meeting.cancel()
		for name in (resolved, returned):
			doc = frappe.get_doc("Complaint", name)
			self.assertEqual(
				(doc.workflow_state, doc.current_level), ("Joint Meeting", "Joint Meeting"), name
			)
			self.assertEqual(doc.handling_log[-1].action, "Cancel Meeting Decision")
		doc = frappe.get_doc("Complaint", resolved)
		self.assertFalse(doc.resolution)
		self.assertEqual(doc.is_upheld, 0)
		self.assertIsNone(doc.resolved_on)
		self.assertNotIn(resolved, [c.name for c in get_upheld_complaints(self.enterprise)])
		# the amended meeting can list them again
		amended = frappe.copy_doc(meeting)
		amended.amended_from = meeting.name
		amended.docstatus = 0
		amended.insert()
		self.assertEqual(frappe.db.get_value("Complaint", resolved, "joint_meeting"), amended.name)

	def test_cancelling_refused_once_a_complaint_moved_on(self):
		resolved = self.referred_complaint()
		meeting = self.meeting([(resolved, {"outcome": "Resolved", "decision": "协商解决"})]).insert()
		meeting.submit()
		act(resolved, "Close", self.community_officer, satisfaction="Satisfied")
		with self.assertRaisesRegex(frappe.ValidationError, "不能再撤销本次会议的决定"):
			meeting.cancel()
		self.assertEqual(frappe.db.get_value("Joint Meeting", meeting.name, "docstatus"), 1)
		self.assertEqual(frappe.db.get_value("Complaint", resolved, "workflow_state"), "Closed")

	def test_a_community_gets_its_unit(self):
		community = make_community("联席测试新社区", AREA).name
		self.assertEqual(
			frappe.db.get_value("Supervision Unit", community, "unit_type"), "Community Committee"
		)
