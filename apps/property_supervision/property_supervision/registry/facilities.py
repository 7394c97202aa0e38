"""Facility rectification (SPEC §14, seed: "摸底全区配套设施情况，并制定整改方案"): the district survey
that turns the compounds' facility issues into a year's Facility Rectification Plan, the plan's
figures against its items, the daily overdue sweep and its notice, and the workspace card.

Each item is its own document (Facility Rectification Item, not a child row of the plan), with
`lead_unit` and `jurisdiction` as Links: a Department Officer's User Permission on Supervision Unit
and an area officer's on Jurisdiction scope it on every endpoint (form, list, report, count,
link search, export, REST) through Frappe's own machinery. The plan shows its items (Connections).
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from property_supervision import notices
from property_supervision.rules import facilities as rules
from property_supervision.rules.figures import percentage
from property_supervision.utils import sweep

PLAN, ITEM, SETTINGS = "Facility Rectification Plan", "Facility Rectification Item", "Facility Settings"
ITEM_OVERDUE = "ps_facility_item_overdue"

# the seed's lead office of the facility and 四到户 work, and the departments of its project group
# that lead each kind of issue (administrators change them in Facility Settings)
COORDINATING_UNIT = "区城区建设管理委员会办公室"
DEFAULT_LEAD_UNITS = {
	rules.PARKING: "区规划分局",
	rules.PREMISES: "区建设局",
	rules.WATER: "区市政市容管理局",
	rules.ROADS: "区市政市容管理局",
	rules.OTHER: COORDINATING_UNIT,
}


def create_facility_settings() -> bool:
	"""Shipped default (setup/defaults.py, patch facility_settings): the lead units as the seed names
	them, for the units this site has; created once, then the administrators'."""
	if not frappe.db.exists("DocType", SETTINGS):
		return False
	settings = frappe.get_single(SETTINGS)
	if settings.lead_units or settings.coordinating_unit:
		return True
	if frappe.db.exists("Supervision Unit", COORDINATING_UNIT):
		settings.coordinating_unit = COORDINATING_UNIT
	for issue_type, unit in DEFAULT_LEAD_UNITS.items():
		if frappe.db.exists("Supervision Unit", unit):
			settings.append("lead_units", {"issue_type": issue_type, "lead_unit": unit})
	settings.save(ignore_permissions=True)
	return True


def lead_units() -> dict[str, str]:
	"""issue type -> the lead unit Facility Settings gives it (the coordinating unit otherwise)."""
	settings = frappe.get_cached_doc(SETTINGS)
	found = {row.issue_type: row.lead_unit for row in settings.lead_units}
	return {t: found.get(t) or settings.coordinating_unit for t in rules.ISSUE_TYPES}


def validate_year(year) -> int:
	try:
		year = int(year)
	except (TypeError, ValueError):
		year = 0
	if not 2000 <= year <= 2100:
		frappe.throw(_("Please give a plan year between 2000 and 2100."), title=_("Invalid Plan Year"))
	return year


# --- the district survey (摸底) ------------------------------------------------------------------


def run_survey(year) -> dict:
	"""Turn every unresolved facility issue of every compound into an item of the year's plan
	(created when missing). An issue that already has an item in the plan is left alone, so running
	the survey again adds only what was recorded since. Returns the plan and the counts."""
	year = validate_year(year)
	settings = frappe.get_cached_doc(SETTINGS)
	leads = lead_units()
	plan_name = frappe.db.get_value(PLAN, {"year": year})
	if plan_name:
		plan = frappe.get_doc(PLAN, plan_name)
	else:
		plan = frappe.get_doc(
			{
				"doctype": PLAN,
				"year": year,
				"plan_title": _("{0} Residential Compound Facility Rectification Plan").format(year),
				"coordinating_unit": settings.coordinating_unit,
			}
		).insert()
	surveyed = set(
		frappe.get_all(
			ITEM, filters={"plan": plan.name, "compound_issue": ("is", "set")}, pluck="compound_issue"
		)
	)
	issues = frappe.get_all(
		"Compound Facility Issue",
		filters={"parenttype": "Residential Compound", "status": ("!=", rules.ISSUE_RESOLVED)},
		fields=["name", "parent", "issue_type", "description", "lead_unit", "due_date", "status"],
		order_by="parent asc, idx asc",
	)
	counts = {"created": 0, "already_in_plan": 0, "without_lead_unit": 0}
	for issue in issues:
		if issue.name in surveyed:
			counts["already_in_plan"] += 1
			continue
		lead_unit = issue.lead_unit or leads.get(issue.issue_type)
		if not lead_unit:
			counts["without_lead_unit"] += 1
			continue
		frappe.get_doc(
			{
				"doctype": ITEM,
				"plan": plan.name,
				"compound": issue.parent,
				"compound_issue": issue.name,
				"issue_type": issue.issue_type,
				"description": issue.description,
				"lead_unit": lead_unit,
				"target_date": rules.survey_target_date(issue.due_date, year, settings.target_month),
				"status": rules.IN_PROGRESS if issue.status == rules.IN_PROGRESS else rules.NOT_STARTED,
			}
		).insert(ignore_links=False)
		counts["created"] += 1
	frappe.db.set_value(PLAN, plan.name, "survey_date", today(), update_modified=False)
	update_plan_figures(plan.name)
	return {"plan": plan.name, **counts}


