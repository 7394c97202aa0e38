"""What the states and actions of the workflows mean (SPEC §4): the one vocabulary the code needs.

Administrators own the workflows (Workflow in the desk): they rename, translate and add states
and actions and change who may act. The automation therefore never reads a state's or an
action's name; each state row of a workflow carries a meaning (Workflow Document State
`ps_meaning`: "this state is the community level", "this state counts as filed") and each
transition row may carry one (Workflow Transition `ps_meaning`: "this action escalates"). The
code asks this module for the states of a meaning and the actions of a meaning; nothing else
spells a state name.

A workflow saved without a meaning the automation needs (no state left for the community level,
no escalation action) is refused with a Chinese message that says what is missing.
"""

import frappe
from frappe import _

from property_supervision import shared_cache

# --- the meanings (keys stored in ps_meaning; Chinese labels in translations/zh.csv) -----------

# complaints
RECEIVED = "Received"  # waiting for the community to accept it
COMMUNITY_LEVEL = "Community Level"
AREA_LEVEL = "Area Level"
DISTRICT_LEVEL = "District Level"
JOINT_MEETING_LEVEL = "Joint Meeting Level"
RESOLVED = "Resolved"
CLOSED = "Closed"
REJECTED = "Rejected"
# filings (enterprises, owners' committees) and processes (handover, takeover)
DRAFT = "Draft"
UNDER_REVIEW = "Under Review"
FILED = "Filed"
RETURNED = "Returned"
REVOKED = "Revoked"
PREPARING = "Preparing"
ELECTED = "Elected"
TERM_EXPIRED = "Term Expired"
IN_PROGRESS = "In Progress"
COMPLETED = "Completed"
# credit records
CONFIRMED = "Confirmed"
# training sessions
PLANNED = "Planned"
PUBLISHED = "Published"
# assessments
SELF_ASSESSMENT = "Self Assessment"
SCORING = "Scoring"
REVIEW = "Review"
# accountability records (问责): decided; dismissed reads as REJECTED
DECIDED = "Decided"
# owners' assemblies (Preparing … Published: the result is published)
NOTICE_PUBLISHED = "Notice Published"
HELD = "Held"

# transitions
ESCALATES = "Escalates"
# a resolved complaint is handled again (the resident rated it 不满意: complaints/rating.py)
REOPENS = "Reopens"

# the level (Complaint.current_level) a complaint is handled at in a state of each meaning
LEVEL_OF_MEANING = {
	RECEIVED: "Community",
	COMMUNITY_LEVEL: "Community",
	AREA_LEVEL: "Area",
	DISTRICT_LEVEL: "District",
	JOINT_MEETING_LEVEL: "Joint Meeting",
}
OPEN_COMPLAINT_MEANINGS = tuple(LEVEL_OF_MEANING)
FINISHED_COMPLAINT_MEANINGS = (RESOLVED, CLOSED, REJECTED)
# a complaint resolved or closed counts as resolved (statistics, credit facts)
RESOLVED_COMPLAINT_MEANINGS = (RESOLVED, CLOSED)

# per DocType: the state meanings its workflow may use and those it must have (each needs at
# least one state), and the transition meanings it may use
VOCABULARY = {
	"Complaint": {
		"states": (*OPEN_COMPLAINT_MEANINGS, *FINISHED_COMPLAINT_MEANINGS),
		"required": (
			RECEIVED,
			COMMUNITY_LEVEL,
			AREA_LEVEL,
			DISTRICT_LEVEL,
			JOINT_MEETING_LEVEL,
			RESOLVED,
			CLOSED,
			REJECTED,
		),
		"actions": (ESCALATES, REOPENS),
	},
	"Property Enterprise": {
		"states": (DRAFT, UNDER_REVIEW, FILED, RETURNED, REVOKED),
		"required": (DRAFT, FILED),
		"actions": (),
	},
	"Owners Committee": {
		"states": (PREPARING, ELECTED, FILED, TERM_EXPIRED),
		"required": (PREPARING, ELECTED, FILED, TERM_EXPIRED),
		"actions": (),
	},
	"Handover Inspection": {
		"states": (DRAFT, IN_PROGRESS, COMPLETED, REJECTED),
		"required": (DRAFT, COMPLETED),
		"actions": (),
	},
	"Takeover Plan": {
		"states": (DRAFT, IN_PROGRESS, COMPLETED, REJECTED),
		"required": (DRAFT, COMPLETED),
		"actions": (),
	},
	"Credit Record": {
		"states": (DRAFT, CONFIRMED, REVOKED),
		"required": (DRAFT, CONFIRMED, REVOKED),
		"actions": (),
	},
	"Training Session": {
		"states": (PLANNED, PUBLISHED, COMPLETED),
		"required": (PLANNED, PUBLISHED, COMPLETED),
		"actions": (),
	},
	"Assessment": {
		"states": (SELF_ASSESSMENT, SCORING, REVIEW, PUBLISHED),
		"required": (SELF_ASSESSMENT, SCORING, REVIEW, PUBLISHED),
		"actions": (),
	},
	"Accountability Record": {
		"states": (DRAFT, UNDER_REVIEW, DECIDED, REJECTED),
		"required": (DRAFT, DECIDED, REJECTED),
		"actions": (),
	},
	"Owners Assembly": {
		"states": (PREPARING, NOTICE_PUBLISHED, HELD, PUBLISHED),
		"required": (PREPARING, NOTICE_PUBLISHED, HELD, PUBLISHED),
		"actions": (),
	},
}

