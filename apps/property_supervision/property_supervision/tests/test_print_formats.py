# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Print formats are the administrators' (SPEC §7, issue 11): every shipped format is its DocType's
default and prints, as PDF, its title, the Letter Head, page margins and Chinese text; labels come
from the DocType's meta, so a label changed in Customize Form reaches the PDF; a format made in the
Print Format Builder and the generic format print with heading and margins even on Debian's
wkhtmltopdf; full phone and ID numbers never appear in any format."""

import io
import json
import unicodedata

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader
from pypdf._text_extraction import mult

from property_supervision.printing import LETTER_HEAD, create_letter_head, ps_label, supervising_unit_name
from property_supervision.tests.factories import (
	use_chinese,
)

MM = 72 / 25.4  # PDF points per millimetre
PHONE = "13912345678"
ID_NUMBER = "65010219800101001X"

# DocType -> (shipped format, a few fields with Chinese values, a field whose label it prints)
SHIPPED = {
	"Complaint": (
		"投诉受理单",
		{"description": "楼道照明损坏无人维修", "complainant_phone": PHONE},
		"description",
	),
	"Property Enterprise": (
		"物业服务企业备案表",
		{"enterprise_name": "乌鲁木齐测试物业服务有限公司"},
		"legal_representative",
	),
	"Publicity Record": (
		"公共收益收支公示表",
		{"publicity_location": "小区东门公告栏"},
		"publicity_location",
	),
	"Owners Committee": (
		"业主委员会备案表",
		{"compound_name": "测试花园小区", "remarks": "首届业主委员会"},
		"assembly_established_on",
	),
	"Handover Inspection": ("承接查验报告", {"compound_name": "测试新苑小区"}, "delivery_date"),
	"Joint Meeting": (
		"联席会议纪要",
		{"minutes": "各方同意限期整改", "topic": "电梯维修争议"},
		"meeting_date",
	),
	"Training Session": (
		"培训签到表",
		{"title": "物业服务规范培训", "location": "区建设局三楼会议室"},
		"trainer",
	),
	"Assessment": ("考核评分表", {"review_note": "材料齐全，评分属实"}, "review_note"),
	"Rectification Notice": ("责令限期整改通知书", {"finding": "消防通道被杂物堵塞"}, "deadline"),
}


# the CJK font shares glyphs between ideographs and radicals, which the text layer may give back
RADICALS = str.maketrans("⻬⻔⻅戶⻓⻜⻢⻚⻛⻋⻘⻝⻩⻣⻨⻰⻳", "齐门见户长飞马页风车青食黄骨麦龙龟")


def normalise(text: str) -> str:
	"""NFKC for Kangxi radicals (一/⼀), a table for the supplement's (齐/⻬)."""
	text = unicodedata.normalize("NFKC", text or "").translate(RADICALS)
	return text.replace(" ", "").replace("\n", "").replace("\t", "")


class PDF:
	def __init__(self, data: bytes):
		self.reader = PdfReader(io.BytesIO(data))
		self.page = self.reader.pages[0]
		self.items = []

		def visit(text, cm, tm, font_dict, font_size):
			if text.strip():
				matrix = mult(tm, cm)
				self.items.append((matrix[4], matrix[5], text))

		self.text = normalise(
			"".join(
				page.extract_text(visitor_text=visit if page is self.page else None)
				for page in self.reader.pages
			)
		)

	@property
	def left_margin_mm(self) -> float:
		return (min(x for x, _y, _t in self.items) - float(self.page.mediabox.left)) / MM

	@property
	def top_margin_mm(self) -> float:
		return (float(self.page.mediabox.top) - max(y for _x, y, _t in self.items)) / MM


def fake(doctype: str, **values):
	"""An unsaved document with a name, rendered as the print view renders a saved one."""
	doc = frappe.new_doc(doctype)
	doc.update(values)
	doc.name = doc.name or f"PRINT-TEST-{frappe.scrub(doctype).upper()}"
	return doc


