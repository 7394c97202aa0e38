"""The Credit module's daily job (hooks: scheduler_events daily → credit.jobs.daily).

Records the facts the system already knows as confirmed credit records, each citing its source
document, then recomputes the enterprises whose records expired:

- record_upheld_complaints    a complaint against the enterprise resolved as upheld;
- record_overdue_complaints   a complaint against the enterprise that ran past its deadline;
- record_publicity_overdue    a compound it manages with no public income and expense
                              publicity for the period now due;
- record_assessment_results   its published annual assessment: 不合格 (bad), 优秀 (good);
- record_training_absence     a completed mandatory session it was invited to and missed;
- record_dissatisfied_ratings at least the rule's share of the ratings (回访) of complaints
                              against it in the last complete period were 不满意;
- expire_records              enterprises whose records stopped counting since the last run.

Each sweep reads only new facts: those recent enough to still count (within the rule's
validity) and not yet recorded (an anti-join on the unique `auto_key`), so a run costs little at
the reference volume and running it again creates nothing. A rule the administrators
deactivated switches its sweep off.
"""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Concat
from frappe.utils import cint, flt, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.figures import upheld_conditions, upheld_criterion
from property_supervision.credit.doctype.credit_record.credit_record import make_automatic_record
from property_supervision.credit.doctype.credit_rule.credit_rule import (
	ASSESSMENT_RESULT,
	COMPLAINT_OVERDUE,
	COMPLAINT_UPHELD,
	DISSATISFIED_RATINGS,
	PUBLICITY_OVERDUE,
	TRAINING_ABSENCE,
	get_automatic_rule,
)
from property_supervision.credit.scoring import (
	CONFIRMED,
	credit_states,
	get_credit_settings,
	in_system_language,
	initialise_new_enterprises,
	update_enterprises_credit,
	upheld_window_start,
)
from property_supervision.rules.credit import add_months
from property_supervision.utils import sweep

LAST_EXPIRY_RUN = "property_supervision_credit_last_expiry_run"

FAIL = "Fail"
EXCELLENT = "Excellent"
ENTERPRISE = "Enterprise"


def daily():
	"""Run every sweep (one failing does not stop the others), then the expiry (hooks.py
	daily_long; utils/sweep.py: each sweep committed, a failing one rolled back and logged).
	Returns {sweep: its result}."""
	return sweep.run_all(
		(
			record_upheld_complaints,
			record_overdue_complaints,
			record_publicity_overdue,
			record_assessment_results,
			record_training_absence,
			record_dissatisfied_ratings,
			expire_records,
			initialise_new_enterprises,
		),
		title=lambda job: _("Credit job {0} failed").format(job.__name__),
	)


def on_complaint_update(doc, method=None):
	"""doc_events hook for Complaint (optional): record a complaint's credit facts as soon as it is
	resolved, instead of at the next daily run. The same functions as the daily job, for this one
	complaint; idempotent, so both may run."""
	if not doc.enterprise or doc.workflow_state not in meanings.resolved_complaint_states():
		return
	if not (cint(doc.is_upheld) or cint(doc.is_overdue) or cint(doc.escalation_count)):
		return
	record_upheld_complaints(complaints=[doc.name])
	record_overdue_complaints(complaints=[doc.name])


def counting_since(rule, on: date) -> date:
	"""The first day whose facts still count on `on` under `rule` (rules.credit.expiry_date: a
	fact of `on` minus the validity expired yesterday): older ones are not worth reading."""
	months = cint(rule.validity_months) or cint(get_credit_settings().default_validity_months)
	return add_months(on, -months) + timedelta(days=1)


