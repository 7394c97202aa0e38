# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run as run_report
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from property_supervision.tests.factories import (
	AREA,
	DISTRICT,
	complete_session,
	make_committee,
	make_community,
	make_compound,
	make_contract,
	make_enterprise,
	make_filed_enterprise,
	make_session,
	make_user,
	publish_session,
	use_chinese,
)
from property_supervision.training.coverage import get_training_attendance_rate
from property_supervision.training.report.training_coverage.training_coverage import execute

REPORT = "Training Coverage"
TEST_AREA = "培训覆盖测试片区管委会"
TEST_COMMUNITY = "培训覆盖测试社区"
EMPTY_AREA = "培训覆盖空白片区管委会"
YEAR = 2021


def held_session(level: str, audience: str, start: str, attendees: list[tuple[str, str, int]], **fields):
	"""A completed session that started on `start`; attendees: (attendee_type, name, attended)."""
	link = {"Enterprise": "enterprise", "Owners Committee": "owners_committee"}
	doc = make_session(
		level,
		audience,
		start=get_datetime(start),
		attendees=[{"attendee_type": kind, link[kind]: name} for kind, name, _attended in attendees],
		**fields,
	)
	doc = publish_session(doc)
	for row, (_kind, _name, attended) in zip(doc.attendees, attendees, strict=True):
		row.attended = attended
	doc.save()
	return complete_session(doc)


def area_rows(data: list[dict]) -> dict[str, dict]:
	return {row["jurisdiction"]: row for row in data if not row.get("is_total_row")}


def total_row(data: list[dict]) -> dict:
	return next(row for row in data if row.get("is_total_row"))


class TestTrainingCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_chinese()
		for area in (TEST_AREA, EMPTY_AREA):
			if not frappe.db.exists("Jurisdiction", area):
				frappe.get_doc(
					{
						"doctype": "Jurisdiction",
						"jurisdiction_name": area,
						"jurisdiction_type": "Area Committee",
						"parent_jurisdiction": DISTRICT,
					}
				).insert()
		if not frappe.db.exists("Supervision Unit", TEST_AREA):
			frappe.get_doc(
				{
					"doctype": "Supervision Unit",
					"unit_name": TEST_AREA,
					"unit_type": "Area Committee",
					"jurisdiction": TEST_AREA,
				}
			).insert()
		make_community(TEST_COMMUNITY, TEST_AREA)
		qifang_community = make_community("培训覆盖七纺社区", AREA).name

		# 甲 and 乙 manage compounds in the test area (甲 one in 七纺 too); 丙 is not filed
		cls.jia = make_filed_enterprise("培训覆盖甲物业服务有限公司")
		cls.yi = make_filed_enterprise("培训覆盖乙物业服务有限公司")
		cls.bing = make_enterprise("培训覆盖丙物业服务有限公司").name
		k1 = make_compound("培训覆盖一号小区", TEST_COMMUNITY)
		k2 = make_compound("培训覆盖二号小区", TEST_COMMUNITY)
		k3 = make_compound("培训覆盖三号小区", TEST_COMMUNITY)
		make_contract(k1, cls.jia)
		make_contract(k2, cls.yi)
		frappe.db.set_value("Residential Compound", k3, "current_enterprise", cls.bing)
		make_contract(make_compound("培训覆盖七纺小区", qifang_community), cls.jia)

		# committees: two filed, one only elected
		cls.f1 = make_committee(k1, "Filed").name
		cls.f2 = make_committee(k2, "Filed").name
		make_committee(k3, "Elected")

		# YEAR: 甲 attends the district's training, 乙 stays away; committee 1 attends the area's
		# training, committee 2 stays away. YEAR - 1: 乙 attends a district session.
		held_session(
			"District",
			"Enterprises",
			f"{YEAR}-04-10 09:30:00",
			[("Enterprise", cls.jia, 1), ("Enterprise", cls.yi, 0)],
		)
		held_session("District", "Enterprises", f"{YEAR - 1}-11-20 09:30:00", [("Enterprise", cls.yi, 1)])
		held_session(
			"Area",
			"Owners Committees",
			f"{YEAR}-06-01 15:00:00",
			[("Owners Committee", cls.f1, 1), ("Owners Committee", cls.f2, 0)],
			organizer=TEST_AREA,
		)
		# a session early the next year does not count for YEAR
		held_session(
			"Area",
			"Owners Committees",
			f"{YEAR + 1}-01-01 09:00:00",
			[("Owners Committee", cls.f2, 1)],
			organizer=TEST_AREA,
		)

		cls.area_officer = make_user("coverage.training.area@example.com", ["Area Officer"]).name
		add_user_permission("Jurisdiction", TEST_AREA, cls.area_officer, ignore_permissions=True)
		cls.qifang_officer = make_user("coverage.training.qifang@example.com", ["Area Officer"]).name
		add_user_permission("Jurisdiction", AREA, cls.qifang_officer, ignore_permissions=True)
		cls.community_officer = make_user(
			"coverage.training.community@example.com", ["Community Officer"]
		).name
		add_user_permission("Jurisdiction", TEST_COMMUNITY, cls.community_officer, ignore_permissions=True)
		cls.outsider = make_user("coverage.training.outsider@example.com").name
		cls.unscoped = make_user("coverage.training.unscoped@example.com", ["Area Officer"]).name

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user: str, **filters) -> list[dict]:
		frappe.set_user(user)
		return run_report(REPORT, filters={"year": YEAR, **filters})["result"]

	def assertTestAreaRow(self, row: dict, year: int = YEAR):
		expected = {
			YEAR: (2, 1, 50.0, 2, 1, 50.0),
			YEAR - 1: (2, 1, 50.0, 2, 0, 0.0),
			YEAR - 2: (2, 0, 0.0, 2, 0, 0.0),
		}[year]
		self.assertEqual(
			(
				row["enterprises"],
				row["enterprises_trained"],
				row["enterprise_rate"],
				row["committees"],
				row["committees_trained"],
				row["committee_rate"],
			),
			expected,
		)

	def test_rows_per_area_with_district_total_and_chart(self):
		columns, data, _message, chart, summary = execute({"year": YEAR})
		rows = area_rows(data)
		self.assertTestAreaRow(rows[TEST_AREA])
		# every area and subdistrict has a row, even without trainees
		self.assertEqual(
			(
				rows[EMPTY_AREA]["enterprises"],
				rows[EMPTY_AREA]["committees"],
				rows[EMPTY_AREA]["committee_rate"],
			),
			(0, 0, None),
		)
		self.assertEqual(rows[TEST_AREA]["jurisdiction_type"], "片区管委会")
		# 甲 manages a compound in 七纺 as well: it counts there too
		self.assertGreaterEqual(rows[AREA]["enterprises_trained"], 1)

		total = total_row(data)
		self.assertEqual(total["jurisdiction"], "全区合计")
		self.assertEqual(
			total["enterprises"], frappe.db.count("Property Enterprise", {"workflow_state": "Filed"})
		)
		self.assertEqual(
			total["committees"], frappe.db.count("Owners Committee", {"workflow_state": "Filed"})
		)
		self.assertEqual(total["committees"], sum(row["committees"] for row in rows.values()))

		self.assertEqual(columns[0]["fieldtype"], "Link")
		self.assertEqual(columns[0]["options"], "Jurisdiction")
		self.assertIn(TEST_AREA, chart["data"]["labels"])
		self.assertEqual(len(chart["data"]["datasets"]), 2)
		self.assertEqual(len(summary), 4)

	def test_year_filter(self):
		for year in (YEAR - 1, YEAR - 2):
			_columns, data, *_ = execute({"year": year})
			self.assertTestAreaRow(area_rows(data)[TEST_AREA], year)

	def test_jurisdiction_filter(self):
		for jurisdiction in (TEST_AREA, TEST_COMMUNITY):
			_columns, data, *_ = execute({"year": YEAR, "jurisdiction": jurisdiction})
			rows = area_rows(data)
			self.assertEqual(list(rows), [jurisdiction])
			self.assertTestAreaRow(rows[jurisdiction])
			total = total_row(data)
			self.assertEqual(total["jurisdiction"], "合计")
			self.assertTestAreaRow(total)

	def test_bad_year_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "请输入年份"):
			execute({"year": 99})

	def test_area_officer_sees_own_area_only(self):
		data = self.run_as(self.area_officer)
		rows = area_rows(data)
		self.assertEqual(list(rows), [TEST_AREA])
		# the district's sessions are not theirs to read, yet their enterprises' attendance counts
		self.assertTestAreaRow(rows[TEST_AREA])
		self.assertEqual(total_row(data)["jurisdiction"], "合计")
		self.assertTestAreaRow(total_row(data))

		rows = area_rows(self.run_as(self.qifang_officer))
		self.assertNotIn(TEST_AREA, rows)
		self.assertEqual(list(rows), [AREA])

	def test_community_officer_sees_own_community(self):
		# they may not read the area: the row is their community's
		data = self.run_as(self.community_officer)
		rows = area_rows(data)
		self.assertEqual(list(rows), [TEST_COMMUNITY])
		self.assertTestAreaRow(rows[TEST_COMMUNITY])
		self.assertTestAreaRow(total_row(data))

	def test_outsiders_are_refused(self):
		for user in (self.outsider,):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				run_report(REPORT, filters={"year": YEAR})
			with self.assertRaises(frappe.PermissionError):
				execute({"year": YEAR})
		self.assertEqual(self.run_as(self.unscoped), [])

	def test_training_attendance_rate(self):
		# (1 enterprise + 1 committee) of (2 + 2)
		self.assertEqual(get_training_attendance_rate(TEST_AREA, YEAR, ignore_permissions=True), 50.0)
		self.assertEqual(get_training_attendance_rate(TEST_COMMUNITY, YEAR, ignore_permissions=True), 50.0)
		self.assertEqual(get_training_attendance_rate(TEST_AREA, YEAR - 1, ignore_permissions=True), 25.0)
		self.assertEqual(get_training_attendance_rate(TEST_AREA, YEAR - 2, ignore_permissions=True), 0.0)
		# nobody to train: nothing is left untrained
		self.assertEqual(get_training_attendance_rate(EMPTY_AREA, YEAR, ignore_permissions=True), 100.0)
		frappe.set_user(self.area_officer)
		self.assertEqual(get_training_attendance_rate(TEST_AREA, YEAR), 50.0)
