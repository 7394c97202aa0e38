"""Performance results and accountability (issue 14 item 5), from the outside: the district's
performance page ranks all ten areas from their published assessments (ties share a rank, a veto
ranks last); a withdrawn result re-ranks the year and a republished one comes back; a department
can be assessed; a veto opens an accountability record, whose decision shows on the result; bad
input is refused in Chinese and saves nothing; an officer of another area sees nothing of an
area's records on list, get and count, an enterprise user nothing at all."""

import json

import frappe
import frappe.desk.reportview
from frappe.tests.utils import FrappeTestCase

from property_supervision.api.assessment import open_accountability
from property_supervision.assessment.defaults import AREA_TEMPLATE, DEPARTMENT_TEMPLATE
from property_supervision.assessment.doctype.performance_settings.performance_settings import (
	create_performance_settings,
)
from property_supervision.assessment.performance import rebuild_all
from property_supervision.assessment.report.performance_results import performance_results
from property_supervision.assessment.tests import data
from property_supervision.roles import AREA_OFFICER, DISTRICT_SUPERVISOR
from property_supervision.setup.reference import read_reference_file
from property_supervision.tests.factories import (
	act,
	complete_supervision_inspection,
	deliver_notices,
	issue_notices,
	make_assessment,
	make_category,
	make_complaint,
	make_compound,
	make_scoped_user,
	make_supervision_inspection,
	normalize_text,
	pdf_text,
	publish_assessment,
	scored_enterprise,
	supervision_settings,
	use_chinese,
)

YEAR = 2021  # a year no other test module assesses
AREA_TYPES = ("Area Committee", "Subdistrict")
# the score fraction each of the ten areas gets, in reference order: two tie, one has a veto
FRACTIONS = (0.95, 0.9, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.99)
VETOED = 9  # the best points, but its veto applies: last
DEPARTMENT = "区建设局"


def ten_areas() -> list[str]:
	return [
		row["jurisdiction_name"]
		for row in read_reference_file("jurisdiction.json")
		if row["jurisdiction_type"] in AREA_TYPES
	]


def count(doctype: str, filters: dict | None = None) -> int:
	"""The desk's list count (frappe.desk.reportview.get_count), as the request asks it."""
	frappe.local.form_dict = frappe._dict(doctype=doctype, filters=json.dumps(filters or {}))
	return frappe.desk.reportview.get_count()


def report_rows(user: str, **filters) -> list[dict]:
	frappe.set_user(user)
	try:
		_columns, rows, *_ = performance_results.execute(
			{"year": YEAR, "target_type": "Area Committee or Subdistrict", **filters}
		)
		return rows
	finally:
		frappe.set_user("Administrator")


