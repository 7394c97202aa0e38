"""Performance results (与绩效挂钩, seed §4(二) and §5(三)3): a published assessment of an area
committee or subdistrict, a community or a department becomes the unit's yearly Performance
Result — score, grade, rank among the units of its kind that year, and the reward or deduction
the Performance Settings give its grade (a triggered veto: the settings' fixed outcome).

Everything here is derived: when an assessment enters or leaves a state meaning Published (or is
deleted), its unit's result is made, updated or removed and the year's results of that kind are
ranked again; a decided accountability record (问责) of the unit shows on its result; a change of
the settings re-applies the outcomes. Running any of it twice changes nothing more. The ranking
itself is rules.assessment.rank_results, the one place ranks are computed."""

import frappe
from frappe.utils import cint, getdate, nowdate

from property_supervision import notices
from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.doctype.assessment_template.assessment_template import (
	AREA_TARGET,
	COMMUNITY_TARGET,
	DEPARTMENT_TARGET,
)
from property_supervision.rules.assessment import performance_outcome, rank_results

# the assessed units whose results reach their performance (enterprises' go to their credit)
PERFORMANCE_TARGETS = (AREA_TARGET, COMMUNITY_TARGET, DEPARTMENT_TARGET)
RESULT = "Performance Result"
ACCOUNTABILITY = "Accountability Record"
# raised when a unit's result is published (Notification "绩效结果已公布")
RESULT_PUBLISHED = "ps_performance_published"
# the fields rank and outcome set on a result
DERIVED_FIELDS = ("unit_rank", "ranked_among", "reward_amount", "performance_points", "outcome")


# --- events ----------------------------------------------------------------------------------------


def on_assessment_update(doc, method=None):
	"""on_update of Assessment: entering or leaving a published state refreshes the unit's result."""
	if doc.target_type not in PERFORMANCE_TARGETS:
		return
	before = doc.get_doc_before_save()
	was_published = bool(before) and meanings.is_state(doc.doctype, before.workflow_state, meanings.PUBLISHED)
	is_published = meanings.is_state(doc.doctype, doc.workflow_state, meanings.PUBLISHED)
	if not (was_published or is_published):
		return
	result = refresh_unit(doc.assessment_year, doc.target_type, doc.target_doctype, doc.target_name)
	if result and is_published and not was_published:
		notices.send(RESULT_PUBLISHED, RESULT, result)


def on_assessment_trash(doc, method=None):
	"""on_trash of Assessment: a deleted published assessment takes its result with it."""
	if doc.target_type in PERFORMANCE_TARGETS and meanings.is_state(
		doc.doctype, doc.workflow_state, meanings.PUBLISHED
	):
		refresh_unit(
			doc.assessment_year, doc.target_type, doc.target_doctype, doc.target_name, exclude=doc.name
		)


def on_accountability_update(doc, method=None):
	"""on_update / on_trash of Accountability Record: the unit's result shows its decided records
	(and the year or unit it showed under before, if they changed)."""
	keys = {(cint(doc.year), doc.subject_doctype, doc.subject_unit)}
	before = doc.get_doc_before_save() if method != "on_trash" else None
	if before:
		keys.add((cint(before.year), before.subject_doctype, before.subject_unit))
	for year, doctype, unit in keys:
		refresh_accountability(year, doctype, unit, exclude=doc.name if method == "on_trash" else None)


def on_settings_update(doc, method=None):
	"""on_update of Performance Settings: every year's outcomes follow the new settings."""
	for year, target_type in frappe.get_all(
		RESULT, fields=["assessment_year", "target_type"], distinct=True, as_list=True
	):
		rerank(year, target_type)


# --- one unit's result ---------------------------------------------------------------------------


def published_assessment(year, target_doctype: str, target_name: str, exclude: str | None = None):
	"""The unit's published assessment of the year (the latest published, should there be
	several templates), or None."""
	filters = {
		"assessment_year": cint(year),
		"target_doctype": target_doctype,
		"target_name": target_name,
		"workflow_state": ("in", meanings.states("Assessment", meanings.PUBLISHED) or [""]),
	}
	if exclude:
		filters["name"] = ("!=", exclude)
	rows = frappe.get_all(
		"Assessment",
		filters=filters,
		fields=["name", "target_type", "jurisdiction", "total_score", "grade", "veto_triggered", "modified"],
		order_by="modified desc",
		limit=1,
	)
	return rows[0] if rows else None


