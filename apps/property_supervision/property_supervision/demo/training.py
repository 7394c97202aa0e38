"""Demo training sessions (Training Session), last year's and this year's, as the seed's tiers
have them: the district office trains the enterprises (a mandatory session), the community staff
and the area and subdistrict staff; a few area committees and subdistrict offices train the
members of their owners' committees. Each session is invited from the registry, published,
signed in (most invitees attend) and completed, so the Training Coverage report, the 培训签到表
and the credit module's training-absence records have something to show.

The communities of the demo get their committee (社区居民委员会) as a Supervision Unit of the type
Community Committee when they have none, so community staff can be invited.

Deterministic for a given random generator and idempotent: a session whose title exists is not
made again, nor a community's unit. Texts come from fixtures/demo/training.json.
"""

import datetime
import json
import random

import frappe
from frappe.utils import add_to_date, now_datetime

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.supervision_unit.supervision_unit import get_supervision_office
from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES, COMMUNITY
from property_supervision.rules.training import (
	AREA_LEVEL,
	DISTRICT_LEVEL,
	LINK_FIELD_BY_ATTENDEE_TYPE,
	OWNERS_COMMITTEES,
	attendee_type_for,
)
from property_supervision.setup.reference import demo_data_path
from property_supervision.training.doctype.training_session.training_session import audience_invitees

COMMUNITY_UNIT_TYPE = "Community Committee"
AREA_UNIT_TYPES = ("Area Committee", "Subdistrict Office")


def training_names() -> dict:
	with open(demo_data_path() / "training.json", encoding="utf-8") as f:
		return json.load(f)


def make_training(rng: random.Random, names: dict) -> dict[str, int]:
	"""Create the demo sessions. Returns how many sessions and community units were created."""
	data = training_names()
	units = make_community_units()
	now = now_datetime()
	district_unit = get_supervision_office() or "区建设局"
	created = 0
	for year in (now.year - 1, now.year):
		for plan in plan_year(rng, data, year, now, district_unit):
			created += make_session(rng, names, data, plan)
	return {"Training Session": created, "Supervision Unit": units}


def make_community_units() -> int:
	"""A Community Committee unit for every community that has none."""
	with_unit = set(
		frappe.get_all("Supervision Unit", filters={"unit_type": COMMUNITY_UNIT_TYPE}, pluck="jurisdiction")
	)
	created = 0
	for community in frappe.get_all(
		"Jurisdiction", filters={"jurisdiction_type": COMMUNITY}, order_by="lft asc", pluck="name"
	):
		name = f"{community}居民委员会"
		if community in with_unit or frappe.db.exists("Supervision Unit", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": name,
				"unit_type": COMMUNITY_UNIT_TYPE,
				"jurisdiction": community,
			}
		).insert(ignore_permissions=True)
		created += 1
	return created


def area_units() -> dict[str, str]:
	"""area committee / subdistrict office -> its unit"""
	units = {}
	for unit in frappe.get_all(
		"Supervision Unit",
		filters={"unit_type": ("in", AREA_UNIT_TYPES), "is_active": 1},
		fields=["name", "jurisdiction"],
		order_by="name asc",
	):
		units.setdefault(unit.jurisdiction, unit.name)
	return units


def plan_year(
	rng: random.Random, data: dict, year: int, now: datetime.datetime, district_unit: str
) -> list[dict]:
	"""The sessions of one year, every random choice drawn here: the district's sessions, then
	those of a few areas that have filed owners' committees. Sessions all lie in the past."""
	first_day = datetime.datetime(year, 1, 1)
	days = min(365, (now - first_day).days)
	if days < 1:
		return []
	plans = []

	def when() -> datetime.datetime:
		day = first_day + datetime.timedelta(days=rng.randrange(days))
		return day.replace(hour=rng.choice((9, 10, 15)), minute=rng.choice((0, 30)))

	for session in data["district_sessions"]:
		plans.append(
			{
				"training_level": DISTRICT_LEVEL,
				"audience": session["audience"],
				"organizer": district_unit,
				"title": session["title"].format(year=year),
				"topic": rng.choice(session["topics"]),
				"is_mandatory": session.get("mandatory", 0),
				"location": rng.choice(data["district_venues"]),
				"trainer": rng.choice(data["trainers"]),
				"start": when(),
				"attendance_share": rng.uniform(*data["attendance_share"]),
			}
		)

	units = area_units()
	areas = frappe.get_all(
		"Jurisdiction",
		filters={"jurisdiction_type": ("in", AREA_LEVEL_TYPES)},
		order_by="lft asc",
		pluck="name",
	)
	areas = [area for area in areas if area in units and has_filed_committees(area)]
	for area in rng.sample(areas, min(len(areas), data["areas_per_year"])):
		plans.append(
			{
				"training_level": AREA_LEVEL,
				"audience": OWNERS_COMMITTEES,
				"organizer": units[area],
				"title": data["area_session"]["title"].format(year=year, area=area),
				"topic": rng.choice(data["area_session"]["topics"]),
				"is_mandatory": 0,
				"location": f"{area}会议室",
				"trainer": rng.choice(data["trainers"]),
				"start": when(),
				"attendance_share": rng.uniform(*data["attendance_share"]),
			}
		)
	return plans


def has_filed_committees(area: str) -> bool:
	communities = frappe.get_all("Jurisdiction", filters={"parent_jurisdiction": area}, pluck="name")
	return bool(
		communities
		and frappe.db.exists(
			"Owners Committee",
			{
				"workflow_state": ("in", meanings.states("Owners Committee", meanings.FILED) or [""]),
				"jurisdiction": ("in", communities),
			},
		)
	)


def make_session(rng: random.Random, names: dict, data: dict, plan: dict) -> int:
	"""Insert, invite, publish, sign in and complete one planned session. 0 if it exists or its
	audience has nobody to invite."""
	share = plan.pop("attendance_share")
	if frappe.db.exists("Training Session", {"title": plan["title"]}):
		return 0
	jurisdiction = frappe.db.get_value("Supervision Unit", plan["organizer"], "jurisdiction")
	try:
		invitees = audience_invitees(frappe._dict(audience=plan["audience"], jurisdiction=jurisdiction))
	except frappe.ValidationError:
		frappe.clear_messages()
		return 0
	attendee_type = attendee_type_for(plan["audience"])
	fieldname = LINK_FIELD_BY_ATTENDEE_TYPE[attendee_type]
	doc = frappe.get_doc(
		{
			"doctype": "Training Session",
			**plan,
			"end": add_to_date(plan["start"], hours=rng.choice((2, 3))),
			"attendees": [{"attendee_type": attendee_type, fieldname: name} for name in invitees],
		}
	).insert(ignore_permissions=True)
	doc = meanings.advance(doc, meanings.PUBLISHED)
	low, high = data["score_range"]
	for row in doc.attendees:
		row.person_name = rng.choice(names["surnames"]) + rng.choice(names["given_names"])
		if rng.random() < share:
			row.attended = 1
			row.score = rng.randint(low, high)
	doc.summary = (
		f"应到{doc.invited_count}个单位，实到{sum(1 for row in doc.attendees if row.attended)}个单位。"
	)
	doc.save(ignore_permissions=True)
	meanings.advance(doc, meanings.COMPLETED)
	# sign-in times as they were on the day, not today
	for row in doc.attendees:
		if row.attended:
			signed_in = add_to_date(plan["start"], minutes=-rng.randint(1, 30))
			frappe.db.set_value(
				"Training Attendee", row.name, "signed_in_at", signed_in, update_modified=False
			)
	return 1
