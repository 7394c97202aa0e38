# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import datetime

import frappe
import frappe.client
from frappe.desk.reportview import get as reportview_get
from frappe.desk.search import search_link
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase

from property_supervision.roles import AREA_OFFICER, DISTRICT_SUPERVISOR, ENTERPRISE_USER
from property_supervision.tests.factories import (
	make_enterprise,
	make_id_number,
	make_practitioner,
	make_user,
	use_chinese,
)

AREA = "七纺片区管委会"
AREA_OFFICER_EMAIL = "test-pp-area@example.com"
ENTERPRISE_USER_EMAIL = "test-pp-enterprise@example.com"
SUPERVISOR_EMAIL = "test-pp-supervisor@example.com"


def new_practitioner(enterprise: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Property Practitioner",
			"full_name": "测试人员",
			"id_number": make_id_number(101),
			"enterprise": enterprise,
			**fields,
		}
	)


class TestPropertyPractitioner(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.own = make_enterprise("测试甲方物业服务有限公司").name
		cls.other = make_enterprise("测试乙方物业服务有限公司").name
		cls.area_officer = make_user(AREA_OFFICER_EMAIL, [AREA_OFFICER]).name
		cls.enterprise_user = make_user(ENTERPRISE_USER_EMAIL, [ENTERPRISE_USER]).name
		cls.supervisor = make_user(SUPERVISOR_EMAIL, [DISTRICT_SUPERVISOR]).name
		add_user_permission("Jurisdiction", AREA, cls.area_officer)
		add_user_permission("Property Enterprise", cls.own, cls.enterprise_user)

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertRefused(self, doc, message, exc=frappe.ValidationError):
		before = frappe.db.count("Property Practitioner")
		with self.assertRaisesRegex(exc, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Property Practitioner"), before)

	# derived fields and validation

	def test_identity_details_and_masks_derived(self):
		number = make_id_number(101, birth="19920229")  # a leap day
		doc = new_practitioner(
			self.own, full_name="  王 小明 ", id_number=number.lower(), phone="+86 139 1234 5678"
		).insert()
		self.assertTrue(doc.name.startswith("CY-"))
		self.assertEqual(doc.full_name, "王 小明")
		self.assertEqual(doc.id_number, number.upper())
		self.assertEqual(doc.gender, "Male")
		self.assertEqual(str(doc.birth_date), "1992-02-29")
		self.assertEqual(doc.id_number_masked, number[:6] + "********" + number[14:])
		self.assertEqual(doc.phone, "13912345678")
		self.assertEqual(doc.phone_masked, "139****5678")
		self.assertEqual(doc.status, "Active")
		self.assertEqual(doc.enterprise_name, "测试甲方物业服务有限公司")

		woman = new_practitioner(self.own, id_number=make_id_number(102)).insert()
		self.assertEqual(woman.gender, "Female")
		self.assertFalse(woman.phone_masked)

	def test_bad_id_numbers_refused_with_distinct_chinese_messages(self):
		good = make_id_number(103)
		wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
		future = make_id_number(
			105, birth=(datetime.date.today() + datetime.timedelta(days=2)).strftime("%Y%m%d")
		)
		cases = [
			(good[:15], "身份证号码必须为18位"),
			(good[:10] + "AB" + good[12:], "身份证号码必须为18位"),
			(make_id_number(104, birth="19850231"), "第7至14位不是有效的出生日期"),
			(future, "第7至14位不是有效的出生日期"),
			(wrong_check, "校验码（最后一位）不正确"),
		]
		for number, message in cases:
			with self.subTest(number=number):
				self.assertRefused(new_practitioner(self.own, id_number=number), message)
				self.assertFalse(frappe.db.exists("Property Practitioner", {"id_number": number}))

	def test_duplicate_id_number_refused_with_chinese_message(self):
		number = make_id_number(106)
		new_practitioner(self.own, id_number=number).insert()
		self.assertRefused(
			new_practitioner(self.other, id_number=number.lower()),
			f"身份证号码为 {number[:6]}\\*{{8}}{number[14:]} 的从业人员已登记",
			frappe.UniqueValidationError,
		)
		self.assertEqual(frappe.db.count("Property Practitioner", {"id_number": number}), 1)

	def test_bad_phone_refused(self):
		self.assertRefused(new_practitioner(self.own, phone="1391234"), "电话 1391234 不是有效的")

	def test_employment_dates(self):
		cases = [
			({"status": "Left"}, "请填写离职日期"),
			(
				{"status": "Left", "joined_on": "2022-03-01", "left_on": "2022-02-28"},
				"离职日期不能早于入职日期",
			),
			({"status": "Active", "left_on": "2022-02-28"}, "在职人员不应有离职日期"),
			({"joined_on": "2001-06-11", "id_number": make_id_number(107, birth="19850612")}, "须年满16周岁"),
		]
		for fields, message in cases:
			with self.subTest(fields=fields):
				self.assertRefused(new_practitioner(self.own, **fields), message)
		left = new_practitioner(
			self.own, status="Left", joined_on="2020-01-01", left_on="2021-06-30"
		).insert()
		self.assertEqual(str(left.left_on), "2021-06-30")

	# who sees the full ID number and phone (SPEC §3, §5)

	def test_area_officer_reads_practitioner_but_not_id_number_or_phone(self):
		number = make_id_number(109)
		doc = new_practitioner(self.own, id_number=number, phone="13912345678").insert()
		meta = frappe.get_meta("Property Practitioner")
		self.assertEqual(meta.get_permlevel_access("read", user=self.area_officer), [0])
		self.assertIn(1, meta.get_permlevel_access("read", user=self.enterprise_user))
		self.assertIn(1, meta.get_permlevel_access("read", user=self.supervisor))

		frappe.set_user(self.area_officer)
		self.assertTrue(frappe.has_permission("Property Practitioner", "read", doc=doc.name))
		loaded = frappe.get_doc("Property Practitioner", doc.name)
		self.assertFalse(loaded.has_permlevel_access_to("id_number", permission_type="read"))
		self.assertFalse(loaded.has_permlevel_access_to("phone", permission_type="read"))
		self.assertTrue(loaded.has_permlevel_access_to("id_number_masked", permission_type="read"))

		# REST: GET /api/resource/Property Practitioner/<name>
		fetched = frappe.client.get("Property Practitioner", doc.name)
		self.assertFalse(fetched.get("id_number"))
		self.assertFalse(fetched.get("phone"))
		self.assertEqual(fetched.get("id_number_masked"), doc.id_number_masked)
		self.assertEqual(fetched.get("phone_masked"), "139****5678")
		self.assertNotIn(number, frappe.as_json(fetched))
		self.assertNotIn("13912345678", frappe.as_json(fetched))

		# list / report view: the permlevel-1 columns are not handed out
		rows = frappe.get_list(
			"Property Practitioner", filters={"name": doc.name}, fields=["name", "id_number", "phone"]
		)
		self.assertNotIn(number, frappe.as_json(rows))
		frappe.local.form_dict = frappe._dict(
			doctype="Property Practitioner",
			fields=frappe.as_json(
				["`tabProperty Practitioner`.`name`", "`tabProperty Practitioner`.`id_number`"]
			),
			filters=frappe.as_json([["Property Practitioner", "name", "=", doc.name]]),
		)
		try:
			report = reportview_get()
		finally:
			frappe.local.form_dict = frappe._dict()
		self.assertNotIn(number, frappe.as_json(report))

		# and cannot change anything
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Property Practitioner", doc.name, "full_name", "改名")

	def test_supervisor_and_enterprise_user_see_full_id_number(self):
		number = make_id_number(111)
		doc = new_practitioner(self.own, id_number=number).insert()
		for user in (self.supervisor, self.enterprise_user):
			frappe.set_user(user)
			with self.subTest(user=user):
				self.assertEqual(frappe.client.get("Property Practitioner", doc.name)["id_number"], number)

	# enterprise isolation (SPEC §5)

	def test_enterprise_user_sees_only_own_staff(self):
		mine = make_practitioner(self.own, "测试自家员工", make_id_number(113))
		theirs = make_practitioner(self.other, "测试别家员工", make_id_number(115))
		frappe.set_user(self.enterprise_user)

		self.assertTrue(frappe.has_permission("Property Practitioner", "read", doc=mine.name))
		self.assertFalse(frappe.has_permission("Property Practitioner", "read", doc=theirs.name))
		listed = frappe.get_list("Property Practitioner", pluck="name", limit_page_length=0)
		self.assertIn(mine.name, listed)
		self.assertNotIn(theirs.name, listed)
		found = [row["value"] for row in search_link("Property Practitioner", "测试")]
		self.assertIn(mine.name, found)
		self.assertNotIn(theirs.name, found)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Property Practitioner", theirs.name)
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Property Practitioner", theirs.name)
		self.assertIn("测试自家员工", frappe.get_print("Property Practitioner", mine.name))

	def test_enterprise_user_cannot_register_or_move_staff_to_another_enterprise(self):
		frappe.set_user(self.enterprise_user)
		before = frappe.db.count("Property Practitioner")
		with self.assertRaises(frappe.PermissionError):
			new_practitioner(self.other, id_number=make_id_number(117)).insert()
		self.assertEqual(frappe.db.count("Property Practitioner"), before)

		mine = new_practitioner(self.own, id_number=make_id_number(119)).insert()
		self.assertEqual(mine.enterprise, self.own)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Property Practitioner", mine.name, "enterprise", self.other)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Property Practitioner", mine.name, "enterprise"), self.own)

	def test_enterprise_user_without_scope_sees_no_staff(self):
		make_practitioner(self.own, "测试无权查看", make_id_number(121))
		user = make_user("test-pp-noscope@example.com", [ENTERPRISE_USER]).name
		frappe.set_user(user)
		self.assertEqual(frappe.get_list("Property Practitioner", pluck="name"), [])
