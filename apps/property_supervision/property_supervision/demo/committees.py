"""Demo owners' committees and handover inspections (see demo/__init__.py).

About a third of the compounds get a committee, in a mix of workflow states and with terms that
end at different times (some within the re-election window, some already ended), and a couple
of newer compounds get a handover inspection. Dates are relative to today so the daily job and
the Committee Term Expiry report have something to show. Running it again creates nothing new:
a compound that has a committee (or an inspection) is left alone."""

import random

import frappe
from frappe.utils import add_days, add_months, add_years, getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.owners_committee.owners_committee import committee_filing_overdue
from property_supervision.workflow_meanings import (
	COMPLETED,
	ELECTED,
	FILED,
	IN_PROGRESS,
	PREPARING,
	TERM_EXPIRED,
)

COMMITTEE_SHARE = 1 / 3
INSPECTIONS = 2
# the meaning of the state a committee ends in -> (weight, the meanings of the states it passes
# through on the way: the workflow's actions between them, whatever they are called)
COMMITTEE_STATES = {
	PREPARING: (2, []),
	ELECTED: (2, [ELECTED]),
	FILED: (5, [ELECTED, FILED]),
	TERM_EXPIRED: (1, [ELECTED, FILED, TERM_EXPIRED]),
}
COMMITTEE_SIZES = (5, 7, 9)


def make_committees(rng: random.Random, names: dict) -> dict[str, int]:
	"""Create the demo committees and inspections. Returns how many of each were created."""
	compounds = frappe.get_all(
		"Residential Compound",
		fields=["name", "is_old_compound", "current_enterprise", "household_count", "floor_area"],
		order_by="name",
	)
	if not compounds:
		return {"Owners Committee": 0, "Handover Inspection": 0}
	return {
		"Owners Committee": _make_committees(rng, names, compounds),
		"Handover Inspection": _make_inspections(rng, names, compounds),
	}


def _make_committees(rng: random.Random, names: dict, compounds: list) -> int:
	chosen = rng.sample(compounds, max(1, round(len(compounds) * COMMITTEE_SHARE)))
	with_committee = set(frappe.get_all("Owners Committee", pluck="compound", distinct=True))
	states = list(COMMITTEE_STATES)
	weights = [COMMITTEE_STATES[s][0] for s in states]
	created = 0
	for compound in chosen:
		state = rng.choices(states, weights)[0]
		if compound.name in with_committee:
			continue
		if not (compound.household_count and compound.floor_area):
			# no assembly can be recorded without the owners' numbers: still preparing
			state = PREPARING
		committee = _committee(rng, names, compound.name, state)
		if state != PREPARING:
			# elected by a recorded owners' assembly (registry/doctype/owners_assembly)
			committee["owners_assembly"] = make_assembly(names, compound.name, committee["election_date"])
		doc = frappe.get_doc(committee).insert(ignore_permissions=True)
		for meaning in COMMITTEE_STATES[state][1]:
			doc = meanings.advance(doc, meaning)
			if meaning == FILED:
				_backdate_filing(rng, doc)
		created += 1
	return created


def _committee(rng: random.Random, names: dict, compound: str, state: str) -> dict:
	today = nowdate()
	if state == PREPARING:
		return {
			"doctype": "Owners Committee",
			"compound": compound,
			"assembly_established_on": add_days(today, -rng.randint(10, 60)),
		}
	if state == ELECTED:
		# some are filed late: the filing deadline is 30 days
		election = add_days(today, -rng.randint(3, 50))
	elif state == FILED:
		# terms ending anywhere from next month to five years out
		election = add_days(add_years(today, -5), rng.randint(30, 5 * 365 - 30))
	else:
		election = add_days(add_years(today, -5), -rng.randint(10, 400))
	members = _members(rng, names, rng.choice(COMMITTEE_SIZES))
	return {
		"doctype": "Owners Committee",
		"compound": compound,
		"assembly_established_on": add_months(election, -rng.randint(1, 3)),
		"election_date": election,
		"term_start": election,
		"term_end": add_days(add_years(election, 5), -1),
		"members": members,
	}


