"""Demo residential compounds, their service contracts and the takeover of old compounds.

Three to five compounds per community, about 40 % of them old compounds (built before 2001,
smaller, often with facility problems and without four-to-household supply). Most newer
compounds run an active contract with a filed enterprise, some with an earlier, expired one; a
few early-stage contracts go to the developer's affiliate (建管分离 violations). Somewhat under
half of the old compounds are under contract (custodian, fallback or selected by the owners);
half of the rest have a takeover plan — completed, in progress or still a draft.

Contracts and takeover plans need filed enterprises: when there are none yet, only compounds
(and their facility issues) are created.

Deterministic for a given random generator: every choice is drawn before the database is read,
so a rerun makes the same decisions and, finding the records, creates nothing new.
"""

import json
import random

import frappe
from dateutil.relativedelta import relativedelta
from frappe.utils import add_days, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.rules.jurisdiction import COMMUNITY
from property_supervision.setup.reference import demo_data_path

FOUR_SUPPLIES = ("water_to_household", "heating_to_household", "power_to_household", "gas_to_household")
# Shuimogou district, Urumqi
LONGITUDE = (87.62, 87.72)
LATITUDE = (43.80, 43.88)


def pick(rng: random.Random, choices: list):
	"""One of `choices`, or None when there are none: one draw either way, so the draws that
	follow do not depend on whether enterprises or units exist yet."""
	index = int(rng.random() * len(choices)) if choices else rng.random()
	return choices[index] if choices else None


def compound_settings() -> dict:
	with open(demo_data_path() / "compounds.json", encoding="utf-8") as f:
		return json.load(f)


def make_compounds(rng: random.Random, names: dict) -> dict[str, int]:
	"""Create the demo compounds, contracts and takeover plans. `names` is fixtures/demo/names.json;
	the rest of the vocabulary comes from fixtures/demo/compounds.json."""
	data = compound_settings()
	communities = frappe.get_all(
		"Jurisdiction", filters={"jurisdiction_type": COMMUNITY}, order_by="lft asc", pluck="name"
	)
	enterprises = frappe.get_all(
		"Property Enterprise",
		filters={"workflow_state": ("in", meanings.states("Property Enterprise", meanings.FILED) or [""])},
		order_by="name asc",
		pluck="name",
	)
	units = frappe.get_all("Supervision Unit", order_by="name asc", pluck="name")
	created = {"Residential Compound": 0, "Service Contract": 0, "Takeover Plan": 0}

	used_names = set()
	for community in communities:
		for _ in range(rng.randint(*data["compounds_per_community"])):
			spec = draw_compound(rng, names, data, community, used_names, units)
			compound = frappe.db.get_value(
				"Residential Compound", {"compound_name": spec["compound_name"], "jurisdiction": community}
			)
			if not compound:
				compound = (
					frappe.get_doc({"doctype": "Residential Compound", **spec})
					.insert(ignore_permissions=True)
					.name
				)
				created["Residential Compound"] += 1
			contracts = draw_contracts(rng, data, spec, enterprises)
			takeover = draw_takeover(rng, data, spec, enterprises) if not contracts else None
			if not enterprises or frappe.db.exists("Service Contract", {"compound": compound}):
				continue
			if frappe.db.exists("Takeover Plan", {"compound": compound}):
				continue
			for contract in contracts:
				frappe.get_doc(
					{
						"doctype": "Service Contract",
						"compound": compound,
						**contract,
						**early_stage_tender(compound, contract, enterprises),
					}
				).insert(ignore_permissions=True)
				created["Service Contract"] += 1
			if takeover:
				make_takeover(compound, takeover)
				created["Takeover Plan"] += 1
	return created