class TestPerformance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = data.load("jx", ("assessment_officer", "district_supervisor", "enterprise_user"))
		create_performance_settings()
		settings = frappe.get_doc("Performance Settings")
		settings.grade_outcomes = []
		for grade, amount, points, outcome in (
			("Excellent", 5000, 3, "通报表扬"),
			("Good", 2000, 1, ""),
			("Pass", 0, 0, ""),
			("Fail", -2000, -3, "通报批评"),
		):
			settings.append(
				"grade_outcomes",
				{"grade": grade, "reward_amount": amount, "performance_points": points, "outcome": outcome},
			)
		settings.update(
			{"veto_reward_amount": -5000, "veto_performance_points": -5, "veto_outcome": "一票否决"}
		)
		settings.save()
		cls.areas = ten_areas()
		assert len(cls.areas) == 10, cls.areas
		cls.assessments = {}
		for area, fraction in zip(cls.areas, FRACTIONS, strict=True):
			doc = make_assessment(AREA_TEMPLATE, area, YEAR)
			cls.assessments[area] = publish_assessment(doc, fraction, veto=area == cls.areas[VETOED]).name
		cls.officer = make_scoped_user("jx.area1@example.com", [AREA_OFFICER], "Jurisdiction", cls.areas[0])
		cls.other_officer = make_scoped_user(
			"jx.area2@example.com", [AREA_OFFICER], "Jurisdiction", cls.areas[1]
		)
		cls.supervisor = make_scoped_user("jx.supervisor@example.com", [DISTRICT_SUPERVISOR])

	def setUp(self):
		use_chinese()
		frappe.db.savepoint("performance_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="performance_test")

	def ranks(self) -> dict[str, int]:
		return {
			r.target_name: r.unit_rank
			for r in report_rows(self.world.users.assessment_officer)
			if r.target_name in self.areas and r.get("published")
		}

	# the done-criterion ------------------------------------------------------------------------

	def test_the_performance_page_ranks_all_ten_areas(self):
		rows = [r for r in report_rows(self.world.users.assessment_officer) if r.target_name in self.areas]
		self.assertEqual(len(rows), 10)
		by_area = {r.target_name: r for r in rows}
		a = self.areas
		expected = {a[0]: 1, a[1]: 2, a[2]: 2, a[3]: 4, a[4]: 5, a[5]: 6, a[6]: 7, a[7]: 8, a[8]: 9, a[9]: 10}
		self.assertEqual({area: by_area[area].unit_rank for area in a}, expected)
		# best first on the page, the tie in name order, the veto last
		self.assertEqual([r.target_name for r in rows][-1], a[VETOED])
		self.assertEqual({r.ranked_among for r in rows}, {10})
		# scores, grades and the settings' outcomes side by side
		first = by_area[a[0]]
		assessment = frappe.get_doc("Assessment", self.assessments[a[0]])
		self.assertEqual(first.total_score, assessment.total_score)
		self.assertEqual(first.grade, assessment.grade)
		self.assertEqual(first.grade, "Excellent")
		self.assertEqual(
			(first.reward_amount, first.performance_points, first.outcome), (5000, 3, "通报表扬")
		)
		vetoed = by_area[a[VETOED]]
		self.assertTrue(vetoed.veto_triggered)
		self.assertEqual(vetoed.grade, "Fail")
		self.assertEqual(
			(vetoed.reward_amount, vetoed.performance_points, vetoed.outcome), (-5000, -5, "一票否决")
		)
		self.assertEqual(vetoed.grade_label, "不合格")
		# one result per area and year, whatever is run again
		before = frappe.get_all(
			"Performance Result", filters={"assessment_year": YEAR}, fields=["name", "unit_rank"]
		)
		rebuild_all()
		after = frappe.get_all(
			"Performance Result", filters={"assessment_year": YEAR}, fields=["name", "unit_rank"]
		)
		self.assertEqual(
			sorted(map(tuple, map(dict.values, before))), sorted(map(tuple, map(dict.values, after)))
		)

	def test_withdrawn_result_reranks_and_republished_comes_back(self):
		a = self.areas
		act(self.assessments[a[0]], "Withdraw Result", doctype="Assessment")
		self.assertFalse(
			frappe.db.exists("Performance Result", {"assessment_year": YEAR, "target_name": a[0]})
		)
		ranks = self.ranks()
		self.assertNotIn(a[0], ranks)
		self.assertEqual((ranks[a[1]], ranks[a[2]], ranks[a[3]], ranks[a[VETOED]]), (1, 1, 3, 9))
		self.assertEqual(
			set(
				frappe.get_all("Performance Result", filters={"assessment_year": YEAR}, pluck="ranked_among")
			),
			{9},
		)
		# rescored lower and published again: it takes its new place
		doc = act(self.assessments[a[0]], "Return for Rescoring", doctype="Assessment")
		doc = frappe.get_doc("Assessment", doc.name)
		for row in doc.scores:
			row.score = round(row.max_score * 0.7, 1)
		doc.save()
		act(doc.name, "Submit Scores", doctype="Assessment")
		act(doc.name, "Publish Result", doctype="Assessment")
		ranks = self.ranks()
		self.assertEqual(ranks[a[0]], ranks[a[6]])  # tied with the area of the same score
		self.assertEqual(ranks[a[1]], 1)
		self.assertEqual(ranks[a[VETOED]], 10)

	def test_published_result_notifies_the_units_officers(self):
		a = self.areas
		act(self.assessments[a[0]], "Withdraw Result", doctype="Assessment")
		frappe.db.delete("Notification Log", {"for_user": self.officer})
		act(self.assessments[a[0]], "Publish Result", doctype="Assessment")
		deliver_notices()
		subjects = frappe.get_all("Notification Log", filters={"for_user": self.officer}, pluck="subject")
		self.assertTrue(any("年度绩效结果" in s and a[0] in s for s in subjects), subjects)
		self.assertFalse(
			frappe.get_all(
				"Notification Log",
				filters={"for_user": self.other_officer, "subject": ("like", "%年度绩效结果%")},
			)
		)

	# departments ----------------------------------------------------------------------------------

	def test_a_department_can_be_assessed(self):
		doc = make_assessment(DEPARTMENT_TEMPLATE, DEPARTMENT, YEAR)
		self.assertEqual(doc.target_doctype, "Supervision Unit")
		self.assertFalse(doc.jurisdiction)
		publish_assessment(doc, 0.8)
		result = frappe.get_doc("Performance Result", {"assessment_year": YEAR, "target_name": DEPARTMENT})
		self.assertEqual((result.target_type, result.unit_rank, result.ranked_among), ("Department", 1, 1))
		rows = report_rows(self.world.users.assessment_officer, target_type="Department")
		self.assertIn(DEPARTMENT, [r.target_name for r in rows if r.get("published")])
		# an area cannot be assessed under the departments' template, nor a department under the areas'
		with self.assertRaises(frappe.ValidationError) as refused:
			make_assessment(DEPARTMENT_TEMPLATE, self.areas[0], YEAR)
		self.assertIn("考核", str(refused.exception))
		with self.assertRaises(frappe.ValidationError):
			make_assessment(AREA_TEMPLATE, DEPARTMENT, YEAR + 1)
		# the area officer sees no department's result
		frappe.set_user(self.officer)
		self.assertFalse(frappe.get_list("Performance Result", filters={"target_type": "Department"}))

	def test_department_template_takes_no_live_indicator(self):
		template = frappe.get_doc("Assessment Template", DEPARTMENT_TEMPLATE)
		template.criteria[0].indicator_key = "Complaint Resolution Rate"
		with self.assertRaises(frappe.ValidationError) as refused:
			template.save()
		self.assertIn("指标", str(refused.exception))

	# accountability --------------------------------------------------------------------------------

	def test_veto_opens_an_accountability_record_whose_decision_shows_on_the_result(self):
		vetoed_area = self.areas[VETOED]
		frappe.set_user(self.supervisor)
		name = open_accountability("Assessment", self.assessments[vetoed_area])
		self.assertEqual(open_accountability("Assessment", self.assessments[vetoed_area]), name)
		frappe.set_user("Administrator")
		deliver_notices()
		record = frappe.get_doc("Accountability Record", name)
		self.assertEqual(
			(record.subject_doctype, record.subject_unit, record.cause, record.year, record.jurisdiction),
			("Jurisdiction", vetoed_area, "Veto", YEAR, vetoed_area),
		)
		self.assertIn("发生重大物业管理事件", record.facts)
		self.assertTrue(
			frappe.get_all("Notification Log", filters={"for_user": self.supervisor, "document_name": name})
		)
		result = {"assessment_year": YEAR, "target_name": vetoed_area}
		self.assertEqual(frappe.db.get_value("Performance Result", result, "open_accountability"), 1)
		act(name, "Submit for Review", self.supervisor, doctype="Accountability Record")
		# deciding needs the decision
		with self.assertRaises(frappe.ValidationError) as refused:
			act(name, "Decide", self.supervisor, doctype="Accountability Record")
		self.assertIn("决定", str(refused.exception))
		act(
			name,
			"Decide",
			self.supervisor,
			doctype="Accountability Record",
			decision="Circular of Criticism",
			responsible_person="片区管委会分管负责人",
		)
		values = frappe.db.get_value(
			"Performance Result",
			result,
			["decided_accountability", "open_accountability", "accountability_decisions"],
			as_dict=True,
		)
		self.assertEqual((values.decided_accountability, values.open_accountability), (1, 0))
		self.assertIn(name, values.accountability_decisions)
		self.assertIn("通报批评", values.accountability_decisions)
		row = next(r for r in report_rows(self.supervisor) if r.target_name == vetoed_area)
		self.assertEqual(row.decided_accountability, 1)
		# the decision prints as 问责决定书
		frappe.set_user(self.supervisor)
		html = frappe.get_print("Accountability Record", name, "问责决定书")
		for words in ("问责决定书", vetoed_area, "通报批评", "片区管委会分管负责人", "一票否决"):
			self.assertIn(words, html)
		text = pdf_text(frappe.get_print("Accountability Record", name, "问责决定书", as_pdf=True))
		for words in ("问责决定书", vetoed_area, "通报批评"):
			self.assertIn(normalize_text(words), text)

	def test_overdue_rectification_notice_opens_an_accountability_record(self):
		supervision_settings()
		enterprise = scored_enterprise("问责测试物业服务有限公司")
		compound = make_compound("问责测试小区", data.COMMUNITY_A)
		frappe.set_user(self.supervisor)
		inspection = complete_supervision_inspection(
			make_supervision_inspection(enterprise=enterprise, compound=compound)
		)
		notice = issue_notices(inspection)[0]
		with self.assertRaises(frappe.ValidationError) as refused:
			open_accountability("Rectification Notice", notice.name)
		self.assertIn("尚未逾期", str(refused.exception))
		self.assertFalse(frappe.db.exists("Accountability Record", {"reference_name": notice.name}))
		# past its deadline: what the daily job records
		frappe.db.set_value("Rectification Notice", notice.name, "is_overdue", 1)
		name = open_accountability("Rectification Notice", notice.name)
		record = frappe.get_doc("Accountability Record", name)
		self.assertEqual(
			(record.subject_doctype, record.subject_unit, record.cause, record.reference_doctype),
			("Jurisdiction", data.COMMUNITY_A, "Overdue Rectification", "Rectification Notice"),
		)
		self.assertIn(notice.name, record.facts)

	def test_a_major_incident_opens_an_accountability_record(self):
		compound = make_compound("问责测试重大事件小区", data.COMMUNITY_A)
		complaint = make_complaint(compound, make_category(data.QUALITY), description="小区电梯困人致伤")
		frappe.set_user(self.supervisor)
		name = open_accountability("Complaint", complaint.name)
		record = frappe.get_doc("Accountability Record", name)
		self.assertEqual(
			(record.subject_unit, record.cause, record.jurisdiction),
			(data.COMMUNITY_A, "Major Incident", data.COMMUNITY_A),
		)
		# the area above it can be held to account for the same incident instead
		other = open_accountability("Complaint", complaint.name, "Major Incident", "Jurisdiction", data.AREA)
		self.assertNotEqual(other, name)
		self.assertEqual(frappe.db.get_value("Accountability Record", other, "subject_unit"), data.AREA)

	def test_bad_input_is_refused_in_chinese_and_saves_nothing(self):
		count = frappe.db.count("Accountability Record")
		frappe.set_user(self.supervisor)
		cases = (
			# no veto applies in this assessment
			(("Assessment", self.assessments[self.areas[0]]), "否决"),
			# a kind that cannot be referred to
			(("Residential Compound", "x"), "问责"),
			# missing
			(("Assessment", "KH-0000-99999"), "不存在"),
			# a veto resting on a complaint
			(("Complaint", "TS-0000-00001", "Veto"), "否决"),
			# an unknown cause
			(("Assessment", self.assessments[self.areas[VETOED]], "Whim"), "事由"),
		)
		for args, words in cases:
			with self.subTest(args=args), self.assertRaises(frappe.ValidationError) as refused:
				open_accountability(*args)
			self.assertIn(words, str(refused.exception))
		frappe.set_user("Administrator")
		# a record typed in: a district is not held to account here; no facts
		for values, words in (
			({"subject_unit": data.DISTRICT}, "不能"),
			({"subject_unit": self.areas[0], "cause": "Veto"}, "依据"),
			({"subject_unit": self.areas[0], "occurred_on": "2999-01-01"}, "将来"),
		):
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError) as refused:
				frappe.get_doc(
					{
						"doctype": "Accountability Record",
						"subject_doctype": "Jurisdiction",
						"cause": "Other",
						"facts": "情况",
						**values,
					}
				).insert()
			self.assertIn(words, str(refused.exception))
		self.assertEqual(frappe.db.count("Accountability Record"), count)
		# nobody types a performance result in
		with self.assertRaises(frappe.PermissionError) as refused:
			frappe.get_doc(
				{
					"doctype": "Performance Result",
					"assessment_year": YEAR,
					"target_doctype": "Jurisdiction",
					"target_name": self.areas[0],
				}
			).insert(ignore_permissions=True)
		self.assertIn("绩效结果", str(refused.exception))
		# a grade given two outcomes in the settings
		settings = frappe.get_doc("Performance Settings")
		settings.append("grade_outcomes", {"grade": "Excellent", "reward_amount": 1})
		with self.assertRaises(frappe.ValidationError) as refused:
			settings.save()
		self.assertIn("重复", str(refused.exception))
		self.assertEqual(
			frappe.db.count(
				"Performance Grade Outcome", {"parent": "Performance Settings", "grade": "Excellent"}
			),
			1,
		)
		# an enterprise user opens nothing
		frappe.set_user(self.world.users.enterprise_user)
		with self.assertRaises(frappe.PermissionError):
			open_accountability("Assessment", self.assessments[self.areas[VETOED]])

	# who sees what ---------------------------------------------------------------------------------

	def test_an_area_officer_sees_nothing_of_another_area(self):
		name = open_accountability("Assessment", self.assessments[self.areas[VETOED]])
		own = frappe.db.get_value(
			"Performance Result", {"assessment_year": YEAR, "target_name": self.areas[0]}
		)
		other = frappe.db.get_value(
			"Performance Result", {"assessment_year": YEAR, "target_name": self.areas[1]}
		)
		frappe.set_user(self.officer)
		self.assertEqual(
			frappe.get_list("Performance Result", filters={"assessment_year": YEAR}, pluck="name"), [own]
		)
		own_subtree = {self.areas[0]} | set(
			frappe.get_all("Jurisdiction", filters={"parent_jurisdiction": self.areas[0]}, pluck="name")
		)
		self.assertEqual(
			set(frappe.get_list("Performance Result", pluck="jurisdiction")) - own_subtree, set()
		)
		visible = frappe.get_list("Accountability Record", pluck="jurisdiction")
		self.assertNotIn(self.areas[VETOED], visible)
		self.assertEqual(set(visible) - own_subtree, set())
		self.assertEqual(count("Accountability Record", {"name": name}), 0)
		self.assertEqual(count("Performance Result", {"name": other}), 0)
		for doctype, docname in (("Accountability Record", name), ("Performance Result", other)):
			self.assertFalse(frappe.has_permission(doctype, "read", docname))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(doctype, docname).check_permission("read")
		self.assertEqual([r.target_name for r in report_rows(self.officer)], [self.areas[0]])
		# nor can they open one
		frappe.set_user(self.officer)
		with self.assertRaises(frappe.PermissionError):
			open_accountability("Assessment", self.assessments[self.areas[VETOED]])
		# an enterprise user sees nothing at all
		frappe.set_user(self.world.users.enterprise_user)
		for doctype in ("Performance Result", "Accountability Record"):
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list(doctype)
		# nor does the officer of yet another area (whose own area's records they do see)
		frappe.set_user(self.other_officer)
		self.assertEqual(frappe.get_list("Accountability Record", filters={"name": name}), [])
		self.assertEqual(count("Accountability Record", {"name": name}), 0)

	def test_open_accountability_card_counts_in_scope(self):
		from property_supervision.assessment.dashboard import get_open_accountability

		def card(user):
			frappe.set_user(user)
			try:
				return get_open_accountability()["value"]
			finally:
				frappe.set_user("Administrator")

		before = {user: card(user) for user in ("Administrator", self.officer, self.supervisor)}
		open_accountability("Assessment", self.assessments[self.areas[VETOED]])
		self.assertEqual(card("Administrator"), before["Administrator"] + 1)
		self.assertEqual(card(self.supervisor), before[self.supervisor] + 1)
		# another area's record is not counted on this area's card
		self.assertEqual(card(self.officer), before[self.officer])
