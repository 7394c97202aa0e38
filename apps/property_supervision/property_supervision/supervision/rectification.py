"""What follows from a rectification notice (责令限期整改通知书), and the Supervision module's
daily job (hooks.py scheduler_events daily; utils/sweep.py):

- a notice open past its deadline is marked `is_overdue`, its area officers and the district are
  told (Notification "整改通知书已逾期"), and the credit record of the rule set in Supervision
  Settings is made (e.g. BL-07 拒不执行整改);
- a refused notice makes the credit record of its rule at once (on_notice_update);
- one notice never gets two credit records (one `auto_key` per notice, make_automatic_record);
- an enterprise under key supervision gets a draft inspection of the type when its last one is
  older than the period in Supervision Settings;
- an enterprise with open notices keeps key supervision (validate_key_supervision, and the credit
  recomputation through enterprises_with_open_notices).

States are read by their meaning (workflow_meanings.py), never by name.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, today

from property_supervision import notices
from property_supervision import workflow_meanings as meanings
from property_supervision.rules.supervision import is_overdue, key_inspection_due
from property_supervision.utils import sweep

KEY_SUPERVISION = "Key Supervision"
# the notice event raised when a notice turns overdue (Notification.method)
RECTIFICATION_OVERDUE = "ps_rectification_overdue"


def get_supervision_settings():
	return frappe.get_cached_doc("Supervision Settings")


def credit_key(notice: str) -> str:
	"""One credit record per notice, whether it went overdue or was refused."""
	return f"Rectification Notice:{notice}"


def _rule(name: str | None):
	if not name:
		return None
	rule = frappe.db.get_value(
		"Credit Rule", name, ["name", "points", "validity_months", "is_active"], as_dict=True
	)
	return rule if rule and cint(rule.is_active) else None


def record_credit(notice, refused: bool = False) -> str | None:
	"""Make the notice's credit record (the overdue rule, or the refused rule), once; returns its
	name, None when the rule is not set or switched off, or the notice has one already."""
	from property_supervision.credit.doctype.credit_record.credit_record import make_automatic_record
	from property_supervision.credit.scoring import update_enterprises_credit

	if notice.get("credit_record") or not notice.get("enterprise"):
		return None
	settings = get_supervision_settings()
	rule = _rule(settings.refused_credit_rule if refused else settings.overdue_credit_rule)
	if not rule:
		return None
	if refused:
		occurred_on = today()
		evidence = _("The enterprise refused to carry out rectification notice {0}: {1}").format(
			notice.name, (notice.get("refusal_note") or notice.get("finding") or "")[:200]
		)
	else:
		occurred_on = add_days(notice.deadline, 1)
		evidence = _("Rectification notice {0} was not carried out by its deadline {1}: {2}").format(
			notice.name, notice.deadline, (notice.get("finding") or "")[:200]
		)
	name = make_automatic_record(
		rule,
		enterprise=notice.enterprise,
		occurred_on=occurred_on,
		auto_key=credit_key(notice.name),
		reference_doctype="Rectification Notice",
		reference_name=notice.name,
		evidence=evidence,
	)
	if not name:
		# made by an earlier run (its link lost) or a concurrent one: link the one that exists
		name = frappe.db.get_value("Credit Record", {"auto_key": credit_key(notice.name)}, "name")
		if name:
			frappe.db.set_value(
				"Rectification Notice", notice.name, "credit_record", name, update_modified=False
			)
		return None
	frappe.db.set_value("Rectification Notice", notice.name, "credit_record", name, update_modified=False)
	update_enterprises_credit([notice.enterprise], _("Rectification notice {0}").format(notice.name))
	return name


def on_notice_update(doc, method=None):
	"""Rectification Notice on_update (hooks.py): a notice entering a refused state makes its
	credit record at once."""
	before = doc.get_doc_before_save()
	if before is not None and before.workflow_state == doc.workflow_state:
		return
	if meanings.is_state(doc.doctype, doc.workflow_state, meanings.REFUSED):
		if record_credit(doc, refused=True):
			doc.reload()


# --- key supervision ---------------------------------------------------------------------------


def enterprises_with_open_notices(enterprises=None) -> set[str]:
	"""The enterprises (among `enterprises`, None: all) with an open rectification notice."""
	open_states = meanings.open_rectification_states()
	if not open_states or not frappe.db.table_exists("Rectification Notice"):
		return set()
	filters = {"workflow_state": ("in", open_states)}
	if enterprises is not None:
		enterprises = [e for e in enterprises if e]
		if not enterprises:
			return set()
		filters["enterprise"] = ("in", enterprises)
	return set(frappe.get_all("Rectification Notice", filters=filters, pluck="enterprise", distinct=True))


def validate_key_supervision(doc, method=None):
	"""Property Enterprise validate (hooks.py): leaving key supervision needs every rectification
	notice of the enterprise closed first."""
	if doc.is_new() or cint(doc.key_supervision):
		return
	if not cint(frappe.db.get_value("Property Enterprise", doc.name, "key_supervision")):
		return
	count = frappe.db.count(
		"Rectification Notice",
		{"enterprise": doc.name, "workflow_state": ("in", meanings.open_rectification_states() or [""])},
	)
	if count:
		frappe.throw(
			_(
				"{0} has {1} open rectification notices: it stays under key supervision until they are closed."
			).format(doc.enterprise_name or doc.name, count),
			title=_("Key Supervision"),
		)


# --- the daily job -----------------------------------------------------------------------------


def daily():
	"""Daily (hooks.py): overdue notices, missing credit records, key-supervision inspections due
	(utils/sweep.py: each sweep committed). Returns {sweep: its result}."""
	return sweep.run_all(
		(mark_overdue_notices, record_missing_credit, schedule_key_inspections),
		title=lambda job: _("Supervision job {0} failed").format(job.__name__),
	)


def mark_overdue_notices(on=None):
	"""Open notices past their deadline not yet marked: mark them, tell the officers and make the
	credit record. Reads only the notices that can change (open, past deadline, not marked)."""
	on = getdate(on or today())
	open_states = meanings.open_rectification_states()
	if not open_states:
		return {}
	rows = sweep.candidates(
		"Rectification Notice",
		[
			["workflow_state", "in", open_states],
			["is_overdue", "=", 0],
			["deadline", "<", on],
		],
		["deadline"],
	)

	def step(row):
		if not is_overdue(getdate(row.deadline), on, True):
			return sweep.SKIPPED
		frappe.db.set_value(
			"Rectification Notice", row.name, {"is_overdue": 1, "was_overdue": 1}, update_modified=False
		)
		doc = frappe.get_doc("Rectification Notice", row.name)
		record_credit(doc)
		notices.send(RECTIFICATION_OVERDUE, doc)
		return "overdue"

	return dict(
		sweep.run(
			rows,
			step,
			title=lambda row: _("Overdue rectification notice failed: {0}").format(row.name),
			reference_doctype="Rectification Notice",
		)
	)


def record_missing_credit(on=None):
	"""Overdue or refused notices without their credit record (the rule was set later, or a run
	failed): make it now. Idempotent: one record per notice."""
	refused = meanings.states("Rectification Notice", meanings.REFUSED)
	open_states = meanings.open_rectification_states()
	rows = []
	for filters in (
		[["is_overdue", "=", 1], ["workflow_state", "in", open_states or [""]]],
		[["workflow_state", "in", refused or [""]]],
	):
		rows += frappe.get_all(
			"Rectification Notice",
			filters=[*filters, ["credit_record", "is", "not set"]],
			pluck="name",
		)
	if not rows or not (
		get_supervision_settings().overdue_credit_rule or get_supervision_settings().refused_credit_rule
	):
		return {}

	def step(name):
		doc = frappe.get_doc("Rectification Notice", name)
		made = record_credit(
			doc, refused=meanings.is_state(doc.doctype, doc.workflow_state, meanings.REFUSED)
		)
		return "recorded" if made else sweep.SKIPPED

	return dict(
		sweep.run(
			sorted(set(rows)),
			step,
			title=lambda name: _("Rectification credit record failed: {0}").format(name),
			reference_doctype="Rectification Notice",
		)
	)


def last_key_inspections(enterprises: list[str]) -> dict:
	"""{enterprise: date of its last key-supervision inspection (planned or done)}."""
	if not enterprises:
		return {}
	table = frappe.qb.DocType("Supervision Inspection")
	from frappe.query_builder.functions import Coalesce, Max

	rows = (
		frappe.qb.from_(table)
		.select(table.enterprise, Max(Coalesce(table.inspection_date, table.creation)).as_("last"))
		.where((table.inspection_type == KEY_SUPERVISION) & table.enterprise.isin(enterprises))
		.groupby(table.enterprise)
		.run(as_dict=True)
	)
	return {row.enterprise: getdate(row.last) for row in rows}


def schedule_key_inspections(on=None):
	"""Enterprises under key supervision whose last key-supervision inspection is older than the
	period get a draft one (dated today, the checklist of the settings' template)."""
	on = getdate(on or today())
	settings = get_supervision_settings()
	months = cint(settings.key_inspection_frequency_months)
	if months <= 0:
		return {}
	enterprises = frappe.get_all("Property Enterprise", filters={"key_supervision": 1}, pluck="name")
	last = last_key_inspections(enterprises)
	due = [e for e in enterprises if key_inspection_due(last.get(e), on, months)]

	template = settings.key_inspection_template
	if template and not frappe.db.get_value("Inspection Template", template, "is_active"):
		template = None  # switched off: the inspection starts without a checklist

	def step(enterprise):
		doc = frappe.get_doc(
			{
				"doctype": "Supervision Inspection",
				"inspection_type": KEY_SUPERVISION,
				"enterprise": enterprise,
				"inspection_date": on,
				"template": template,
			}
		)
		doc.flags.scheduled = True
		doc.insert(ignore_permissions=True)
		return "scheduled"

	return dict(
		sweep.run(
			due,
			step,
			title=lambda enterprise: _("Scheduling a key supervision inspection failed: {0}").format(
				enterprise
			),
			reference_doctype="Property Enterprise",
		)
	)


def keep_key_supervision(enterprises: list[str]):
	"""For the credit recomputation (credit/scoring.py): a function that keeps the key supervision
	of an enterprise with open rectification notices in the computed values."""
	held = enterprises_with_open_notices(enterprises) if enterprises else set()

	def apply(enterprise: str, values):
		if enterprise in held and not values.key_supervision:
			values.key_supervision = 1
			values.key_supervision_reason = _("Open rectification notices")

	return apply


def notice_values(inspection, finding) -> dict:
	"""The Rectification Notice (责令限期整改通知书) of one finding of a completed inspection, not
	yet saved: the desk's action (api/supervision.py) and the demo issue notices the same way."""
	return {
		"doctype": "Rectification Notice",
		"inspection": inspection.name,
		"finding_row": finding.name,
		"compound": inspection.compound,
		"enterprise": inspection.enterprise,
		"finding": finding.description,
		"severity": finding.severity,
		"photo": finding.photo,
		"requirement": finding.requirement,
	}
