# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""The Assessment controller: the score sheet from the template, the target and its scope, one
assessment per year, template and target, who may score what in which state, the totals, the
veto and the grade, and the indicators from live data."""

from datetime import date

import frappe
import frappe.client
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.doctype.assessment.assessment import refresh_indicators
from property_supervision.assessment.tests import data
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.tests.factories import (
	act,
	make_assessment,
	publish_assessment,
	save_as,
	score_everything,
	use_chinese,
)


def stored(doc, fieldname: str) -> list:
	"""The values of a score-sheet column as saved in the database."""
	return frappe.get_all(
		"Assessment Score", filters={"parent": doc.name}, order_by="idx asc", pluck=fieldname
	)


class TestAssessment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = data.load(
			"kht",
			(
				"community_officer",
				"other_community_officer",
				"area_officer",
				"enterprise_user",
				"assessment_officer",
			),
		)
		cls.users = cls.world.users
		cls.templates = cls.world.templates
		cls.enterprise = cls.world.enterprises[1]

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("assessment_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="assessment_test")

	def community_assessment(self, community: str = data.COMMUNITY_A):
		return make_assessment(self.templates.community, community)

	# the score sheet and the target
	# ------------------------------

	def test_created_from_the_template(self):
		doc = self.community_assessment()
		template = frappe.get_doc("Assessment Template", self.templates.community)
		self.assertEqual([r.criterion for r in doc.scores], [c.criterion for c in template.criteria])
		self.assertEqual([r.max_score for r in doc.scores], [c.max_score for c in template.criteria])
		self.assertEqual([r.is_veto for r in doc.scores], [c.is_veto for c in template.criteria])
		self.assertEqual(doc.target_type, "Community")
		self.assertEqual(doc.target_doctype, "Jurisdiction")
		self.assertEqual(doc.jurisdiction, data.COMMUNITY_A)
		self.assertFalse(doc.enterprise)
		self.assertEqual(doc.workflow_state, "Self Assessment")
		self.assertEqual(str(doc.period_end), f"{data.YEAR}-12-31")
		# the area assesses its communities
		self.assertEqual(doc.assessor_unit, data.AREA)
		self.assertFalse(doc.grade)

		area = make_assessment(self.templates.area, data.AREA)
		self.assertEqual(area.jurisdiction, data.AREA)
		self.assertEqual(area.assessor_unit, data.ASSESSMENT_OFFICE)

		enterprise = make_assessment(self.templates.enterprise, self.enterprise)
		self.assertEqual(enterprise.target_doctype, "Property Enterprise")
		self.assertEqual(enterprise.enterprise, self.enterprise)
		self.assertFalse(enterprise.jurisdiction)
		self.assertEqual(
			enterprise.assessor_unit,
			frappe.db.get_value("Supervision Unit", {"is_supervision_office": 1}, "name"),
		)

	def test_target_must_match_the_template(self):
		count = frappe.db.count("Assessment")
		with self.assertRaisesRegex(
			frappe.ValidationError,
			f"考核模板“{self.templates.area}”的考核对象为片区（街道），“{data.COMMUNITY_A}”不属于此类",
		):
			make_assessment(self.templates.area, data.COMMUNITY_A)
		with self.assertRaisesRegex(frappe.ValidationError, f"“{data.AREA}”不属于此类"):
			make_assessment(self.templates.community, data.AREA)
		with self.assertRaisesRegex(frappe.ValidationError, "不属于此类"):
			frappe.get_doc(
				{
					"doctype": "Assessment",
					"assessment_year": data.YEAR,
					"template": self.templates.community,
					"target_doctype": "Property Enterprise",
					"target_name": self.enterprise,
				}
			).insert()
		self.assertEqual(frappe.db.count("Assessment"), count)

	def test_one_assessment_per_year_template_and_target(self):
		first = self.community_assessment()
		duplicate = frappe.get_doc(
			{
				"doctype": "Assessment",
				"assessment_year": data.YEAR,
				"template": self.templates.community,
				"target_doctype": "Jurisdiction",
				"target_name": data.COMMUNITY_A,
			}
		)
		with self.assertRaisesRegex(
			frappe.DuplicateEntryError,
			f"{data.COMMUNITY_A}已有{data.YEAR}年度“{self.templates.community}”考核（{first.name}），不能重复创建",
		):
			duplicate.insert()
		self.assertEqual(
			frappe.db.count(
				"Assessment",
				{
					"assessment_year": data.YEAR,
					"template": self.templates.community,
					"target_name": data.COMMUNITY_A,
				},
			),
			1,
		)
		# another year is another assessment
		self.assertNotEqual(
			make_assessment(self.templates.community, data.COMMUNITY_A, data.YEAR - 1).name, first.name
		)

	def test_year_out_of_range_refused(self):
		count = frappe.db.count("Assessment")
		with self.assertRaisesRegex(frappe.ValidationError, "考核年度必须在2015年至"):
			make_assessment(self.templates.community, data.COMMUNITY_B, year=2010)
		self.assertEqual(frappe.db.count("Assessment"), count)

	def test_inactive_template_refused(self):
		frappe.db.set_value("Assessment Template", self.templates.community, "is_active", 0)
		frappe.clear_document_cache("Assessment Template", self.templates.community)
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "未启用"):
				make_assessment(self.templates.community, data.COMMUNITY_B)
		finally:
			frappe.db.set_value("Assessment Template", self.templates.community, "is_active", 1)
			frappe.clear_document_cache("Assessment Template", self.templates.community)

	def test_criteria_cannot_be_changed(self):
		doc = self.community_assessment()
		before = stored(doc, "criterion")
		for change in (
			lambda d: setattr(d.scores[0], "criterion", "改过的内容"),
			lambda d: setattr(d.scores[0], "max_score", 50),
			lambda d: d.append("scores", {"criterion": "新增内容", "max_score": 5}),
			lambda d: d.remove(d.scores[-1]),
		):
			fresh = frappe.get_doc("Assessment", doc.name)
			change(fresh)
			with self.assertRaisesRegex(frappe.ValidationError, "考核内容来自考核模板，不能增删或修改"):
				fresh.save()
		self.assertEqual(stored(doc, "criterion"), before)

	def test_template_and_target_are_set_once(self):
		doc = self.community_assessment()
		doc.target_name = data.COMMUNITY_B
		with self.assertRaises(frappe.CannotChangeConstantError):
			doc.save()
		self.assertEqual(frappe.db.get_value("Assessment", doc.name, "target_name"), data.COMMUNITY_A)

	# scoring by state and by user
	# ----------------------------

	def test_scores_only_in_scoring_or_review(self):
		doc = self.community_assessment()
		with self.assertRaisesRegex(frappe.ValidationError, "只有在“评分”或“审核”阶段才能填写评分"):
			save_as(doc, "Administrator", score=[10])
		self.assertEqual(stored(doc, "score")[0], 0)

	def test_self_scores_only_in_self_assessment(self):
		doc = act(self.community_assessment(), "Submit Self Assessment")
		with self.assertRaisesRegex(frappe.ValidationError, "只有在“自评”阶段才能填写自评分"):
			save_as(doc, "Administrator", self_score=[10])
		self.assertEqual(stored(doc, "self_score")[0], 0)

	def test_score_never_above_the_maximum(self):
		doc = self.community_assessment()
		# the target's self score
		with self.assertRaisesRegex(frappe.ValidationError, "“矛盾纠纷化解在社区”的自评分必须在0到20分之间"):
			save_as(doc, self.users.community_officer, self_score=[21])
		self.assertEqual(stored(doc, "self_score")[0], 0)
		# the assessor's score (the area officer assesses the communities of the area)
		doc = act(doc, "Submit Self Assessment", self.users.community_officer)
		with self.assertRaisesRegex(frappe.ValidationError, "“矛盾纠纷化解在社区”的评分必须在0到20分之间"):
			save_as(doc, self.users.area_officer, score=[20.5])
		with self.assertRaisesRegex(frappe.ValidationError, "的评分必须在0到20分之间"):
			save_as(doc, self.users.area_officer, score=[-1])
		self.assertEqual(stored(doc, "score")[0], 0)

	def test_target_users_cannot_score(self):
		community = act(self.community_assessment(), "Submit Self Assessment")
		area = act(make_assessment(self.templates.area, data.AREA), "Submit Self Assessment")
		enterprise = act(
			make_assessment(self.templates.enterprise, self.enterprise), "Submit Self Assessment"
		)
		for doc, user in (
			(community, self.users.community_officer),
			(area, self.users.area_officer),
			(enterprise, self.users.enterprise_user),
		):
			with self.assertRaisesRegex(frappe.PermissionError, "被考核单位不能填写考核评分"):
				save_as(doc, user, score=[5])
			with self.assertRaisesRegex(frappe.PermissionError, "被考核单位不能填写考核评分"):
				save_as(doc, user, veto_applies=[1] * len(doc.scores))
			self.assertEqual(stored(doc, "score")[0], 0)

	def test_target_users_cannot_score_through_rest(self):
		doc = act(self.community_assessment(), "Submit Self Assessment")
		frappe.set_user(self.users.community_officer)
		payload = frappe.get_doc("Assessment", doc.name).as_dict()
		payload["scores"][0]["score"] = 20
		with self.assertRaisesRegex(frappe.PermissionError, "被考核单位不能填写考核评分"):
			frappe.client.save(payload)
		with self.assertRaisesRegex(frappe.PermissionError, "被考核单位不能填写考核评分"):
			frappe.client.set_value("Assessment Score", doc.scores[0].name, "score", 20)
		frappe.set_user("Administrator")
		self.assertEqual(stored(doc, "score")[0], 0)

	def test_area_officer_cannot_submit_scores_for_its_own_area(self):
		area = act(make_assessment(self.templates.area, data.AREA), "Submit Self Assessment")
		with self.assertRaisesRegex(frappe.PermissionError, "只有考核单位可以提交评分"):
			act(area, "Submit Scores", self.users.area_officer)
		self.assertEqual(frappe.db.get_value("Assessment", area.name, "workflow_state"), "Scoring")

	def test_assessor_cannot_enter_self_scores(self):
		doc = self.community_assessment()
		with self.assertRaisesRegex(frappe.PermissionError, "只有被考核单位或考核办公室可以填写自评分"):
			save_as(doc, self.users.area_officer, self_score=[10])
		self.assertEqual(stored(doc, "self_score")[0], 0)

	def test_target_users_cannot_change_office_fields(self):
		doc = self.community_assessment()
		frappe.set_user(self.users.community_officer)
		fresh = frappe.get_doc("Assessment", doc.name)
		fresh.period_end = date(data.YEAR, 6, 30)
		with self.assertRaisesRegex(frappe.PermissionError, "只有考核办公室可以修改“考核期截至”"):
			fresh.save()
		frappe.set_user("Administrator")
		self.assertEqual(str(frappe.db.get_value("Assessment", doc.name, "period_end")), f"{data.YEAR}-12-31")

	def test_target_cannot_change_remarks_after_self_assessment(self):
		doc = act(self.community_assessment(), "Submit Self Assessment")
		with self.assertRaisesRegex(frappe.PermissionError, "考核处于“评分”阶段，您不能修改"):
			save_as(doc, self.users.community_officer, remark=["补充说明"])
		self.assertFalse(stored(doc, "remark")[0])

	# totals, veto, grade
	# -------------------

	def test_totals_and_grade_by_bands(self):
		doc = publish_assessment(self.community_assessment(), fraction=0.95)
		expected = round(sum(round(r.max_score * 0.95, 1) for r in doc.scores), 1)
		self.assertEqual(doc.total_score, expected)
		self.assertEqual(doc.grade, "Excellent")
		self.assertFalse(doc.veto_triggered)

		good = publish_assessment(make_assessment(self.templates.community, data.COMMUNITY_B), fraction=0.85)
		self.assertEqual(good.grade, "Good")
		passed = publish_assessment(make_assessment(self.templates.area, data.AREA), fraction=0.7)
		self.assertEqual(passed.grade, "Pass")
		failed = publish_assessment(make_assessment(self.templates.area, data.OTHER_AREA), fraction=0.5)
		self.assertEqual(failed.grade, "Fail")

	def test_veto_caps_the_grade_at_fail(self):
		doc = publish_assessment(
			make_assessment(self.templates.enterprise, self.enterprise), fraction=1, veto=True
		)
		self.assertEqual(doc.total_score, 100)
		self.assertTrue(doc.veto_triggered)
		self.assertEqual(doc.grade, "Fail")

	def test_veto_only_on_veto_items(self):
		doc = act(self.community_assessment(), "Submit Self Assessment")
		doc = save_as(doc, "Administrator", veto_applies=[1])  # the first row is no veto item
		self.assertFalse(doc.scores[0].veto_applies)
		self.assertFalse(doc.veto_triggered)

	def test_workflow_path_to_published(self):
		doc = self.community_assessment()
		doc = save_as(doc, self.users.community_officer, self_score=[18, 9, 14])
		self.assertEqual(doc.self_total, 41)
		doc = act(doc, "Submit Self Assessment", self.users.community_officer)
		self.assertEqual(doc.workflow_state, "Scoring")
		doc = save_as(
			doc,
			self.users.area_officer,
			score=[round(r.max_score * 0.8, 1) for r in doc.scores],
			remark=["按期化解矛盾纠纷"],
		)
		doc = act(doc, "Submit Scores", self.users.area_officer)
		self.assertEqual(doc.workflow_state, "Review")
		# the area officer may not publish; the assessment officer may
		with self.assertRaises(frappe.ValidationError):
			act(doc, "Publish Result", self.users.area_officer)
		doc = act(doc, "Publish Result", self.users.assessment_officer)
		self.assertEqual(doc.workflow_state, "Published")
		self.assertEqual(doc.total_score, 80)
		self.assertEqual(doc.self_total, 41)
		self.assertEqual(doc.grade, "Good")
		# published results stay as they are
		with self.assertRaisesRegex(frappe.ValidationError, "只有在“评分”或“审核”阶段才能填写评分"):
			save_as(doc, self.users.assessment_officer, score=[20])

	def test_enterprise_self_assessment(self):
		doc = make_assessment(self.templates.enterprise, self.enterprise)
		doc = save_as(doc, self.users.enterprise_user, self_score=[18, 10, 12])
		self.assertEqual(doc.self_total, 40)
		doc = act(doc, "Submit Self Assessment", self.users.enterprise_user)
		self.assertEqual(doc.workflow_state, "Scoring")

	def test_review_belongs_to_the_assessment_office(self):
		doc = act(self.community_assessment(), "Submit Self Assessment")
		doc = score_everything(doc, 0.8, user=self.users.area_officer)
		doc = act(doc, "Submit Scores", self.users.area_officer)
		with self.assertRaisesRegex(frappe.PermissionError, "考核处于“审核”阶段，您不能修改"):
			score_everything(doc, 0.9, user=self.users.area_officer)
		self.assertEqual(frappe.db.get_value("Assessment", doc.name, "total_score"), doc.total_score)
		# the assessment officer may correct a score while reviewing
		doc = save_as(doc, self.users.assessment_officer, score=[20])
		self.assertEqual(doc.scores[0].score, 20)

	def test_return_for_rescoring(self):
		doc = act(self.community_assessment(), "Submit Self Assessment")
		doc = score_everything(doc, 0.5)
		doc = act(doc, "Submit Scores")
		doc = act(doc, "Return for Rescoring", self.users.assessment_officer)
		self.assertEqual(doc.workflow_state, "Scoring")
		doc = score_everything(doc, 0.9, user=self.users.area_officer)
		self.assertEqual(doc.grade, "Excellent")

	# indicators
	# ----------

	def test_indicators_from_live_data(self):
		live = data.load_live_data(self.enterprise)
		frappe.db.set_value("Property Enterprise", self.enterprise, "credit_grade", "AA")
		doc = self.community_assessment()
		values = {r.indicator_key: r.indicator_value for r in doc.scores if r.indicator_key}
		self.assertEqual(values["Old Compound Coverage Rate"], "50.0% (1/2)")
		self.assertEqual(values["Complaint Resolution Rate"], "75.0% (3/4)")
		self.assertEqual(values["Complaint Overdue Rate"], "50.0% (2/4)")
		self.assertEqual(values["Publicity Compliance Rate"], "0.0% (0/1)")
		self.assertEqual(values["Training Attendance Rate"], "0.0% (0/1)")
		# rows without an indicator stay empty
		self.assertTrue(all(not r.indicator_value for r in doc.scores if not r.indicator_key))

		# the unmanaged compound came under management during the year
		set_management(live.unmanaged, "Fallback Agency", since=date(data.YEAR, 6, 1))
		frappe.set_user(self.users.community_officer)
		refreshed = refresh_indicators(doc.name)
		frappe.set_user("Administrator")
		self.assertIn({"criterion": "老旧小区管理服务覆盖率", "indicator_value": "100.0% (2/2)"}, refreshed)
		self.assertEqual(
			frappe.db.get_value(
				"Assessment Score",
				{"parent": doc.name, "indicator_key": "Old Compound Coverage Rate"},
				"indicator_value",
			),
			"100.0% (2/2)",
		)

		enterprise = make_assessment(self.templates.enterprise, self.enterprise)
		values = {r.indicator_key: r.indicator_value for r in enterprise.scores if r.indicator_key}
		self.assertEqual(values["Credit Grade"], "AA")
		self.assertEqual(values["Complaint Resolution Rate"], "75.0% (3/4)")
		self.assertEqual(values["Publicity Compliance Rate"], "0.0% (0/1)")
		self.assertEqual(values["Training Attendance Rate"], "0/0")

	def test_indicator_values_cannot_be_typed_in(self):
		doc = self.community_assessment()
		before = stored(doc, "indicator_value")
		fresh = frappe.get_doc("Assessment", doc.name)
		fresh.scores[0].indicator_value = "100%"
		fresh.save()
		self.assertEqual(stored(doc, "indicator_value"), before)

	def test_published_indicators_are_final(self):
		doc = publish_assessment(self.community_assessment())
		with self.assertRaisesRegex(frappe.ValidationError, "考核结果已发布，指标不能再刷新"):
			refresh_indicators(doc.name)

	def test_outsider_cannot_refresh(self):
		doc = self.community_assessment()
		frappe.set_user(self.users.other_community_officer)
		with self.assertRaises(frappe.PermissionError):
			refresh_indicators(doc.name)