def _record_all(facts: list[dict], rule, reason: str) -> list[str]:
	"""Make the records for `facts` (dicts of make_automatic_record's arguments but the rule),
	then recompute their enterprises once. A fact that fails is rolled back to its savepoint,
	logged and skipped (utils/sweep.py)."""
	created, enterprises = [], set()

	def record(fact):
		name = make_automatic_record(rule, **fact)
		if not name:
			return sweep.SKIPPED
		created.append(name)
		enterprises.add(fact["enterprise"])

	sweep.run(
		facts,
		record,
		title=lambda fact: _("Automatic credit record failed: {0}").format(fact["auto_key"]),
		reference_doctype=lambda fact: fact["reference_doctype"],
		reference_name=lambda fact: fact["reference_name"],
		commit_work=False,  # daily() commits each sweep; on_complaint_update runs in a request
	)
	if enterprises:
		update_enterprises_credit(enterprises, reason)
	return created


def _not_recorded(keys: list[str]) -> set[str]:
	"""The keys among `keys` that have no credit record yet."""
	recorded = set()
	for start in range(0, len(keys), 500):
		batch = keys[start : start + 500]
		recorded.update(
			frappe.get_all("Credit Record", filters={"auto_key": ("in", batch)}, pluck="auto_key")
		)
	return {key for key in keys if key not in recorded}


def _unrecorded_complaints(
	source: str, condition, extra_fields: tuple = (), complaints: list[str] | None = None
) -> list[frappe._dict]:
	"""Complaints against an enterprise meeting `condition` that have no record of `source` yet
	(an anti-join on the record's unique key); only `complaints` when given."""
	complaint = DocType("Complaint")
	record = DocType("Credit Record")
	if complaints is not None:
		if not complaints:
			return []
		condition = condition & complaint.name.isin(complaints)
	return (
		frappe.qb.from_(complaint)
		.left_join(record)
		.on(record.auto_key == Concat(f"{source}:", complaint.name))
		.select(complaint.name, complaint.enterprise, *(complaint[f] for f in extra_fields))
		.where(condition)
		.where(complaint.enterprise.isnotnull())
		.where(complaint.enterprise != "")
		.where(record.name.isnull())
		.orderby(complaint.name)
		.run(as_dict=True)
	)


@in_system_language
def record_upheld_complaints(on: date | str | None = None, complaints: list[str] | None = None) -> list[str]:
	"""A complaint against the enterprise that was resolved and found upheld (投诉经查属实)."""
	rule, facts = upheld_complaint_facts(on, complaints)
	return _record_all(facts, rule, _("Upheld complaints recorded")) if rule else []


def upheld_complaint_facts(
	on: date | str | None = None, complaints: list[str] | None = None
) -> tuple[frappe._dict | None, list[dict]]:
	"""The rule and the facts (make_automatic_record's arguments) record_upheld_complaints would
	record: upheld complaints still counting and not yet recorded."""
	on = getdate(on or today())
	rule = get_automatic_rule(COMPLAINT_UPHELD)
	if not rule:
		return None, []
	complaint = DocType("Complaint")
	rows = _unrecorded_complaints(
		COMPLAINT_UPHELD,
		upheld_criterion(complaint) & (complaint.resolved_on >= counting_since(rule, on)),
		extra_fields=("resolved_on",),
		complaints=complaints,
	)
	facts = [
		dict(
			enterprise=row.enterprise,
			occurred_on=getdate(row.resolved_on),
			auto_key=f"{COMPLAINT_UPHELD}:{row.name}",
			reference_doctype="Complaint",
			reference_name=row.name,
			evidence=_("Complaint {0} was found upheld on {1}.").format(row.name, getdate(row.resolved_on)),
		)
		for row in rows
	]
	return rule, facts


@in_system_language
def record_overdue_complaints(on: date | str | None = None, complaints: list[str] | None = None) -> list[str]:
	"""A complaint against the enterprise that ran past a handling deadline (投诉处理逾期): it is
	marked overdue (at the top level, or resolved late), or the daily SLA job escalated it because
	its level's deadline passed. One record per complaint, however many levels it went overdue at."""
	rule, facts = overdue_complaint_facts(on, complaints)
	return _record_all(facts, rule, _("Overdue complaints recorded")) if rule else []


