"""The 投诉受理单 and 联席会议纪要 print formats (SPEC §7): Chinese text in the PDF (CJK fonts),
the complainant protected (anonymous name, masked phone), HTML in fields escaped, and printing
refused outside the user's scope."""

import io
import unicodedata

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime, today
from pypdf import PdfReader

from property_supervision.complaints.tests import data
from property_supervision.registry.doctype.supervision_unit.supervision_unit import get_supervision_office
from property_supervision.tests.factories import (
	make_area,
	make_category,
	make_community,
	make_complaint,
	make_compound,
	make_enterprise,
	make_user,
	set_figures,
	use_chinese,
)

COMPLAINT_FORMAT = "投诉受理单"
MEETING_FORMAT = "联席会议纪要"
SCRIPT = '<script>alert("x")</script><b>粗体</b>'


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text; NFKC because the CJK font shares glyphs between ideographs and Kangxi
	radicals (一/⼀), which the text layer may give back as either."""
	reader = PdfReader(io.BytesIO(pdf))
	text = "".join(page.extract_text() for page in reader.pages)
	return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\n", "")


PRINT_AREA = "打印测试片区管委会"
PRINT_COMMUNITY = "打印测试社区"
PRINT_ENTERPRISE = "打印测试物业服务有限公司"


def find_or_make_complaint(compound: str, description: str, **fields) -> str:
	return frappe.db.get_value("Complaint", {"description": description}, "name") or (
		make_complaint(compound, data.QUALITY, description=description, **fields).name
	)


class TestComplaintPrintFormats(FrappeTestCase):
	"""Its records live in an area of their own, apart from the statistics' known data set."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_area(PRINT_AREA)
		make_community(PRINT_COMMUNITY, PRINT_AREA)
		make_category(data.QUALITY)
		enterprise = make_enterprise(PRINT_ENTERPRISE).name
		compound = make_compound("打印测试小区", PRINT_COMMUNITY, enterprise=enterprise)
		cls.complaint = find_or_make_complaint(
			compound,
			"楼道照明损坏，物业拖延维修。",
			complainant_name="王秀英",
			complainant_phone="13987654321",
			received_via="12345 Hotline",
		)
		# as the handling would have left it: a log row, a resolution, satisfaction
		doc = frappe.get_doc("Complaint", cls.complaint)
		if not any(row.note == "已联系物业公司现场核查。" for row in doc.handling_log):
			doc.append(
				"handling_log",
				{
					"log_time": now_datetime(),
					"level": "Community",
					"user": "Administrator",
					"action": "Accept",
					"note": "已联系物业公司现场核查。",
				},
			)
			doc.db_update_all()
		set_figures(
			cls.complaint,
			resolution="物业公司已更换全部楼道灯具。",
			resolved_on=now_datetime(),
			satisfaction="Basically Satisfied",
			workflow_state="Resolved",
		)
		cls.anonymous = find_or_make_complaint(
			compound,
			"匿名投诉：夜间施工噪音。",
			complainant_name="赵匿名",
			complainant_phone="13911112222",
			is_anonymous=1,
		)
		cls.referred = find_or_make_complaint(compound, "小区停车位被长期占用，多次协调未果。")
		set_figures(cls.referred, workflow_state="Joint Meeting", current_level="Joint Meeting")
		cls.meeting = cls.make_meeting()
		cls.outsider = make_user("print.other.officer@example.com", ["Area Officer"]).name
		make_area(data.OTHER_AREA)
		frappe.permissions.add_user_permission("Jurisdiction", data.OTHER_AREA, cls.outsider)

	@classmethod
	def make_meeting(cls) -> str:
		existing = frappe.db.get_value("Joint Meeting", {"topic": "打印测试联席会议"})
		if existing:
			return existing
		office = get_supervision_office()
		meeting = frappe.get_doc(
			{
				"doctype": "Joint Meeting",
				"meeting_date": today(),
				"convener": office,
				"jurisdiction": PRINT_AREA,
				"location": "区建设局三楼会议室",
				"topic": "打印测试联席会议",
				"participants": [
					{"unit": office, "attendee": "陈主任", "attendee_role": "主任", "attended": 1},
				],
				"complaints": [
					{
						"complaint": cls.referred,
						"outcome": "Resolved",
						"decision": "责令物业公司十日内完成整改。",
						"is_upheld": 1,
					},
				],
				"minutes": "<p>会议听取了社区情况汇报。</p><p>与会单位一致同意整改方案。</p>",
				"resolutions": "一、物业公司限期整改；二、社区负责回访。",
			}
		)
		meeting.insert(ignore_permissions=True)
		return meeting.name

	def setUp(self):
		use_chinese()  # as the desk asks for it: the formats' default print language is zh

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_complaint_pdf_has_the_chinese_text(self):
		pdf = frappe.get_print("Complaint", self.complaint, print_format=COMPLAINT_FORMAT, as_pdf=True)
		text = pdf_text(pdf)
		# (pypdf reads CJK and digits back, but not always Latin letters mixed with digits, such
		# as the complaint number: that is checked in the HTML)
		for expected in (
			"投诉受理单",
			"王秀英",
			"139****4321",
			"12345热线",
			PRINT_COMMUNITY,
			PRINT_ENTERPRISE,
			"服务质量",
			"楼道照明损坏",
			"受理",
			"已联系物业公司现场核查",
			"物业公司已更换全部楼道灯具",
			"基本满意",
			"受理人",
			"处理单位（盖章）",
		):
			self.assertIn(unicodedata.normalize("NFKC", expected), text)
		self.assertNotIn("13987654321", text)

	def test_html_has_the_numbers(self):
		html = frappe.get_print("Complaint", self.complaint, print_format=COMPLAINT_FORMAT)
		tracking_key = frappe.db.get_value("Complaint", self.complaint, "tracking_key")
		self.assertIn(f"受理编号：{self.complaint}", html)
		if tracking_key:
			self.assertIn(f"查询码：{tracking_key}", html)
		html = frappe.get_print("Joint Meeting", self.meeting, print_format=MEETING_FORMAT)
		self.assertIn(self.referred, html)

	def test_anonymous_complainant_and_phone_are_not_printed(self):
		html = frappe.get_print("Complaint", self.anonymous, print_format=COMPLAINT_FORMAT)
		self.assertNotIn("赵匿名", html)
		self.assertIn("匿名", html)
		self.assertNotIn("13911112222", html)
		self.assertIn("139****2222", html)

	def test_html_in_fields_is_escaped(self):
		# stored as an import or an old record might hold it, past the desk's own sanitising
		set_figures(self.anonymous, description=SCRIPT, resolution=SCRIPT)
		try:
			html = frappe.get_print("Complaint", self.anonymous, print_format=COMPLAINT_FORMAT)
		finally:
			set_figures(self.anonymous, description="匿名投诉：夜间施工噪音。", resolution=None)
		self.assertNotIn("<script>alert", html)
		self.assertNotIn("<b>粗体</b>", html)
		self.assertIn("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", html)

	def test_meeting_pdf_has_the_chinese_text(self):
		pdf = frappe.get_print("Joint Meeting", self.meeting, print_format=MEETING_FORMAT, as_pdf=True)
		text = pdf_text(pdf)
		for expected in (
			"联席会议纪要",
			"打印测试联席会议",
			"区建设局三楼会议室",
			"陈主任",
			"责令物业公司十日内完成整改",
			"会议听取了社区情况汇报",
			"与会单位一致同意整改方案",
			"物业公司限期整改",
			"主持人（签字）",
			"参会单位（盖章）",
		):
			self.assertIn(unicodedata.normalize("NFKC", expected), text)

	def test_meeting_minutes_never_print_markup(self):
		frappe.db.set_value(
			"Joint Meeting", self.meeting, "minutes", f"<p>第一段</p><p>{SCRIPT}</p>", update_modified=False
		)
		try:
			html = frappe.get_print("Joint Meeting", self.meeting, print_format=MEETING_FORMAT)
		finally:
			frappe.db.set_value(
				"Joint Meeting",
				self.meeting,
				"minutes",
				"<p>会议听取了社区情况汇报。</p><p>与会单位一致同意整改方案。</p>",
				update_modified=False,
			)
		self.assertIn("<p>第一段</p>", html)
		self.assertNotIn("<script>alert", html)
		self.assertNotIn("<b>粗体</b>", html)

	def test_printing_outside_the_scope_is_refused(self):
		# v15's print view answers "not found" (DoesNotExistError) rather than disclose the record
		refused = (frappe.PermissionError, frappe.DoesNotExistError)
		frappe.set_user(self.outsider)
		with self.assertRaises(refused):
			frappe.get_print("Complaint", self.complaint, print_format=COMPLAINT_FORMAT)
		with self.assertRaises(refused):
			frappe.get_print("Complaint", self.complaint, print_format=COMPLAINT_FORMAT, as_pdf=True)
		with self.assertRaises(refused):
			frappe.get_print("Joint Meeting", self.meeting, print_format=MEETING_FORMAT)