def render(doc, print_format: str | None = None) -> PDF:
	return PDF(frappe.get_print(doc.doctype, doc.name, print_format=print_format, doc=doc, as_pdf=True))


class TestPrintFormats(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_letter_head()
		cls.letter_head = frappe.get_doc("Letter Head", frappe.db.get_value("Letter Head", {"is_default": 1}))
		# the framework's default: the heading goes into a repeated header (what broke the PDFs)
		frappe.db.set_single_value("Print Settings", "repeat_header_footer", 1)
		frappe.db.set_single_value("Print Settings", "with_letterhead", 1)

	def setUp(self):
		use_chinese()
		frappe.set_user("Administrator")

	def assert_page_geometry(self, pdf: PDF):
		self.assertEqual(len(pdf.reader.pages[0].mediabox), 4)
		self.assertAlmostEqual(float(pdf.page.mediabox.width) / MM, 210, delta=1)  # A4
		self.assertGreaterEqual(pdf.left_margin_mm, 14, "no left margin")
		self.assertGreaterEqual(pdf.top_margin_mm, 14, "no top margin")

	def test_letter_head_is_created_once_as_default(self):
		self.assertTrue(self.letter_head.is_default)
		self.assertEqual(self.letter_head.name, LETTER_HEAD)
		self.assertIn(supervising_unit_name(), self.letter_head.content)
		self.assertNotIn("区区", supervising_unit_name())
		create_letter_head()
		self.assertEqual(frappe.db.count("Letter Head", {"letter_head_name": LETTER_HEAD}), 1)

	def test_every_shipped_format_is_its_doctypes_default(self):
		for doctype, (print_format, _values, _field) in SHIPPED.items():
			with self.subTest(doctype=doctype):
				self.assertEqual(frappe.get_meta(doctype).default_print_format, print_format)
				self.assertEqual(frappe.db.get_value("Print Format", print_format, "doc_type"), doctype)

	def test_shipped_formats_print_title_letter_head_margins_and_chinese(self):
		unit = normalise(supervising_unit_name())
		for doctype, (print_format, values, fieldname) in SHIPPED.items():
			with self.subTest(print_format=print_format):
				html = frappe.db.get_value("Print Format", print_format, "html")
				self.assertIn("ps_label(", html, "labels must come from the DocType's meta")
				pdf = render(fake(doctype, **values))  # no format named: the DocType's default
				self.assertIn(normalise(print_format), pdf.text)
				self.assertIn(unit, pdf.text, "the Letter Head's unit name")
				self.assertIn("出具单位(盖章)", pdf.text, "the Letter Head's seal line, in Chinese")
				for value in values.values():
					if value not in (PHONE,):
						self.assertIn(normalise(value), pdf.text)
				label = frappe._(frappe.get_meta(doctype).get_label(fieldname), context=doctype)
				self.assertIn(normalise(label), pdf.text)
				self.assert_page_geometry(pdf)

	def test_label_changed_in_customize_form_reaches_the_pdf(self):
		make_property_setter("Complaint", "description", "label", "诉求详细情况", "Data")
		make_property_setter("Residential Compound", "household_count", "label", "总户数（套）", "Data")
		frappe.clear_cache(doctype="Complaint")
		frappe.clear_cache(doctype="Residential Compound")
		try:
			pdf = render(fake("Complaint", description="门禁损坏"))
			self.assertIn("诉求详细情况", pdf.text)
			pdf = render(fake("Property Enterprise", enterprise_name="测试物业公司"))
			self.assertIn(normalise("总户数（套）"), pdf.text)
		finally:
			frappe.db.delete(
				"Property Setter",
				{
					"doc_type": ("in", ["Complaint", "Residential Compound"]),
					"value": ("in", ["诉求详细情况", "总户数（套）"]),
				},
			)
			frappe.clear_cache(doctype="Complaint")
			frappe.clear_cache(doctype="Residential Compound")

	def make_builder_format(self, name: str) -> str:
		"""A format as the Print Format Builder saves it."""
		if frappe.db.exists("Print Format", name):
			frappe.delete_doc("Print Format", name, force=True)
		fields = ["complainant_name", "complainant_phone", "description", "received_via", "handling_log"]
		format_data = [{"fieldname": "_custom_html", "fieldtype": "Section Break", "label": ""}] + [
			{"fieldname": f, "print_hide": 0} for f in fields
		]
		doc = frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": name,
				"doc_type": "Complaint",
				"standard": "No",
				"print_format_builder": 1,
				"format_data": json.dumps(format_data),
			}
		).insert()
		return doc.name

	def test_builder_and_generic_formats_print_heading_margins_and_chinese(self):
		builder = self.make_builder_format("投诉简表（测试）")
		doc = fake("Complaint", complainant_name="王测试", description="小区路灯不亮", received_via="Phone")
		for print_format in (builder, "Standard"):
			with self.subTest(print_format=print_format):
				pdf = render(fake("Complaint", **doc.as_dict(no_default_fields=True)), print_format)
				self.assertIn(normalise(frappe._("Complaint")), pdf.text)  # the heading: 投诉
				self.assertIn(doc.name, pdf.text.replace("\u2010", "-"))
				self.assertIn("王测试", pdf.text)
				self.assertIn("小区路灯不亮", pdf.text)
				self.assertIn(normalise(frappe._("Phone")), pdf.text)  # the Select value, translated
				# the field's label as the form shows it (投诉内容), not a context-free translation (描述)
				self.assertIn(normalise(ps_label("Complaint", "description")), pdf.text)
				self.assertIn(normalise(supervising_unit_name()), pdf.text)
				self.assertNotIn("锶", pdf.text)
				self.assert_page_geometry(pdf)

	def test_duplicated_shipped_format_prints_like_the_original(self):
		copy = frappe.copy_doc(frappe.get_doc("Print Format", "投诉受理单"))
		copy.name = "投诉受理单（本区）"
		copy.standard = "No"
		copy.html = copy.html.replace("<h1>", "<h1>本区").replace(
			"ps-complaint h1 {", "ps-complaint h1 { color: #900;"
		)
		copy.insert()
		pdf = render(fake("Complaint", description="垃圾清运不及时"), copy.name)
		self.assertIn("本区", pdf.text)
		self.assertIn("垃圾清运不及时", pdf.text)
		self.assert_page_geometry(pdf)

	def test_masked_numbers_stay_masked_in_every_format(self):
		builder = self.make_builder_format("投诉含电话（测试）")
		for print_format in ("投诉受理单", builder, "Standard"):
			with self.subTest(print_format=print_format):
				pdf = render(
					fake("Complaint", complainant_name="李测试", complainant_phone=PHONE), print_format
				)
				self.assertNotIn(PHONE, pdf.text)
				self.assertIn("139****5678", pdf.text)
		member = {"member_name": "赵委员", "member_role": "Director", "phone": PHONE, "id_number": ID_NUMBER}
		for print_format in ("业主委员会备案表", "Standard"):
			with self.subTest(print_format=print_format):
				committee = fake("Owners Committee", compound_name="测试小区")
				committee.append("members", member)
				pdf = render(committee, print_format)
				self.assertIn("赵委员", pdf.text)
				self.assertNotIn(PHONE, pdf.text)
				self.assertNotIn(ID_NUMBER, pdf.text)
		practitioner = fake("Property Practitioner", full_name="钱从业", id_number=ID_NUMBER, phone=PHONE)
		pdf = render(practitioner, "Standard")
		self.assertIn("钱从业", pdf.text)
		self.assertNotIn(ID_NUMBER, pdf.text)
		self.assertNotIn(PHONE, pdf.text)
