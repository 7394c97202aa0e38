"""The complainant rates the handling of a resolved complaint (回访, SPEC §11): the one home of the rule.

- A complaint in a state meaning Resolved that was not rated since it was resolved
  (`Complaint.awaiting_rating`) takes one rating: 满意 / 基本满意 / 不满意 (`satisfaction`) with an
  optional comment, and where it came from (`satisfaction_source`): the resident on the status
  page (api/public.rate_complaint) or an officer's follow-up call (api/follow_up.record_follow_up).
- 不满意 reopens the complaint through the workflow, by the action meaning Reopens that leads to
  the level that resolved it (a joint meeting's decision: the district), with that level's new
  deadline; that level is told (the complaint's new-level notice). The second 不满意 and every
  later one reopen it at the district.
- Every rating is a row of the handling log carrying the rating (`Complaint Handling Log.
  satisfaction`): the credit rule on dissatisfied ratings (credit/jobs.py) counts those rows,
  `Complaint Statistics` and the assessment indicators count the complaints' latest ratings.
- Complaints resolved more than Complaint Settings' `follow_up_after_days` ago and still not rated
  are listed by the report `Complaint Follow-up` for a follow-up call.

A refused rating (not resolved yet, rated already, closed, unknown value, comment too long)
changes nothing and says why in the resident's language.
"""

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import cint, cstr, now_datetime

from property_supervision import workflow_meanings as meanings

SATISFIED = "Satisfied"
BASICALLY_SATISFIED = "Basically Satisfied"
DISSATISFIED = "Dissatisfied"
SATISFACTION_VALUES = (SATISFIED, BASICALLY_SATISFIED, DISSATISFIED)

RESIDENT = "Resident"
FOLLOW_UP_CALL = "Follow-up Call"
SOURCES = (RESIDENT, FOLLOW_UP_CALL)
# the handling log's action for a rating of each source
RATING_ACTIONS = {RESIDENT: "Rated by the Complainant", FOLLOW_UP_CALL: "Follow-up Call"}

MAX_COMMENT_LENGTH = 500
DEFAULT_FOLLOW_UP_AFTER_DAYS = 7

# the level a 不满意 reopens a complaint at, by the level that resolved it
REOPEN_LEVEL = {"Community": "Community", "Area": "Area", "District": "District", "Joint Meeting": "District"}
DISTRICT = "District"


class RatingError(frappe.ValidationError):
	"""A rating that cannot be taken: nothing was changed."""


# --- checks --------------------------------------------------------------------------------------


def validate_satisfaction(value) -> str:
	"""The stored value of a rating (the value itself, or its label in the user's language)."""
	if isinstance(value, str):
		value = value.strip()
		for option in SATISFACTION_VALUES:
			if value in (option, _(option)):
				return option
	frappe.throw(
		_("Please choose Satisfied, Basically Satisfied or Dissatisfied."),
		RatingError,
		title=_("Rate the Handling"),
	)


def validate_comment(value) -> str | None:
	from property_supervision.complaints.api import to_plain_text

	if value is None:
		return None
	raw = str(value)
	if len(raw.strip()) > MAX_COMMENT_LENGTH:
		frappe.throw(
			_("The comment may be at most {0} characters.").format(MAX_COMMENT_LENGTH),
			RatingError,
			title=_("Rate the Handling"),
		)
	return to_plain_text(raw) or None


def validate_rateable(doc) -> None:
	"""The complaint takes a rating now: resolved, and not rated since it was resolved."""
	state = doc.workflow_state
	if meanings.is_state("Complaint", state, meanings.CLOSED, meanings.REJECTED):
		frappe.throw(
			_("This complaint is closed: it can no longer be rated."),
			RatingError,
			title=_("Rate the Handling"),
		)
	if not meanings.is_state("Complaint", state, meanings.RESOLVED):
		frappe.throw(
			_("This complaint is not resolved yet: it can be rated once it has been resolved."),
			RatingError,
			title=_("Rate the Handling"),
		)
	if not cint(doc.awaiting_rating):
		frappe.throw(
			_("This complaint has already been rated. A complaint is rated once after each resolution."),
			RatingError,
			title=_("Rate the Handling"),
		)


def can_rate(doc) -> bool:
	return bool(cint(doc.awaiting_rating)) and meanings.is_state(
		"Complaint", doc.workflow_state, meanings.RESOLVED
	)


def reopen_level(doc) -> str:
	"""Where a 不满意 sends the complaint: the level that resolved it; the district from the second."""
	if cint(doc.dissatisfied_count) >= 1:
		return DISTRICT
	return REOPEN_LEVEL.get(doc.current_level) or "Community"


# --- rating --------------------------------------------------------------------------------------


