"""Demo complaints (Complaint, Joint Meeting): about 200 complaints over the last year, spread
over the demo compounds, categories and intake channels, each played through the handling
workflow as it would have happened — accepted, answered by the enterprise, resolved at the
community, escalated to the area or the district, rejected, reopened, closed with the
complainant's satisfaction. A few recent ones are still open and some of those are past their
deadline; complaints referred to a joint meeting are decided by meetings that are submitted.

The controller derives levels, units, deadlines and handling logs from each step; steps run at
their historical time (utils.clock.frozen_at), so deadlines and logs are consistent.
Deterministic for a given random generator (relative to today) and idempotent: the complaints
carry the tag 演示数据, and nothing is created when tagged complaints exist.
"""

import json
import random
from datetime import datetime, timedelta

import frappe
from frappe.desk.doctype.tag.tag import DocTags
from frappe.utils import get_datetime, getdate, now_datetime

from property_supervision.complaints import monthly
from property_supervision.complaints.doctype.complaint.complaint import (
	add_enterprise_response,
	apply_transition_to,
)
from property_supervision.registry.doctype.jurisdiction.jurisdiction import get_unit_for_jurisdiction
from property_supervision.setup.reference import demo_data_path
from property_supervision.utils.clock import frozen_at
from property_supervision.workflow_meanings import (
	AREA_LEVEL,
	CLOSED,
	COMMUNITY_LEVEL,
	DISTRICT_LEVEL,
	JOINT_MEETING_LEVEL,
	REJECTED,
	RESOLVED,
	open_complaint_states,
)

DEMO_TAG = "演示数据"
COMPLAINT_COUNT = 200
RECEIVED_VIA = (("Window", 30), ("Phone", 20), ("12345 Hotline", 25), ("Web Form", 20), ("Other", 5))
# how far a complaint gets: (path, weight)
PATHS = (
	("community", 45),
	("area", 20),
	("district", 8),
	("meeting", 7),
	("reject", 5),
	("reopen", 3),
)
SATISFACTION = (("Satisfied", 60), ("Basically Satisfied", 30), ("Dissatisfied", 10))
# days a level takes (calendar days, drawn uniformly); a stuck complaint takes far longer
LEVEL_DAYS = {"accept": (0.05, 1.0), "community": (0.5, 6.0), "area": (1.0, 12.0), "district": (2.0, 18.0)}
STUCK_SHARE = 0.04
MEETING_OUTCOMES = (("Resolved", 70), ("Returned to Area", 20), ("Returned to District", 10))
# a meeting takes up what was referred at least this many days before today
MEETING_AFTER_DAYS = 7


def complaint_texts() -> dict:
	with open(demo_data_path() / "complaints.json", encoding="utf-8") as f:
		return json.load(f)


def demo_complaints_exist() -> bool:
	return bool(frappe.db.exists("Tag Link", {"document_type": "Complaint", "tag": DEMO_TAG}))


def make_complaints(rng: random.Random, names: dict, count: int = COMPLAINT_COUNT) -> dict[str, int]:
	"""Create the demo complaints and joint meetings. `names` is the shared demo name list."""
	created = {"Complaint": 0, "Joint Meeting": 0}
	if demo_complaints_exist():
		return created
	compounds = frappe.get_all(
		"Residential Compound", fields=["name", "jurisdiction", "current_enterprise"], order_by="name asc"
	)
	categories = frappe.get_all(
		"Complaint Category", filters={"is_active": 1}, order_by="category_name asc", pluck="name"
	)
	if not compounds or not categories:
		return created

	texts = complaint_texts()
	now = now_datetime()
	# every choice is drawn before anything is written, so reruns decide the same way
	plans = sorted(
		(draw_plan(rng, names, texts, compounds, categories, now) for _ in range(count)),
		key=lambda plan: plan["received_on"],
	)

	frappe.flags.complaint_replay = True
	try:
		with frozen_at(plans[0]["received_on"] if plans else None) as clock:
			referred = []
			for plan in plans:
				name, referred_on = play(plan, now, clock)
				created["Complaint"] += 1
				if referred_on:
					referred.append((name, referred_on, plan["meeting"]))
			created["Joint Meeting"] = hold_meetings(referred, texts, now, clock)
	finally:
		frappe.flags.complaint_replay = False
	mark_overdue(now)
	return created