# workflows whose every state needs a meaning: a complaint in a state without one would silently
# drop out of the deadlines, escalation and statistics
EVERY_STATE_NEEDS_MEANING = ("Complaint",)

# per DocType: (from meaning, to meaning) of the transitions the automation applies (a joint
# meeting's decisions, the expiry of a committee's term): the workflow needs one of each
REQUIRED_TRANSITIONS = {
	"Complaint": (
		(JOINT_MEETING_LEVEL, RESOLVED),
		(JOINT_MEETING_LEVEL, AREA_LEVEL),
		(JOINT_MEETING_LEVEL, DISTRICT_LEVEL),
	),
	"Owners Committee": ((FILED, TERM_EXPIRED),),
}

# the complaint levels an overdue complaint escalates from: each needs an escalation action
ESCALATING_MEANINGS = (COMMUNITY_LEVEL, AREA_LEVEL)

# supervision inspections and rectification notices (supervision/): a notice is issued, the
# enterprise answers, the re-inspection closes or escalates it; an enterprise may refuse
ISSUED = "Issued"
ANSWERED = "Answered"
ESCALATED = "Escalated"
REFUSED = "Refused"
# a notice in a state of these meanings is open: it keeps the enterprise under key supervision and
# the daily job marks it overdue past its deadline (closed is the only finished meaning)
OPEN_RECTIFICATION_MEANINGS = (ISSUED, ANSWERED, ESCALATED, REFUSED)
VOCABULARY["Supervision Inspection"] = {
	"states": (DRAFT, IN_PROGRESS, COMPLETED, REJECTED),
	"required": (DRAFT, COMPLETED),
	"actions": (),
}
VOCABULARY["Rectification Notice"] = {
	"states": (*OPEN_RECTIFICATION_MEANINGS, CLOSED),
	"required": (ISSUED, ANSWERED, CLOSED, REFUSED),
	"actions": (),
}

STATE_MEANING_OPTIONS = tuple(dict.fromkeys(m for v in VOCABULARY.values() for m in v["states"]))
ACTION_MEANING_OPTIONS = (ESCALATES, REOPENS)

# the meanings of the shipped workflows' states (setup/workflows.py and the patch for existing
# sites read this; an administrator's renamed or added states get theirs in the desk)
SHIPPED_STATE_MEANINGS = {
	"Complaint": {
		"Pending": RECEIVED,
		"Community Handling": COMMUNITY_LEVEL,
		"Area Handling": AREA_LEVEL,
		"District Handling": DISTRICT_LEVEL,
		"Joint Meeting": JOINT_MEETING_LEVEL,
		"Resolved": RESOLVED,
		"Closed": CLOSED,
		"Rejected": REJECTED,
	},
	"Property Enterprise": {
		"Draft": DRAFT,
		"Pending Review": UNDER_REVIEW,
		"Filed": FILED,
		"Returned": RETURNED,
		"Revoked": REVOKED,
	},
	"Owners Committee": {
		"Preparing": PREPARING,
		"Elected": ELECTED,
		"Filed": FILED,
		"Term Expired": TERM_EXPIRED,
	},
	"Handover Inspection": {
		"Draft": DRAFT,
		"In Progress": IN_PROGRESS,
		"Completed": COMPLETED,
		"Rejected": REJECTED,
	},
	"Takeover Plan": {
		"Draft": DRAFT,
		"In Progress": IN_PROGRESS,
		"Completed": COMPLETED,
		"Rejected": REJECTED,
	},
	"Credit Record": {"Draft": DRAFT, "Confirmed": CONFIRMED, "Revoked": REVOKED},
	"Training Session": {"Planned": PLANNED, "Published": PUBLISHED, "Completed": COMPLETED},
	"Assessment": {
		"Self Assessment": SELF_ASSESSMENT,
		"Scoring": SCORING,
		"Review": REVIEW,
		"Published": PUBLISHED,
	},
	"Owners Assembly": {
		"Preparing": PREPARING,
		"Notice Published": NOTICE_PUBLISHED,
		"Held": HELD,
		"Result Published": PUBLISHED,
	},
	"Accountability Record": {
		"Draft": DRAFT,
		"Under Review": UNDER_REVIEW,
		"Decided": DECIDED,
		"Dismissed": REJECTED,
	},
}
SHIPPED_ACTION_MEANINGS = {
	"Complaint": {
		"Escalate to Area": ESCALATES,
		"Escalate to District": ESCALATES,
		"Reopen": REOPENS,
		"Reopen at Area": REOPENS,
		"Reopen at District": REOPENS,
	}
}

