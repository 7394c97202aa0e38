"""The residents' web form and status page: their guest endpoints, as Guest, against the real DB."""

import base64
import json

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.complaints import api
from property_supervision.tests.factories import (
	make_community,
	make_compound,
	make_enterprise,
	use_chinese,
)

AREA = "七纺片区管委会"
COMMUNITY = "网上投诉测试社区"
OTHER_COMMUNITY = "网上投诉测试二社区"
COMPOUND_NAME = "网上投诉测试小区"
PHONE = "13912345678"
NAME = "王测试"
ENTERPRISE_NAME = "网上投诉测试物业服务有限公司"
CATEGORY = "Service Quality"

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


def b64(content: bytes) -> str:
	return base64.b64encode(content).decode()


class TestWebComplaint(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_community(COMMUNITY, AREA)
		make_community(OTHER_COMMUNITY, AREA)
		cls.compound = make_compound(COMPOUND_NAME, COMMUNITY)
		cls.other_compound = make_compound("网上投诉测试别的小区", OTHER_COMMUNITY)
		cls.enterprise = make_enterprise(ENTERPRISE_NAME).name
		frappe.db.set_value("Residential Compound", cls.compound, "current_enterprise", cls.enterprise)
		if not frappe.db.exists("Complaint Category", CATEGORY):
			frappe.get_doc({"doctype": "Complaint Category", "category_name": CATEGORY}).insert()
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		self.started = frappe.utils.now_datetime()
		use_chinese()
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")
		# attachments written to disk go with their File rows; the rows go with the rollback
		for name in frappe.get_all(
			"File", {"attached_to_doctype": "Complaint", "creation": (">=", self.started)}, pluck="name"
		):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
		frappe.db.rollback()
		frappe.local.lang = "en"

	# --- helpers ---------------------------------------------------------------------------

	def good_input(self, **overrides) -> dict:
		return {
			"complainant_name": NAME,
			"is_anonymous": 0,
			"phone": PHONE,
			"community": COMMUNITY,
			"compound": self.compound,
			"category": CATEGORY,
			"description": "小区电梯已经停运两周，物业一直没有维修。",
			**overrides,
		}

	def counts(self) -> tuple[int, int]:
		return (
			frappe.db.count("Complaint"),
			frappe.db.count("File", {"attached_to_doctype": "Complaint"}),
		)

	def assert_refused(self, pattern: str, **overrides):
		before = self.counts()
		with self.assertRaisesRegex(frappe.ValidationError, pattern):
			api.submit_complaint(**self.good_input(**overrides))
		self.assertEqual(self.counts(), before, "a refused submission stored something")

	def submit(self, **overrides) -> dict:
		return api.submit_complaint(**self.good_input(**overrides))

	def complaint_of(self, result: dict):
		name = frappe.db.get_value("Complaint", {"tracking_key": result["tracking_number"]})
		self.assertTrue(name)
		return frappe.get_doc("Complaint", name)

	# --- filing --------------------------------------------------------------------------------

	def test_good_submission_files_one_pending_complaint(self):
		before = frappe.db.count("Complaint")
		result = self.submit()
		self.assertEqual(frappe.db.count("Complaint"), before + 1)
		self.assertEqual(set(result), {"tracking_number", "received_on"})
		complaint = self.complaint_of(result)
		self.assertEqual(complaint.workflow_state, "Pending")
		self.assertEqual(complaint.received_via, "Web Form")
		self.assertEqual(complaint.compound, self.compound)
		self.assertEqual(complaint.jurisdiction, COMMUNITY)
		self.assertEqual(complaint.enterprise, self.enterprise)
		self.assertEqual(complaint.complainant_name, NAME)
		self.assertEqual(complaint.complainant_phone, PHONE)
		self.assertEqual(complaint.category, CATEGORY)
		self.assertEqual(complaint.owner, "Guest")
		self.assertRegex(result["received_on"], r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")

	def test_anonymous_submission_keeps_no_name(self):
		complaint = self.complaint_of(self.submit(is_anonymous="1", complainant_name="不该保存"))
		self.assertTrue(complaint.is_anonymous)
		self.assertFalse(complaint.complainant_name)

	def test_compound_typed_by_name_within_the_community(self):
		complaint = self.complaint_of(self.submit(compound=None, compound_name=f"  {COMPOUND_NAME} "))
		self.assertEqual(complaint.compound, self.compound)

	def test_phone_is_normalised(self):
		complaint = self.complaint_of(self.submit(phone="+86 139-1234-5678"))
		self.assertEqual(complaint.complainant_phone, PHONE)

	def test_html_and_script_are_neutralised(self):
		description = (
			'<script>alert("x")</script><b>电梯</b>停运<img src=x onerror=alert(1)>'
			"&lt;script&gt;alert(2)&lt;/script&gt;温度<10度"
		)
		complaint = self.complaint_of(
			self.submit(description=description, complainant_name="<i>李</i><script>x</script>四")
		)
		for stored in (complaint.description, complaint.complainant_name):
			lowered = stored.lower()
			self.assertNotIn("<script", lowered)
			self.assertNotIn("onerror", lowered)
			self.assertNotIn("<img", lowered)
			self.assertNotIn("<b>", lowered)
		self.assertIn("电梯停运", complaint.description)
		self.assertIn("10度", complaint.description)
		self.assertEqual(complaint.complainant_name, "李四")

	def test_attachment_is_kept_as_private_file(self):
		complaint = self.complaint_of(self.submit(attachment_name="照片.PNG", attachment_base64=b64(PNG)))
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Complaint", "attached_to_name": complaint.name},
			fields=["file_url", "is_private", "file_size"],
		)
		self.assertEqual(len(files), 1)
		self.assertTrue(files[0].is_private)
		self.assertTrue(files[0].file_url.startswith("/private/files/"))
		self.assertEqual(complaint.attachment, files[0].file_url)

	def test_pdf_attachment_accepted(self):
		complaint = self.complaint_of(self.submit(attachment_name="证明.pdf", attachment_base64=b64(PDF)))
		self.assertTrue(complaint.attachment.endswith(".pdf"))

	def test_only_lost_races_are_retried(self):
		import pymysql

		self.assertTrue(api._lost_a_race(frappe.QueryDeadlockError("deadlock")))
		self.assertTrue(api._lost_a_race(frappe.QueryTimeoutError("lock wait timeout")))
		self.assertTrue(api._lost_a_race(pymysql.err.IntegrityError(1062, "Duplicate entry 'TS-2026-'")))
		self.assertFalse(api._lost_a_race(pymysql.err.IntegrityError(1452, "foreign key")))
		self.assertFalse(api._lost_a_race(frappe.ValidationError("请填写投诉内容")))

	# --- every bad input: a Chinese message and nothing stored -------------------------------

	def test_unknown_compound_refused(self):
		self.assert_refused("未找到该小区", compound="XQ-99999")

	def test_compound_of_another_community_refused(self):
		self.assert_refused("未找到该小区", compound=self.other_compound)

	def test_unknown_typed_compound_refused(self):
		self.assert_refused("本社区未找到该小区", compound=None, compound_name="不存在的小区")

	def test_no_compound_refused(self):
		self.assert_refused("请选择投诉涉及的小区", compound=None, compound_name="")

	def test_empty_description_refused(self):
		self.assert_refused("请填写投诉内容", description="")
		self.assert_refused("请填写投诉内容", description="   \n ")
		self.assert_refused("请填写投诉内容", description="<script>alert(1)</script>")

	def test_overlong_description_refused(self):
		self.assert_refused("投诉内容不能超过 2000 字", description="漏" * 2001)
		# exactly at the limit is fine
		self.complaint_of(self.submit(description="漏" * 2000))

	def test_bad_phone_refused(self):
		self.assert_refused("请填写正确的手机或固定电话号码", phone="12345")
		self.assert_refused("请填写正确的手机或固定电话号码", phone="1391234567a")
		self.assert_refused("请填写联系电话", phone="")

	def test_missing_name_refused_unless_anonymous(self):
		self.assert_refused("请填写姓名，或选择匿名投诉", complainant_name="")

	def test_unknown_or_inactive_category_refused(self):
		self.assert_refused("请选择投诉类别", category="不存在的类别")
		frappe.set_user("Administrator")
		frappe.db.set_value("Complaint Category", CATEGORY, "is_active", 0)
		frappe.set_user("Guest")
		self.assert_refused("请选择投诉类别")

	def test_oversized_attachment_refused(self):
		frappe.db.set_single_value("Complaint Settings", "max_attachment_mb", 0.01)  # 10 KiB
		big = PNG + b"\x00" * 11 * 1024
		self.assert_refused(r"附件不能超过 0\.01 MB", attachment_name="大.png", attachment_base64=b64(big))

	def test_oversized_attachment_at_default_limit_refused(self):
		big = PNG + b"\x00" * (5 * 1024 * 1024)
		self.assert_refused("附件不能超过 5 MB", attachment_name="大.png", attachment_base64=b64(big))

	def test_wrong_file_type_refused(self):
		message = "只能上传图片（JPG、PNG）或 PDF 文件"
		self.assert_refused(message, attachment_name="程序.exe", attachment_base64=b64(b"MZ\x90\x00"))
		self.assert_refused(message, attachment_name="动图.gif", attachment_base64=b64(b"GIF89a\x00"))
		# the content decides, not the name
		self.assert_refused(message, attachment_name="假图.png", attachment_base64=b64(b"<html><script>"))
		self.assert_refused(message, attachment_name="无扩展名", attachment_base64=b64(PNG))

	def test_unreadable_attachment_refused(self):
		self.assert_refused("附件无法读取", attachment_name="照片.png", attachment_base64="@@not base64@@")

	# --- status lookup -------------------------------------------------------------------------

	def test_status_with_right_phone(self):
		result = self.submit()
		status = api.get_complaint_status(result["tracking_number"], PHONE)
		self.assertEqual(status["tracking_number"], result["tracking_number"])
		self.assertEqual(status["status"], "待受理")
		self.assertEqual(status["compound"], COMPOUND_NAME)
		self.assertEqual(status["category"], "服务质量")
		self.assertEqual(status["received_on"], result["received_on"])
		self.assertEqual(status["resolution"], "")
		for step in status["progress"]:
			self.assertEqual(set(step), {"date", "action", "level"})

	def test_status_accepts_how_residents_type(self):
		result = self.submit()
		typed = result["tracking_number"].replace("-", " ").lower()
		status = api.get_complaint_status(typed, "139-1234-5678")
		self.assertEqual(status["tracking_number"], result["tracking_number"])

	def test_status_refused_alike_for_wrong_phone_unknown_or_sequential_number(self):
		result = self.submit()
		complaint = self.complaint_of(result)
		attempts = [
			(result["tracking_number"], "13900000000"),
			(result["tracking_number"], ""),
			("KKKK-KKKK-KKKK", PHONE),
			(complaint.name, PHONE),
			("", PHONE),
		]
		for tracking_number, phone in attempts:
			with self.assertRaises(frappe.DoesNotExistError) as caught:
				api.get_complaint_status(tracking_number, phone)
			self.assertIn("未找到与该投诉编号和电话相符的投诉", str(caught.exception))

	def test_status_shows_resolution_only_when_resolved(self):
		result = self.submit()
		complaint = self.complaint_of(result)
		frappe.db.set_value(
			"Complaint", complaint.name, {"workflow_state": "Resolved", "resolution": "已维修电梯。"}
		)
		status = api.get_complaint_status(result["tracking_number"], PHONE)
		self.assertEqual(status["status"], "已办结")
		self.assertEqual(status["resolution"], "已维修电梯。")
		self.assertEqual(status["deadline"], "")

	def test_status_leaks_nothing_else(self):
		mine = self.submit()
		other = self.submit(phone="13800000000", complainant_name="赵其他", description="另一件投诉的内容")
		complaint = self.complaint_of(mine)
		frappe.set_user("Administrator")
		frappe.get_doc("Complaint", complaint.name).db_set(
			"handling_note", "内部备注：联系人赵某 13700000000"
		)
		frappe.set_user("Guest")
		status = api.get_complaint_status(mine["tracking_number"], PHONE)
		self.assertEqual(
			set(status),
			{
				"tracking_number",
				"received_on",
				"category",
				"compound",
				"status",
				"level",
				"deadline",
				"progress",
				"resolution",
				"resolved_on",
				# the rating (回访, complaints/rating.py): whether it can be given now, the last one
				"can_rate",
				"satisfaction",
				"rated_on",
				"reopened",
			},
		)
		payload = json.dumps(status, ensure_ascii=False, default=str)
		for secret in (
			PHONE,
			"5678",
			NAME,
			self.enterprise,
			ENTERPRISE_NAME,
			complaint.name,
			other["tracking_number"],
			"13800000000",
			"赵其他",
			"另一件投诉",
			"内部备注",
			"13700000000",
			"Administrator",
			"Guest",
		):
			self.assertNotIn(secret, payload)

	# --- public choices ------------------------------------------------------------------------

	def test_compound_choices_give_names_only(self):
		rows = api.get_compounds(COMMUNITY)
		self.assertIn({"name": self.compound, "compound_name": COMPOUND_NAME}, [dict(r) for r in rows])
		self.assertTrue(all(set(row) == {"name", "compound_name"} for row in rows))
		self.assertNotIn(self.other_compound, [row["name"] for row in rows])
		# only communities answer
		self.assertEqual(api.get_compounds(AREA), [])
		self.assertEqual(api.get_compounds("不存在"), [])
		self.assertEqual(api.get_compounds(None), [])

	def test_area_choices_list_the_community(self):
		areas = {area["name"]: area["communities"] for area in api.get_area_choices()}
		self.assertIn(COMMUNITY, areas[AREA])
		self.assertIn("石人子沟街道办事处", areas)

	def test_category_choices_translated_and_active_only(self):
		choices = api.get_category_choices()
		self.assertIn({"value": CATEGORY, "label": "服务质量"}, choices)
		frappe.set_user("Administrator")
		frappe.db.set_value("Complaint Category", CATEGORY, "is_active", 0)
		self.assertNotIn(CATEGORY, [c["value"] for c in api.get_category_choices()])

	# --- the pages -----------------------------------------------------------------------------

	def render(self, route: str, **form) -> str:
		from frappe.website.serve import get_response_without_exception_handling

		frappe.local.form_dict = frappe._dict(form)
		try:
			return get_response_without_exception_handling(route).get_data(as_text=True)
		finally:
			frappe.local.form_dict = frappe._dict()

	def test_form_page_renders_for_guest_in_chinese(self):
		html = self.render("complaint")
		self.assertTrue('id="complaint-form"' in html and "提交投诉" in html and "服务质量" in html)
		self.assertTrue(f'<option value="{AREA}">{AREA}</option>' in html)
		# the choices handed to the page's script: areas with their communities, no compounds
		config = json.loads(
			html.split('<script type="application/json" id="complaint-config">')[1].split("</script>")[0]
		)
		areas = {area["name"]: area["communities"] for area in config["areas"]}
		self.assertIn(COMMUNITY, areas[AREA])
		self.assertEqual(config["messages"]["file_too_large"], "附件不能超过 5 MB。")
		self.assertFalse(self.compound in html, "compounds are fetched per community, not listed in the page")

	def test_status_page_escapes_what_comes_in(self):
		html = self.render("complaint-status", number='"><script>alert(1)</script>')
		self.assertTrue('id="status-form"' in html)
		self.assertFalse("<script>alert(1)" in html, "the tracking number from the URL must be escaped")
		self.assertTrue("&#34;&gt;&lt;script&gt;" in html)