# --- the plan's figures ---------------------------------------------------------------------------


def update_plan_figures(plan: str | None) -> None:
	"""The plan's items, completed and overdue items, budget, average progress and completion rate
	(completed ÷ items not cancelled), written on the plan."""
	if not plan or not frappe.db.exists(PLAN, plan):
		return
	item = frappe.qb.DocType(ITEM)
	from frappe.query_builder.functions import Avg, Count, Sum
	from pypika import Case

	row = (
		frappe.qb.from_(item)
		.select(
			Count(item.name).as_("items"),
			Sum(Case().when(item.status == rules.COMPLETED, 1).else_(0)).as_("completed"),
			Sum(Case().when(item.status == rules.CANCELLED, 1).else_(0)).as_("cancelled"),
			Sum(item.is_overdue).as_("overdue"),
			Sum(item.budget).as_("budget"),
			Avg(Case().when(item.status != rules.CANCELLED, item.progress)).as_("progress"),
		)
		.where(item.plan == plan)
	).run(as_dict=True)[0]
	items = int(row["items"] or 0)
	counted = items - int(row["cancelled"] or 0)
	frappe.db.set_value(
		PLAN,
		plan,
		{
			"item_count": items,
			"completed_count": int(row["completed"] or 0),
			"overdue_count": int(row["overdue"] or 0),
			"total_budget": row["budget"] or 0,
			"average_progress": round(float(row["progress"] or 0), 1),
			"completion_rate": percentage(row["completed"], counted) or 0,
		},
		update_modified=False,
	)


# --- overdue items: the daily job and its notice ---------------------------------------------------


def raise_overdue(doc) -> None:
	"""The item has just gone overdue: tell its lead unit's Department Officers (the Notification
	records of the event ps_facility_item_overdue, audience 牵头单位人员)."""
	notices.send(ITEM_OVERDUE, doc)


def mark_overdue_items() -> dict:
	"""Daily: flag the items whose target date has passed and that are not done (only those rows,
	by the is_overdue index), each raising its notice once; running it twice changes nothing more."""
	now = getdate(today())
	plans = set()

	def step(row):
		doc = frappe.get_doc(ITEM, row.name)
		if not rules.is_overdue(getdate(doc.target_date), doc.status, now) or doc.is_overdue:
			return sweep.SKIPPED
		doc.db_set("is_overdue", 1, update_modified=False)
		raise_overdue(doc)
		plans.add(doc.plan)
		return "overdue"

	rows = sweep.candidates(
		ITEM,
		[
			["is_overdue", "=", 0],
			["target_date", "<", now],
			["status", "not in", rules.CLOSED_STATUSES],
		],
		["plan"],
	)
	counts = sweep.run(rows, step, title="Facility item overdue sweep", reference_doctype=ITEM)
	for plan in plans:
		update_plan_figures(plan)
	sweep.commit()
	return dict(counts)


# --- the workspace card ---------------------------------------------------------------------------


@frappe.whitelist()
def get_overdue_items_card(filters: str | list | dict | None = None) -> dict:
	"""Number Card "Overdue Facility Items": the overdue items the user may read (is_overdue index)."""
	from property_supervision.utils.number_cards import count

	return {
		"value": count(ITEM, filters, [["is_overdue", "=", 1]]),
		"fieldtype": "Int",
		"route": ["List", ITEM],
		"route_options": {"is_overdue": 1},
	}