SHIPPED_STATE_MEANINGS["Supervision Inspection"] = {"Draft": DRAFT, "Completed": COMPLETED}
SHIPPED_STATE_MEANINGS["Rectification Notice"] = {
	"Issued": ISSUED,
	"Answered": ANSWERED,
	"Escalated": ESCALATED,
	"Refused": REFUSED,
	"Closed": CLOSED,
}

# --- the custom fields that hold the meanings ------------------------------------------------


def meaning_custom_fields() -> dict:
	return {
		"Workflow Document State": [
			{
				"fieldname": "ps_meaning",
				"label": "Meaning for the Automation",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(STATE_MEANING_OPTIONS),
				"insert_after": "state",
				"in_list_view": 1,
				"columns": 2,
				"translatable": 0,
				"description": "What this state means to the deadlines, escalation, credit, training and "
				"assessment jobs. Rename the state freely; keep its meaning.",
			}
		],
		"Workflow Transition": [
			{
				"fieldname": "ps_meaning",
				"label": "Meaning for the Automation",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(ACTION_MEANING_OPTIONS),
				"insert_after": "action",
				"in_list_view": 1,
				"columns": 1,
				"translatable": 0,
				"description": "Escalates: the daily job applies this action to an overdue complaint. "
				"Reopens: a 不满意 rating applies it to a resolved complaint (to the level it leads to).",
			}
		],
	}


def create_meaning_fields() -> bool:
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(meaning_custom_fields(), ignore_validate=True, update=True)
	return True


# --- reading the meanings --------------------------------------------------------------------


def _workflow_rows(doctype: str) -> dict:
	"""{"states": [(state, meaning)], "transitions": [(state, action, next_state, allowed, meaning)]}
	of the DocType's active workflow, read once and shared by every worker (shared_cache.py),
	forgotten when a workflow is saved or deleted (`clear_cache`, hooks.py)."""
	return shared_cache.read(shared_cache.WORKFLOW_MEANINGS, lambda: _read_workflow_rows(doctype), doctype)


def _read_workflow_rows(doctype: str) -> dict:
	from frappe.model.workflow import get_workflow_name

	rows = {"states": [], "transitions": []}
	name = get_workflow_name(doctype)
	if name:
		has_field = frappe.db.has_column("Workflow Document State", "ps_meaning")
		state_fields = ["state", "ps_meaning"] if has_field else ["state"]
		for row in frappe.get_all(
			"Workflow Document State",
			filters={"parent": name, "parenttype": "Workflow"},
			fields=state_fields,
			order_by="idx asc",
		):
			rows["states"].append((row.state, row.get("ps_meaning") or None))
		transition_fields = ["state", "action", "next_state", "allowed"]
		if frappe.db.has_column("Workflow Transition", "ps_meaning"):
			transition_fields.append("ps_meaning")
		for row in frappe.get_all(
			"Workflow Transition",
			filters={"parent": name, "parenttype": "Workflow"},
			fields=transition_fields,
			order_by="idx asc",
		):
			rows["transitions"].append(
				(row.state, row.action, row.next_state, row.allowed, row.get("ps_meaning") or None)
			)
	return rows


