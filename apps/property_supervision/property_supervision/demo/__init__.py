"""Demo data for the demo site, generated reproducibly from a seed.

Reference data (the district's real structure) lives in the app (setup/reference_data) and is loaded on
install; everything here is invented, with realistic Chinese names, and is only meant for
demonstration and manual testing. The same seed always yields the same records, and loading
again creates nothing new.
"""

import json
import random

import frappe

from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES, COMMUNITY
from property_supervision.setup.reference import demo_data_path, load_reference_data

COMMUNITIES_PER_AREA = (4, 7)

# (module, function) of each step, in dependency order; each step gets its own random stream
# derived from the seed, so adding a step never changes what the others generate
DEMO_STEPS = (
	("property_supervision.demo.enterprises", "make_enterprises"),
	("property_supervision.demo.compounds", "make_compounds"),
	("property_supervision.demo.committees", "make_committees"),
	("property_supervision.demo.publicity", "make_publicity"),
	("property_supervision.demo.complaints", "make_complaints"),
	("property_supervision.demo.training", "make_training"),
	("property_supervision.demo.credit", "make_credit"),
	("property_supervision.demo.assessment", "make_assessments"),
	# inspections and rectification notices (after credit: overdue and refused ones make records)
	("property_supervision.demo.supervision", "make_supervision"),
	# the departments' assessments, the performance results and accountability (after assessment)
	("property_supervision.demo.performance", "make_performance"),
	# the district's facility survey and the year's 四到户 plan (after the compounds)
	("property_supervision.demo.facilities", "make_facilities"),
)


def demo_names() -> dict:
	with open(demo_data_path() / "names.json", encoding="utf-8") as f:
		return json.load(f)


def load_demo_data(seed: int = 2015) -> dict[str, int]:
	"""Generate the demo records for `seed`. Returns how many records of each DocType were created."""
	load_reference_data()
	names = demo_names()
	created = {"Jurisdiction": make_communities(random.Random(int(seed)), names)}
	frappe.db.commit()
	# the demo replays the past: nobody is sent a notice about it (notices/__init__.py)
	frappe.flags.mute_notices = True
	try:
		for module, function in DEMO_STEPS:
			step = frappe.get_attr(f"{module}.{function}")
			for doctype, count in (step(random.Random(f"{seed}:{function}"), names) or {}).items():
				created[doctype] = created.get(doctype, 0) + count
			frappe.db.commit()
	finally:
		frappe.flags.mute_notices = False
	return created


def plan_communities(rng: random.Random, names: dict, areas: list[str]) -> list[dict]:
	"""Which communities the demo has, under which area: the same for the same seed."""
	stems = list(names["community_stems"])
	rng.shuffle(stems)
	plan = []
	for area in areas:
		for _ in range(rng.randint(*COMMUNITIES_PER_AREA)):
			if not stems:
				break
			plan.append(
				{
					"jurisdiction_name": f"{stems.pop()}社区",
					"parent_jurisdiction": area,
					"contact_phone": f"0991-{rng.randint(2, 8)}{rng.randint(100000, 999999)}",
				}
			)
	return plan


def make_communities(rng: random.Random, names: dict) -> int:
	areas = frappe.get_all(
		"Jurisdiction", filters={"jurisdiction_type": ("in", AREA_LEVEL_TYPES)}, order_by="lft", pluck="name"
	)
	created = 0
	for community in plan_communities(rng, names, areas):
		if frappe.db.exists("Jurisdiction", community["jurisdiction_name"]):
			continue
		frappe.get_doc({"doctype": "Jurisdiction", "jurisdiction_type": COMMUNITY, **community}).insert(
			ignore_permissions=True
		)
		created += 1
	return created
