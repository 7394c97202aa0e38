"""Facility and 四到户 work (SPEC §14, issue 14 item 2), from the outsider's side: the district's
survey turns compounds' facility issues into a plan's items (twice: nothing doubled); a lead
department's officer sees and updates only their unit's items, and only their progress; another
unit's officer gets nothing on list, get, count, report and link search; the district sees the
progress against the plan; the daily job flags overdue items once and tells the lead unit; the
four-to-household plan and the compounds' own statuses stay one."""

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from property_supervision.api.facilities import run_survey
from property_supervision.api.search import search_link
from property_supervision.registry import facilities
from property_supervision.tests.test_data_protection import call
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	add_facility_issue,
	deliver_notices,
	make_compound,
	make_department_officer,
	make_facility_item,
	make_facility_plan,
	make_four_to_household_plan,
	make_officer,
	make_user,
	use_chinese,
)

ROADS_UNIT = "区市政市容管理局"  # leads Damaged Roads and Aged Water Supply by default
PARKING_UNIT = "区规划分局"  # leads Parking Shortage by default
COORDINATOR = "区城区建设管理委员会办公室"
YEAR = 2031
ITEM = "Facility Rectification Item"


def client_count(filters=None) -> int:
	return call("frappe.client.get_count", doctype=ITEM, filters=filters)


def list_count(filters=None) -> int:
	"""The list view's count (it reads the request's form_dict)."""
	frappe.local.form_dict = frappe._dict(doctype=ITEM, filters=frappe.as_json(filters or {}))
	try:
		return call("frappe.desk.reportview.get_count")
	finally:
		frappe.local.form_dict = frappe._dict()


class FacilityTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		facilities.create_facility_settings()
		cls.compound = make_compound("设施测试甲小区", "设施测试甲社区", AREA)
		cls.other_compound = make_compound("设施测试乙小区", "设施测试乙社区", OTHER_AREA)
		cls.roads_officer = make_department_officer("roads.officer.fac@example.com", ROADS_UNIT)
		cls.parking_officer = make_department_officer("parking.officer.fac@example.com", PARKING_UNIT)
		cls.unscoped_officer = make_user("unscoped.department.fac@example.com", ["Department Officer"]).name
		cls.area_officer = make_officer("area.officer.fac@example.com", "Area Officer", AREA)
		cls.supervisor = make_user("district.supervisor.fac@example.com", ["District Supervisor"]).name

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")


