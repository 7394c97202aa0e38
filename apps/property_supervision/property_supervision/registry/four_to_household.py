"""四到户 (SPEC §14, seed: "制定我区供水、供热、供电、供气'四到户'改造方案，确定改造工作任务和目标").

One rule, kept here: a compound's status per utility lives on the compound (Residential Compound's
`water_to_household`, `heating_to_household`, `power_to_household`, `gas_to_household`). A
Four-to-Household Plan's rows show it and may change it:
- a row added to a plan takes the compound's statuses (fetch_if_empty);
- a status changed in a plan's row is written to the compound (and to the compound's rows in
  other plans);
- a status changed on the compound is written to its rows in every plan;
- every plan's progress against its targets is counted from those statuses.
"""

import frappe
from frappe.utils import getdate, today

from property_supervision.rules import facilities as rules

PLAN, ROW = "Four-to-Household Plan", "Four-to-Household Compound"
FIELDS = tuple(rules.compound_field(u) for u in rules.UTILITIES)


def sync_rows(plan) -> dict[str, dict]:
	"""Called from the plan's validate: the statuses a row's user changed (or a new row brought) go
	to the compound, the others are taken from the compound. Returns {compound: changed fields}."""
	before = plan.get_doc_before_save()
	before_rows = {row.name: row for row in before.compounds} if before else {}
	names = list({row.compound for row in plan.compounds if row.compound})
	current = (
		{
			c.name: c
			for c in frappe.get_all(
				"Residential Compound",
				filters={"name": ("in", names)},
				fields=["name", "household_count", *FIELDS],
			)
		}
		if names
		else {}
	)
	pushes: dict[str, dict] = {}
	for row in plan.compounds:
		compound = current.get(row.compound)
		if not compound:
			continue
		row.household_count = compound.household_count
		old = before_rows.get(row.name)
		for field in FIELDS:
			value = row.get(field)
			changed = old is None or old.compound != row.compound or value != old.get(field)
			if changed and value and value != compound.get(field):
				pushes.setdefault(row.compound, {})[field] = value
			elif not changed or not value:
				row.set(field, compound.get(field))
	return pushes


def push_to_compounds(pushes: dict[str, dict], except_plan: str | None = None) -> None:
	"""Write the statuses changed in a plan to the compounds and to their rows in the other plans."""
	for compound, values in pushes.items():
		frappe.db.set_value("Residential Compound", compound, values)
		update_rows(compound, values, except_plan)


def update_rows(compound: str, values: dict, except_plan: str | None = None) -> None:
	"""The compound's statuses into its rows in every plan, and those plans' progress."""
	rows = frappe.get_all(ROW, filters={"parenttype": PLAN, "compound": compound}, fields=["name", "parent"])
	plans = set()
	for row in rows:
		if row.parent == except_plan:
			continue
		frappe.db.set_value(ROW, row.name, values, update_modified=False)
		plans.add(row.parent)
	for plan in plans:
		refresh_progress(plan)


def on_compound_update(doc, method=None):
	"""Residential Compound on_update (hooks.py): a status changed on the compound shows in its plans."""
	before = doc.get_doc_before_save()
	if not before:
		return
	values = {f: doc.get(f) for f in FIELDS if doc.get(f) != before.get(f)}
	if values:
		update_rows(doc.name, values)


def calculate_progress(plan) -> None:
	"""Completed households (or compounds) per utility against the plan's targets, and the overall
	completion rate (the four completed counts against the sum of the four targets)."""
	done_total = target_total = 0
	rows = [row.as_dict() for row in plan.compounds]
	for utility in rules.UTILITIES:
		done = rules.utility_done(rows, utility, plan.target_basis)
		target = int(plan.get(f"target_{utility}") or 0)
		plan.set(f"done_{utility}", done)
		plan.set(f"rate_{utility}", rules.target_rate(done, target) or 0)
		done_total += min(done, target) if target else 0
		target_total += target
	plan.completion_rate = rules.target_rate(done_total, target_total) or 0


def refresh_progress(plan_name: str) -> None:
	plan = frappe.get_doc(PLAN, plan_name)
	calculate_progress(plan)
	values = {f"done_{u}": plan.get(f"done_{u}") for u in rules.UTILITIES}
	values.update({f"rate_{u}": plan.get(f"rate_{u}") for u in rules.UTILITIES})
	values["completion_rate"] = plan.completion_rate
	frappe.db.set_value(PLAN, plan_name, values, update_modified=False)


@frappe.whitelist()
def get_completion_card(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Four-to-Household Completion": this year's plan's completion rate (the latest
	plan when there is none for this year), for those who may read the plan."""
	plans = frappe.get_list(
		PLAN,
		filters=[["year", "<=", getdate(today()).year]],
		fields=["name", "completion_rate"],
		order_by="year desc",
		limit_page_length=1,
	)
	return {"value": plans[0].completion_rate if plans else 0, "fieldtype": "Percent"}