def refresh_unit(year, target_type: str, target_doctype: str, target_name: str, exclude: str | None = None):
	"""Make, update or remove the unit's result of the year from its published assessment, then
	rank the year's results of its kind again. Returns the result's name (None: removed)."""
	year = cint(year)
	assessment = published_assessment(year, target_doctype, target_name, exclude)
	existing = frappe.db.get_value(
		RESULT,
		{"assessment_year": year, "target_doctype": target_doctype, "target_name": target_name},
		"name",
	)
	if not assessment:
		if existing:
			frappe.delete_doc(RESULT, existing, ignore_permissions=True, force=True)
		rerank(year, target_type)
		return None
	values = {
		"assessment_year": year,
		"target_type": assessment.target_type,
		"target_doctype": target_doctype,
		"target_name": target_name,
		"jurisdiction": assessment.jurisdiction,
		"assessment": assessment.name,
		"total_score": assessment.total_score,
		"grade": assessment.grade,
		"veto_triggered": assessment.veto_triggered,
		**accountability_summary(year, target_doctype, target_name),
	}
	doc = frappe.get_doc(RESULT, existing) if existing else frappe.new_doc(RESULT)
	if doc.is_new() or any(_differs(doc.get(field), value) for field, value in values.items()):
		if doc.get("assessment") != assessment.name or not doc.published_on:
			doc.published_on = getdate(nowdate())
		doc.update(values)
		doc.flags.from_assessment = True
		doc.save(ignore_permissions=True)
	rerank(year, assessment.target_type)
	return doc.name


# --- ranking and outcomes --------------------------------------------------------------------------


def settings_outcomes() -> tuple[dict, dict]:
	"""(grade -> outcome, the outcome of a veto) from Performance Settings."""
	settings = frappe.get_cached_doc("Performance Settings")
	by_grade = {
		row.grade: {
			"reward_amount": row.reward_amount,
			"performance_points": row.performance_points,
			"outcome": row.outcome,
		}
		for row in settings.grade_outcomes
		if row.grade
	}
	on_veto = {
		"reward_amount": settings.veto_reward_amount,
		"performance_points": settings.veto_performance_points,
		"outcome": settings.veto_outcome,
	}
	return by_grade, on_veto


def rerank(year, target_type: str) -> int:
	"""Rank the year's results of one kind and apply the settings' outcomes; writes only the rows
	whose rank or outcome changed. Returns how many changed."""
	rows = frappe.get_all(
		RESULT,
		filters={"assessment_year": cint(year), "target_type": target_type},
		fields=["name", "target_name", "total_score", "grade", "veto_triggered", *DERIVED_FIELDS],
	)
	if not rows:
		return 0
	by_grade, on_veto = settings_outcomes()
	current = {row.name: {f: row.get(f) for f in DERIVED_FIELDS} for row in rows}
	changed = 0
	for row in rank_results([dict(r) for r in rows]):
		values = {"unit_rank": row["rank"], "ranked_among": row["ranked_among"]}
		values.update(performance_outcome(row["grade"], bool(row["veto_triggered"]), by_grade, on_veto))
		old = current[row["name"]]
		if any(_differs(old.get(f), values[f]) for f in DERIVED_FIELDS):
			frappe.db.set_value(RESULT, row["name"], values)
			changed += 1
	return changed


def _differs(a, b) -> bool:
	if isinstance(b, int | float) and not isinstance(b, bool):
		return round(float(a or 0), 2) != round(float(b or 0), 2)
	return (a or "") != (b or "")


# --- accountability on the result ------------------------------------------------------------------


def accountability_summary(year, subject_doctype: str, subject_unit: str, exclude: str | None = None) -> dict:
	"""The decided and the open accountability records of a unit for a year, as its result shows
	them (dismissed ones count as neither)."""
	filters = {"year": cint(year), "subject_doctype": subject_doctype, "subject_unit": subject_unit}
	if exclude:
		filters["name"] = ("!=", exclude)
	rows = frappe.get_all(
		ACCOUNTABILITY,
		filters=filters,
		fields=["name", "workflow_state", "decision", "decided_on"],
		order_by="decided_on asc, name asc",
	)
	decided = [r for r in rows if meanings.is_state(ACCOUNTABILITY, r.workflow_state, meanings.DECIDED)]
	finished = set(meanings.states(ACCOUNTABILITY, meanings.DECIDED, meanings.REJECTED))
	open_count = sum(1 for r in rows if r.workflow_state not in finished)
	return {
		"decided_accountability": len(decided),
		"open_accountability": open_count,
		"accountability_decisions": "\n".join(
			f"{r.name} {frappe._(r.decision) if r.decision else ''}".strip() for r in decided
		),
	}


def refresh_accountability(year, subject_doctype: str, subject_unit: str, exclude: str | None = None):
	name = frappe.db.get_value(
		RESULT,
		{"assessment_year": cint(year), "target_doctype": subject_doctype, "target_name": subject_unit},
	)
	if name:
		frappe.db.set_value(
			RESULT, name, accountability_summary(year, subject_doctype, subject_unit, exclude)
		)


# --- existing sites, demo data ------------------------------------------------------------------------


def rebuild_all() -> int:
	"""Make the results of every published assessment of the units concerned (the patch for
	existing sites, the demo data). Returns how many results exist afterwards."""
	published = frappe.get_all(
		"Assessment",
		filters={
			"target_type": ("in", PERFORMANCE_TARGETS),
			"workflow_state": ("in", meanings.states("Assessment", meanings.PUBLISHED) or [""]),
		},
		fields=["assessment_year", "target_type", "target_doctype", "target_name"],
		distinct=True,
	)
	for row in published:
		refresh_unit(row.assessment_year, row.target_type, row.target_doctype, row.target_name)
	return frappe.db.count(RESULT)