def make_assembly(names: dict, compound: str, meeting_date) -> str | None:
	"""The owners' assembly that elected a demo committee: announced 15 to 30 days ahead, three
	quarters or more of the owners (by number and area) taking part, the election passed by a
	large majority, the result published a few days later. Drawn from a stream of its own (the
	compound's name), so the committees stay as they were. The state it ends in is the one meaning
	Published, reached through the workflow's actions whatever they are called."""
	rng = random.Random(f"assembly:{compound}")
	households, area = frappe.db.get_value(
		"Residential Compound", compound, ["household_count", "floor_area"]
	)
	if not (households and area):
		return None
	present = max(1, round(households * rng.uniform(0.75, 0.95)))
	area_present = round(float(area) * min(1, present / households + rng.uniform(-0.03, 0.03)), 2)
	area_present = max(area_present, round(float(area) * 0.7, 2))
	share_for = rng.uniform(0.7, 0.95)
	owners_for = round(present * share_for)
	area_for = round(area_present * share_for, 2)
	leader = rng.choice(names["surnames"]) + rng.choice(names["given_names"])
	doc = frappe.get_doc(
		{
			"doctype": "Owners Assembly",
			"compound": compound,
			"assembly_type": rng.choice(("First Assembly", "Re-election")),
			"notice_published_on": add_days(meeting_date, -rng.randint(15, 30)),
			"meeting_date": meeting_date,
			"meeting_place": "小区活动中心",
			"agenda": "选举业主委员会；审议业主大会议事规则",
			"preparatory_group": [
				{"member_name": leader, "group_role": "Leader", "representing": "Subdistrict Office"},
				{
					"member_name": rng.choice(names["surnames"]) + rng.choice(names["given_names"]),
					"group_role": "Member",
					"representing": "Community",
				},
				{
					"member_name": rng.choice(names["surnames"]) + rng.choice(names["given_names"]),
					"group_role": "Member",
					"representing": "Owners",
				},
			],
			"owners_present": present,
			"area_present": area_present,
			"resolutions": [
				{
					"title": "选举业主委员会委员",
					"matter": "Committee Election",
					"owners_for": owners_for,
					"owners_against": present - owners_for,
					"area_for": area_for,
					"area_against": round(area_present - area_for, 2),
				}
			],
			"result": "业主委员会选举获得通过。",
			"result_published_on": min(
				getdate(add_days(meeting_date, rng.randint(1, 3))), getdate(nowdate())
			),
		}
	).insert(ignore_permissions=True)
	for meaning in (meanings.NOTICE_PUBLISHED, meanings.HELD, meanings.PUBLISHED):
		doc = meanings.advance(doc, meaning)
	return doc.name


def _backdate_filing(rng: random.Random, doc):
	"""The workflow files a committee today; a demo committee was filed a few days after its
	election (one in five late)."""
	late = rng.random() < 0.2
	doc.filed_on = add_days(doc.election_date, rng.randint(31, 60) if late else rng.randint(3, 28))
	doc.filing_overdue = committee_filing_overdue(doc)
	doc.db_set({"filed_on": doc.filed_on, "filing_overdue": doc.filing_overdue}, update_modified=False)


def _person(rng: random.Random, names: dict) -> str:
	return rng.choice(names["surnames"]) + rng.choice(names["given_names"])


def _members(rng: random.Random, names: dict, count: int) -> list[dict]:
	roles = ["Director", "Deputy Director"] + ["Member"] * (count - 2)
	return [
		{
			"member_name": _person(rng, names),
			"member_role": role,
			"phone": f"1{rng.choice('35789')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
			"building_unit": f"{rng.randint(1, 24)}号楼{rng.randint(1, 4)}单元",
		}
		for role in roles
	]


def _make_inspections(rng: random.Random, names: dict, compounds: list) -> int:
	missing = INSPECTIONS - frappe.db.count("Handover Inspection")
	enterprises = frappe.get_all("Property Enterprise", pluck="name", order_by="name")
	if missing <= 0 or not enterprises:
		return 0
	inspected = set(frappe.get_all("Handover Inspection", pluck="compound", distinct=True))
	candidates = [c for c in compounds if not c.is_old_compound and c.name not in inspected]
	created = 0
	for compound in rng.sample(candidates, min(missing, len(candidates))):
		completed = created == 0
		doc = frappe.get_doc(
			_inspection(
				rng, names, compound.name, compound.current_enterprise or rng.choice(enterprises), completed
			)
		).insert(ignore_permissions=True)
		for meaning in [IN_PROGRESS, COMPLETED] if completed else [IN_PROGRESS]:
			doc = meanings.advance(doc, meaning)
		created += 1
	return created


def _inspection(rng: random.Random, names: dict, compound: str, enterprise: str, completed: bool) -> dict:
	inspection_date = add_days(nowdate(), -rng.randint(20, 90))
	items = [
		{"item": "Common Parts", "item_details": "屋面、外墙及楼梯间", "result": "Passed"},
		{"item": "Common Facilities", "item_details": "小区道路、围墙及照明", "result": "Passed"},
		{
			"item": "Equipment",
			"item_details": f"{rng.randint(1, 12)}号楼电梯",
			"result": "Defect Found",
			"defect_description": "电梯轿厢照明损坏，年检标志未张贴",
		},
		{"item": "Green Space", "item_details": "中心绿地", "result": "Passed"},
		{"item": "Property Office", "item_details": "物业服务用房（地上一层）", "result": "Passed"},
		{"item": "Drawings and Documents", "item_details": "竣工总平面图、设备资料", "result": "Passed"},
	]
	return {
		"doctype": "Handover Inspection",
		"compound": compound,
		"enterprise": enterprise,
		"inspection_date": inspection_date,
		"delivery_date": add_days(inspection_date, rng.randint(10, 30)),
		"team": [
			{"unit": "区建设局物业监督管理办公室", "attendee_name": _person(rng, names), "team_role": "组长"},
			{"unit": "区建设局", "attendee_name": _person(rng, names), "team_role": "成员"},
		],
		"items": items,
		"conclusion": "Passed with Rectification" if completed else None,
		"conclusion_details": "电梯问题由建设单位限期整改，其余项目合格。" if completed else None,
	}
