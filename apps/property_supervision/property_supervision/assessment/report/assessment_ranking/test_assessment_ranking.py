# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""`Assessment Ranking`: published results ranked per level (veto last), unpublished ones only for
the assessment office on request, and each user sees only the rows of their own scope."""

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.report.assessment_ranking.assessment_ranking import execute
from property_supervision.assessment.tests import data
from property_supervision.tests.factories import (
	make_assessment,
	publish_assessment,
	use_chinese,
)

REPORT = "Assessment Ranking"


class TestAssessmentRanking(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = data.load(
			"khr",
			(
				"area_officer",
				"enterprise_user",
				"other_enterprise_user",
				"other_community_officer",
				"unscoped_officer",
				"assessment_officer",
			),
		)
		cls.users = world.users
		templates = world.templates
		cls.area = publish_assessment(make_assessment(templates.area, data.AREA), fraction=0.7).name
		cls.other_area = publish_assessment(
			make_assessment(templates.area, data.OTHER_AREA), fraction=0.95
		).name
		cls.community_a = publish_assessment(make_assessment(templates.community, data.COMMUNITY_A), 0.85).name
		# the best points, but a veto applies: ranked last
		cls.community_b = publish_assessment(
			make_assessment(templates.community, data.COMMUNITY_B), 1, veto=True
		).name
		cls.community_c = publish_assessment(make_assessment(templates.community, data.COMMUNITY_C), 0.6).name
		cls.enterprise = publish_assessment(
			make_assessment(templates.enterprise, world.enterprises[1]), 0.9
		).name
		# still being scored: not ranked by default
		cls.unpublished = make_assessment(templates.enterprise, world.enterprises[2]).name
		cls.ours = {
			cls.area,
			cls.other_area,
			cls.community_a,
			cls.community_b,
			cls.community_c,
			cls.enterprise,
			cls.unpublished,
		}

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, **filters) -> list[dict]:
		_columns, data_rows, *_rest = execute({"year": data.YEAR, **filters})
		return [r for r in data_rows if r["assessment"] in self.ours]

	def test_ranks_per_level_with_veto_last(self):
		rows = self.rows(target_type="Community")
		self.assertEqual(
			[r["assessment"] for r in rows], [self.community_a, self.community_c, self.community_b]
		)
		all_communities = execute({"year": data.YEAR, "target_type": "Community"})[1]
		ranks = {r["assessment"]: r["rank"] for r in all_communities}
		self.assertLess(ranks[self.community_a], ranks[self.community_c])
		self.assertEqual(ranks[self.community_b], max(ranks.values()))
		vetoed = next(r for r in rows if r["assessment"] == self.community_b)
		self.assertEqual(vetoed["grade_label"], "不合格")
		self.assertEqual(vetoed["total_score"], 100)
		self.assertTrue(vetoed["veto_triggered"])
		self.assertEqual(vetoed["level"], "社区")

	def test_all_levels_and_names(self):
		rows = self.rows()
		self.assertEqual({r["assessment"] for r in rows}, self.ours - {self.unpublished})
		enterprise = next(r for r in rows if r["assessment"] == self.enterprise)
		self.assertEqual(enterprise["target_title"], data.ENTERPRISE_1)
		self.assertEqual(enterprise["target_doctype"], "Property Enterprise")
		self.assertEqual(enterprise["grade_label"], "优秀")
		area = next(r for r in rows if r["assessment"] == self.area)
		self.assertEqual(
			(area["target_name"], area["jurisdiction"], area["grade_label"]), (data.AREA, data.AREA, "合格")
		)

	def test_unpublished_only_for_the_assessment_office(self):
		frappe.set_user(self.users.assessment_officer)
		self.assertIn(self.unpublished, {r["assessment"] for r in self.rows(include_unpublished=1)})
		self.assertNotIn(self.unpublished, {r["assessment"] for r in self.rows()})
		# others cannot ask for them: the enterprise's own unpublished assessment stays hidden
		frappe.set_user(self.users.other_enterprise_user)
		self.assertEqual(self.rows(include_unpublished=1), [])

	def test_area_officer_sees_its_area_only(self):
		frappe.set_user(self.users.area_officer)
		self.assertEqual(
			{r["assessment"] for r in self.rows()}, {self.area, self.community_a, self.community_b}
		)
		# through the desk's report runner as well
		result = run_report(REPORT, filters={"year": data.YEAR})
		self.assertEqual(
			{r["assessment"] for r in result["result"] if isinstance(r, dict) and r.get("assessment")},
			{self.area, self.community_a, self.community_b},
		)

	def test_enterprise_user_sees_its_enterprise_only(self):
		frappe.set_user(self.users.enterprise_user)
		self.assertEqual({r["assessment"] for r in self.rows()}, {self.enterprise})
		result = run_report(REPORT, filters={"year": data.YEAR})
		self.assertEqual({r["assessment"] for r in result["result"]}, {self.enterprise})

	def test_outsiders_see_nothing(self):
		for user in (self.users.other_community_officer, self.users.unscoped_officer):
			frappe.set_user(user)
			visible = {r["assessment"] for r in self.rows()}
			self.assertNotIn(self.area, visible)
			self.assertNotIn(self.community_a, visible)
			self.assertNotIn(self.enterprise, visible)
		frappe.set_user(self.users.unscoped_officer)
		self.assertEqual(execute({"year": data.YEAR})[1], [])

	def test_year_is_required(self):
		with self.assertRaisesRegex(frappe.ValidationError, "请选择考核年度"):
			execute({})
		with self.assertRaisesRegex(frappe.ValidationError, "请选择考核层级"):
			execute({"year": data.YEAR, "target_type": "District"})