def clear_cache(doc=None, method=None):
	"""Forget the meanings read so far, in this worker and every other (Workflow.on_trash, the
	workflow's own save, a test or patch that changed workflow rows)."""
	shared_cache.forget(shared_cache.WORKFLOW_MEANINGS)


def on_workflow_update(doc, method=None):
	"""Workflow.on_update (hooks.py): forget the meanings read so far, and let renamed states and
	actions take their documents with them."""
	clear_cache()
	follow_renames(doc)


def follow_renames(doc) -> dict[str, int]:
	"""A state renamed in the Workflow form (the same row, a new name; the old name no longer in
	the workflow) takes its documents with it: they move to the new name, so the daily jobs, the
	cards and the reports keep finding them. A renamed escalation action renames the complaints'
	handling-log rows of it (the credit job finds automatic escalations by the action). Returns
	{old state: documents moved}; each move is noted on the workflow."""
	before = doc.get_doc_before_save()
	if not before or not doc.is_active or before.document_type != doc.document_type:
		return {}
	moved = {}
	kept_states = {row.state for row in doc.states}
	old_states = {row.name: row.state for row in before.states}
	renamed = {}
	for row in doc.states:
		old = old_states.get(row.name)
		if old and old != row.state and old not in kept_states:
			renamed.setdefault(old, row.state)
	field = doc.workflow_state_field or "workflow_state"
	if renamed and frappe.db.has_column(doc.document_type, field):
		table = frappe.qb.DocType(doc.document_type)
		for old, new in renamed.items():
			count = frappe.db.count(doc.document_type, {field: old})
			if count:
				frappe.qb.update(table).set(table[field], new).where(table[field] == old).run()
			if doc.document_type == "Complaint" and field == "workflow_state":
				from property_supervision.complaints import monthly

				monthly.move("workflow_state", old, new)  # the monthly totals keep the raw state
			moved[old] = count
			doc.add_comment(
				"Info",
				_("State {0} renamed to {1}: {2} documents moved with it.").format(_(old), _(new), count),
			)
	if doc.document_type == "Complaint":
		kept_actions = {row.action for row in doc.transitions}
		old_actions = {row.name: row.action for row in before.transitions}
		log = frappe.qb.DocType("Complaint Handling Log")
		for row in doc.transitions:
			old = old_actions.get(row.name)
			if row.get("ps_meaning") == ESCALATES and old and old != row.action and old not in kept_actions:
				frappe.qb.update(log).set(log.action, row.action).where(
					(log.parenttype == "Complaint") & (log.action == old)
				).run()
				kept_actions.add(old)  # once per old name
	if moved:
		frappe.clear_cache(doctype=doc.document_type)
	return moved


def states(doctype: str, *meanings: str) -> list[str]:
	"""The states of the DocType's workflow that have one of the meanings (in the workflow's order)."""
	return list(dict.fromkeys(s for s, m in _workflow_rows(doctype)["states"] if m in meanings))


def state(doctype: str, meaning: str) -> str | None:
	"""The first state with the meaning (where a new document of that meaning starts)."""
	found = states(doctype, meaning)
	return found[0] if found else None


def meaning_of(doctype: str, state_name: str | None) -> str | None:
	for s, m in _workflow_rows(doctype)["states"]:
		if s == state_name and m:
			return m
	return None


def is_state(doctype: str, state_name: str | None, *meanings: str) -> bool:
	return meaning_of(doctype, state_name) in meanings


def actions(doctype: str, meaning: str) -> list[str]:
	"""The actions of the workflow with the meaning (every transition row that carries it)."""
	return list(dict.fromkeys(t[1] for t in _workflow_rows(doctype)["transitions"] if t[4] == meaning))


def action_from(doctype: str, state_name: str, meaning: str) -> str | None:
	"""The action with the meaning that leaves a state (the escalation of a level)."""
	for from_state, action, _next, _allowed, action_meaning in _workflow_rows(doctype)["transitions"]:
		if from_state == state_name and action_meaning == meaning:
			return action
	return None


def states_with_action(doctype: str, meaning: str) -> list[str]:
	"""The states an action of the meaning leaves."""
	return list(dict.fromkeys(t[0] for t in _workflow_rows(doctype)["transitions"] if t[4] == meaning))


def transition_to(doctype: str, state_name: str, *target_meanings: str) -> tuple[str, str] | None:
	"""(action, next state) of the first transition from a state to a state with one of the
	meanings (a joint meeting's decision "resolved" or "returned to the area")."""
	for from_state, action, next_state, _allowed, _m in _workflow_rows(doctype)["transitions"]:
		if from_state == state_name and meaning_of(doctype, next_state) in target_meanings:
			return action, next_state
	return None


