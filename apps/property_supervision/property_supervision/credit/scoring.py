"""Enterprise credit scores (SPEC: Credit Settings; seed: 诚信等级评定, 重点监管).

The one place that writes an enterprise's `credit_score`, `credit_grade`, `key_supervision` and
`key_supervision_reason`, and the Credit Score Log that keeps their history. The arithmetic is in
rules.credit; this module reads the records and the settings and writes the results.

It runs for the enterprises concerned only:
- a credit record is confirmed or revoked (Credit Record.on_update);
- the daily job: records that expired since the last run, upheld complaints that left the
  window, enterprises never scored yet (credit.jobs);
- the settings change: every enterprise, in a background job (Credit Settings.on_update).

Values are written with `update_modified=False`: nobody edited the enterprise.
"""

import functools
from collections import Counter
from datetime import date

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.figures import upheld_conditions
from property_supervision.rules.credit import (
	KEY_BY_GRADE,
	KEY_BY_SEPARATION_VIOLATION,
	KEY_BY_UPHELD_COMPLAINTS,
	GradeBands,
	add_months,
	credit_grade,
	credit_score,
	key_supervision_triggers,
)

# the states of a credit record by meaning (workflow_meanings.py); an upheld complaint is final
# in a state meaning resolved or closed
CONFIRMED, REVOKED, DRAFT = meanings.CONFIRMED, meanings.REVOKED, meanings.DRAFT


def credit_states(meaning: str) -> list[str]:
	return meanings.states("Credit Record", meaning)


def credit_is(state: str | None, meaning: str) -> bool:
	return meanings.is_state("Credit Record", state, meaning)


RECOMPUTE_ALL_JOB_ID = "property_supervision:credit:recompute_all"

# settings fields whose change moves scores
SCORING_FIELDS = (
	"base_score",
	"max_score",
	"min_score",
	"grade_aaa_min",
	"grade_aa_min",
	"grade_a_min",
	"grade_b_min",
	"key_on_grade_b",
	"key_on_grade_c",
	"upheld_complaints_threshold",
	"upheld_window_months",
)


def in_system_language(function):
	"""Texts the system stores (key-supervision reasons, score-log reasons, the evidence of
	automatic records) are written in the site's language, whoever triggers the computation."""

	@functools.wraps(function)
	def wrapper(*args, **kwargs):
		language = frappe.local.lang
		frappe.local.lang = frappe.get_system_settings("language") or language
		try:
			return function(*args, **kwargs)
		finally:
			frappe.local.lang = language

	return wrapper


def get_credit_settings():
	return frappe.get_single("Credit Settings")


def grade_bands(settings) -> GradeBands:
	return GradeBands(
		aaa=flt(settings.grade_aaa_min),
		aa=flt(settings.grade_aa_min),
		a=flt(settings.grade_a_min),
		b=flt(settings.grade_b_min),
	)


def key_grades(settings) -> set[str]:
	grades = set()
	if cint(settings.key_on_grade_b):
		grades.add("B")
	if cint(settings.key_on_grade_c):
		grades.add("C")
	return grades


def upheld_window_start(settings, on: date) -> date:
	"""The first day of the window in which upheld complaints are counted."""
	return add_months(on, -cint(settings.upheld_window_months))


def counting_points(enterprises: list[str] | None, on: date) -> dict[str, float]:
	"""enterprise -> the sum of the points of its confirmed records that count on `on`."""
	filters = {"workflow_state": ("in", credit_states(CONFIRMED)), "expires_on": (">=", on)}
	if enterprises is not None:
		filters["enterprise"] = ("in", enterprises)
	rows = frappe.get_all(
		"Credit Record",
		filters=filters,
		fields=["enterprise", "sum(points) as points"],
		group_by="enterprise",
	)
	return {row.enterprise: flt(row.points) for row in rows}


def upheld_complaint_counts(enterprises: list[str] | None, on: date, settings) -> dict[str, int]:
	"""enterprise -> its upheld complaints resolved within the window ending on `on`."""
	if not cint(settings.upheld_complaints_threshold):
		return {}
	filters = [*upheld_conditions(), ["resolved_on", ">=", upheld_window_start(settings, on)]]
	if enterprises is not None:
		# (enterprise, is_upheld, resolved_on) is indexed for this
		filters.append(["enterprise", "in", enterprises])
		rows = frappe.get_all(
			"Complaint",
			filters=filters,
			fields=["enterprise", "count(name) as complaints"],
			group_by="enterprise",
		)
		return {row.enterprise: cint(row.complaints) for row in rows}
	# every enterprise: read the window through the resolved_on index and count here (grouping in
	# SQL makes the database walk the whole enterprise index instead)
	filters.append(["enterprise", "is", "set"])
	return dict(Counter(frappe.get_all("Complaint", filters=filters, pluck="enterprise")))