def overdue_complaint_facts(
	on: date | str | None = None, complaints: list[str] | None = None
) -> tuple[frappe._dict | None, list[dict]]:
	"""The rule and the facts record_overdue_complaints would record."""
	on = getdate(on or today())
	rule = get_automatic_rule(COMPLAINT_OVERDUE)
	if not rule:
		return None, []
	since = counting_since(rule, on)
	complaint = DocType("Complaint")
	# an automatic escalation leaves a level whose deadline had passed, which sets was_overdue:
	# complaints officers escalated in time are not read again every day
	rows = _unrecorded_complaints(
		COMPLAINT_OVERDUE,
		((complaint.is_overdue == 1) & (complaint.deadline >= since))
		| (
			(complaint.escalation_count > 0) & (complaint.was_overdue == 1) & (complaint.received_on >= since)
		),
		extra_fields=("is_overdue", "deadline"),
		complaints=complaints,
	)
	escalated = automatic_escalations([row.name for row in rows if not cint(row.is_overdue)])
	facts = []
	for row in rows:
		if cint(row.is_overdue) and row.deadline:
			# overdue from the day after the deadline
			occurred_on = getdate(row.deadline) + timedelta(days=1)
			evidence = _("Complaint {0} was not handled by its deadline {1}.").format(
				row.name, getdate(row.deadline)
			)
		elif row.name in escalated:
			occurred_on = getdate(escalated[row.name])
			evidence = _("Complaint {0} missed its deadline and was escalated automatically on {1}.").format(
				row.name, occurred_on
			)
		else:
			continue  # escalated by an officer before its deadline: not overdue
		facts.append(
			dict(
				enterprise=row.enterprise,
				occurred_on=min(occurred_on, on),
				auto_key=f"{COMPLAINT_OVERDUE}:{row.name}",
				reference_doctype="Complaint",
				reference_name=row.name,
				evidence=evidence,
			)
		)
	return rule, facts


def automatic_escalations(complaints: list[str]) -> dict[str, object]:
	"""complaint -> when the daily SLA job first escalated it for missing a deadline (its handling
	log shows the escalation made by the system, which runs as Administrator)."""
	escalated = {}
	for start in range(0, len(complaints), 500):
		for row in frappe.get_all(
			"Complaint Handling Log",
			filters={
				"parenttype": "Complaint",
				"parent": ("in", complaints[start : start + 500]),
				# the actions the daily SLA job applies to a complaint past its deadline
				"action": ("in", meanings.actions("Complaint", meanings.ESCALATES) or [""]),
				"user": "Administrator",
			},
			fields=["parent", "log_time"],
			order_by="log_time asc",
		):
			escalated.setdefault(row.parent, row.log_time)
	return escalated


@in_system_language
def record_publicity_overdue(on: date | str | None = None) -> list[str]:
	"""A compound the enterprise manages has not published its public income and expenses for
	the period now due (未按规定公示公共收益收支): one record per compound and period."""
	from property_supervision.registry.doctype.publicity_record.publicity_record import get_overdue_compounds

	on = getdate(on or today())
	rule = get_automatic_rule(PUBLICITY_OVERDUE)
	if not rule:
		return []
	rows = [row for row in get_overdue_compounds(on, ignore_permissions=True) if row.enterprise]
	keyed = {
		f"{PUBLICITY_OVERDUE}:{row.compound}:{row.required_period_start}~{row.required_period_end}": row
		for row in rows
	}
	new = _not_recorded(list(keyed))
	facts = [
		dict(
			enterprise=row.enterprise,
			occurred_on=min(getdate(row.required_period_end) + timedelta(days=1), on),
			auto_key=key,
			reference_doctype="Residential Compound",
			reference_name=row.compound,
			evidence=_("{0} has not published its public income and expenses for {1} ~ {2}.").format(
				row.compound_name or row.compound, row.required_period_start, row.required_period_end
			),
		)
		for key, row in keyed.items()
		if key in new
	]
	return _record_all(facts, rule, _("Overdue publicity recorded"))