def action_to(doc, *target_meanings: str) -> str | None:
	"""The action the current user may take that leads the document (a Document or a dict) from
	its state to a state of one of the meanings (the roles and conditions of the workflow apply)."""
	from frappe.model.workflow import get_transitions

	for transition in get_transitions(doc):
		if meaning_of(doc.get("doctype"), transition.next_state) in target_meanings:
			return transition.action
	return None


def advance(doc, *target_meanings: str):
	"""Apply the workflow action that leads the document to a state of one of the meanings, as
	the current user (demo data, jobs that move documents on); refused when there is none."""
	from frappe.model.workflow import apply_workflow

	action = action_to(doc, *target_meanings)
	if not action:
		frappe.throw(
			_("The workflow of {0} has no action leading from {1} to a state meaning {2}.").format(
				_(doc.get("doctype")), _(doc.get("workflow_state")), "、".join(_(m) for m in target_meanings)
			),
			title=_("Workflow meanings"),
		)
	return apply_workflow(doc.as_dict() if hasattr(doc, "as_dict") else doc, action)


def complaint_level(state_name: str | None) -> str | None:
	"""The level a complaint is handled at in a state (None for finished states)."""
	return LEVEL_OF_MEANING.get(meaning_of("Complaint", state_name))


def open_complaint_states() -> list[str]:
	return states("Complaint", *OPEN_COMPLAINT_MEANINGS)


def finished_complaint_states() -> list[str]:
	return states("Complaint", *FINISHED_COMPLAINT_MEANINGS)


def resolved_complaint_states() -> list[str]:
	return states("Complaint", *RESOLVED_COMPLAINT_MEANINGS)


def escalation_actions() -> dict[str, str]:
	"""{open state: the action that escalates it} for the daily job."""
	result = {}
	for from_state, action, _next, _allowed, meaning in _workflow_rows("Complaint")["transitions"]:
		if meaning == ESCALATES and from_state not in result:
			result[from_state] = action
	return result


def reopen_transition(state_name: str, level: str) -> tuple[str, str] | None:
	"""(action, next state) of the first reopening action (meaning Reopens) that leads a complaint
	from a state to a state handled at `level` (Complaint.current_level)."""
	for from_state, action, next_state, _allowed, meaning in _workflow_rows("Complaint")["transitions"]:
		if from_state == state_name and meaning == REOPENS and complaint_level(next_state) == level:
			return action, next_state
	return None


# --- the desk's copy ---------------------------------------------------------------------------


def extend_bootinfo(bootinfo):
	"""extend_bootinfo (hooks.py): the meaning keys and each workflow's {state: meaning}, for the
	desk's forms and lists (public/js/workflow_meanings.js); read afresh at every desk load."""
	if frappe.session.user == "Guest":
		return
	bootinfo.ps_workflow_meanings = {
		"meanings": meaning_keys(),
		"states": {
			doctype: {state: meaning for state, meaning in _workflow_rows(doctype)["states"] if meaning}
			for doctype in VOCABULARY
		},
		# (state, action, next state) of each transition: which action leads where
		"transitions": {
			doctype: list(dict.fromkeys((t[0], t[1], t[2]) for t in _workflow_rows(doctype)["transitions"]))
			for doctype in VOCABULARY
		},
	}


def meaning_keys() -> dict[str, str]:
	"""{constant name: meaning} of this module's vocabulary (RECEIVED, COMMUNITY_LEVEL, …)."""
	values = set(STATE_MEANING_OPTIONS) | set(ACTION_MEANING_OPTIONS)
	return {
		name: value
		for name, value in globals().items()
		if name.isupper() and isinstance(value, str) and value in values
	}


# --- refusing a workflow the automation cannot work with ---------------------------------------