class TestSurveyAndScope(FacilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.roads_issue = add_facility_issue(cls.compound, "Damaged Roads")
		cls.parking_issue = add_facility_issue(
			cls.other_compound, "Parking Shortage", due_date=f"{YEAR}-06-30"
		)
		cls.resolved_issue = add_facility_issue(cls.compound, "No Property Office", status="Resolved")
		frappe.set_user(cls.supervisor)
		cls.first = run_survey(YEAR)
		frappe.set_user("Administrator")
		cls.plan = cls.first["plan"]
		cls.roads_item = frappe.db.get_value(ITEM, {"compound_issue": cls.roads_issue})
		cls.parking_item = frappe.db.get_value(ITEM, {"compound_issue": cls.parking_issue})

	def test_survey_makes_an_item_per_open_issue_with_its_lead_unit(self):
		self.assertGreaterEqual(self.first["created"], 2)
		roads = frappe.get_doc(ITEM, self.roads_item)
		self.assertEqual(roads.lead_unit, ROADS_UNIT)
		self.assertEqual(str(roads.target_date), f"{YEAR}-12-31")  # Facility Settings' target month
		self.assertEqual(roads.jurisdiction, "设施测试甲社区")
		parking = frappe.get_doc(ITEM, self.parking_item)
		self.assertEqual(parking.lead_unit, PARKING_UNIT)
		self.assertEqual(str(parking.target_date), f"{YEAR}-06-30")  # the issue's own due date
		self.assertFalse(frappe.db.exists(ITEM, {"compound_issue": self.resolved_issue}))
		self.assertEqual(
			frappe.db.get_value("Facility Rectification Plan", self.plan, "coordinating_unit"), COORDINATOR
		)

	def test_survey_twice_doubles_nothing(self):
		before = frappe.db.count(ITEM, {"plan": self.plan})
		frappe.set_user(self.supervisor)
		again = run_survey(YEAR)
		self.assertEqual(again["created"], 0)
		self.assertEqual(again["plan"], self.plan)
		self.assertEqual(frappe.db.count(ITEM, {"plan": self.plan}), before)
		self.assertEqual(frappe.db.count("Facility Rectification Plan", {"year": YEAR}), 1)

	def test_an_issue_recorded_later_joins_the_plan(self):
		later = add_facility_issue(self.compound, "Aged Water Supply and Drainage")
		frappe.set_user(self.supervisor)
		self.assertEqual(run_survey(YEAR)["created"], 1)
		self.assertEqual(frappe.db.get_value(ITEM, {"compound_issue": later}, "lead_unit"), ROADS_UNIT)

	def test_only_district_roles_run_the_survey(self):
		for user in (self.roads_officer, self.area_officer):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				run_survey(YEAR)

	def test_a_bad_year_is_refused_in_chinese(self):
		frappe.set_user(self.supervisor)
		plans = frappe.db.count("Facility Rectification Plan")
		with self.assertRaises(frappe.ValidationError) as raised:
			run_survey("abc")
		self.assertIn("年度", str(raised.exception))
		self.assertEqual(frappe.db.count("Facility Rectification Plan"), plans)

	def test_department_officer_sees_only_their_units_items_on_every_path(self):
		frappe.set_user(self.roads_officer)
		names = frappe.get_list(ITEM, pluck="name", limit_page_length=0)
		self.assertIn(self.roads_item, names)
		self.assertNotIn(self.parking_item, names)
		self.assertTrue(all(frappe.db.get_value(ITEM, n, "lead_unit") == ROADS_UNIT for n in names))
		for count in (client_count, list_count):
			self.assertEqual(count(filters={"name": self.parking_item}), 0)
			self.assertEqual(count(filters={"name": self.roads_item}), 1)
		listed = call("frappe.client.get_list", doctype=ITEM, fields=["name"], limit_page_length=0)
		self.assertNotIn(self.parking_item, [r["name"] for r in listed])
		found = call("frappe.desk.search.search_link", doctype=ITEM, txt="设施测试")
		self.assertNotIn(self.parking_item, [r["value"] for r in found])
		self.assertFalse(frappe.has_permission(ITEM, doc=self.parking_item))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(ITEM, self.parking_item).check_permission("read")
		with self.assertRaises(frappe.PermissionError):
			call("frappe.client.get", doctype=ITEM, name=self.parking_item)
		self.assertEqual(
			call("frappe.client.get", doctype=ITEM, name=self.roads_item)["name"], self.roads_item
		)
		found = [r["value"] for r in search_link(ITEM, "设施测试")]
		self.assertIn(self.roads_item, found)
		self.assertNotIn(self.parking_item, found)
		report = run_report("Overdue Facility Items", filters={})
		self.assertNotIn(self.parking_item, [r.get("name") for r in report["result"]])
		progress = run_report("Facility Rectification Progress", filters={"plan": self.plan})
		units = {r.get("group") for r in progress["result"] if not r.get("is_total_row")}
		self.assertEqual(units, {ROADS_UNIT})
		# the plan itself (district totals) is not theirs
		self.assertFalse(frappe.has_permission("Facility Rectification Plan", doc=self.plan))

	def test_department_officer_without_scope_sees_nothing(self):
		frappe.set_user(self.unscoped_officer)
		self.assertEqual(frappe.get_list(ITEM, pluck="name", limit_page_length=0), [])
		self.assertEqual(client_count(), 0)
		self.assertEqual(list_count(), 0)
		self.assertFalse(frappe.has_permission(ITEM, doc=self.roads_item))
		self.assertEqual(search_link(ITEM, "设施测试"), [])
		progress = run_report("Facility Rectification Progress", filters={"plan": self.plan})
		self.assertEqual(progress["result"], [])

	def test_area_officer_sees_their_areas_compounds(self):
		frappe.set_user(self.area_officer)
		names = frappe.get_list(ITEM, pluck="name", limit_page_length=0)
		self.assertIn(self.roads_item, names)
		self.assertNotIn(self.parking_item, names)
		self.assertFalse(frappe.has_permission(ITEM, "write", doc=self.roads_item))

	def test_lead_department_updates_progress_and_the_district_sees_it(self):
		frappe.set_user(self.roads_officer)
		item = frappe.get_doc(ITEM, self.roads_item)
		item.progress = 60
		item.remark = "已完成路面铣刨"
		item.save()
		self.assertEqual(item.status, "In Progress")
		self.assertEqual(
			frappe.db.get_value("Compound Facility Issue", self.roads_issue, "status"), "In Progress"
		)
		frappe.set_user(self.supervisor)
		progress = run_report(
			"Facility Rectification Progress", filters={"plan": self.plan, "group_by": "Lead Unit"}
		)
		rows = {r.get("group"): r for r in progress["result"]}
		self.assertIn(ROADS_UNIT, rows)
		self.assertIn(PARKING_UNIT, rows)
		self.assertGreater(rows[ROADS_UNIT]["average_progress"], 0)
		self.assertEqual(rows[PARKING_UNIT]["average_progress"], 0)
		by_area = run_report(
			"Facility Rectification Progress", filters={"plan": self.plan, "group_by": "Area"}
		)
		self.assertEqual(
			{r.get("group") for r in by_area["result"] if not r.get("is_total_row")} >= {AREA, OTHER_AREA},
			True,
		)
		# completing it: 100 %, the compound's issue resolved, the plan's completion counted
		frappe.set_user(self.roads_officer)
		item.reload()
		item.status = "Completed"
		item.save()
		self.assertEqual(item.progress, 100)
		self.assertEqual(
			frappe.db.get_value("Compound Facility Issue", self.roads_issue, "status"), "Resolved"
		)
		plan = frappe.get_doc("Facility Rectification Plan", self.plan)
		self.assertGreaterEqual(plan.completed_count, 1)
		self.assertGreater(plan.completion_rate, 0)

	def test_department_officer_may_not_change_anything_else(self):
		frappe.set_user(self.roads_officer)
		item = frappe.get_doc(ITEM, self.roads_item)
		item.target_date = f"{YEAR + 1}-12-31"
		item.progress = 10
		with self.assertRaises(frappe.ValidationError) as raised:
			item.save()
		self.assertIn("目标完成日期", str(raised.exception))
		self.assertEqual(str(frappe.db.get_value(ITEM, self.roads_item, "target_date")), f"{YEAR}-12-31")
		item.reload()
		item.lead_unit = PARKING_UNIT
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			item.save()
		self.assertEqual(frappe.db.get_value(ITEM, self.roads_item, "lead_unit"), ROADS_UNIT)
		# another unit's item: not even readable, let alone writable
		other = frappe.get_doc(ITEM, self.parking_item)
		other.progress = 50
		with self.assertRaises(frappe.PermissionError):
			other.save()
		self.assertEqual(frappe.db.get_value(ITEM, self.parking_item, "progress"), 0)
		# nor may they create one
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": ITEM,
					"plan": self.plan,
					"compound": self.compound,
					"issue_type": "Damaged Roads",
					"lead_unit": ROADS_UNIT,
					"target_date": f"{YEAR}-12-31",
				}
			).insert()

	def test_bad_progress_is_refused_in_chinese_and_nothing_is_saved(self):
		frappe.set_user(self.roads_officer)
		item = frappe.get_doc(ITEM, self.roads_item)
		before = item.progress
		item.progress = 150
		with self.assertRaises(frappe.ValidationError) as raised:
			item.save()
		self.assertIn("进度", str(raised.exception))
		self.assertEqual(frappe.db.get_value(ITEM, self.roads_item, "progress"), before)
		frappe.set_user(self.supervisor)
		item = frappe.get_doc(ITEM, self.roads_item)
		item.budget = -5
		with self.assertRaises(frappe.ValidationError) as raised:
			item.save()
		self.assertIn("预算", str(raised.exception))
		item.reload()
		item.target_date = f"{YEAR - 1}-01-01"
		with self.assertRaises(frappe.ValidationError) as raised:
			item.save()
		self.assertIn(str(YEAR), str(raised.exception))

	def test_the_same_issue_cannot_have_two_items_in_a_plan(self):
		with self.assertRaises(frappe.ValidationError):
			make_facility_item(self.plan, self.compound, ROADS_UNIT, compound_issue=self.roads_issue)


