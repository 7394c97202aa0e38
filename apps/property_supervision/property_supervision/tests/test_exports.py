"""CSV exports open cleanly in Excel on Chinese Windows (issue 11): a UTF-8 byte-order mark, no
floating-point artefacts; checked on the framework's own list export."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.exports import BOM, polish_csv, polish_export_response, tidy_number
from property_supervision.tests.factories import (
	use_chinese,
)


class TestExports(FrappeTestCase):
	def test_float_artefacts_are_tidied_and_other_cells_kept(self):
		self.assertEqual(tidy_number("28000.000000000004"), "28000")
		self.assertEqual(tidy_number("0.30000000000000004"), "0.3")
		self.assertEqual(tidy_number("1.9999999999"), "2")
		for cell in ("12.5", "13912345678", "XQ-00003", "2026-01-01", "0.125", "博格达雅居"):
			self.assertEqual(tidy_number(cell), cell)

	def test_csv_gets_a_bom_once_and_keeps_quoting(self):
		content = polish_csv('"序号","小区名称","面积"\r\n1,"万科, 花园",0.30000000000000004\r\n'.encode())
		self.assertTrue(content.startswith(BOM.encode("utf-8")))
		self.assertEqual(polish_csv(content).count(BOM.encode("utf-8")), 1)
		text = content.decode("utf-8-sig")
		self.assertIn('"万科, 花园"', text)
		self.assertIn(",0.3", text)

	def test_list_export_of_the_framework_is_polished(self):
		use_chinese()
		from frappe.desk.reportview import export_query

		frappe.local.form_dict = frappe._dict(
			doctype="Complaint Category",
			file_format_type="CSV",
			fields='["`tabComplaint Category`.`name`"]',
			title="投诉类别",
		)
		export_query()
		self.assertFalse(frappe.response["filecontent"].startswith(BOM.encode("utf-8")))
		polish_export_response()
		content = frappe.response["filecontent"]
		self.assertTrue(content.startswith(BOM.encode("utf-8")))
		self.assertIn("序号", content.decode("utf-8-sig"))
