"""Demo property service enterprises and their staff (invented; see demo/__init__.py).

Every enterprise gets a valid unified social credit code (GB 32100-2015) registered in 水磨沟区
(650105), every practitioner a valid resident ID number (GB 11643-1999). Filing goes through
the "Property Enterprise Filing" workflow like any other enterprise's: most are Filed, some wait
for review, a few were returned or are still drafts. The same seed yields the same records, and
running again creates nothing new (enterprises are matched by name, staff by ID number).
"""

import datetime
import random

import frappe

from property_supervision import workflow_meanings as meanings
from property_supervision.rules.identifiers import (
	CREDIT_CODE_ALPHABET,
	credit_code_check_character,
	id_number_check_character,
)
from property_supervision.rules.practitioner import ACTIVE, LEFT

DISTRICT_REGION_CODE = "650105"  # 乌鲁木齐市水磨沟区
# where staff were born: mostly Urumqi's districts, some elsewhere in Xinjiang and beyond
BIRTH_REGION_CODES = (
	"650102", "650103", "650104", "650105", "650106", "650109", "650121",
	"652301", "652801", "654002", "620102", "410102", "510104",
)  # fmt: skip
# the meaning of the filing state an enterprise ends in -> share of enterprises
FILING_STATES = (
	(meanings.FILED, 0.76),
	(meanings.UNDER_REVIEW, 0.12),
	(meanings.RETURNED, 0.04),
	(meanings.DRAFT, 0.08),
)
# position -> (min, max) people per enterprise
STAFF_PLAN = (
	("Project Manager", (1, 1)),
	("Customer Service", (1, 2)),
	("Security Guard", (2, 3)),
	("Cleaner", (1, 3)),
	("Maintenance Technician", (1, 2)),
	("Landscaping", (0, 1)),
)
RETURN_NOTES = (
	"营业执照复印件不清晰，请重新上传",
	"注册地址与营业执照不一致，请核实",
	"缺少法定代表人身份证明",
)


def make_enterprises(rng: random.Random, names: dict) -> dict[str, int]:
	"""Create about 25 enterprises (one per name in names["enterprise_stems"]) and 6–12 staff each.
	Returns how many records of each DocType were created now."""
	created = {"Property Enterprise": 0, "Property Practitioner": 0}
	used_ids: set[str] = set()
	for stem in names["enterprise_stems"]:
		# draw everything first, so that skipping existing records leaves the others unchanged
		enterprise = enterprise_values(rng, names, stem)
		state = weighted_choice(rng, FILING_STATES)
		filed_after = datetime.timedelta(days=rng.randint(20, 400))
		note = rng.choice(RETURN_NOTES)
		staff = [
			practitioner_values(rng, names, position, enterprise["established_on"], used_ids)
			for position in staff_positions(rng)
		]

		if frappe.db.exists("Property Enterprise", {"enterprise_name": enterprise["enterprise_name"]}):
			continue
		if frappe.db.exists("Property Enterprise", enterprise["credit_code"]):
			continue
		doc = frappe.get_doc({"doctype": "Property Enterprise", **enterprise}).insert(ignore_permissions=True)
		file_through_workflow(doc, state, filed_after, note)
		created["Property Enterprise"] += 1

		for values in staff:
			if frappe.db.exists("Property Practitioner", {"id_number": values["id_number"]}):
				continue
			frappe.get_doc({"doctype": "Property Practitioner", "enterprise": doc.name, **values}).insert(
				ignore_permissions=True
			)
			created["Property Practitioner"] += 1
	return created


def file_through_workflow(doc, state: str, filed_after: datetime.timedelta, note: str):
	"""Move a draft enterprise to a state meaning `state` by the workflow's own actions (as the
	Administrator), whatever they are called."""
	if state == meanings.DRAFT:
		return
	doc = meanings.advance(doc, meanings.UNDER_REVIEW)
	if state == meanings.FILED:
		doc = meanings.advance(doc, meanings.FILED)
		# demo only: date the filing a while after registration instead of today
		doc.db_set(
			"filed_on", min(doc.established_on + filed_after, datetime.date.today()), update_modified=False
		)
	elif state == meanings.RETURNED:
		doc.review_note = note
		doc.save(ignore_permissions=True)
		meanings.advance(doc, meanings.RETURNED)


def enterprise_values(rng: random.Random, names: dict, stem: str) -> dict:
	organisation = "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
	first17 = f"91{DISTRICT_REGION_CODE}{organisation}"
	street = rng.choice(names["community_stems"])
	return {
		"credit_code": first17 + credit_code_check_character(first17),
		"enterprise_name": f"乌鲁木齐{stem}物业服务有限公司",
		"legal_representative": person_name(rng, names),
		"contact_person": person_name(rng, names),
		"contact_phone": mobile(rng),
		"established_on": random_date(rng, datetime.date(1998, 1, 1), datetime.date(2021, 12, 31)),
		"registered_address": f"新疆乌鲁木齐市水磨沟区{street}{rng.randint(1, 399)}号",
		"office_address": f"新疆乌鲁木齐市水磨沟区{street}{rng.randint(1, 399)}号{rng.randint(1, 20)}楼",
		"business_scope": "物业管理；停车场服务；保洁服务；园林绿化工程施工；房屋维修",
	}


def staff_positions(rng: random.Random) -> list[str]:
	return [position for position, (low, high) in STAFF_PLAN for _ in range(rng.randint(low, high))]


def practitioner_values(
	rng: random.Random, names: dict, position: str, established_on: datetime.date, used_ids: set[str]
) -> dict:
	birth = random_date(rng, datetime.date(1966, 1, 1), datetime.date(2002, 12, 31))
	while True:
		first17 = f"{rng.choice(BIRTH_REGION_CODES)}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
		id_number = first17 + id_number_check_character(first17)
		if id_number not in used_ids:
			used_ids.add(id_number)
			break
	earliest = max(established_on, birth.replace(year=birth.year + 18, day=min(birth.day, 28)))
	joined_on = random_date(rng, earliest, max(earliest, datetime.date(2025, 6, 30)))
	left = rng.random() < 0.12
	values = {
		"full_name": person_name(rng, names),
		"id_number": id_number,
		"position": position,
		"phone": mobile(rng),
		"joined_on": joined_on,
		"status": LEFT if left else ACTIVE,
	}
	if position in ("Project Manager", "Maintenance Technician"):
		values["certificate_no"] = f"XJWY{joined_on.year}{rng.randint(0, 99999):05d}"
	if left:
		values["left_on"] = min(
			joined_on + datetime.timedelta(days=rng.randint(60, 900)), datetime.date.today()
		)
	return values


def person_name(rng: random.Random, names: dict) -> str:
	return rng.choice(names["surnames"]) + rng.choice(names["given_names"])


def mobile(rng: random.Random) -> str:
	return f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"


def random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
	return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def weighted_choice(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
	return rng.choices([value for value, _ in choices], weights=[weight for _, weight in choices])[0]