class TestOverdue(FacilityTestCase):
	def test_daily_job_flags_overdue_items_once_and_tells_the_lead_unit(self):
		plan = make_facility_plan(2021)
		late = make_facility_item(plan, self.compound, ROADS_UNIT, target_date="2021-06-30")
		# an item saved after its target date is overdue at once; the job finds one the date passed by
		frappe.db.set_value(ITEM, late.name, "is_overdue", 0, update_modified=False)
		done = make_facility_item(
			plan, self.compound, ROADS_UNIT, target_date="2021-06-30", status="Completed"
		)
		future = make_facility_item(plan, self.compound, ROADS_UNIT, target_date="2099-06-30")
		deliver_notices()
		frappe.db.delete("Notification Log", {"for_user": self.roads_officer})
		counts = facilities.mark_overdue_items()
		self.assertEqual(counts.get("overdue"), 1)
		self.assertEqual(frappe.db.get_value(ITEM, late.name, "is_overdue"), 1)
		self.assertEqual(frappe.db.get_value(ITEM, done.name, "is_overdue"), 0)
		self.assertEqual(frappe.db.get_value(ITEM, future.name, "is_overdue"), 0)
		self.assertEqual(frappe.db.get_value("Facility Rectification Plan", plan, "overdue_count"), 1)
		deliver_notices()
		logs = frappe.get_all("Notification Log", filters={"for_user": self.roads_officer}, pluck="subject")
		self.assertTrue(any("设施整改项目已逾期" in s for s in logs), logs)
		self.assertFalse(
			frappe.db.exists(
				"Notification Log", {"for_user": self.parking_officer, "document_name": late.name}
			)
		)
		# twice: nothing more
		self.assertEqual(facilities.mark_overdue_items().get("overdue"), None)
		# the card counts it for the lead unit, not for another unit
		frappe.set_user(self.roads_officer)
		self.assertGreaterEqual(facilities.get_overdue_items_card()["value"], 1)
		report = run_report("Overdue Facility Items", filters={})
		self.assertIn(late.name, [r.get("name") for r in report["result"]])
		by_area = run_report("Facility Rectification Progress", filters={"plan": plan, "group_by": "Area"})
		self.assertEqual(next(r for r in by_area["result"] if r.get("is_total_row"))["overdue"], 1)
		frappe.set_user(self.parking_officer)
		self.assertNotIn(
			late.name, [r.get("name") for r in run_report("Overdue Facility Items", filters={})["result"]]
		)
		self.assertEqual(
			frappe.get_list(ITEM, filters={"name": late.name, "is_overdue": 1}, pluck="name"), []
		)


