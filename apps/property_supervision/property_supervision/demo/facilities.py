"""Demo facility and 四到户 work (SPEC §14): the district's survey of this year's facility issues
(the compounds' own, made by demo/compounds.py) into the year's Facility Rectification Plan, its
items under way at the lead units named in Facility Settings (some completed, some behind their
target date, so the overdue report and card have something to show), and the year's
Four-to-Household Plan for the old compounds still lacking a utility, with targets and progress.

Deterministic for a given random generator and idempotent: the survey adds only issues not yet in
the plan, and only the items it has just added are put under way; an existing four-to-household
plan is left as it is.
"""

import random
from datetime import date

import frappe
from frappe.utils import getdate, today

from property_supervision.registry import facilities, four_to_household
from property_supervision.rules import facilities as rules

PLAN_COMPOUNDS = 40


def make_facilities(rng: random.Random, names: dict) -> dict[str, int]:
	year = getdate(today()).year
	facilities.create_facility_settings()
	before = set(frappe.get_all(facilities.ITEM, filters={"plan": ("like", f"%{year}")}, pluck="name"))
	result = facilities.run_survey(year)
	new_items = [
		name
		for name in frappe.get_all(
			facilities.ITEM, filters={"plan": result["plan"]}, pluck="name", order_by="name"
		)
		if name not in before
	]
	now = getdate(today())
	for name in new_items:
		put_under_way(frappe.get_doc(facilities.ITEM, name), rng, year, now)
	facilities.update_plan_figures(result["plan"])
	created = {facilities.ITEM: len(new_items)}
	if make_four_to_household_plan(rng, year):
		created[four_to_household.PLAN] = 1
	return created


def put_under_way(item, rng: random.Random, year: int, now: date) -> None:
	item.budget = rng.randrange(5, 200) * 10000
	roll = rng.random()
	if roll < 0.25:
		item.status = rules.COMPLETED
		item.remark = "已完成整改并通过验收"
	elif roll < 0.75:
		item.progress = rng.randrange(10, 90, 10)
		item.remark = rng.choice(("施工队已进场", "方案已审定，正在招标", "已完成前期摸排，正在施工"))
	# some fall behind: a target date earlier this year that has passed
	if item.status != rules.COMPLETED and rng.random() < 0.2 and now.month > 1:
		item.target_date = date(year, rng.randint(1, now.month - 1), 28)
	item.save(ignore_permissions=True)


def make_four_to_household_plan(rng: random.Random, year: int) -> bool:
	if frappe.db.exists(four_to_household.PLAN, {"year": year}):
		return False
	settings = frappe.get_cached_doc(facilities.SETTINGS)
	if not settings.coordinating_unit:
		return False
	lacking = [["is_old_compound", "=", 1]]
	candidates = frappe.get_all(
		"Residential Compound",
		filters=lacking,
		or_filters=[[field, "!=", rules.UTILITY_DONE] for field in four_to_household.FIELDS],
		fields=["name", "household_count"],
		order_by="name",
		limit_page_length=PLAN_COMPOUNDS,
	)
	if not candidates:
		return False
	households = sum(int(c.household_count or 0) for c in candidates)
	plan = frappe.get_doc(
		{
			"doctype": four_to_household.PLAN,
			"year": year,
			"lead_unit": settings.coordinating_unit,
			"target_basis": rules.HOUSEHOLDS,
			**{f"target_{u}": int(households * rng.uniform(0.5, 0.8)) for u in rules.UTILITIES},
			"compounds": [{"compound": c.name} for c in candidates],
		}
	).insert(ignore_permissions=True)
	# the work of the year so far, entered in the plan (it goes to the compounds)
	for row in plan.compounds:
		for field in four_to_household.FIELDS:
			if row.get(field) != rules.UTILITY_DONE:
				row.set(field, rng.choice(("Not Started", "In Progress", "In Progress", rules.UTILITY_DONE)))
	plan.save(ignore_permissions=True)
	return True
