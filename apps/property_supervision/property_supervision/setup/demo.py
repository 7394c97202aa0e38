"""Demo data for the demo site, generated reproducibly from a seed.

Reference data (the district's real structure) lives in fixtures/reference and is loaded on
install; everything here is invented, with realistic Chinese names, and is only meant for
demonstration and manual testing. The same seed always yields the same records, and loading
again creates nothing new.
"""

import json
import random

import frappe

from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES, COMMUNITY
from property_supervision.setup.reference import load_reference_data, reference_data_path

COMMUNITIES_PER_AREA = (4, 7)


def demo_names() -> dict:
	with open(reference_data_path().parent / "demo" / "names.json", encoding="utf-8") as f:
		return json.load(f)


def load_demo_data(seed: int = 2015) -> dict[str, int]:
	"""Generate the demo records for `seed`. Returns how many records of each DocType were created."""
	load_reference_data()
	rng = random.Random(int(seed))
	names = demo_names()
	created = {"Jurisdiction": make_communities(rng, names)}
	frappe.db.commit()
	return created


def make_communities(rng: random.Random, names: dict) -> int:
	areas = frappe.get_all(
		"Jurisdiction", filters={"jurisdiction_type": ("in", AREA_LEVEL_TYPES)}, order_by="lft", pluck="name"
	)
	stems = list(names["community_stems"])
	rng.shuffle(stems)
	created = 0
	for area in areas:
		for _ in range(rng.randint(*COMMUNITIES_PER_AREA)):
			if not stems:
				break
			name = f"{stems.pop()}社区"
			phone = f"0991-{rng.randint(2, 8)}{rng.randint(100000, 999999)}"
			if frappe.db.exists("Jurisdiction", name):
				continue
			frappe.get_doc(
				{
					"doctype": "Jurisdiction",
					"jurisdiction_name": name,
					"jurisdiction_type": COMMUNITY,
					"parent_jurisdiction": area,
					"contact_phone": phone,
				}
			).insert(ignore_permissions=True)
			created += 1
	return created