@in_system_language
def record_assessment_results(on: date | str | None = None) -> list[str]:
	"""The enterprise's published annual assessment: 不合格 deducts, 优秀 adds (one rule each)."""
	on = getdate(on or today())
	created = []
	for grade, good in ((FAIL, False), (EXCELLENT, True)):
		rule = get_automatic_rule(ASSESSMENT_RESULT, good=good)
		if not rule:
			continue
		assessment = DocType("Assessment")
		record = DocType("Credit Record")
		rows = (
			frappe.qb.from_(assessment)
			.left_join(record)
			.on(record.auto_key == Concat(f"{ASSESSMENT_RESULT}:", assessment.name))
			.select(assessment.name, assessment.target_name, assessment.assessment_year, assessment.modified)
			.where(assessment.workflow_state.isin(meanings.states("Assessment", meanings.PUBLISHED) or [""]))
			.where(assessment.target_doctype == "Property Enterprise")
			.where(assessment.grade == grade)
			.where(assessment.modified >= counting_since(rule, on))
			.where(record.name.isnull())
			.orderby(assessment.name)
			.run(as_dict=True)
		)
		facts = [
			dict(
				enterprise=row.target_name,
				occurred_on=getdate(row.modified),
				auto_key=f"{ASSESSMENT_RESULT}:{row.name}",
				reference_doctype="Assessment",
				reference_name=row.name,
				evidence=_("The {0} assessment {1} was published with the grade {2}.").format(
					row.assessment_year, row.name, _(grade, context="Assessment")
				),
			)
			for row in rows
			if row.target_name and frappe.db.exists("Property Enterprise", row.target_name)
		]
		created += _record_all(facts, rule, _("Assessment results recorded"))
	return created


@in_system_language
def record_training_absence(on: date | str | None = None) -> list[str]:
	"""An enterprise invited to a completed mandatory session of which nobody attended
	(无故缺席必修培训): one record per session and enterprise."""
	on = getdate(on or today())
	rule = get_automatic_rule(TRAINING_ABSENCE)
	if not rule:
		return []
	sessions = frappe.get_all(
		"Training Session",
		filters={
			"workflow_state": ("in", meanings.states("Training Session", meanings.COMPLETED)),
			"is_mandatory": 1,
			"start": (">=", counting_since(rule, on)),
		},
		fields=["name", "title", "start"],
		order_by="start asc",
	)
	if not sessions:
		return []
	by_name = {session.name: session for session in sessions}
	attended: dict[tuple[str, str], bool] = {}
	for row in frappe.get_all(
		"Training Attendee",
		filters={
			"parenttype": "Training Session",
			"parent": ("in", list(by_name)),
			"attendee_type": ENTERPRISE,
			"enterprise": ("is", "set"),
		},
		fields=["parent", "enterprise", "attended"],
	):
		key = (row.parent, row.enterprise)
		attended[key] = attended.get(key, False) or bool(cint(row.attended))
	absent = {f"{TRAINING_ABSENCE}:{s}:{e}": (s, e) for (s, e), present in attended.items() if not present}
	new = _not_recorded(list(absent))
	facts = []
	for key in sorted(new):
		session, enterprise = absent[key]
		facts.append(
			dict(
				enterprise=enterprise,
				occurred_on=getdate(by_name[session].start),
				auto_key=key,
				reference_doctype="Training Session",
				reference_name=session,
				evidence=_("Nobody of the enterprise attended the mandatory training {0} ({1}).").format(
					by_name[session].title or session, session
				),
			)
		)
	return _record_all(facts, rule, _("Training absences recorded"))


