"""Intake rules live once (issue 9): the same input filed through the desk, the residents' web
form and Data Import stores the same name, phone and description (rules.text, rules.phone and
the controller's limits); the 12345 hotline API uses the same functions (api/hotline.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.csvutils import to_csv

from property_supervision.complaints import api
from property_supervision.complaints.tests import data
from property_supervision.rules.phone import canonical_phone
from property_supervision.rules.text import plain_text
from property_supervision.tests.factories import (
	make_category,
	make_community,
	make_complaint,
	make_compound,
	use_chinese,
)

AREA = "七纺片区管委会"
COMMUNITY = "受理口径测试社区"
COMPOUND_NAME = "受理口径测试小区"
FILE_NAME = "complaint_intake_test.csv"
TYPED = {
	"complainant_name": "  李<b>测试</b>\x07 ",
	"complainant_phone": "139-1234-5678",
	"description": "电梯<script>alert(1)</script>坏了 &lt;b&gt;急&lt;/b&gt;\r\n请尽快 a<b",
}
STORED = {
	"complainant_name": "李测试",
	"complainant_phone": "13912345678",
	"description": "电梯坏了 急\n请尽快 a＜b",
}


class TestOneIntake(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_community(COMMUNITY, AREA)
		cls.compound = make_compound(COMPOUND_NAME, COMMUNITY)
		make_category(data.QUALITY)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def stored(self, name: str) -> dict:
		return frappe.db.get_value("Complaint", name, list(STORED), as_dict=True)

	def test_rules(self):
		self.assertEqual(canonical_phone("139 1234 5678"), "13912345678")
		self.assertEqual(canonical_phone("+86 139-1234-5678"), "13912345678")
		self.assertEqual(canonical_phone("0991-4612345"), "0991-4612345")  # landlines keep it
		self.assertEqual(plain_text("A & B"), "A & B")
		self.assertEqual(plain_text("<iframe src=x></iframe><noscript>n</noscript>ok"), "ok")
		self.assertEqual(plain_text("&amp;lt;img src=x onerror=alert(1)&amp;gt;"), "")

	def test_desk_web_and_import_store_the_same(self):
		desk = make_complaint(self.compound, data.QUALITY, **TYPED)
		self.assertEqual(self.stored(desk.name), STORED)

		use_chinese()
		frappe.set_user("Guest")
		web = api.submit_complaint(
			phone=TYPED["complainant_phone"],
			description=TYPED["description"],
			category=data.QUALITY,
			compound=self.compound,
			community=COMMUNITY,
			complainant_name=TYPED["complainant_name"],
		)
		frappe.set_user("Administrator")
		web_name = frappe.db.get_value("Complaint", {"tracking_key": web["tracking_number"]}, "name")
		self.assertEqual(self.stored(web_name), STORED)

		imported = self.import_rows([TYPED])
		self.assertEqual([self.stored(name) for name in imported], [STORED])

	def import_rows(self, rows: list[dict]) -> list[str]:
		meta = frappe.get_meta("Complaint")
		fields = ["compound", "category", "received_via", *STORED]
		header = [meta.get_label(f) for f in fields]
		body = [[self.compound, data.QUALITY, "Window", *(row[f] for f in STORED)] for row in rows]
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": FILE_NAME,
				"content": to_csv([header, *body]),
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		before = set(frappe.get_all("Complaint", {"compound": self.compound}, pluck="name"))
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Complaint",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		frappe.db.commit()
		data_import.start_import()
		data_import.reload()
		self.assertEqual(data_import.status, "Success", data_import.name)
		return sorted(set(frappe.get_all("Complaint", {"compound": self.compound}, pluck="name")) - before)