def validate_workflow(doc, method=None):
	"""Workflow.validate (hooks.py): an active workflow of a DocType the automation reads keeps
	every meaning it needs; a meaning from another DocType's vocabulary is refused."""
	if frappe.flags.in_migrate or frappe.flags.in_install or frappe.flags.in_patch:
		# the upgrade's own saves (patches, defaults) must not stop a migrate: the patch fills the
		# shipped meanings, and a state an administrator renamed is theirs to give a meaning
		return
	vocabulary = VOCABULARY.get(doc.document_type)
	if not vocabulary or not doc.is_active:
		return
	doctype_label = _(doc.document_type)
	present = {}
	for row in doc.states:
		meaning = row.get("ps_meaning")
		if not meaning:
			continue
		if meaning not in vocabulary["states"]:
			frappe.throw(
				_("State {0}: the meaning {1} is not used by the workflow of {2}.").format(
					_(row.state), _(meaning), doctype_label
				),
				title=_("Workflow meanings"),
			)
		present.setdefault(meaning, row.state)
	missing = [m for m in vocabulary["required"] if m not in present]
	if missing:
		frappe.throw(
			_(
				"The workflow of {0} needs a state for each of these meanings: {1}. The daily jobs "
				"and the automation find states by their meaning; give a state the missing meaning "
				"(column Meaning for the Automation) before saving."
			).format(doctype_label, "、".join(_(m) for m in missing)),
			title=_("Workflow meanings"),
		)
	if doc.document_type in EVERY_STATE_NEEDS_MEANING:
		# a state may have several rows (one per editing role): one of them carries its meaning
		with_meaning = {row.state for row in doc.states if row.get("ps_meaning")}
		without = [
			state for state in dict.fromkeys(row.state for row in doc.states) if state not in with_meaning
		]
		if without:
			frappe.throw(
				_(
					"State {0} of the workflow of {1} has no meaning: the daily jobs would no longer "
					"see documents in it. Choose its Meaning for the Automation before saving."
				).format("、".join(_(state) for state in without), doctype_label),
				title=_("Workflow meanings"),
			)
	meaning_of_state = {}
	for row in doc.states:
		if row.get("ps_meaning"):
			meaning_of_state.setdefault(row.state, row.ps_meaning)
	for row in doc.transitions:
		meaning = row.get("ps_meaning")
		if meaning and meaning not in vocabulary["actions"]:
			frappe.throw(
				_("Transition {0}: the meaning {1} is not used by the workflow of {2}.").format(
					_(row.action), _(meaning), doctype_label
				),
				title=_("Workflow meanings"),
			)
	leading = {
		(meaning_of_state.get(row.state), meaning_of_state.get(row.next_state)) for row in doc.transitions
	}
	missing = [pair for pair in REQUIRED_TRANSITIONS.get(doc.document_type, ()) if pair not in leading]
	if missing:
		frappe.throw(
			_(
				"The workflow of {0} needs a transition for each of these steps, which the automation "
				"applies: {1}. Add an action leading from a state of the first meaning to a state of "
				"the second."
			).format(doctype_label, "、".join(f"{_(a)} → {_(b)}" for a, b in missing)),
			title=_("Workflow meanings"),
		)
	if doc.document_type == "Complaint":
		escalating_from = {
			meaning_of_state.get(row.state) for row in doc.transitions if row.get("ps_meaning") == ESCALATES
		}
		missing = [m for m in ESCALATING_MEANINGS if m not in escalating_from]
		if missing:
			frappe.throw(
				_(
					"The complaint workflow needs an escalation action (a transition whose meaning is "
					"Escalates) from a state of each of these meanings: {0}. Without it the daily job "
					"cannot escalate overdue complaints."
				).format("、".join(_(m) for m in missing)),
				title=_("Workflow meanings"),
			)


def fill_shipped_meanings(workflow_doc) -> bool:
	"""Give rows of a workflow that have no meaning the meaning of the shipped state or action of
	the same name (an administrator's meanings and renamed rows are left alone). True if changed."""
	state_meanings = SHIPPED_STATE_MEANINGS.get(workflow_doc.document_type, {})
	action_meanings = SHIPPED_ACTION_MEANINGS.get(workflow_doc.document_type, {})
	changed = False
	for row in workflow_doc.states:
		if not row.get("ps_meaning") and row.state in state_meanings:
			row.ps_meaning = state_meanings[row.state]
			changed = True
	for row in workflow_doc.transitions:
		if not row.get("ps_meaning") and row.action in action_meanings:
			row.ps_meaning = action_meanings[row.action]
			changed = True
	return changed


# --- rectification notices (supervision/) ------------------------------------------------------


def open_rectification_states() -> list[str]:
	"""The states of an open rectification notice (not closed): others read "open" through this."""
	return states("Rectification Notice", *OPEN_RECTIFICATION_MEANINGS)


def closed_rectification_states() -> list[str]:
	return states("Rectification Notice", CLOSED)