class TestFourToHousehold(FacilityTestCase):
	def test_plan_and_compounds_agree_and_progress_counts_against_targets(self):
		frappe.db.set_value("Residential Compound", self.compound, "gas_to_household", "Completed")
		plan = make_four_to_household_plan(
			YEAR,
			[self.compound, self.other_compound],
			COORDINATOR,
			target_basis="Households",
			target_water=480,
			target_gas=240,
		)
		# a row takes the compound's statuses
		row = next(r for r in plan.compounds if r.compound == self.compound)
		self.assertEqual(row.gas_to_household, "Completed")
		self.assertEqual(plan.done_gas, 240)
		self.assertEqual(plan.rate_gas, 100)
		coordinator = make_department_officer("coordinator.fac@example.com", COORDINATOR)
		frappe.set_user(coordinator)
		plan = frappe.get_doc("Four-to-Household Plan", plan.name)
		row = next(r for r in plan.compounds if r.compound == self.compound)
		row.water_to_household = "Completed"
		plan.save()
		# the compound's own field changed
		self.assertEqual(
			frappe.db.get_value("Residential Compound", self.compound, "water_to_household"), "Completed"
		)
		self.assertEqual(plan.done_water, 240)
		self.assertEqual(plan.rate_water, 50)
		# the compound changed directly: the plan's row and progress follow
		frappe.set_user("Administrator")
		compound = frappe.get_doc("Residential Compound", self.other_compound)
		compound.water_to_household = "Completed"
		compound.save()
		plan.reload()
		self.assertEqual(
			next(r for r in plan.compounds if r.compound == self.other_compound).water_to_household,
			"Completed",
		)
		self.assertEqual(plan.done_water, 480)
		self.assertEqual(plan.rate_water, 100)
		# the district's report by area against the targets (and the lead unit's officers')
		frappe.set_user(coordinator)
		self.assertTrue(run_report("Four-to-Household Progress", filters={"year": YEAR})["result"])
		frappe.set_user(self.supervisor)
		report = run_report("Four-to-Household Progress", filters={"year": YEAR})
		total = next(r for r in report["result"] if r.get("is_total_row"))
		self.assertEqual(total["done_water"], 480)
		self.assertEqual(total["target_water"], 480)
		self.assertEqual(
			{r.get("area") for r in report["result"] if not r.get("is_total_row")}, {AREA, OTHER_AREA}
		)

	def test_lead_units_officer_changes_only_statuses(self):
		plan = make_four_to_household_plan(YEAR, [self.compound], COORDINATOR, target_water=100)
		coordinator = make_department_officer("coordinator.fac@example.com", COORDINATOR)
		frappe.set_user(coordinator)
		plan = frappe.get_doc("Four-to-Household Plan", plan.name)
		plan.target_water = 1
		with self.assertRaises(frappe.ValidationError) as raised:
			plan.save()
		self.assertIn("目标", str(raised.exception))
		self.assertEqual(frappe.db.get_value("Four-to-Household Plan", plan.name, "target_water"), 100)
		# another unit's officer does not see the plan at all
		frappe.set_user(self.roads_officer)
		self.assertEqual(frappe.get_list("Four-to-Household Plan", pluck="name"), [])
		self.assertFalse(frappe.has_permission("Four-to-Household Plan", doc=plan.name))

	def test_a_compound_twice_in_a_plan_is_refused(self):
		with self.assertRaises(frappe.ValidationError) as raised:
			make_four_to_household_plan(YEAR, [self.compound, self.compound], COORDINATOR)
		self.assertIn("已在", str(raised.exception))


