"""Factories for the Training module's tests."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime

# reference units (fixtures/reference/supervision_unit.json)
DISTRICT_UNIT = "区建设局物业监督管理办公室"
AREA = "七纺片区管委会"
AREA_UNIT = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"
OTHER_AREA_UNIT = "新民路片区管委会"
DISTRICT = "水磨沟区"


def session_dict(
	level: str = "Area",
	audience: str | None = None,
	organizer: str | None = None,
	start=None,
	**fields,
) -> dict:
	"""A session that started two days ago (so it may be completed) and lasted two hours."""
	start = start or add_days(now_datetime(), -2)
	return {
		"doctype": "Training Session",
		"title": "物业管理法规培训",
		"training_level": level,
		"audience": audience or ("Owners Committees" if level == "Area" else "Enterprises"),
		"organizer": organizer or (AREA_UNIT if level == "Area" else DISTRICT_UNIT),
		"start": start,
		"end": add_to_date(start, hours=2),
		"location": "片区管委会三楼会议室",
		"trainer": "区建设局物业办",
		"topic": "《物业管理条例》与业主委员会履职",
		**fields,
	}


def make_session(level: str = "Area", audience: str | None = None, **fields):
	return frappe.get_doc(session_dict(level, audience, **fields)).insert()


def move(doc, *actions):
	"""Apply workflow actions in turn; returns the document as saved."""
	for action in actions:
		doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	return doc


def publish(doc):
	return move(doc, "Publish")


def complete(doc):
	return move(doc, "Mark Completed")


def make_community_unit(community: str) -> str:
	"""The community's committee (社区工作委员会) as a Supervision Unit."""
	name = f"{community}工作委员会"
	if not frappe.db.exists("Supervision Unit", name):
		frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": name,
				"unit_type": "Community Committee",
				"jurisdiction": community,
			}
		).insert(ignore_permissions=True)
	return name
