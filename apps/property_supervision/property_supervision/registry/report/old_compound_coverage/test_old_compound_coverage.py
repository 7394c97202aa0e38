# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from property_supervision.registry.coverage import get_coverage_card, get_coverage_rate
from property_supervision.registry.doctype.service_contract.service_contract import mark_expired_contracts
from property_supervision.registry.report.old_compound_coverage.old_compound_coverage import execute
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	complete_plan,
	make_compound,
	make_contract,
	make_filed_enterprise,
	make_takeover_plan,
	make_test_community,
	make_user,
	use_chinese,
)

REPORT = "Old Compound Coverage"
TEST_AREA = "覆盖率测试片区管委会"


def area_rows(data):
	return [row for row in data if not row.get("is_total_row")]


def counts_as_admin(area: str) -> tuple[int, int]:
	"""(old compounds, covered) in the area, counted directly."""
	communities = frappe.get_all("Jurisdiction", {"parent_jurisdiction": area}, pluck="name")
	old = frappe.get_all(
		"Residential Compound",
		{"jurisdiction": ("in", communities), "is_old_compound": 1},
		["management_mode"],
	)
	return len(old), len([c for c in old if c.management_mode != "None"])


class TestOldCompoundCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		enterprise = make_filed_enterprise("覆盖率测试物业服务有限公司")
		if not frappe.db.exists("Jurisdiction", TEST_AREA):
			frappe.get_doc(
				{
					"doctype": "Jurisdiction",
					"jurisdiction_name": TEST_AREA,
					"jurisdiction_type": "Area Committee",
					"parent_jurisdiction": "水磨沟区",
				}
			).insert()
		community = make_test_community("覆盖率测试社区", TEST_AREA)

		def old(name):
			return make_compound(name, community, is_old_compound=1, completion_year=1995)

		# A: under contract for 100 days; B: its contract ended 50 days ago; C: fallback agency
		# for 10 days; D: nothing; E: not an old compound
		cls.a, cls.b, cls.c, cls.d = (
			old("覆盖率甲小区"),
			old("覆盖率乙小区"),
			old("覆盖率丙小区"),
			old("覆盖率丁小区"),
		)
		make_contract(cls.a, enterprise, start_date=add_days(today(), -100))
		ended = make_contract(
			cls.b, enterprise, start_date=add_days(today(), -400), end_date=add_days(today(), 10)
		)
		frappe.db.set_value("Service Contract", ended.name, "end_date", add_days(today(), -50))
		mark_expired_contracts()
		complete_plan(
			make_takeover_plan(
				cls.c, "Fallback Agency", agency_name="托底服务中心", completed_on=add_days(today(), -10)
			)
		)
		newer = make_compound("覆盖率新建小区", community, completion_year=2020)
		make_contract(newer, enterprise)

		# old compounds in 七纺 and 新民路, one of each covered
		qifang = make_test_community("覆盖率七纺社区", AREA)
		xinmin = make_test_community("覆盖率新民路社区", OTHER_AREA)
		for community_name, area in ((qifang, "七纺"), (xinmin, "新民路")):
			covered = make_compound(f"覆盖率{area}甲小区", community_name, is_old_compound=1)
			make_compound(f"覆盖率{area}乙小区", community_name, is_old_compound=1)
			make_contract(covered, enterprise)
		cls.qifang_community = qifang

		cls.area_officer = make_user("coverage.area.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", AREA, cls.area_officer)
		cls.community_officer = make_user(
			"coverage.community.officer@example.com", ["Community Officer"]
		).name
		frappe.permissions.add_user_permission("Jurisdiction", qifang, cls.community_officer)
		cls.outsider = make_user("coverage.outsider@example.com", ["Enterprise User"]).name
		cls.enterprise_user = make_user("coverage.enterprise.user@example.com", ["Enterprise User"]).name
		frappe.permissions.add_user_permission("Property Enterprise", enterprise, cls.enterprise_user)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rows_per_area_with_total_and_chart(self):
		columns, data, _message, chart, summary = execute({})
		self.assertEqual(columns[0]["fieldtype"], "Link")
		self.assertEqual(columns[0]["options"], "Jurisdiction")
		self.assertEqual(columns[-1]["fieldtype"], "Percent")
		rows = {row["jurisdiction"]: row for row in area_rows(data)}
		for area in (AREA, OTHER_AREA, TEST_AREA):
			old, covered = counts_as_admin(area)
			row = rows[area]
			self.assertEqual(
				(row["old_compounds"], row["covered"], row["uncovered"]), (old, covered, old - covered)
			)
		self.assertNotIn("水磨沟区", rows)
		test_row = rows[TEST_AREA]
		self.assertEqual(
			(test_row["old_compounds"], test_row["covered"], test_row["coverage_rate"]), (4, 2, 50.0)
		)
		self.assertEqual(test_row["jurisdiction_type"], "片区管委会")

		total = data[-1]
		self.assertTrue(total["is_total_row"])
		self.assertEqual(total["jurisdiction"], "合计")
		self.assertEqual(total["old_compounds"], sum(r["old_compounds"] for r in rows.values()))
		self.assertEqual(total["covered"], sum(r["covered"] for r in rows.values()))
		self.assertAlmostEqual(
			total["coverage_rate"], round(100 * total["covered"] / total["old_compounds"], 2)
		)

		self.assertEqual(chart["data"]["labels"], [r["jurisdiction"] for r in area_rows(data)])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [r["covered"] for r in area_rows(data)])
		self.assertEqual(summary[-1]["value"], total["coverage_rate"])

	def test_jurisdiction_filter(self):
		_columns, data, *_ = execute({"jurisdiction": TEST_AREA})
		self.assertEqual([r["jurisdiction"] for r in area_rows(data)], [TEST_AREA])
		_columns, data, *_ = execute({"jurisdiction": "覆盖率测试社区"})
		self.assertEqual(area_rows(data)[0]["old_compounds"], 4)

	def test_as_of_a_past_date(self):
		# 30 days ago: only A (B's contract had ended, C was not yet taken over)
		row = area_rows(execute({"jurisdiction": TEST_AREA, "as_of": add_days(today(), -30)})[1])[0]
		self.assertEqual((row["covered"], row["coverage_rate"]), (1, 25.0))
		# 60 days ago: A and B
		row = area_rows(execute({"jurisdiction": TEST_AREA, "as_of": add_days(today(), -60)})[1])[0]
		self.assertEqual(row["covered"], 2)
		# 200 days ago: only B
		row = area_rows(execute({"jurisdiction": TEST_AREA, "as_of": add_days(today(), -200)})[1])[0]
		self.assertEqual(row["covered"], 1)

	def test_coverage_rate_helper(self):
		self.assertEqual(get_coverage_rate(TEST_AREA), 50.0)
		self.assertEqual(get_coverage_rate(TEST_AREA, as_of=add_days(today(), -30)), 25.0)
		self.assertEqual(
			get_coverage_card({"jurisdiction": TEST_AREA}), {"value": 50.0, "fieldtype": "Percent"}
		)
		old = frappe.db.count("Residential Compound", {"is_old_compound": 1})
		covered = frappe.db.count(
			"Residential Compound", {"is_old_compound": 1, "management_mode": ("!=", "None")}
		)
		self.assertAlmostEqual(get_coverage_rate(), round(100 * covered / old, 2))

	def test_area_officer_sees_only_own_area(self):
		_columns, admin_data, *_ = execute({"jurisdiction": AREA})
		frappe.set_user(self.area_officer)
		_columns, data, *_ = execute({})
		self.assertEqual([r["jurisdiction"] for r in area_rows(data)], [AREA])
		self.assertEqual(area_rows(data)[0], area_rows(admin_data)[0])
		self.assertEqual(run_report(REPORT, filters={})["result"][0]["jurisdiction"], AREA)
		self.assertEqual(get_coverage_rate(), area_rows(admin_data)[0]["coverage_rate"])
		# another area's filter yields nothing rather than that area's figures
		self.assertEqual(execute({"jurisdiction": OTHER_AREA})[1], [])

	def test_community_officer_counts_own_community(self):
		frappe.set_user(self.community_officer)
		_columns, data, *_ = execute({})
		rows = area_rows(data)
		self.assertEqual(
			[(r["jurisdiction"], r["old_compounds"], r["covered"]) for r in rows], [(AREA, 2, 1)]
		)

	def test_outsiders_get_nothing(self):
		frappe.set_user(self.outsider)
		self.assertEqual(execute({})[1], [])
		with self.assertRaises(frappe.PermissionError):
			run_report(REPORT, filters={})
		frappe.set_user(self.enterprise_user)
		with self.assertRaises(frappe.PermissionError):
			run_report(REPORT, filters={})
