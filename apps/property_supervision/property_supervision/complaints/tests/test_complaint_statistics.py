"""`Complaint Statistics` (SPEC §8): the figures on a known data set, each grouping, and the
user's scope (an area officer counts their own subtree only; others count nothing)."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from property_supervision.complaints.report.complaint_statistics.complaint_statistics import execute
from property_supervision.complaints.tests import data
from property_supervision.tests.factories import (
	make_user,
	use_chinese,
)

REPORT = "Complaint Statistics"


def rows_by(result, fieldname: str) -> dict:
	"""Data rows (total row left out) keyed by the group column."""
	return {row[fieldname]: row for row in result[1] if not row.get("is_total_row")}


def total_of(result) -> dict:
	return next(row for row in result[1] if row.get("is_total_row"))


class TestComplaintStatistics(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.data = data.load()
		cls.officer = make_user("stats.area.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", data.AREA, cls.officer)
		cls.other_officer = make_user("stats.other.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", data.OTHER_AREA, cls.other_officer)
		cls.unscoped = make_user("stats.unscoped.officer@example.com", ["Community Officer"]).name
		cls.outsider = make_user("stats.outsider@example.com").name

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, **filters):
		return execute({"from_date": data.FROM_DATE, "to_date": data.TO_DATE, **filters})

	def test_by_community(self):
		result = self.run_report(group_by="Jurisdiction", jurisdiction=data.AREA)
		rows = rows_by(result, "jurisdiction")
		self.assertEqual(list(rows), [data.COMMUNITY_A, data.COMMUNITY_B])

		a = rows[data.COMMUNITY_A]
		self.assertEqual((a.received, a.resolved, a.overdue), (2, 2, 0))
		self.assertEqual(a.resolution_rate, 100.0)
		# working days over the 2025 calendar: Fri 10 Jan to Sun 12 Jan 0, Mon 20 to Tue 21 Jan 1
		self.assertEqual(a.average_handling_days, 0.5)
		self.assertEqual((a.satisfied, a.basically_satisfied, a.dissatisfied), (1, 0, 1))
		self.assertEqual(a.satisfaction_rate, 50.0)

		b = rows[data.COMMUNITY_B]
		self.assertEqual((b.received, b.resolved, b.overdue), (2, 1, 1))
		self.assertEqual(b.resolution_rate, 50.0)
		self.assertEqual(b.average_handling_days, 1.0)
		self.assertEqual((b.satisfied, b.basically_satisfied, b.dissatisfied), (0, 1, 0))
		self.assertEqual(b.satisfaction_rate, 100.0)

		total = total_of(result)
		self.assertEqual((total.received, total.resolved, total.overdue), (4, 3, 1))
		self.assertEqual(total.resolution_rate, 75.0)
		self.assertEqual(total.average_handling_days, 0.7)
		self.assertEqual(total.satisfaction_rate, 66.7)

	def test_columns_link_to_their_doctypes(self):
		for group_by, fieldname, options in (
			("Jurisdiction", "jurisdiction", "Jurisdiction"),
			("Area", "area", "Jurisdiction"),
			("Enterprise", "enterprise", "Property Enterprise"),
			("Category", "category", "Complaint Category"),
		):
			column = self.run_report(group_by=group_by)[0][0]
			self.assertEqual(
				(column["fieldname"], column["fieldtype"], column["options"]), (fieldname, "Link", options)
			)
		self.assertEqual(self.run_report(group_by="Month")[0][0]["fieldtype"], "Data")

	def test_by_area_rolls_communities_up(self):
		result = self.run_report(group_by="Area", enterprise=self.data.enterprises[1])
		rows = rows_by(result, "area")
		self.assertEqual(rows[data.AREA].received, 2)  # A1, A2
		self.assertEqual(rows[data.OTHER_AREA].received, 1)  # B1
		self.assertEqual(rows[data.OTHER_AREA].average_handling_days, 7.0)  # Wed 15 to Sat 25 Jan 2025
		self.assertEqual(set(rows), {data.AREA, data.OTHER_AREA})

	def test_by_enterprise_category_and_month(self):
		rows = rows_by(self.run_report(group_by="Enterprise", jurisdiction=data.AREA), "enterprise")
		self.assertEqual(
			{k: r.received for k, r in rows.items()},
			{self.data.enterprises[1]: 2, self.data.enterprises[2]: 2},
		)
		self.assertEqual(rows[self.data.enterprises[1]].enterprise_name, data.ENTERPRISE_1)

		rows = rows_by(self.run_report(group_by="Category", jurisdiction=data.AREA), "category")
		self.assertEqual({k: r.received for k, r in rows.items()}, {data.QUALITY: 3, data.FEES: 1})
		self.assertEqual(rows[data.QUALITY].overdue, 1)

		result = self.run_report(group_by="Month", jurisdiction=data.AREA)
		rows = rows_by(result, "month")
		self.assertEqual(list(rows), ["2025-01", "2025-02"])
		self.assertEqual((rows["2025-01"].received, rows["2025-02"].received), (2, 2))

	def test_date_and_category_filters(self):
		rows = rows_by(
			self.run_report(group_by="Jurisdiction", jurisdiction=data.AREA, category=data.FEES),
			"jurisdiction",
		)
		self.assertEqual({k: r.received for k, r in rows.items()}, {data.COMMUNITY_A: 1})
		# without the start date the December complaint counts as well
		result = execute({"group_by": "Jurisdiction", "jurisdiction": data.AREA, "to_date": data.TO_DATE})
		self.assertEqual(rows_by(result, "jurisdiction")[data.COMMUNITY_A].received, 3)
		# the end date includes the whole day
		result = self.run_report(group_by="Jurisdiction", jurisdiction=data.AREA, to_date="2025-02-05")
		self.assertEqual(total_of(result).received, 4)

	def test_chart_compares_received_and_resolved(self):
		chart = self.run_report(group_by="Jurisdiction", jurisdiction=data.AREA)[3]
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["labels"], [data.COMMUNITY_A, data.COMMUNITY_B])
		self.assertEqual([d["values"] for d in chart["data"]["datasets"]], [[2, 2], [2, 1]])

	def test_empty_result(self):
		columns, rows, _message, chart, summary = self.run_report(
			group_by="Jurisdiction", jurisdiction=data.AREA, from_date="2030-01-01", to_date="2030-01-31"
		)
		self.assertTrue(columns)
		self.assertEqual((rows, chart, summary), ([], None, []))

	def test_bad_filters_are_refused_in_chinese(self):
		use_chinese()
		with self.assertRaisesRegex(frappe.ValidationError, "开始日期不能晚于结束日期"):
			execute({"from_date": "2025-03-01", "to_date": "2025-01-01"})
		with self.assertRaisesRegex(frappe.ValidationError, "投诉统计可按"):
			execute({"group_by": "Compound"})

	def test_area_officer_counts_own_subtree_only(self):
		frappe.set_user(self.officer)
		result = self.run_report(group_by="Jurisdiction")
		self.assertEqual(set(rows_by(result, "jurisdiction")), {data.COMMUNITY_A, data.COMMUNITY_B})
		self.assertEqual(total_of(result).received, 4)
		# asking for another area gives nothing
		self.assertEqual(self.run_report(group_by="Jurisdiction", jurisdiction=data.OTHER_AREA)[1], [])
		# the desk path (report roles, then the Link columns checked against the user's permissions)
		response = run(
			REPORT, filters={"from_date": data.FROM_DATE, "to_date": data.TO_DATE, "group_by": "Area"}
		)
		areas = {row["area"] for row in response["result"] if not row.get("is_total_row")}
		self.assertEqual(areas, {data.AREA})

	def test_outsiders_count_nothing(self):
		frappe.set_user(self.other_officer)
		result = self.run_report(group_by="Jurisdiction", jurisdiction=data.AREA)
		self.assertEqual(result[1], [])
		rows = rows_by(self.run_report(group_by="Jurisdiction"), "jurisdiction")
		self.assertNotIn(data.COMMUNITY_A, rows)
		self.assertNotIn(data.COMMUNITY_B, rows)

		frappe.set_user(self.unscoped)
		self.assertEqual(self.run_report(group_by="Jurisdiction")[1], [])

		frappe.set_user(self.outsider)
		with self.assertRaises(frappe.PermissionError):
			self.run_report(group_by="Jurisdiction")
		with self.assertRaises(frappe.PermissionError):
			run(REPORT, filters={"group_by": "Jurisdiction"})
