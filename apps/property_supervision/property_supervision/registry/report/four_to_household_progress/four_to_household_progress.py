# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""四到户 progress by area against the year's targets (SPEC §14): per area, the compounds and
households in the plan and those completed per utility (water, heating, power, gas); the total row
sets them against the plan's targets. Statuses are the compounds' own (registry/four_to_household.py).

The plan is read through frappe.get_list (district roles, the lead unit's officers)."""

import frappe
from frappe import _

from property_supervision.registry.coverage import area_of_communities
from property_supervision.registry.four_to_household import PLAN, ROW
from property_supervision.rules import facilities as rules

LABELS = {"water": "Water Supply", "heating": "Heating Supply", "power": "Power Supply", "gas": "Gas Supply"}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	conditions = [["year", "=", int(filters.year)]] if filters.get("year") else []
	plans = frappe.get_list(
		PLAN, filters=conditions, fields=["name"], order_by="year desc", limit_page_length=1
	)
	if not plans:
		return get_columns(), []
	plan = frappe.get_doc(PLAN, plans[0].name)
	rows = area_rows(plan)
	return get_columns(), [*rows, target_row(plan, rows)], None, None, get_summary(plan)


def area_rows(plan) -> list[dict]:
	compounds = frappe.get_all(
		ROW,
		filters={"parenttype": PLAN, "parent": plan.name},
		fields=["jurisdiction", "household_count", *(rules.compound_field(u) for u in rules.UTILITIES)],
	)
	areas = area_of_communities()
	grouped: dict[str, list] = {}
	for row in compounds:
		grouped.setdefault(areas.get(row.jurisdiction) or row.jurisdiction or "", []).append(row)
	result = []
	for area in sorted(grouped):
		rows = grouped[area]
		line = frappe._dict(
			area=area, compounds=len(rows), households=sum(int(r.household_count or 0) for r in rows)
		)
		for utility in rules.UTILITIES:
			line[f"done_{utility}"] = rules.utility_done(rows, utility, plan.target_basis)
		result.append(line)
	return result


def target_row(plan, rows: list[dict]) -> dict:
	"""The plan's total, its targets and the rate of each utility against its target."""
	line = frappe._dict(
		area=_("Total against Targets"),
		compounds=sum(r.compounds for r in rows),
		households=sum(r.households for r in rows),
		is_total_row=1,
	)
	for utility in rules.UTILITIES:
		done = sum(r[f"done_{utility}"] for r in rows)
		line[f"done_{utility}"] = done
		line[f"target_{utility}"] = plan.get(f"target_{utility}") or 0
		line[f"rate_{utility}"] = rules.target_rate(done, plan.get(f"target_{utility}"))
	return line


def get_columns() -> list[dict]:
	columns = [
		{
			"fieldname": "area",
			"label": _("Area Committee or Subdistrict"),
			"fieldtype": "Data",
			"width": 200,
		},
		{"fieldname": "compounds", "label": _("Compounds"), "fieldtype": "Int", "width": 90},
		{"fieldname": "households", "label": _("Households"), "fieldtype": "Int", "width": 90},
	]
	for utility in rules.UTILITIES:
		label = _(LABELS[utility])
		columns += [
			{
				"fieldname": f"done_{utility}",
				"label": _("{0}: Completed").format(label),
				"fieldtype": "Int",
				"width": 110,
			},
			{
				"fieldname": f"target_{utility}",
				"label": _("{0}: Target").format(label),
				"fieldtype": "Int",
				"width": 110,
			},
			{
				"fieldname": f"rate_{utility}",
				"label": _("{0}: Rate").format(label),
				"fieldtype": "Percent",
				"width": 100,
			},
		]
	return columns


def get_summary(plan) -> list[dict]:
	return [
		{"label": _("Targets Counted In"), "value": _(plan.target_basis), "datatype": "Data"},
		{"label": _("Completion Rate"), "value": plan.completion_rate, "datatype": "Percent"},
	]