def weighted(rng: random.Random, choices) -> str:
	values, weights = zip(*choices, strict=True)
	return rng.choices(values, weights=weights)[0]


def working_time(moment: datetime) -> datetime:
	"""The moment, or the next opening of office hours (09:00–17:59) when it falls outside them."""
	if moment.hour < 9:
		return moment.replace(hour=9)
	if moment.hour >= 18:
		return (moment + timedelta(days=1)).replace(hour=9)
	return moment


def draw_plan(rng, names, texts, compounds, categories, now) -> dict:
	compound = rng.choice(compounds)
	category = rng.choice(categories)
	received_via = weighted(rng, RECEIVED_VIA)
	anonymous = received_via in ("Web Form", "12345 Hotline") and rng.random() < 0.3
	received_on = working_time(now - timedelta(days=rng.uniform(0.2, 365), minutes=rng.randint(0, 59)))
	template = rng.choice(texts["descriptions"].get(category) or texts["descriptions"]["Other Matters"])
	path = weighted(rng, PATHS)
	stuck_at = rng.choice(("community", "area", "district")) if rng.random() < STUCK_SHARE else None

	def level_days(level):
		if level == stuck_at:
			return rng.uniform(30, 90)
		return rng.uniform(*LEVEL_DAYS[level])

	resolution = {
		"resolution": rng.choice(texts["resolutions"]),
		"is_upheld": int(bool(compound.current_enterprise) and rng.random() < 0.35),
	}
	close = {"satisfaction": weighted(rng, SATISFACTION), "follow_up": rng.choice(texts["follow_ups"])}
	escalation = {"handling_note": rng.choice(texts["escalation_notes"])}
	# (days after the previous step, the meaning of the state the step leads to, values): the
	# workflow's action to that state is taken, whatever it is called; "respond" is the
	# enterprise's answer
	steps = []
	if path == "reject":
		steps.append((level_days("accept"), REJECTED, {"handling_note": rng.choice(texts["reject_reasons"])}))
	else:
		steps.append((level_days("accept"), COMMUNITY_LEVEL, {}))
		if compound.current_enterprise and rng.random() < 0.5:
			steps.append(
				(rng.uniform(0.2, 2.0), "respond", {"response": rng.choice(texts["enterprise_responses"])})
			)
		if path in ("community", "reopen"):
			steps.append((level_days("community"), RESOLVED, resolution))
		if path == "reopen":
			steps.append((rng.uniform(2, 8), COMMUNITY_LEVEL, {"handling_note": "投诉人反映问题复发。"}))
			steps.append((level_days("community"), RESOLVED, resolution))
		if path in ("area", "district", "meeting"):
			steps.append((level_days("community"), AREA_LEVEL, escalation))
		if path == "area":
			steps.append((level_days("area"), RESOLVED, resolution))
		if path == "district":
			steps.append((level_days("area"), DISTRICT_LEVEL, escalation))
			steps.append((level_days("district"), RESOLVED, resolution))
		if path == "meeting":
			steps.append((level_days("area"), JOINT_MEETING_LEVEL, escalation))
		if path != "meeting":
			steps.append((rng.uniform(1, 10), CLOSED, close))
	surname, given = rng.choice(names["surnames"]), rng.choice(names["given_names"])
	meeting = {
		"decision": rng.choice(texts["meeting_decisions"]),
		"outcome": weighted(rng, MEETING_OUTCOMES),
		"is_upheld": int(bool(compound.current_enterprise) and rng.random() < 0.5),
	}
	return {
		"compound": compound.name,
		"category": category,
		"received_via": received_via,
		"received_on": received_on,
		"is_anonymous": int(anonymous),
		"complainant_name": None if anonymous else f"{surname}{given}",
		"complainant_phone": f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
		"description": template.format(building=rng.randint(1, 24)),
		"steps": steps,
		"meeting": meeting,
	}