def compute_credit(points: float, upheld: int, settings, separation_violation: bool = False) -> frappe._dict:
	"""Score, grade, key supervision and its reason for one enterprise (`separation_violation`: it
	violates 建管分离 and Registry Settings make that a trigger)."""
	score = credit_score(settings.base_score, [points], flt(settings.min_score), flt(settings.max_score))
	grade = credit_grade(score, grade_bands(settings))
	triggers = key_supervision_triggers(
		grade,
		upheld,
		key_grades(settings),
		cint(settings.upheld_complaints_threshold),
		separation_violation=bool(separation_violation) and separation_is_key(),
	)
	reasons = []
	if KEY_BY_GRADE in triggers:
		reasons.append(_("Credit grade {0}").format(grade))
	if KEY_BY_UPHELD_COMPLAINTS in triggers:
		reasons.append(
			_("{0} upheld complaints in the last {1} months").format(
				upheld, cint(settings.upheld_window_months)
			)
		)
	if KEY_BY_SEPARATION_VIOLATION in triggers:
		reasons.append(_("Violates construction-management separation (developer-affiliated contract)"))
	return frappe._dict(
		credit_score=score,
		credit_grade=grade,
		key_supervision=1 if triggers else 0,
		key_supervision_reason="; ".join(reasons) if reasons else "",
	)


def separation_is_key() -> bool:
	"""Registry Settings: a separation violation (建管分离) puts the enterprise under key supervision."""
	from property_supervision.registry.doctype.registry_settings.registry_settings import (
		get_registry_settings,
	)

	return bool(cint(get_registry_settings().key_on_separation_violation))


def _unchanged(current, values) -> bool:
	return (
		flt(current.credit_score, 1) == flt(values.credit_score, 1)
		and cstr(current.credit_grade) == values.credit_grade
		and cint(current.key_supervision) == values.key_supervision
		and cstr(current.key_supervision_reason) == values.key_supervision_reason
	)


@in_system_language
def update_enterprises_credit(
	enterprises: list[str] | set[str] | tuple | None, reason: str = "", on: date | str | None = None
) -> list[str]:
	"""Recompute the credit of `enterprises` (None: every enterprise) as of `on` (default today).
	Writes the enterprise fields and a Credit Score Log row where anything changed; returns the
	enterprises that changed."""
	on = getdate(on or today())
	if enterprises is not None:
		enterprises = sorted({e for e in enterprises if e})
		if not enterprises:
			return []
	settings = get_credit_settings()
	current = frappe.get_all(
		"Property Enterprise",
		filters={"name": ("in", enterprises)} if enterprises is not None else {},
		fields=[
			"name",
			"credit_score",
			"credit_grade",
			"key_supervision",
			"key_supervision_reason",
			"separation_violation",
		],
		order_by="name asc",
	)
	points = counting_points(enterprises, on)
	upheld = upheld_complaint_counts(enterprises, on, settings)

	# an enterprise with open rectification notices stays under key supervision (supervision/)
	from property_supervision.supervision.rectification import keep_key_supervision

	held = keep_key_supervision([row.name for row in current])

	changed = []
	for enterprise in current:
		values = compute_credit(
			points.get(enterprise.name, 0),
			upheld.get(enterprise.name, 0),
			settings,
			separation_violation=enterprise.separation_violation,
		)
		held(enterprise.name, values)
		if _unchanged(enterprise, values):
			continue
		frappe.db.set_value("Property Enterprise", enterprise.name, values, update_modified=False)
		frappe.get_doc(
			{
				"doctype": "Credit Score Log",
				"enterprise": enterprise.name,
				"log_date": on,
				"score": values.credit_score,
				"grade": values.credit_grade,
				"key_supervision": values.key_supervision,
				"reason": reason or values.key_supervision_reason,
			}
		).insert(ignore_permissions=True)
		changed.append(enterprise.name)
	return changed


def update_enterprise_credit(enterprise: str, reason: str = "", on: date | str | None = None) -> bool:
	"""Recompute one enterprise's credit. True when anything changed."""
	return bool(update_enterprises_credit([enterprise], reason, on))


@in_system_language
def recompute_all_enterprises():
	"""Background job after the settings changed: every enterprise, logged where it moved."""
	return update_enterprises_credit(None, _("Credit settings changed"))


def enqueue_recompute_all():
	"""Recompute every enterprise in the background once the settings are committed; once
	however often they were saved (the job is deduplicated when the commit queues it)."""
	frappe.db.after_commit.add(_enqueue_recompute_all)


def _enqueue_recompute_all():
	frappe.enqueue(
		"property_supervision.credit.scoring.recompute_all_enterprises",
		queue="long",
		job_id=RECOMPUTE_ALL_JOB_ID,
		deduplicate=True,
	)


@in_system_language
def initialise_new_enterprises() -> list[str]:
	"""Enterprises that have never been scored (a new registration) get their first score."""
	enterprises = frappe.get_all(
		"Property Enterprise", filters={"credit_grade": ("is", "not set")}, pluck="name"
	)
	return update_enterprises_credit(enterprises, _("First credit assessment"))
