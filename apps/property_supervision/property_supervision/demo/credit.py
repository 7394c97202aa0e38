"""Demo credit records (Credit Record) and the scores that follow from them.

First the facts the system knows are recorded as the daily job would (upheld and overdue
complaints, missing publicity, assessment results, training absences from the earlier demo
steps), then about 150 records reported by hand over the filed enterprises: mostly confirmed,
a few left as drafts, a few revoked, and some bad-conduct records the enterprise objected to
(pending, upheld or dismissed). Some happened long enough ago to have expired. Finally every
enterprise's score, grade and key supervision are recomputed.

Deterministic for a given random generator and idempotent: a hand-made record that exists for
the same enterprise, rule and day is not made again; automatic records are keyed by their fact.
Texts come from fixtures/demo/credit.json.
"""

import json
import random
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.credit import jobs
from property_supervision.credit.defaults import create_default_credit_rules
from property_supervision.credit.doctype.credit_record.credit_record import DISMISSED, UPHELD
from property_supervision.credit.scoring import in_system_language, update_enterprises_credit
from property_supervision.setup.reference import demo_data_path

RECORDS = 150

# what happens to a hand-made record, with weights
FATES = (
	("confirmed", 78),
	("draft", 8),
	("revoked", 5),
	("objection_pending", 3),
	("objection_upheld", 3),
	("objection_dismissed", 3),
)


def credit_names() -> dict:
	with open(demo_data_path() / "credit.json", encoding="utf-8") as f:
		return json.load(f)


# the reasons and evidence it writes are stored texts: in the site's language, not the caller's
# (`bench execute` runs in English)
@in_system_language
def make_credit(rng: random.Random, names: dict) -> dict[str, int]:
	create_default_credit_rules()
	enterprises = frappe.get_all(
		"Property Enterprise",
		filters={"workflow_state": ("in", meanings.states("Property Enterprise", meanings.FILED) or [""])},
		order_by="name asc",
		pluck="name",
	) or frappe.get_all("Property Enterprise", order_by="name asc", pluck="name")
	if not enterprises:
		return {"Credit Record": 0}

	automatic = 0
	for sweep in (
		jobs.record_upheld_complaints,
		jobs.record_overdue_complaints,
		jobs.record_publicity_overdue,
		jobs.record_assessment_results,
		jobs.record_training_absence,
	):
		automatic += len(sweep())

	rules = frappe.get_all(
		"Credit Rule",
		filters={"source": "Manual", "is_active": 1},
		fields=["name", "points"],
		order_by="name asc",
	)
	good_rules = [r.name for r in rules if r.points > 0]
	bad_rules = [r.name for r in rules if r.points < 0]
	units = frappe.get_all("Supervision Unit", order_by="name asc", pluck="name")
	data = credit_names()
	plans = [_draw(rng, data, enterprises, good_rules, bad_rules, units) for _ in range(RECORDS)]

	made = sum(make_record(plan) for plan in plans if plan)
	update_enterprises_credit(None, _("Demo data loaded"))
	return {"Credit Record": automatic + made}


def _draw(rng: random.Random, data: dict, enterprises, good_rules, bad_rules, units) -> dict | None:
	"""Every choice for one record, drawn before looking at the database."""
	good = rng.random() < 0.4
	rules = good_rules if good else bad_rules
	enterprise = rng.choice(enterprises)
	days_ago = rng.randint(3, 540)
	fate = rng.choices([f for f, _ in FATES], weights=[w for _, w in FATES])[0]
	if not rules:
		return None
	rule = rng.choice(rules)
	texts = (data["evidence"] if good else data["bad_evidence"]).get(rule) or [""]
	plan = {
		"enterprise": enterprise,
		"rule": rule,
		"occurred_on": getdate(today()) - timedelta(days=days_ago),
		"evidence": rng.choice(texts),
		"reported_by_unit": rng.choice(units) if units else None,
		"fate": fate,
		"objection": rng.choice(data["objections"]),
		"upheld_note": rng.choice(data["objection_notes_upheld"]),
		"dismissed_note": rng.choice(data["objection_notes_dismissed"]),
		"revocation_reason": rng.choice(data["revocation_reasons"]),
	}
	if good and fate.startswith("objection"):
		plan["fate"] = "confirmed"  # enterprises object to bad conduct only
	return plan


def make_record(plan: dict) -> int:
	if frappe.db.exists(
		"Credit Record",
		{
			"enterprise": plan["enterprise"],
			"rule": plan["rule"],
			"occurred_on": plan["occurred_on"],
			"is_automatic": 0,
		},
	):
		return 0
	doc = frappe.get_doc(
		{
			"doctype": "Credit Record",
			"enterprise": plan["enterprise"],
			"rule": plan["rule"],
			"occurred_on": plan["occurred_on"],
			"evidence": plan["evidence"] or _("Reported by the community"),
			"reported_by_unit": plan["reported_by_unit"],
		}
	).insert(ignore_permissions=True)
	fate = plan["fate"]
	if fate == "draft":
		return 1
	if fate == "revoked":
		doc.db_set("revocation_reason", plan["revocation_reason"], update_modified=False)
		meanings.advance(doc, meanings.REVOKED)
		return 1
	doc = meanings.advance(doc, meanings.CONFIRMED)
	if fate.startswith("objection"):
		doc.reload()
		doc.objection = plan["objection"]
		doc.save(ignore_permissions=True)
		if fate != "objection_pending":
			doc.reload()
			upheld = fate == "objection_upheld"
			doc.objection_decision = UPHELD if upheld else DISMISSED
			doc.objection_note = plan["upheld_note"] if upheld else plan["dismissed_note"]
			doc.save(ignore_permissions=True)
	return 1
