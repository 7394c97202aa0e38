# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from property_supervision.credit.report.enterprise_credit_ranking.enterprise_credit_ranking import execute
from property_supervision.credit.scoring import update_enterprise_credit
from property_supervision.roles import AREA_OFFICER, COMMITTEE_MEMBER, ENTERPRISE_USER
from property_supervision.tests.factories import (
	BAD_RULE,
	GOOD_RULE,
	SMALL_GOOD_RULE,
	make_confirmed_record,
	make_enterprise,
	make_filed_enterprise,
	make_user,
	scope,
	setup_credit,
	use_chinese,
)

REPORT = "Enterprise Credit Ranking"
CARD = "Key Supervision Enterprises"
ENTERPRISE_EMAIL = "test-ecr-enterprise@example.com"
UNSCOPED_ENTERPRISE_EMAIL = "test-ecr-unscoped@example.com"
AREA_OFFICER_EMAIL = "test-ecr-area@example.com"
COMMITTEE_EMAIL = "test-ecr-committee@example.com"
OUTSIDER_EMAIL = "test-ecr-outsider@example.com"


def by_enterprise(rows) -> dict:
	return {row["enterprise"]: row for row in rows}


class TestEnterpriseCreditRanking(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		setup_credit()
		cls.good = make_filed_enterprise("测试排名优良物业服务有限公司")
		cls.poor = make_filed_enterprise("测试排名较差物业服务有限公司")
		cls.unfiled = make_enterprise("测试排名未备案物业服务有限公司").name
		for enterprise in (cls.good, cls.poor, cls.unfiled):
			update_enterprise_credit(enterprise)
		make_confirmed_record(cls.good, GOOD_RULE)
		make_confirmed_record(
			cls.good, GOOD_RULE, occurred_on=frappe.utils.add_days(frappe.utils.today(), -20)
		)
		make_confirmed_record(cls.poor, SMALL_GOOD_RULE)
		make_confirmed_record(cls.poor, BAD_RULE)
		make_confirmed_record(
			cls.poor, BAD_RULE, occurred_on=frappe.utils.add_days(frappe.utils.today(), -20)
		)
		cls.enterprise_user = make_user(ENTERPRISE_EMAIL, [ENTERPRISE_USER]).name
		scope(cls.enterprise_user, "Property Enterprise", cls.poor)
		cls.unscoped_enterprise_user = make_user(UNSCOPED_ENTERPRISE_EMAIL, [ENTERPRISE_USER]).name
		cls.area_officer = make_user(AREA_OFFICER_EMAIL, [AREA_OFFICER]).name
		scope(cls.area_officer, "Jurisdiction", "七纺片区管委会")
		cls.committee_member = make_user(COMMITTEE_EMAIL, [COMMITTEE_MEMBER]).name
		cls.outsider = make_user(OUTSIDER_EMAIL).name

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rows_ranked_with_record_figures(self):
		columns, rows, _message, chart, summary = execute({})
		self.assertEqual(
			[c["fieldname"] for c in columns],
			[
				"rank",
				"enterprise",
				"enterprise_name",
				"credit_score",
				"credit_grade",
				"key_supervision",
				"key_supervision_reason",
				"good_points",
				"bad_points",
				"records",
			],
		)
		self.assertEqual(columns[1]["fieldtype"], "Link")
		rows = by_enterprise(rows)
		self.assertNotIn(self.unfiled, rows)
		good, poor = rows[self.good], rows[self.poor]
		self.assertEqual((good.credit_score, good.credit_grade, good.key_supervision), (80, "AA", 0))
		self.assertEqual((good.good_points, good.bad_points, good.records), (10, 0, 2))
		self.assertEqual((poor.credit_score, poor.credit_grade, poor.key_supervision), (61, "B", 1))
		self.assertEqual((poor.good_points, poor.bad_points, poor.records), (1, -10, 3))
		self.assertEqual(poor.key_supervision_reason, "诚信等级为 B")
		self.assertLess(good.rank, poor.rank)
		self.assertEqual(chart["data"]["labels"], ["AAA", "AA", "A", "B", "C"])
		self.assertTrue(summary)

	def test_filters(self):
		rows = by_enterprise(execute({"credit_grade": "B"})[1])
		self.assertIn(self.poor, rows)
		self.assertNotIn(self.good, rows)
		rows = by_enterprise(execute({"key_supervision_only": 1})[1])
		self.assertIn(self.poor, rows)
		self.assertNotIn(self.good, rows)
		self.assertIn(self.unfiled, by_enterprise(execute({"include_unfiled": 1})[1]))

	def test_enterprise_user_sees_own_row_with_its_overall_rank(self):
		overall = by_enterprise(execute({})[1])[self.poor].rank
		frappe.set_user(self.enterprise_user)
		rows = execute({})[1]
		self.assertEqual([row.enterprise for row in rows], [self.poor])
		self.assertEqual(rows[0].rank, overall)
		self.assertEqual(rows[0].records, 3)
		# the same through the desk's report endpoint
		result = run_report(REPORT, filters={})
		self.assertEqual([row["enterprise"] for row in result["result"]], [self.poor])

	def test_area_officer_sees_the_ranking(self):
		frappe.set_user(self.area_officer)
		rows = by_enterprise(execute({})[1])
		self.assertIn(self.good, rows)
		self.assertIn(self.poor, rows)

	def test_outsiders_refused(self):
		frappe.set_user(self.unscoped_enterprise_user)
		self.assertEqual(execute({})[1], [])
		for user in (self.outsider, self.committee_member):
			frappe.set_user(user)
			with self.subTest(user=user):
				with self.assertRaises(frappe.PermissionError):
					run_report(REPORT, filters={})
				try:
					rows = execute({})[1]
				except frappe.PermissionError:
					rows = []
				self.assertEqual(rows, [])

	def test_key_supervision_number_card(self):
		card = frappe.get_doc("Number Card", CARD)
		self.assertEqual(
			(card.document_type, card.function, card.type), ("Property Enterprise", "Count", "Document Type")
		)
		expected = frappe.db.count("Property Enterprise", {"key_supervision": 1})
		self.assertGreaterEqual(expected, 1)
		self.assertEqual(get_result(card.as_dict(), card.filters_json), expected)
		# an enterprise user counts its own enterprise only
		frappe.set_user(self.enterprise_user)
		self.assertEqual(get_result(card.as_dict(), json.loads(card.filters_json)), 1)

	def test_record_figures_have_their_index(self):
		"""The points per enterprise are summed from one index (credit_record.py); the patch that
		brings it to existing sites leaves an existing one alone."""
		from property_supervision.credit.doctype.credit_record.credit_record import CREDIT_FIGURES_INDEX
		from property_supervision.patches import credit_figures_index

		credit_figures_index.execute()
		name, columns = CREDIT_FIGURES_INDEX
		indexed = frappe.db.sql("show index from `tabCredit Record` where Key_name = %s", name, as_dict=True)
		self.assertEqual(
			[row.Column_name for row in sorted(indexed, key=lambda row: row.Seq_in_index)], list(columns)
		)