class TestShippedDefaults(FacilityTestCase):
	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()  # rolls the settings back
		frappe.clear_document_cache("Facility Settings", "Facility Settings")

	def test_the_patch_keeps_an_administrators_settings_and_changes_nothing_twice(self):
		from property_supervision.patches import facility_work

		settings = frappe.get_single("Facility Settings")
		row = next(r for r in settings.lead_units if r.issue_type == "Parking Shortage")
		row.lead_unit = "区城市管理行政执法局"
		settings.save()
		try:
			# the patch's custom field update may commit (DDL): the edit is undone below, not rolled back
			facility_work.execute()
			facility_work.execute()
			settings = frappe.get_single("Facility Settings")
			self.assertEqual(
				[r.lead_unit for r in settings.lead_units if r.issue_type == "Parking Shortage"],
				["区城市管理行政执法局"],
			)
		finally:
			settings = frappe.get_single("Facility Settings")
			next(
				r for r in settings.lead_units if r.issue_type == "Parking Shortage"
			).lead_unit = PARKING_UNIT
			settings.save()
			frappe.db.commit()
		self.assertEqual(len(settings.lead_units), len({r.issue_type for r in settings.lead_units}))
		self.assertTrue(frappe.db.exists("Notification", "设施整改项目已逾期"))
		options = frappe.get_meta("Notification Recipient").get_field("ps_audience").options.split("\n")
		self.assertIn("Lead Unit Officers", options)

	def test_bad_settings_are_refused_in_chinese(self):
		settings = frappe.get_single("Facility Settings")
		settings.append("lead_units", {"issue_type": "Damaged Roads", "lead_unit": COORDINATOR})
		with self.assertRaises(frappe.ValidationError) as raised:
			settings.save()
		self.assertIn("已设置牵头单位", str(raised.exception))
		settings = frappe.get_single("Facility Settings")
		settings.target_month = 13
		with self.assertRaises(frappe.ValidationError) as raised:
			settings.save()
		self.assertIn("目标月份", str(raised.exception))