def draw_compound(rng, names, data, community, used_names, units) -> dict:
	stems, suffixes = names["compound_stems"], names["compound_suffixes"]
	for _ in range(20):
		compound_name = f"{rng.choice(stems)}{rng.choice(suffixes)}"
		if compound_name not in used_names:
			break
	else:
		compound_name = f"{compound_name}{rng.choice(('二期', '三期', '东区', '西区'))}"
	used_names.add(compound_name)

	old = rng.random() < data["old_share"]
	if old:
		completion_year = rng.randint(1978, 2000)
		households = rng.randint(48, 480)
		per_building = rng.choice((12, 18, 24, 30, 36))
		developer = rng.choice(data["legacy_developers"])
		supplies = [
			rng.choice(("Not Started", "Not Started", "In Progress", "Completed")) for _ in FOUR_SUPPLIES
		]
	else:
		completion_year = rng.randint(2001, getdate(today()).year - 1)
		households = rng.randint(180, 1800)
		per_building = rng.choice((36, 48, 66, 90, 120))
		developer = f"{rng.choice(names['enterprise_stems'])}{rng.choice(data['developer_suffixes'])}"
		supplies = ["Completed"] * len(FOUR_SUPPLIES)
	building_count = max(1, round(households / per_building))
	floor_area = round(households * rng.uniform(55, 115), 1)
	address = f"乌鲁木齐市水磨沟区{rng.choice(data['streets'])}{rng.randint(1, 688)}号"
	longitude = round(rng.uniform(*LONGITUDE), 5)
	latitude = round(rng.uniform(*LATITUDE), 5)

	issues = []
	if rng.random() < (data["facility_issue_share"] if old else 0.1):
		for issue_type in rng.sample(sorted(data["facility_issues"]), rng.randint(1, 2)):
			status = rng.choice(("Unresolved", "In Progress", "In Progress", "Resolved"))
			issue = {
				"issue_type": issue_type,
				"description": rng.choice(data["facility_issues"][issue_type]),
				"status": status,
			}
			lead_unit = pick(rng, units)
			due_date = add_days(today(), rng.randint(-30, 240))
			plan = rng.choice(data["issue_plans"])
			if status != "Unresolved" and lead_unit:
				issue.update(lead_unit=lead_unit, due_date=due_date, plan=plan)
			elif status == "In Progress":
				issue["status"] = "Unresolved"
			issues.append(issue)

	return {
		"compound_name": compound_name,
		"jurisdiction": community,
		"address": address,
		"developer_name": developer,
		"is_old_compound": 1 if old else 0,
		"completion_year": completion_year,
		"building_count": building_count,
		"household_count": households,
		"floor_area": floor_area,
		"location": json.dumps(
			{
				"type": "FeatureCollection",
				"features": [
					{
						"type": "Feature",
						"properties": {},
						"geometry": {"type": "Point", "coordinates": [longitude, latitude]},
					}
				],
			}
		),
		"facility_issues": issues,
		**dict(zip(FOUR_SUPPLIES, supplies, strict=True)),
	}


def draw_contracts(rng, data, spec, enterprises) -> list[dict]:
	"""The compound's contracts, oldest first: at most one expired and one active."""
	old = spec["is_old_compound"]
	share = data["old_managed_share"] if old else data["new_contract_share"]
	if rng.random() >= share:
		return []
	start = getdate(add_days(today(), -rng.randint(30, 700)))
	end = start + relativedelta(years=rng.choice((2, 3)))
	if old:
		contract_type = rng.choice(("Selected by Owners Assembly", "Custodian", "Fallback"))
		tender_method = rng.choice(("Public Tender", "Agreement"))
		if contract_type != "Selected by Owners Assembly":
			tender_method = "Agreement"
		affiliated = 0
		fee = round(rng.uniform(0.3, 0.9), 2)
	else:
		recent = spec["completion_year"] >= getdate(today()).year - 4
		contract_type = "Early-stage" if recent else "Selected by Owners Assembly"
		tender_method = rng.choice(("Public Tender", "Public Tender", "Invited Tender", "Agreement"))
		affiliated = (
			1 if contract_type == "Early-stage" and rng.random() < data["early_stage_affiliated_share"] else 0
		)
		fee = round(rng.uniform(0.9, 2.8), 2)
	active_enterprise = pick(rng, enterprises)
	previous_enterprise = pick(rng, enterprises)
	contracts = []
	if rng.random() < data["previous_contract_share"] and not old:
		previous_start = start - relativedelta(years=3)
		contracts.append(
			{
				"enterprise": previous_enterprise,
				"contract_type": "Early-stage",
				"tender_method": "Invited Tender",
				"start_date": previous_start,
				"end_date": start - relativedelta(days=1),
				"fee_standard": round(fee * 0.85, 2),
				"status": "Expired",
			}
		)
	contracts.append(
		{
			"enterprise": active_enterprise,
			"contract_type": contract_type,
			"tender_method": tender_method,
			"developer_affiliated": affiliated,
			"start_date": start,
			"end_date": end,
			"fee_standard": fee,
			"status": "Active",
		}
	)
	return contracts


