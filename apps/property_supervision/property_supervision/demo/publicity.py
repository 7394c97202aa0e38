"""Demo publicity records (Publicity Record): for every compound under professional management,
the fees notice and the public income and expense statements of the last two or three periods
(half-years by default). Most compounds are compliant; about a fifth have skipped the period now
due, so the Publicity Compliance report and the daily reminders have something to show.

Deterministic for a given random generator and idempotent: a statement that already exists for
a compound and period, or a fees notice that already exists for a compound, is not created again.
"""

import json
import random
from datetime import timedelta

import frappe
from frappe.utils import cint, getdate, today

from property_supervision.registry.doctype.publicity_record.publicity_record import (
	INCOME_AND_EXPENSES,
	PROFESSIONAL_MANAGEMENT,
	get_required_period,
)
from property_supervision.registry.doctype.registry_settings.registry_settings import get_registry_settings
from property_supervision.rules.publicity import previous_period
from property_supervision.setup.reference import demo_data_path

FEES = "Fees"


def publicity_names() -> dict:
	with open(demo_data_path() / "publicity.json", encoding="utf-8") as f:
		return json.load(f)


def make_publicity(rng: random.Random, names: dict) -> dict[str, int]:
	"""Create the demo publicity records. `names` is the shared demo name list (unused keys are
	fine); the items and places of the notices come from fixtures/demo/publicity.json."""
	compounds = frappe.get_all(
		"Residential Compound",
		filters={"management_mode": PROFESSIONAL_MANAGEMENT, "current_enterprise": ("is", "set")},
		fields=["name", "compound_name", "current_enterprise", "managed_since", "household_count"],
		order_by="name asc",
	)
	if not compounds:
		return {"Publicity Record": 0}

	data = publicity_names()
	months = cint(get_registry_settings().publicity_frequency_months) or 6
	due = get_required_period()
	periods = [due, previous_period(due, months)]
	periods.append(previous_period(periods[-1], months))
	scale = months / 6  # amounts are drawn for a half-year

	created = 0
	for compound in compounds:
		# draw every choice before looking at the database, so reruns make the same decisions
		history = rng.choice((2, 3))
		overdue = rng.random() < data.get("overdue_share", 0.2)
		fee = round(rng.uniform(0.8, 2.6), 2)
		plans = [(period, _draw_statement(rng, data, scale)) for period in periods[:history]]
		if overdue:
			plans = plans[1:]

		created += make_fees_notice(compound, fee, rng.choice(data["locations"]))
		for period, plan in plans:
			created += make_statement(compound, period, plan)
	return {"Publicity Record": created}


def _draw_statement(rng: random.Random, data: dict, scale: float) -> dict:
	def draw(items, low, high):
		chosen = rng.sample(items, rng.randint(low, min(high, len(items))))
		return [(item, round(rng.uniform(lo, hi) * scale, 2)) for item, lo, hi in chosen]

	return {
		"income": draw(data["income_items"], 2, 4),
		"expense": draw(data["expense_items"], 2, 5),
		"delay": rng.randint(3, 20),
		"location": rng.choice(data["locations"]),
		"verified": rng.random() < 0.7,
	}


def make_fees_notice(compound, fee: float, location: str) -> int:
	if frappe.db.exists("Publicity Record", {"compound": compound.name, "publicity_type": FEES}):
		return 0
	published_on = getdate(compound.managed_since) if compound.managed_since else getdate(today())
	frappe.get_doc(
		{
			"doctype": "Publicity Record",
			"compound": compound.name,
			"enterprise": compound.current_enterprise,
			"publicity_type": FEES,
			"published_on": min(published_on, getdate(today())),
			"publicity_location": location,
			"content": f"<p>住宅物业服务费：{fee:.2f} 元/㎡·月；地面停车位：150 元/月；地下停车位：200 元/月。</p>",
		}
	).insert(ignore_permissions=True)
	return 1


def make_statement(compound, period, plan: dict) -> int:
	managed_since = getdate(compound.managed_since) if compound.managed_since else None
	if managed_since and managed_since > period[1]:
		return 0  # the enterprise took over after this period: nothing of its own to publish
	if frappe.db.exists(
		"Publicity Record",
		{"compound": compound.name, "publicity_type": INCOME_AND_EXPENSES, "period_end": period[1]},
	):
		return 0
	start = max(period[0], managed_since) if managed_since else period[0]
	lines = [{"direction": "Income", "item": item, "amount": amount} for item, amount in plan["income"]]
	lines += [{"direction": "Expense", "item": item, "amount": amount} for item, amount in plan["expense"]]
	frappe.get_doc(
		{
			"doctype": "Publicity Record",
			"compound": compound.name,
			"enterprise": compound.current_enterprise,
			"publicity_type": INCOME_AND_EXPENSES,
			"period_start": start,
			"period_end": period[1],
			"published_on": min(period[1] + timedelta(days=plan["delay"]), getdate(today())),
			"publicity_location": plan["location"],
			"lines": lines,
			"verified_by_community": 1 if plan["verified"] else 0,
		}
	).insert(ignore_permissions=True)
	return 1