def rate(complaint: str, satisfaction, comment=None, source: str = RESIDENT):
	"""Take one rating of a resolved complaint (the row is locked: two ratings at once leave one).
	Every check comes before anything is written. Returns the saved complaint."""
	if source not in SOURCES:
		frappe.throw(_("Unknown source of a rating: {0}").format(cstr(source)))
	satisfaction = validate_satisfaction(satisfaction)
	comment = validate_comment(comment)
	doc = frappe.get_doc("Complaint", complaint, for_update=True)
	validate_rateable(doc)
	reopen = None
	if satisfaction == DISSATISFIED:
		level = reopen_level(doc)
		reopen = meanings.reopen_transition(doc.workflow_state, level)
		if not reopen:
			# the administrators' workflow has no way back to that level: the rating still counts
			frappe.log_error(
				title=_("Complaint {0} was rated dissatisfied but could not be reopened").format(doc.name),
				message=_(
					"The complaint workflow has no action with the meaning Reopens from {0} to a state of the level {1}."
				).format(_(doc.workflow_state), _(level)),
				reference_doctype="Complaint",
				reference_name=doc.name,
			)
	doc.flags.rating = frappe._dict(satisfaction=satisfaction, comment=comment, source=source, reopen=reopen)
	doc.save(ignore_permissions=True)
	if reopen:
		doc.add_comment("Workflow", _(reopen[1]))
	elif satisfaction == DISSATISFIED:
		from property_supervision import notices

		# the district hears of it through the Notification of this event (notices/defaults.py)
		notices.send(notices.COMPLAINT_NOT_REOPENED, doc)
	return doc


def apply_rating(doc) -> None:
	"""Complaint.validate, before the state change: store the rating of this save (rate() above, or
	an officer who set the satisfaction directly when closing after a call) and log it; 不满意 from
	rate() moves the complaint to the reopening action's state, which apply_state_change completes."""
	from property_supervision.complaints.doctype.complaint.complaint import complaint_now

	before = doc.get_doc_before_save()
	rating = doc.flags.rating
	if not rating:
		if cstr(doc.satisfaction) == cstr(before.satisfaction):
			return
		if not doc.satisfaction:
			frappe.throw(_("A rating cannot be removed."), RatingError, title=_("Rate the Handling"))
		# set directly (REST, a system transition's values): the officer who closes it called
		rating = frappe._dict(satisfaction=doc.satisfaction, comment=None, source=FOLLOW_UP_CALL, reopen=None)
	doc.flags.rating = None
	now = complaint_now()
	doc.satisfaction = rating.satisfaction
	doc.satisfaction_source = rating.source
	doc.satisfaction_comment = rating.comment
	doc.rated_on = now
	doc.awaiting_rating = 0
	doc.flags.rated_now = True
	doc.append(
		"handling_log",
		{
			"log_time": now,
			"level": doc.current_level,
			"unit": doc.handling_unit,
			"user": frappe.session.user,
			"action": RATING_ACTIONS[rating.source],
			"note": rating.comment,
			"satisfaction": rating.satisfaction,
		},
	)
	if rating.reopen:
		action, next_state = rating.reopen
		doc.dissatisfied_count = cint(before.dissatisfied_count) + 1
		doc.workflow_state = next_state
		doc.flags.system_transition = action
		doc.flags.reopened_by_rating = True
		note = _("The complainant rated the handling dissatisfied.")
		if rating.comment:
			note = f"{note} {rating.comment}"
		doc.handling_note = note


def set_awaiting_rating(doc) -> None:
	"""Complaint.validate, after the state change: a complaint that has just been resolved awaits
	a rating; one that leaves the resolved state (closed, reopened) or was rated does not."""
	before = doc.get_doc_before_save()
	if doc.workflow_state == before.workflow_state:
		return
	resolved = meanings.is_state("Complaint", doc.workflow_state, meanings.RESOLVED)
	doc.awaiting_rating = 1 if resolved and not doc.flags.rated_now else 0


# --- the follow-up list --------------------------------------------------------------------------


def follow_up_after_days() -> int:
	"""Days after the resolution before an unrated complaint is due for a follow-up call."""
	value = frappe.db.get_single_value("Complaint Settings", "follow_up_after_days")
	return DEFAULT_FOLLOW_UP_AFTER_DAYS if value is None else max(cint(value), 0)


def follow_up_filters(days: int | None = None, now=None) -> list[list]:
	"""get_list filters of the complaints due for a follow-up call."""
	days = follow_up_after_days() if days is None else max(cint(days), 0)
	cutoff = (now or now_datetime()) - timedelta(days=days)
	return [
		["workflow_state", "in", meanings.states("Complaint", meanings.RESOLVED) or [""]],
		["awaiting_rating", "=", 1],
		["resolved_on", "<=", cutoff],
	]
