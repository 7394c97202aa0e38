# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from property_supervision.tests.factories import (
	inspection_dict,
	make_compound,
	make_enterprise,
	make_inspection,
	make_user,
	normalize_text,
	pdf_text,
	use_chinese,
)

COMMUNITY = "承接查验测试社区"


class TestHandoverInspection(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.compound = make_compound("承接查验测试小区", COMMUNITY, developer_name="测试房地产开发有限公司")
		cls.enterprise = make_enterprise("承接查验测试物业服务有限公司").name

	def setUp(self):
		use_chinese()

	def assertRefused(self, doc, message):
		before = frappe.db.count("Handover Inspection")
		with self.assertRaisesRegex(frappe.ValidationError, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Handover Inspection"), before)

	def test_insert_derives_dates_and_counts(self):
		doc = frappe.get_doc(
			inspection_dict(
				self.compound, self.enterprise, inspection_date="2026-06-10", delivery_date="2026-06-30"
			)
		).insert()
		self.assertTrue(doc.name.startswith("CJ-"))
		self.assertEqual(doc.workflow_state, "Draft")
		self.assertEqual(doc.jurisdiction, COMMUNITY)
		self.assertEqual(doc.developer_name, "测试房地产开发有限公司")
		self.assertEqual(doc.enterprise_name, "承接查验测试物业服务有限公司")
		self.assertEqual(getdate(doc.inspection_due_date), getdate("2026-06-15"))
		self.assertEqual(doc.inspection_late, 0)
		self.assertEqual(doc.open_defects, 1)
		defect = doc.items[1]
		self.assertEqual(getdate(defect.rectification_due), getdate("2026-07-10"))
		# an item that passed has nothing to rectify
		self.assertFalse(doc.items[0].rectification_due)

		doc.inspection_date = "2026-06-20"
		doc.save()
		self.assertEqual(doc.inspection_late, 1)
		# a deadline entered by hand is kept
		self.assertEqual(getdate(doc.items[1].rectification_due), getdate("2026-07-10"))

	def test_rectification_closes_defects(self):
		doc = frappe.get_doc(inspection_dict(self.compound, self.enterprise)).insert()
		self.assertEqual(doc.open_defects, 1)
		doc.items[1].rectified = 1
		doc.save()
		self.assertEqual(getdate(doc.items[1].rectified_on), getdate(nowdate()))
		self.assertEqual(doc.open_defects, 0)
		doc.items[1].rectified = 0
		doc.items[1].rectified_on = add_days(nowdate(), -1)
		doc.save()
		self.assertEqual(doc.items[1].rectified, 1)

	def test_bad_items_refused_in_chinese(self):
		inspected = add_days(nowdate(), -20)
		cases = [
			({"defect_description": ""}, "第 2 行：请填写发现的问题"),
			({"rectification_due": add_days(inspected, -1)}, "第 2 行：整改期限不得早于查验日期"),
			({"rectified_on": add_days(nowdate(), 1)}, "第 2 行：整改完成日期不得晚于今天"),
			({"rectified_on": add_days(inspected, -1)}, "第 2 行：整改完成日期不得早于查验日期"),
		]
		for fields, message in cases:
			values = inspection_dict(self.compound, self.enterprise, inspection_date=inspected)
			values["items"][1].update(fields)
			self.assertRefused(frappe.get_doc(values), message)

	def test_conclusion_must_fit_the_defects(self):
		self.assertRefused(
			frappe.get_doc(inspection_dict(self.compound, self.enterprise, conclusion="Passed")),
			"尚有 1 项问题未整改，查验结论不能为“合格”",
		)
		values = inspection_dict(self.compound, self.enterprise, conclusion="Passed with Rectification")
		values["items"] = [values["items"][0]]
		self.assertRefused(frappe.get_doc(values), "未发现问题时，查验结论不能为“整改后合格”")
		frappe.get_doc(
			inspection_dict(self.compound, self.enterprise, conclusion="Passed with Rectification")
		).insert()
		frappe.get_doc(inspection_dict(self.compound, self.enterprise, conclusion="Not Passed")).insert()

	def test_completion_needs_team_items_and_conclusion(self):
		cases = [
			({"team": []}, "办结承接查验前须填写查验组成员"),
			({"items": []}, "办结承接查验前须填写查验项目"),
			({}, "办结承接查验前须填写查验结论"),
			({"inspection_date": ""}, "办结承接查验前须填写查验日期"),
		]
		for fields, message in cases:
			doc = make_inspection(self.compound, self.enterprise, "In Progress", **fields)
			with self.assertRaisesRegex(frappe.ValidationError, message):
				apply_workflow(doc, "Mark Completed")
			self.assertEqual(
				frappe.db.get_value("Handover Inspection", doc.name, "workflow_state"), "In Progress"
			)

		doc = make_inspection(
			self.compound, self.enterprise, "In Progress", conclusion="Passed with Rectification"
		)
		doc = apply_workflow(doc, "Mark Completed")
		self.assertEqual(doc.workflow_state, "Completed")
		# once completed, a conclusion of Passed still needs every defect closed
		doc.conclusion = "Passed"
		with self.assertRaisesRegex(frappe.ValidationError, "尚有 1 项问题未整改"):
			doc.save()
		self.assertEqual(
			frappe.db.get_value("Handover Inspection", doc.name, "conclusion"), "Passed with Rectification"
		)
		doc.reload()
		doc.items[1].rectified_on = nowdate()
		doc.conclusion = "Passed"
		doc.save()
		self.assertEqual(doc.open_defects, 0)

	def test_team_unit_link_ignores_user_permissions(self):
		meta = frappe.get_meta("Handover Inspection Team Member")
		self.assertTrue(meta.get_field("unit").ignore_user_permissions)

	def test_settings_drive_the_numbers(self):
		settings = frappe.get_doc("Registry Settings")
		original = (settings.handover_lead_days, settings.rectification_days)
		try:
			settings.handover_lead_days = 30
			settings.rectification_days = 10
			settings.save()
			doc = frappe.get_doc(
				inspection_dict(
					self.compound, self.enterprise, inspection_date="2026-06-10", delivery_date="2026-06-30"
				)
			).insert()
			self.assertEqual(getdate(doc.inspection_due_date), getdate("2026-05-31"))
			self.assertEqual(doc.inspection_late, 1)
			self.assertEqual(getdate(doc.items[1].rectification_due), getdate("2026-06-20"))
		finally:
			settings.handover_lead_days, settings.rectification_days = original
			settings.save()


# v15's print view answers a document the user may not read as not found, not as forbidden
PRINT_REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)


class TestHandoverInspectionAccess(FrappeTestCase):
	"""Row-level access (by jurisdiction and by enterprise) on every path, and the print format."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.enterprise = make_enterprise("查验权限甲物业服务有限公司").name
		cls.other_enterprise = make_enterprise("查验权限乙物业服务有限公司").name
		cls.own = make_inspection(
			make_compound("查验权限甲小区", "查验权限甲社区", developer_name="甲房地产开发有限公司"),
			cls.enterprise,
			"Completed",
			conclusion="Passed with Rectification",
			conclusion_details="电梯问题限期30日内整改，其余项目合格。",
		)
		cls.other = make_inspection(
			make_compound("查验权限乙小区", "查验权限乙社区", area="新民路片区管委会"), cls.other_enterprise
		)
		cls.area_officer = make_user("hi.access.area@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", "七纺片区管委会", cls.area_officer)
		cls.enterprise_user = make_user("hi.access.enterprise@example.com", ["Enterprise User"]).name
		frappe.permissions.add_user_permission("Property Enterprise", cls.enterprise, cls.enterprise_user)
		cls.outsider = make_user("hi.access.outsider@example.com", ["Joint Meeting Member"]).name

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertSeesOnlyOwn(self, user):
		from property_supervision.api.search import search_link

		frappe.set_user(user)
		self.assertTrue(frappe.has_permission("Handover Inspection", doc=self.own.name))
		self.assertFalse(frappe.has_permission("Handover Inspection", doc=self.other.name))
		visible = frappe.get_list("Handover Inspection", pluck="name", limit_page_length=0)
		self.assertIn(self.own.name, visible)
		self.assertNotIn(self.other.name, visible)
		found = {
			r["value"] for r in search_link("Handover Inspection", "查验权限", ignore_user_permissions=1)
		}
		self.assertEqual(found, {self.own.name})
		self.assertEqual(frappe.client.get("Handover Inspection", self.own.name)["name"], self.own.name)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Handover Inspection", self.other.name)
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Handover Inspection", self.other.name, print_format="承接查验报告")

	def test_area_officer_sees_only_own_subtree(self):
		self.assertSeesOnlyOwn(self.area_officer)

	def test_enterprise_user_sees_only_own_enterprise_and_cannot_write(self):
		self.assertSeesOnlyOwn(self.enterprise_user)
		self.assertFalse(frappe.has_permission("Handover Inspection", "write", doc=self.own.name))
		self.assertFalse(frappe.has_permission("Handover Inspection", "create"))

	def test_outsider_refused(self):
		frappe.set_user(self.outsider)
		self.assertFalse(frappe.has_permission("Handover Inspection", doc=self.own.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Handover Inspection")
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Handover Inspection", self.own.name)
		with self.assertRaises(PRINT_REFUSED):
			frappe.get_print("Handover Inspection", self.own.name, print_format="承接查验报告")

	def test_print_format_renders_chinese_pdf(self):
		frappe.set_user(self.enterprise_user)
		pdf = frappe.get_print("Handover Inspection", self.own.name, print_format="承接查验报告", as_pdf=True)
		text = pdf_text(pdf)
		for expected in (
			"承接查验报告",
			"查验权限甲小区",
			"甲房地产开发有限公司",
			"查验权限甲物业服务有限公司",
			"区建设局物业监督管理办公室",
			"王建国",
			"共用部位",
			"设备",
			"图纸资料",
			"3号楼电梯",
			"合格",
			"存在问题",
			"电梯年检标志过期",
			"未整改",
			"整改后合格",
			"电梯问题限期30日内整改",
			"建设单位（盖章）",
			"物业服务企业（盖章）",
			"区建设局（盖章）",
			"片区管委会（盖章）",
			"社区（盖章）",
		):
			self.assertIn(normalize_text(expected), text)
