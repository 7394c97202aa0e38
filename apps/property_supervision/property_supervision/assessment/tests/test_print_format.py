# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The 考核评分表 print format (SPEC §7): Chinese text in the PDF (CJK fonts), the score sheet with
its totals, grade and signature lines, and HTML typed into a remark escaped."""

import io
import unicodedata

import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from property_supervision.assessment.tests import data
from property_supervision.tests.factories import (
	act,
	make_assessment,
	publish_assessment,
	save_as,
	score_everything,
	use_chinese,
)

PRINT_FORMAT = "考核评分表"
SCRIPT = '<script>alert("x")</script>'


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text; NFKC because the CJK font shares glyphs between ideographs and Kangxi
	radicals (一/⼀), which the text layer may give back as either."""
	reader = PdfReader(io.BytesIO(pdf))
	text = "".join(page.extract_text() for page in reader.pages)
	return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\n", "").replace("\t", "")


def normalise(text: str) -> str:
	return unicodedata.normalize("NFKC", text).replace(" ", "")


class TestAssessmentPrintFormat(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = data.load("khf", ())
		doc = make_assessment(world.templates.community, data.COMMUNITY_A)
		doc = save_as(doc, "Administrator", self_score=[18, 9], remark=[SCRIPT + "按期化解"])
		doc = act(doc, "Submit Self Assessment")
		doc = score_everything(doc, 0.85)
		doc = act(doc, "Submit Scores")
		cls.doc = act(doc, "Publish Result")
		cls.vetoed = publish_assessment(make_assessment(world.templates.area, data.AREA), 1, veto=True)

	def setUp(self):
		use_chinese()

	def test_format_is_standard_jinja_with_cjk_font(self):
		print_format = frappe.get_doc("Print Format", PRINT_FORMAT)
		self.assertEqual(print_format.doc_type, "Assessment")
		self.assertEqual(print_format.print_format_type, "Jinja")
		self.assertEqual(print_format.standard, "Yes")
		self.assertIn('"Noto Sans CJK SC"', print_format.html)
		self.assertEqual(frappe.get_meta("Assessment").default_print_format, PRINT_FORMAT)

	def test_html_escapes_remarks(self):
		html = frappe.get_print("Assessment", self.doc.name, print_format=PRINT_FORMAT)
		body = html[html.index('<div class="ps-assessment">') :]
		self.assertNotIn("<script>alert", body)

	def test_pdf_has_the_chinese_score_sheet(self):
		pdf = frappe.get_print("Assessment", self.doc.name, print_format=PRINT_FORMAT, as_pdf=True)
		text = pdf_text(pdf)
		for expected in (
			f"{data.YEAR}年度{data.COMMUNITY_A}考核评分表",
			"序号",
			"考核内容",
			"分值",
			"指标值",
			"自评分",
			"评分",
			"备注",
			"一票否决",
			"矛盾纠纷化解在社区",
			"诚信信息采集上报",
			"合计",
			"考核等级",
			"良好",
			"被考核单位（盖章）",
			"考核单位（盖章）",
			"审核人签字",
			data.AREA,
		):
			self.assertIn(normalise(expected), text)
		self.assertIn(str(self.doc.total_score).rstrip("0").rstrip("."), text)

	def test_pdf_shows_the_veto(self):
		text = pdf_text(
			frappe.get_print("Assessment", self.vetoed.name, print_format=PRINT_FORMAT, as_pdf=True)
		)
		for expected in (
			"不合格（一票否决）",
			"■适用",
			"发生重大物业管理事件或造成不良影响",
			"区综合考核工作领导小组办公室",
		):
			self.assertIn(normalise(expected), text)