def play(plan: dict, now: datetime, clock) -> tuple[str, datetime | None]:
	"""Create the complaint at its time and take its steps while they lie in the past. Returns the
	name and, when it was referred to a joint meeting, when."""
	moment = plan["received_on"]
	clock.move_to(moment)
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			**{k: v for k, v in plan.items() if k not in ("steps", "meeting")},
		}
	).insert(ignore_permissions=True)
	DocTags("Complaint").add(doc.name, DEMO_TAG)
	referred_on = None
	for days, meaning, values in plan["steps"]:
		moment = working_time(moment + timedelta(days=days))
		if moment >= now:
			break
		clock.move_to(moment)
		if meaning == "respond":
			add_enterprise_response(doc.name, values["response"])
		else:
			apply_transition_to(doc.name, meaning, **values)
		if meaning == JOINT_MEETING_LEVEL:
			referred_on = moment
	return doc.name, referred_on


def hold_meetings(referred, texts, now, clock) -> int:
	"""One meeting per area for the complaints referred long enough ago, submitted with its
	decisions; complaints it resolves are closed later when that time has come."""
	by_area: dict[str, list] = {}
	for name, when, decision in referred:
		if when >= now - timedelta(days=MEETING_AFTER_DAYS):
			continue
		community = frappe.db.get_value("Complaint", name, "jurisdiction")
		area = frappe.db.get_value("Jurisdiction", community, "parent_jurisdiction")
		by_area.setdefault(area, []).append((name, when, decision))
	held = 0
	for area, complaints in sorted(by_area.items()):
		meeting_on = working_time(max(when for _, when, _ in complaints) + timedelta(days=3))
		clock.move_to(meeting_on)
		rows = [
			{
				"complaint": name,
				"outcome": decision["outcome"],
				"decision": decision["decision"],
				"is_upheld": decision["is_upheld"] if decision["outcome"] == "Resolved" else 0,
			}
			for name, _when, decision in complaints
		]
		meeting = frappe.get_doc(
			{
				"doctype": "Joint Meeting",
				"meeting_date": getdate(meeting_on),
				"convener": get_unit_for_jurisdiction(area) or get_unit_for_jurisdiction("水磨沟区"),
				"jurisdiction": area,
				"location": f"{area}会议室",
				"topic": "物业服务纠纷联席会议",
				"participants": [
					{"unit": unit, "attendee": role}
					for unit, role in (
						("区司法局", "司法所代表"),
						("区公安局", "派出所代表"),
						("区建设局物业监督管理办公室", "物业办代表"),
					)
					if frappe.db.exists("Supervision Unit", unit)
				],
				"complaints": rows,
				"minutes": "<p>会议听取了片区（街道）对相关投诉的情况汇报，与会单位逐件研究并形成处理意见。</p>",
				"resolutions": "；".join(row["decision"] for row in rows),
			}
		).insert(ignore_permissions=True)
		meeting.submit()
		held += 1
		close_on = working_time(get_datetime(meeting_on) + timedelta(days=5))
		if close_on < now:
			clock.move_to(close_on)
			for row in rows:
				if row["outcome"] == "Resolved":
					apply_transition_to(
						row["complaint"],
						CLOSED,
						satisfaction="Basically Satisfied",
						follow_up=texts["follow_ups"][0],
					)
	return held


def mark_overdue(now: datetime):
	"""What the daily check will find: open complaints past their deadline are marked."""
	names = frappe.get_all(
		"Complaint",
		filters={
			"workflow_state": ("in", open_complaint_states()),
			"deadline": ("<", getdate(now)),
			"is_overdue": 0,
		},
		pluck="name",
	)
	with monthly.moving(names):  # the monthly totals count by was_overdue
		for name in names:
			frappe.db.set_value("Complaint", name, {"is_overdue": 1, "was_overdue": 1}, update_modified=False)