@in_system_language
def record_dissatisfied_ratings(on: date | str | None = None) -> list[str]:
	"""An enterprise whose complaints' ratings (回访) in the rule's last complete period were 不满意
	in at least the rule's share, with at least its minimum of ratings (居民回访不满意率超标): one
	record per enterprise and period. Every rating counts, the resident's and the follow-up call's,
	also one that reopened the complaint (the handling log keeps each, complaints/rating.py)."""
	from frappe.query_builder import Case
	from frappe.query_builder.functions import Count, Sum

	from property_supervision.complaints.rating import DISSATISFIED, SATISFACTION_VALUES
	from property_supervision.rules.ratings import crosses_threshold, dissatisfied_share, last_complete_period

	on = getdate(on or today())
	rule = get_automatic_rule(DISSATISFIED_RATINGS)
	if not rule:
		return []
	share, months, minimum = frappe.db.get_value(
		"Credit Rule", rule.name, ["dissatisfied_share", "rating_period_months", "minimum_ratings"]
	)
	start, end = last_complete_period(on, cint(months) or 6)
	log = DocType("Complaint Handling Log")
	complaint = DocType("Complaint")
	rows = (
		frappe.qb.from_(log)
		.join(complaint)
		.on(complaint.name == log.parent)
		.select(
			complaint.enterprise,
			Count("*").as_("ratings"),
			Sum(Case().when(log.satisfaction == DISSATISFIED, 1).else_(0)).as_("dissatisfied"),
		)
		.where(log.parenttype == "Complaint")
		.where(log.satisfaction.isin(SATISFACTION_VALUES))
		.where(log.log_time >= start)
		.where(log.log_time < end + timedelta(days=1))
		.where(complaint.enterprise.isnotnull())
		.where(complaint.enterprise != "")
		.groupby(complaint.enterprise)
		.run(as_dict=True)
	)
	keyed = {
		f"{DISSATISFIED_RATINGS}:{row.enterprise}:{start}~{end}": row
		for row in rows
		if crosses_threshold(cint(row.dissatisfied), cint(row.ratings), flt(share), cint(minimum))
	}
	new = _not_recorded(list(keyed))
	facts = [
		dict(
			enterprise=row.enterprise,
			occurred_on=end,
			auto_key=key,
			reference_doctype="Property Enterprise",
			reference_name=row.enterprise,
			evidence=_(
				"{0} of {1} ratings of complaints against the enterprise from {2} to {3} were dissatisfied ({4}%)."
			).format(
				cint(row.dissatisfied),
				cint(row.ratings),
				start,
				end,
				dissatisfied_share(cint(row.dissatisfied), cint(row.ratings)),
			),
		)
		for key, row in keyed.items()
		if key in new and frappe.db.exists("Property Enterprise", row.enterprise)
	]
	return _record_all(facts, rule, _("Dissatisfied ratings recorded"))


@in_system_language
def expire_records(on: date | str | None = None) -> list[str]:
	"""Recompute the enterprises whose credit moved without anyone acting since the last run: a
	confirmed record stopped counting (its last day was before `on`), or an upheld complaint left
	the key-supervision window. Only those enterprises; a second run the same day does nothing."""
	on = getdate(on or today())
	since = sweep.recorded_day(LAST_EXPIRY_RUN) or on - timedelta(days=1)
	if since >= on:
		return []
	enterprises = set(
		frappe.get_all(
			"Credit Record",
			filters={
				"workflow_state": ("in", credit_states(CONFIRMED)),
				"expires_on": ("between", (since, on - timedelta(days=1))),
			},
			pluck="enterprise",
			distinct=True,
		)
	)
	settings = get_credit_settings()
	if cint(settings.upheld_complaints_threshold):
		# not DISTINCT: that makes the database walk the enterprise index instead of the day's range
		enterprises.update(
			frappe.get_all(
				"Complaint",
				filters=[
					*upheld_conditions(),
					["enterprise", "is", "set"],
					["resolved_on", ">=", upheld_window_start(settings, since)],
					["resolved_on", "<", upheld_window_start(settings, on)],
				],
				pluck="enterprise",
			)
		)
	changed = update_enterprises_credit(enterprises, _("Credit records expired"), on)
	sweep.record_day(LAST_EXPIRY_RUN, on)
	return changed
