# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Who sees and changes which complaint (SPEC §5), on every path: form (has_permission), list,
REST (frappe.client), link search and print."""

import frappe
import frappe.client
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from property_supervision.api.search import search_link
from property_supervision.complaints.doctype.complaint.complaint import add_enterprise_response
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	PHONE,
	act,
	make_complaint,
	make_compound,
	make_enterprise_user,
	make_officer,
	make_test_enterprise,
	make_user,
	use_chinese,
)

# Frappe's print view answers "not found" rather than tell that a record exists
PRINT_REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)
QF_COMMUNITY = "权限投诉七纺社区"
XM_COMMUNITY = "权限投诉新民路社区"


class TestComplaintPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.qf_enterprise = make_test_enterprise("权限投诉甲物业服务有限公司")
		cls.xm_enterprise = make_test_enterprise("权限投诉乙物业服务有限公司")
		cls.qf_compound = make_compound("权限投诉七纺小区", QF_COMMUNITY, AREA, cls.qf_enterprise)
		cls.xm_compound = make_compound("权限投诉新民路小区", XM_COMMUNITY, OTHER_AREA, cls.xm_enterprise)
		cls.qf = make_complaint(cls.qf_compound).name
		cls.xm = make_complaint(cls.xm_compound).name
		cls.qf_anonymous = make_complaint(cls.qf_compound, is_anonymous=1, complainant_name="不愿具名").name
		cls.qf_officer = make_officer("e.perm.qf.area@example.com", "Area Officer", AREA)
		cls.xm_officer = make_officer("e.perm.xm.area@example.com", "Area Officer", OTHER_AREA)
		cls.qf_community_officer = make_officer(
			"e.perm.qf.community@example.com", "Community Officer", QF_COMMUNITY
		)
		cls.enterprise_user = make_enterprise_user("e.perm.enterprise@example.com", cls.qf_enterprise)
		cls.member = make_user("e.perm.jm.member@example.com", ["Joint Meeting Member"]).name

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def search(self, txt):
		return [r["value"] for r in search_link("Complaint", txt, page_length=50)]

	def test_officer_of_another_area_is_refused_on_every_path(self):
		frappe.set_user(self.xm_officer)
		self.assertFalse(frappe.has_permission("Complaint", doc=self.qf))
		self.assertTrue(frappe.has_permission("Complaint", doc=self.xm))
		names = frappe.get_list("Complaint", pluck="name", limit_page_length=0)
		self.assertIn(self.xm, names)
		self.assertNotIn(self.qf, names)
		# report view and export go through the same query
		rows = frappe.get_list("Complaint", fields=["name", "complainant_phone"], filters={"name": self.qf})
		self.assertEqual(rows, [])
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Complaint", self.qf)
		self.assertEqual(self.search(self.qf), [])
		self.assertEqual(self.search(self.xm), [self.xm])
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Complaint", self.qf)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Complaint", self.qf, "handling_note", "越权")

	def test_officers_of_the_area_see_and_handle_it_with_the_phone(self):
		for officer in (self.qf_officer, self.qf_community_officer):
			frappe.set_user(officer)
			self.assertTrue(frappe.has_permission("Complaint", doc=self.qf))
			self.assertFalse(frappe.has_permission("Complaint", doc=self.xm))
			self.assertEqual(frappe.client.get("Complaint", self.qf)["complainant_phone"], PHONE)
			self.assertEqual(self.search(self.qf), [self.qf])
			self.assertIn(self.qf, frappe.get_print("Complaint", self.qf))
		frappe.set_user("Administrator")
		doc = act(self.qf, "Accept", self.qf_community_officer)
		self.assertEqual(doc.workflow_state, "Community Handling")

	def test_enterprise_user_sees_and_answers_its_own_complaints_only(self):
		frappe.set_user(self.enterprise_user)
		names = frappe.get_list("Complaint", pluck="name", limit_page_length=0)
		self.assertIn(self.qf, names)
		self.assertNotIn(self.xm, names)
		self.assertFalse(frappe.has_permission("Complaint", doc=self.xm))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Complaint", self.xm)

		# the phone number is for the officers only; an anonymous complainant's name too
		data = frappe.client.get("Complaint", self.qf)
		self.assertIsNone(data.get("complainant_phone"))
		self.assertEqual(data["complainant_phone_masked"], "139****5678")
		self.assertEqual(data["complainant_name"], "王建国")
		self.assertIsNone(frappe.client.get("Complaint", self.qf_anonymous).get("complainant_name"))
		rows = frappe.get_list("Complaint", fields=["name", "complainant_phone"], filters={"name": self.qf})
		self.assertTrue(rows)
		self.assertFalse(any(row.get("complainant_phone") for row in rows))

		add_enterprise_response(self.qf, "已安排维修人员三日内处理")
		self.assertEqual(
			frappe.db.get_value("Complaint", self.qf, "enterprise_response"), "已安排维修人员三日内处理"
		)
		self.assertTrue(frappe.db.get_value("Complaint", self.qf, "responded_on"))
		with self.assertRaises(frappe.PermissionError):
			add_enterprise_response(self.xm, "不是我们的小区")

		# but never moves the complaint or changes what the complainant said
		stored = frappe.db.get_value(
			"Complaint", self.qf, ["workflow_state", "description", "modified"], as_dict=True
		)
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			apply_workflow(frappe.get_doc("Complaint", self.qf).as_dict(), "Accept")
		for fieldname, value in (("description", "企业改写的内容"), ("workflow_state", "Community Handling")):
			with self.subTest(fieldname=fieldname):
				with self.assertRaises(frappe.PermissionError):
					frappe.client.set_value("Complaint", self.qf, fieldname, value)
		self.assertEqual(
			frappe.db.get_value(
				"Complaint", self.qf, ["workflow_state", "description", "modified"], as_dict=True
			),
			stored,
		)

	def test_joint_meeting_member_sees_only_complaints_before_a_meeting(self):
		referred = make_complaint(self.qf_compound).name
		act(referred, "Accept", self.qf_community_officer)
		act(referred, "Escalate to Area", self.qf_community_officer)
		act(referred, "Refer to Joint Meeting", self.qf_officer)

		frappe.set_user(self.member)
		names = frappe.get_list("Complaint", pluck="name", limit_page_length=0)
		self.assertIn(referred, names)
		self.assertNotIn(self.qf, names)
		self.assertTrue(frappe.has_permission("Complaint", doc=referred))
		self.assertFalse(frappe.has_permission("Complaint", doc=self.qf))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Complaint", self.qf)
		data = frappe.client.get("Complaint", referred)
		self.assertIsNone(data.get("complainant_phone"))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Complaint", referred, "handling_note", "成员意见")

	def test_joint_meetings_are_scoped_by_jurisdiction(self):
		referred = make_complaint(self.qf_compound).name
		act(referred, "Accept", self.qf_community_officer)
		act(referred, "Escalate to Area", self.qf_community_officer)
		act(referred, "Refer to Joint Meeting", self.qf_officer)
		meeting = frappe.get_doc(
			{
				"doctype": "Joint Meeting",
				"meeting_date": "2025-06-20",
				"convener": AREA,
				"jurisdiction": AREA,
				"topic": "权限测试联席会议",
				"complaints": [{"complaint": referred}],
			}
		).insert()
		frappe.set_user(self.xm_officer)
		self.assertFalse(frappe.has_permission("Joint Meeting", doc=meeting.name))
		self.assertNotIn(meeting.name, frappe.get_list("Joint Meeting", pluck="name", limit_page_length=0))
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Joint Meeting", meeting.name)
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Joint Meeting", meeting.name)
		frappe.set_user(self.qf_officer)
		self.assertTrue(frappe.has_permission("Joint Meeting", doc=meeting.name))
		self.assertIn(meeting.name, frappe.get_list("Joint Meeting", pluck="name", limit_page_length=0))
