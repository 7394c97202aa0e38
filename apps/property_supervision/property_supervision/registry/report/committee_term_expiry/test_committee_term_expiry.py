# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, add_years, getdate, nowdate

from property_supervision.registry.report.committee_term_expiry.committee_term_expiry import execute
from property_supervision.tests.factories import (
	make_committee,
	make_compound,
	make_user,
	use_chinese,
)

AREA = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"
REPORT = "Committee Term Expiry"


def elected_for_term_ending_in(months: int) -> str:
	"""An election date whose five-year term ends `months` from now (less a day)."""
	return add_months(add_years(nowdate(), -5), months)


class TestCommitteeTermExpiry(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		community, other_community = "任期报表甲社区", "任期报表乙社区"
		cls.soon = make_committee(
			make_compound("任期报表甲小区", community), "Filed", election_date=elected_for_term_ending_in(3)
		).name
		cls.other_soon = make_committee(
			make_compound("任期报表乙小区", other_community, area=OTHER_AREA),
			"Filed",
			election_date=elected_for_term_ending_in(2),
		).name
		cls.later = make_committee(
			make_compound("任期报表丙小区", community), "Filed", election_date=add_years(nowdate(), -2)
		).name
		cls.expired = make_committee(
			make_compound("任期报表丁小区", community),
			"Term Expired",
			election_date=elected_for_term_ending_in(-1),
		).name
		cls.area_officer = make_user("report.term.area@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", AREA, cls.area_officer)
		cls.unscoped = make_user("report.term.unscoped@example.com", ["Community Officer"]).name
		cls.outsider = make_user("report.term.outsider@example.com", ["Joint Meeting Member"]).name

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def names(self, filters=None):
		return [row.committee for row in execute(filters)[1]]

	def test_default_window_is_six_months_without_expired(self):
		names = self.names()
		self.assertIn(self.soon, names)
		self.assertIn(self.other_soon, names)
		self.assertNotIn(self.later, names)
		self.assertNotIn(self.expired, names)
		# soonest first
		self.assertLess(names.index(self.other_soon), names.index(self.soon))

	def test_filters(self):
		self.assertIn(self.expired, self.names({"include_expired": 1}))
		self.assertIn(self.later, self.names({"months": 40}))
		self.assertNotIn(self.soon, self.names({"months": 1}))
		by_area = self.names({"jurisdiction": AREA, "include_expired": 1})
		self.assertIn(self.soon, by_area)
		self.assertIn(self.expired, by_area)
		self.assertNotIn(self.other_soon, by_area)
		self.assertEqual(self.names({"jurisdiction": "任期报表乙社区"}), [self.other_soon])

	def test_row_values_and_columns(self):
		columns, rows, _message, _chart, summary = execute(
			{"jurisdiction": "任期报表甲社区", "include_expired": 1}
		)
		row = next(r for r in rows if r.committee == self.soon)
		term_end = getdate(frappe.db.get_value("Owners Committee", self.soon, "term_end"))
		self.assertEqual(row.days_left, (term_end - getdate(nowdate())).days)
		self.assertEqual(row.area, AREA)
		self.assertEqual(row.workflow_state, "已备案")
		self.assertEqual(getdate(row.reelection_notice_date), getdate(add_months(term_end, -5)))
		expired = next(r for r in rows if r.committee == self.expired)
		self.assertLess(expired.days_left, 0)
		links = {c["fieldname"]: c.get("options") for c in columns if c["fieldtype"] == "Link"}
		self.assertEqual(
			links,
			{
				"committee": "Owners Committee",
				"compound": "Residential Compound",
				"jurisdiction": "Jurisdiction",
				"area": "Jurisdiction",
			},
		)
		self.assertEqual(summary[0]["value"], len(rows))

	def test_area_officer_sees_only_own_subtree(self):
		frappe.set_user(self.area_officer)
		names = self.names({"include_expired": 1})
		self.assertIn(self.soon, names)
		self.assertIn(self.expired, names)
		self.assertNotIn(self.other_soon, names)
		# asking for another area's rows yields nothing
		self.assertEqual(self.names({"jurisdiction": OTHER_AREA}), [])
		# the desk's path, which also checks the report's roles
		result = run(REPORT, filters={"include_expired": 1})
		self.assertNotIn(self.other_soon, [row["committee"] for row in result["result"]])

	def test_officer_without_scope_sees_nothing(self):
		frappe.set_user(self.unscoped)
		self.assertEqual(self.names({"include_expired": 1, "months": 100}), [])

	def test_outsider_refused(self):
		frappe.set_user(self.outsider)
		with self.assertRaises(frappe.PermissionError):
			execute({})
		with self.assertRaises(frappe.PermissionError):
			run(REPORT, filters={})

	def test_expiring_window_counts_ended_terms_not_yet_expired(self):
		# a filed committee whose term ended yesterday, before the daily job moved it
		ended = make_committee(
			make_compound("任期报表戊小区", "任期报表甲社区"), "Filed", election_date=add_years(nowdate(), -5)
		).name
		self.assertEqual(
			getdate(frappe.db.get_value("Owners Committee", ended, "term_end")),
			getdate(add_days(nowdate(), -1)),
		)
		rows = execute({})[1]
		row = next(r for r in rows if r.committee == ended)
		self.assertEqual(row.days_left, -1)