TENDER_DOCUMENT = "前期物业服务招标文件（演示）.txt"


def early_stage_tender(compound: str, contract: dict, enterprises: list[str]) -> dict:
	"""The developer's tender of an early-stage contract (物业管理条例 第二十四条): a month or two
	before it starts, the contract's enterprise winning against two others. Drawn from a stream of
	its own (the compound's name), so the rest of the demo stays as it was."""
	if contract.get("contract_type") != "Early-stage":
		return {}
	rng = random.Random(f"tender:{compound}:{contract['start_date']}")
	rivals = rng.sample([e for e in enterprises if e != contract["enterprise"]], min(2, len(enterprises) - 1))
	fee = float(contract.get("fee_standard") or 1)
	bidders = [
		{"bidder_enterprise": enterprise, "bid_price": round(fee * rng.uniform(1.02, 1.3), 2)}
		for enterprise in rivals
	]
	bidders.insert(
		rng.randint(0, len(bidders)),
		{"bidder_enterprise": contract["enterprise"], "bid_price": fee, "is_winner": 1},
	)
	for row in bidders:
		row["bidder_name"] = frappe.db.get_value(
			"Property Enterprise", row["bidder_enterprise"], "enterprise_name"
		)
	return {
		"tender_date": getdate(contract["start_date"]) - relativedelta(days=rng.randint(30, 60)),
		"tender_document": tender_document(),
		"tender_bidders": bidders,
	}


def tender_document() -> str:
	"""One private demo tender document for every early-stage contract."""
	url = frappe.db.get_value("File", {"file_name": TENDER_DOCUMENT, "is_private": 1}, "file_url")
	if url:
		return url
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": TENDER_DOCUMENT,
				"is_private": 1,
				"content": "前期物业服务招标文件（演示数据）：招标人、项目概况、服务内容与标准、评标办法。",
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def draw_takeover(rng, data, spec, enterprises) -> dict | None:
	if not spec["is_old_compound"] or rng.random() >= data["takeover_share"]:
		return None
	mode = rng.choice(
		("Single Introduction", "Nearby Custody", "Bundled Package", "Fallback Agency", "Custodian")
	)
	# the meaning of the state the plan ends in
	stage = rng.choice((meanings.DRAFT, meanings.IN_PROGRESS, meanings.COMPLETED, meanings.COMPLETED))
	plan = {
		"takeover_mode": mode,
		"planned_date": add_days(today(), rng.randint(-60, 180)),
		"stage": stage,
		"completed_on": add_days(today(), -rng.randint(5, 300)),
	}
	agency = rng.choice(data["fallback_agencies"])
	enterprise = pick(rng, enterprises)
	if mode == "Fallback Agency":
		plan["agency_name"] = agency
	else:
		plan["enterprise"] = enterprise
	return plan


def make_takeover(compound: str, plan: dict):
	stage = plan.pop("stage")
	completed_on = plan.pop("completed_on")
	doc = frappe.get_doc({"doctype": "Takeover Plan", "compound": compound, **plan}).insert(
		ignore_permissions=True
	)
	if stage == meanings.DRAFT:
		return doc
	doc = meanings.advance(doc, meanings.IN_PROGRESS)
	if stage == meanings.COMPLETED:
		doc.completed_on = completed_on
		doc.save(ignore_permissions=True)
		doc = meanings.advance(doc, meanings.COMPLETED)
	return doc
