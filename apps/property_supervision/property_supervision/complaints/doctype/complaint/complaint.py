# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Complaints on three levels (SPEC §3 Complaints, §4, §5).

The workflow "Complaint Handling" moves a complaint between states; this controller derives
everything that follows from a state: the level, the handling unit, the level's deadline in
working days, the escalation count, the resolution and closing times, and one handling-log row
per step. Those fields are written here and nowhere else (the daily SLA job only marks
`is_overdue` and remembers reminders); a direct change of them through REST or import is
refused.
"""

from collections import Counter
from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow
from frappe.utils import (
	add_days,
	cint,
	cstr,
	escape_html,
	get_datetime,
	getdate,
	now_datetime,
)

from property_supervision import notices, shared_cache
from property_supervision import workflow_meanings as meanings
from property_supervision.complaints import monthly
from property_supervision.complaints.doctype.complaint_settings.complaint_settings import (
	get_complaint_settings,
	get_level_days,
)
from property_supervision.complaints.doctype.working_calendar_day.working_calendar_day import (
	calendar_signature,
	forget_calendar,
	get_calendar,
	get_covered_years,
	take_changed_days,
)
from property_supervision.notices import recipients
from property_supervision.registry.doctype.jurisdiction.jurisdiction import get_unit_for_jurisdiction
from property_supervision.rules.identifiers import mask_phone
from property_supervision.rules.phone import canonical_phone, is_valid_phone
from property_supervision.rules.text import plain_text
from property_supervision.rules.tracking import new_tracking_key
from property_supervision.rules.working_days import (
	add_working_days,
	is_working_day,
	missing_years,
	next_working_day,
	previous_working_day,
	working_days_between,
)
from property_supervision.utils import sweep

# levels (current_level). Workflow states are the administrators': this controller and the daily
# job find them by their meaning (workflow_meanings.py), never by name.
COMMUNITY, AREA, DISTRICT, JOINT_MEETING = "Community", "Area", "District", "Joint Meeting"
LEVEL_RANK = {COMMUNITY: 1, AREA: 2, DISTRICT: 3, JOINT_MEETING: 4}


def is_finished(state: str | None) -> bool:
	return meanings.is_state("Complaint", state, *meanings.FINISHED_COMPLAINT_MEANINGS)


def has_meaning(state: str | None, *wanted: str) -> bool:
	return meanings.is_state("Complaint", state, *wanted)


# plain text typed by people (residents included): tags and scripts are removed so the text is
# neutral in the desk, in print and on the website; at most this many characters
FREE_TEXT_LIMITS = {
	"complainant_name": 60,
	"description": 2000,
	"resolution": 2000,
	"enterprise_response": 2000,
	"follow_up": 2000,
	"handling_note": 2000,
}
# derived by this controller: a direct change (REST, import, a crafted form) is refused
PROTECTED_FIELDS = (
	"tracking_key",
	"received_on",
	"current_level",
	"handling_unit",
	"level_started_on",
	"deadline",
	"deadline_provisional",
	"is_overdue",
	"was_overdue",
	"escalation_count",
	"handling_working_days",
	"responded_on",
	"resolved_on",
	"closed_on",
	# the 12345 hotline's work order (api/hotline.py sets them when it files the complaint)
	"hotline_order_no",
	"hotline_deadline",
	# the rating (回访) and what it did: set by complaints/rating.py only
	"satisfaction_source",
	"rated_on",
	"satisfaction_comment",
	"dissatisfied_count",
	"awaiting_rating",
)
# written by other documents and the daily job without touching `modified`: a form opened before
# keeps the stored value instead of overwriting it
KEPT_FIELDS = ("joint_meeting", "reminded_deadline")
# a resolved, closed or rejected complaint keeps these until it is reopened
FROZEN_WHEN_FINISHED = ("compound", "enterprise", "category", "description", "resolution", "is_upheld")
LOG_FIELDS = ("log_time", "level", "unit", "user", "action", "note")

ENTERPRISE_RESPONSE_ACTION = "Enterprise Response"
RECEIVE_ACTION = "Receive"


class ComplaintChangedError(frappe.TimestampMismatchError):
	"""Another user changed the complaint between loading it and saving it."""


def changed_elsewhere_message() -> str:
	return _(
		"This complaint has just been handled by someone else. Reload it to see the change and try again."
	)


class Complaint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.complaints.doctype.complaint_handling_log.complaint_handling_log import (
			ComplaintHandlingLog,
		)

		attachment: DF.Attach | None
		awaiting_rating: DF.Check
		category: DF.Link
		closed_on: DF.Datetime | None
		complainant_name: DF.Data | None
		complainant_phone: DF.Data | None
		complainant_phone_masked: DF.Data | None
		compound: DF.Link
		compound_name: DF.Data | None
		confidential_name: DF.Data | None
		current_level: DF.Literal["Community", "Area", "District", "Joint Meeting"]
		deadline: DF.Date | None
		deadline_provisional: DF.Check
		description: DF.SmallText
		dissatisfied_count: DF.Int
		enterprise: DF.Link | None
		enterprise_response: DF.SmallText | None
		escalation_count: DF.Int
		follow_up: DF.SmallText | None
		handling_log: DF.Table[ComplaintHandlingLog]
		handling_note: DF.SmallText | None
		handling_unit: DF.Link | None
		handling_working_days: DF.Int
		hotline_deadline: DF.Date | None
		hotline_order_no: DF.Data | None
		is_anonymous: DF.Check
		is_overdue: DF.Check
		is_upheld: DF.Check
		joint_meeting: DF.Link | None
		jurisdiction: DF.Link | None
		language: DF.Link | None
		level_started_on: DF.Datetime | None
		rated_on: DF.Datetime | None
		received_on: DF.Datetime | None
		received_via: DF.Literal["Window", "Phone", "12345 Hotline", "Web Form", "Other"]
		reminded_deadline: DF.Date | None
		resolution: DF.SmallText | None
		resolved_on: DF.Datetime | None
		responded_on: DF.Datetime | None
		satisfaction: DF.Literal["", "Satisfied", "Basically Satisfied", "Dissatisfied"]
		satisfaction_comment: DF.SmallText | None
		satisfaction_source: DF.Literal["", "Resident", "Follow-up Call"]
		tracking_key: DF.Data | None
		was_overdue: DF.Check
		workflow_state: DF.Link | None

	# end: auto-generated types
	def before_insert(self):
		self.validate_protected_fields_on_insert()
		self.set_tracking_key()

	def validate(self):
		if not self.is_new():
			self.validate_protected_fields()
		self.sanitise_free_text()
		self.validate_text_length()
		self.validate_phone()
		self.validate_description()
		self.validate_compound()
		self.validate_category()
		self.validate_upheld()
		self.validate_frozen_when_finished()
		self.set_masked_phone()
		self.set_confidential_name()
		if self.is_new():
			self.set_initial_level()
		else:
			self.set_deadline_for_category()
			self.apply_rating()
			self.apply_state_change()
			self.set_awaiting_rating()
		self.set_responded_on()

	def after_insert(self):
		monthly.on_insert(self)

	def on_update(self):
		if not self.flags.in_insert:
			monthly.on_update(self, self.get_doc_before_save())
		self.notify_new_level()

	def on_trash(self):
		monthly.on_trash(self)

	def save_version(self):
		"""Frappe keeps a Version of a new document only when a data import names itself in
		`flags.updater_reference`; for any other insert it builds one and drops it (a `new_doc`
		with its defaults). Skip that on the filing path; every later save is versioned as before."""
		if self.flags.in_insert and not self.flags.updater_reference:
			return
		super().save_version()

	def check_if_latest(self):
		"""Frappe refuses a save based on an outdated copy; say so in words an officer understands."""
		try:
			super().check_if_latest()
		except frappe.TimestampMismatchError:
			if not frappe.flags.mute_messages:
				frappe.clear_last_message()  # Frappe's own wording, replaced by ours
			frappe.throw(changed_elsewhere_message(), ComplaintChangedError)

	def validate_workflow(self):
		"""A transition the system applies (apply_system_transition) was checked against the
		workflow there; it is not bound to the roles of the user who triggered it."""
		if self.flags.system_transition:
			return
		super().validate_workflow()

	# --- validation -------------------------------------------------------------------------

	def validate_protected_fields_on_insert(self):
		"""A new complaint starts at the community level: nothing of its handling can be given."""
		given = []
		for fieldname in PROTECTED_FIELDS:
			value = self.get(fieldname)
			if fieldname == "current_level" and value in (None, "", COMMUNITY):
				continue
			if fieldname == "received_on":
				continue  # intake may record when the complaint came in
			if fieldname in ("hotline_order_no", "hotline_deadline") and self.flags.hotline_intake:
				continue
			if value not in (None, "", 0):
				given.append(fieldname)
		if self.handling_log:
			given.append("handling_log")
		self.throw_protected(given)
		for fieldname in KEPT_FIELDS:
			self.set(fieldname, None)

	def validate_protected_fields(self):
		before = self.get_doc_before_save()
		changed = [
			fieldname
			for fieldname in PROTECTED_FIELDS
			if not self.same_value(fieldname, self.get(fieldname), before.get(fieldname))
		]
		if [log_row_values(r) for r in self.handling_log] != [log_row_values(r) for r in before.handling_log]:
			changed.append("handling_log")
		self.throw_protected(changed)
		for fieldname in KEPT_FIELDS:
			self.set(fieldname, before.get(fieldname))

	def throw_protected(self, fieldnames):
		if fieldnames:
			labels = "、".join(_(self.meta.get_label(f)) for f in fieldnames)
			frappe.throw(
				_("{0}: set by the complaint's handling steps and cannot be changed directly.").format(
					labels
				),
				frappe.ValidationError,
				title=_("Not Allowed"),
			)

	def same_value(self, fieldname: str, new, old) -> bool:
		fieldtype = self.meta.get_field(fieldname).fieldtype
		if fieldtype in ("Int", "Check"):
			return cint(new) == cint(old)
		if fieldtype == "Date":
			return (getdate(new) if new else None) == (getdate(old) if old else None)
		if fieldtype == "Datetime":
			return (get_datetime(new) if new else None) == (get_datetime(old) if old else None)
		return cstr(new) == cstr(old)

	def sanitise_free_text(self):
		for fieldname in FREE_TEXT_LIMITS:
			value = self.get(fieldname)
			if isinstance(value, str):
				self.set(fieldname, plain_text(value))

	def validate_text_length(self):
		for fieldname, limit in FREE_TEXT_LIMITS.items():
			length = len(self.get(fieldname) or "")
			if length > limit:
				frappe.throw(
					_("{0} is too long: at most {1} characters, but it has {2}.").format(
						_(self.meta.get_label(fieldname)), limit, length
					)
				)

	def validate_phone(self):
		"""Every complaint has a phone number: the handling unit calls the complainant back on it,
		and the complainant looks the complaint up with it."""
		phone = canonical_phone(self.complainant_phone)
		if not phone:
			frappe.throw(
				_("Enter the complainant's phone number: it is needed to reply and to look the complaint up.")
			)
		if not is_valid_phone(phone):
			frappe.throw(
				_("{0} is not a valid mainland mobile or landline number.").format(escape_html(phone))
			)
		self.complainant_phone = phone

	def validate_description(self):
		if not (self.description or "").strip():
			frappe.throw(_("Describe the complaint."))
		self.description = self.description.strip()

	def validate_compound(self):
		if not self.compound:
			frappe.throw(_("Choose the residential compound the complaint is about."))
		if not self.jurisdiction:
			if not frappe.db.exists("Residential Compound", self.compound):
				frappe.throw(_("Compound {0} was not found.").format(escape_html(self.compound)))
			frappe.throw(
				_("The compound {0} has no community; correct the compound first.").format(self.compound)
			)
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if before.compound == self.compound:
			return
		if not has_meaning(before.workflow_state, meanings.RECEIVED):
			frappe.throw(_("The compound can only be changed while the complaint is pending."))
		self.handling_unit = unit_for_level(COMMUNITY, self.jurisdiction)
		self.flags.new_level = COMMUNITY  # the new community's officers hear of it (notify_new_level)

	def validate_category(self):
		if not self.category:
			return
		if self.is_new() or self.category != self.get_doc_before_save().category:
			# the cached document (Frappe drops it when the category is saved or deleted)
			if not frappe.get_cached_value("Complaint Category", self.category, "is_active"):
				frappe.throw(
					_(
						"The complaint category {0} does not exist or is no longer in use; choose one from the list."
					).format(escape_html(_(self.category)))
				)

	def validate_upheld(self):
		if cint(self.is_upheld) and not self.enterprise:
			frappe.throw(
				_("A complaint can only be upheld against an enterprise: enter the enterprise first.")
			)

	def validate_frozen_when_finished(self):
		if self.is_new() or not is_finished(self.workflow_state):
			return
		before = self.get_doc_before_save()
		if not is_finished(before.workflow_state):
			return
		changed = [
			fieldname
			for fieldname in FROZEN_WHEN_FINISHED
			if not self.same_value(fieldname, self.get(fieldname), before.get(fieldname))
		]
		if changed:
			labels = "、".join(_(self.meta.get_label(f)) for f in changed)
			frappe.throw(
				_("{0} cannot be changed once the complaint is {1}; reopen it first.").format(
					labels, _(before.workflow_state)
				)
			)

	# --- derived fields ---------------------------------------------------------------------

	def set_tracking_key(self):
		"""A fresh random key; the unique index on tracking_key refuses the (vanishingly rare)
		repeat, so no look-up first (the residents' form retries on a duplicate key, see
		complaints/api.py insert_complaint)."""
		self.tracking_key = new_tracking_key()

	def set_masked_phone(self):
		self.complainant_phone_masked = mask_phone(self.complainant_phone)

	def set_confidential_name(self):
		"""An anonymous complainant's name lives in `confidential_name` (permission level 1, handling
		officers only), so no list, report, count or export shows it to anyone else."""
		if self.is_anonymous:
			if self.complainant_name:
				self.confidential_name = self.complainant_name
			self.complainant_name = None
		elif self.confidential_name:
			self.complainant_name = self.complainant_name or self.confidential_name
			self.confidential_name = None

	def set_responded_on(self):
		before = None if self.is_new() else self.get_doc_before_save()
		previous = before.enterprise_response if before else None
		if cstr(self.enterprise_response) != cstr(previous):
			self.responded_on = complaint_now() if self.enterprise_response else None
			if self.enterprise_response:
				self.append_log(ENTERPRISE_RESPONSE_ACTION, note=self.enterprise_response, unit=None)

	def set_deadline_for_category(self):
		"""A category with its own time limits re-times the current level from when it began."""
		before = self.get_doc_before_save()
		if self.category == before.category or self.workflow_state != before.workflow_state:
			return
		if meanings.complaint_level(self.workflow_state) and self.current_level and self.level_started_on:
			self.deadline, self.deadline_provisional = level_deadline_and_status(
				self.current_level, self.category, self.level_started_on
			)

	def set_initial_level(self):
		"""A new complaint waits at the community of its compound."""
		self.workflow_state = self.workflow_state or meanings.state("Complaint", meanings.RECEIVED)
		now = complaint_now()
		self.received_on = get_datetime(self.received_on) if self.received_on else now
		if self.received_on > now:
			frappe.throw(_("The time the complaint was received cannot lie in the future."))
		self.escalation_count = 0
		self.is_overdue = 0
		self.start_level(COMMUNITY, self.received_on)
		self.append_log(RECEIVE_ACTION, note=channel_label(self.received_via) if self.received_via else None)

	def start_level(self, level: str, started_on):
		self.current_level = level
		self.handling_unit = unit_for_level(level, self.jurisdiction)
		self.level_started_on = started_on
		self.deadline, self.deadline_provisional = level_deadline_and_status(level, self.category, started_on)
		self.is_overdue = 0

	def apply_state_change(self):
		"""Everything a workflow transition implies, derived from the state it leads to."""
		before = self.get_doc_before_save()
		old, new = before.workflow_state, self.workflow_state
		if old == new:
			return
		action = self.flags.system_transition or self.flags.revert_action or find_action(old, new)
		if not action:
			return  # not a transition of the workflow: Frappe's workflow check refuses it
		self.lock_and_check_state(old)
		self.validate_transition_requirements(new)

		now = complaint_now()
		acting_level, acting_unit = before.current_level, before.handling_unit
		level = meanings.complaint_level(new)
		if not is_finished(old) and (
			cint(before.is_overdue) or (before.deadline and getdate(now) > due_day(before.deadline))
		):
			self.was_overdue = 1  # it leaves a level whose deadline had passed (rules.figures)
		if level and (level != before.current_level or is_finished(old)):
			self.start_level(level, now)
			if LEVEL_RANK[level] > LEVEL_RANK.get(before.current_level, 0) and not self.flags.revert_action:
				self.escalation_count = cint(before.escalation_count) + 1
				self.flags.escalated = True
			self.flags.new_level = level
		if level and is_finished(old):
			self.resolved_on = None
			self.closed_on = None
			self.handling_working_days = 0
		if has_meaning(new, meanings.RESOLVED, meanings.REJECTED) and not has_meaning(
			old, meanings.RESOLVED, meanings.REJECTED
		):
			self.is_overdue = 1 if self.deadline and getdate(now) > due_day(self.deadline) else 0
		if has_meaning(new, meanings.RESOLVED) and not has_meaning(old, meanings.RESOLVED):
			self.resolved_on = now
			self.handling_working_days = handling_working_days(self.received_on, now)
		if has_meaning(new, meanings.CLOSED, meanings.REJECTED):
			self.closed_on = now
		self.append_log(action, note=self.handling_note, level=acting_level, unit=acting_unit, log_time=now)
		self.handling_note = None

	def apply_rating(self):
		"""A rating (回访) given with this save, by the resident or from an officer's follow-up call:
		stored with its source and logged; 不满意 reopens the complaint (complaints/rating.py)."""
		from property_supervision.complaints.rating import apply_rating

		apply_rating(self)

	def set_awaiting_rating(self):
		"""Resolved and not rated since: the follow-up list (report Complaint Follow-up) shows it."""
		from property_supervision.complaints.rating import set_awaiting_rating

		set_awaiting_rating(self)

	def lock_and_check_state(self, expected_state: str):
		"""Two officers acting on one complaint at once: the row is locked until this transaction
		ends, and the state must still be the one this transition starts from."""
		current = frappe.db.get_value("Complaint", self.name, "workflow_state", for_update=True)
		if current != expected_state:
			frappe.throw(changed_elsewhere_message(), ComplaintChangedError)

	def validate_transition_requirements(self, new_state: str):
		if has_meaning(new_state, meanings.RESOLVED) and not (self.resolution or "").strip():
			frappe.throw(_("Describe the resolution before resolving the complaint."))
		if has_meaning(new_state, meanings.CLOSED) and (not self.satisfaction or cint(self.awaiting_rating)):
			frappe.throw(_("Record the complainant's satisfaction before closing the complaint."))
		if has_meaning(new_state, meanings.REJECTED) and not (self.handling_note or "").strip():
			frappe.throw(_("Give the reason for rejecting the complaint in the handling note."))

	def append_log(self, action: str, note=None, level=None, unit=False, log_time=None):
		self.append(
			"handling_log",
			{
				"log_time": log_time or complaint_now(),
				"level": level or self.current_level,
				"unit": self.handling_unit if unit is False else unit,
				"user": frappe.session.user,
				"action": action,
				"note": note,
			},
		)

	def notify_new_level(self):
		level = self.flags.new_level
		if not level:
			return
		self.flags.new_level = None
		# the wording and recipients are Notification records (notices/defaults.py)
		if self.flags.reopened_by_rating:
			notices.send(notices.COMPLAINT_REOPENED, self)
		else:
			notices.send(notices.COMPLAINT_NEW_LEVEL, self)
		if self.flags.escalated:
			self.flags.escalated = None
			notices.send(notices.COMPLAINT_ESCALATED, self)

	def compound_title(self) -> str:
		return frappe.db.get_value("Residential Compound", self.compound, "compound_name") or self.compound


# --- helpers ------------------------------------------------------------------------------------


def channel_label(channel: str) -> str:
	"""A receiving channel (Received Via) in the user's language, for the first log row: from a map
	of the channels' labels per language shared through Redis (shared_cache.py), so that
	filing a complaint does not load the whole translation dictionary into the request."""
	labels = shared_cache.read(shared_cache.CHANNEL_LABELS, _channel_labels, frappe.local.lang or "en")
	return labels.get(channel) or _(channel)


def _channel_labels() -> dict[str, str]:
	options = frappe.get_meta("Complaint").get_options("received_via")
	return {option: _(option) for option in options.split("\n") if option}


def complaint_now():
	"""The time a step happens: the clock's (the demo data and tests replay the past with
	utils.clock.frozen_at)."""
	return now_datetime()


def log_row_values(row) -> tuple:
	return (
		row.get("name"),
		get_datetime(row.log_time) if row.get("log_time") else None,
		*(cstr(row.get(f)) for f in LOG_FIELDS[1:]),
	)


def level_deadline(level: str, category: str | None, start) -> date:
	return level_deadline_and_status(level, category, start)[0]


def level_deadline_and_status(level: str, category: str | None, start) -> tuple[date, int]:
	"""The level's deadline counted in working days from `start` over the working calendar, and 1
	when it is provisional: it reaches into a year the calendar has no rows for (counted over
	weekends only until the calendar is filled in, which re-times it)."""
	start = getdate(start)
	holidays, working_weekends = get_calendar()
	deadline = add_working_days(start, get_level_days(level, category), holidays, working_weekends)
	return deadline, 1 if missing_years(start, deadline, get_covered_years()) else 0


def due_day(deadline) -> date:
	"""The day a deadline falls due: the deadline itself, or the next working day after a holiday."""
	holidays, working_weekends = get_calendar()
	return next_working_day(getdate(deadline), holidays, working_weekends)


def handling_working_days(received_on, resolved_on) -> int:
	"""Working days from receipt to resolution (Complaint Statistics averages them); 0 while the
	complaint is not resolved."""
	if not received_on or not resolved_on:
		return 0
	holidays, working_weekends = get_calendar()
	return max(
		working_days_between(getdate(received_on), getdate(resolved_on), holidays, working_weekends), 0
	)


def area_of(jurisdiction: str) -> str | None:
	"""The area committee or subdistrict above a community."""
	return frappe.db.get_value("Jurisdiction", jurisdiction, "parent_jurisdiction")


def unit_for_level(level: str, jurisdiction: str) -> str | None:
	"""The unit that handles a complaint of a community at a level."""
	if level == COMMUNITY:
		return get_unit_for_jurisdiction(jurisdiction)
	if level == AREA:
		area = area_of(jurisdiction)
		return get_unit_for_jurisdiction(area) if area else None
	from property_supervision.registry.doctype.supervision_unit.supervision_unit import (
		get_supervision_office,
	)

	return get_supervision_office()


def find_action(old_state: str, new_state: str, roles: list[str] | None = None) -> str | None:
	"""The workflow action leading from one state to another that the user may take."""
	roles = set(roles or frappe.get_roles())
	for transition in get_workflow("Complaint").transitions:
		if (
			transition.state == old_state
			and transition.next_state == new_state
			and transition.allowed in roles
		):
			return transition.action
	return None


def apply_system_transition(complaint: str, action: str, **values) -> "Complaint":
	"""Apply a workflow action on behalf of the system (the daily job, a joint meeting): the
	transition must exist in the workflow, whoever's roles triggered it. `values` (resolution,
	is_upheld, handling_note…) are set with it. The log records the user who triggered it."""
	doc = frappe.get_doc("Complaint", complaint, for_update=True)
	transition = next(
		(
			t
			for t in get_workflow("Complaint").transitions
			if t.state == doc.workflow_state and t.action == action
		),
		None,
	)
	if not transition:
		frappe.throw(
			_("{0} cannot be applied to complaint {1} while it is {2}.").format(
				_(action), complaint, _(doc.workflow_state)
			)
		)
	doc.update(values)
	doc.workflow_state = transition.next_state
	doc.flags.system_transition = action
	doc.save(ignore_permissions=True)
	doc.add_comment("Workflow", _(transition.next_state))
	return doc


def apply_transition_to(complaint: str, meaning: str, **values) -> "Complaint":
	"""Apply the workflow action that leads from the complaint's state to a state of the meaning
	(a joint meeting's decision: resolved, returned to the area or the district)."""
	state = frappe.db.get_value("Complaint", complaint, "workflow_state")
	found = meanings.transition_to("Complaint", state, meaning)
	if not found:
		frappe.throw(
			_("The workflow has no action leading complaint {0} from {1} to a state meaning {2}.").format(
				complaint, _(state), _(meaning)
			)
		)
	return apply_system_transition(complaint, found[0], **values)


def revert_to_state(complaint: str, state: str, action: str, **values) -> "Complaint":
	"""Put a complaint back into an open state outside the workflow's transitions (a cancelled
	joint meeting takes its decision back). Logged like any step."""
	doc = frappe.get_doc("Complaint", complaint, for_update=True)
	doc.update(values)
	doc.workflow_state = state
	doc.flags.system_transition = action
	doc.flags.revert_action = action
	doc.save(ignore_permissions=True)
	doc.add_comment("Workflow", _(state))
	return doc


def add_enterprise_response(complaint: str, response: str) -> dict:
	"""The enterprise answers a complaint against it. Enterprise users may read the complaint and
	write only this field (permlevel 2), so this is their one way to change it."""
	doc = frappe.get_doc("Complaint", complaint, for_update=True)
	doc.check_permission("read")
	if not doc.has_permlevel_access_to("enterprise_response", permission_type="write"):
		frappe.throw(_("You are not allowed to answer this complaint."), frappe.PermissionError)
	if has_meaning(doc.workflow_state, meanings.CLOSED, meanings.REJECTED):
		frappe.throw(_("The complaint is {0}: it can no longer be answered.").format(_(doc.workflow_state)))
	if not (response or "").strip():
		frappe.throw(_("Enter the enterprise's response."))
	doc.enterprise_response = response
	doc.save(ignore_permissions=True)
	return {"responded_on": doc.responded_on, "enterprise_response": doc.enterprise_response}


# --- who hears of a complaint ------------------------------------------------------------------


# the one answer lives in notices/recipients.py; these names stay for the modules that import them
level_users = recipients.level_users
role_users = recipients.role_users


# --- daily SLA job -----------------------------------------------------------------------------


def update_sla_status():
	"""Daily (hooks.py daily_long: the long-queue worker runs it, the scheduler once at a time)."""
	return process_sla_status()


def process_sla_status(today=None) -> dict[str, int]:
	"""Mark open complaints past their deadline, escalate them when the settings say so, notify
	the level that has them, and remind handlers before a deadline (once per deadline).

	Only open complaints can change: each query asks the (workflow_state, deadline) index for
	the open states (found by their meaning) and a deadline range, so closed complaints are never
	read. Each complaint in its own savepoint, committed in batches (utils/sweep.py). Safe to run
	twice: a marked, escalated or reminded complaint no longer matches. Returns counts."""
	today = getdate(today)
	settings = get_complaint_settings()
	counts = Counter({"marked": 0, "escalated": 0, "reminded": 0, "failed": 0})
	holidays, working_weekends = get_calendar()
	if not is_working_day(today, holidays, working_weekends):
		# nobody escalates or reminds on a day off; what fell due waits for the next working day
		return dict(counts)
	# a deadline on a day off falls due on the next working day: overdue once a working day has
	# passed after it, i.e. when it lies on or before the last working day before today
	last_working_day = previous_working_day(today, holidays, working_weekends)
	auto_escalate = cint(settings.auto_escalate)
	failed = lambda row: _("Complaint SLA check failed for {0}").format(row.name)  # noqa: E731
	frappe.flags.complaint_sla_job = True
	try:
		sweep.run(
			overdue_complaints(last_working_day, auto_escalate),
			lambda row: handle_overdue(row, auto_escalate),
			title=failed,
			reference_doctype="Complaint",
			counts=counts,
		)
		lead = cint(settings.reminder_lead_days)
		if lead:
			until = add_working_days(today, lead, holidays, working_weekends)
			sweep.run(
				complaints_due(add_days(last_working_day, 1), until),
				send_reminder,
				title=failed,
				reference_doctype="Complaint",
				counts=counts,
			)
	finally:
		frappe.flags.complaint_sla_job = False
	return dict(counts)


def _commit():
	sweep.commit()


SLA_FIELDS = ("name", "workflow_state", "current_level", "jurisdiction", "deadline", "is_overdue", "compound")


def overdue_complaints(last_due_day, auto_escalate: bool) -> list:
	"""Open complaints whose deadline is on or before `last_due_day` (the last working day before
	today) not yet marked, and, when escalating automatically, marked ones still at a level that
	escalates (their escalation failed or was switched on)."""
	complaint = frappe.qb.DocType("Complaint")
	unhandled = complaint.is_overdue == 0
	if auto_escalate:
		escalating = list(meanings.escalation_actions())
		if escalating:
			unhandled = unhandled | complaint.workflow_state.isin(escalating)
	return (
		frappe.qb.from_(complaint)
		.select(*(complaint[f] for f in SLA_FIELDS))
		.where(
			complaint.workflow_state.isin(meanings.open_complaint_states())
			& (complaint.deadline <= last_due_day)
			& unhandled
		)
		.orderby(complaint.deadline)
		.run(as_dict=True)
	)


def complaints_due(since, until) -> list:
	"""Open complaints whose deadline falls from `since` (the day after the last working day) to
	`until` (the reminder lead) and who were not reminded of this deadline yet."""
	complaint = frappe.qb.DocType("Complaint")
	return (
		frappe.qb.from_(complaint)
		.select(*(complaint[f] for f in SLA_FIELDS))
		.where(
			complaint.workflow_state.isin(meanings.open_complaint_states())
			& (complaint.deadline >= since)
			& (complaint.deadline <= until)
			& (complaint.reminded_deadline.isnull() | (complaint.reminded_deadline != complaint.deadline))
		)
		.orderby(complaint.deadline)
		.run(as_dict=True)
	)


def handle_overdue(row, auto_escalate: bool) -> str:
	action = meanings.escalation_actions().get(row.workflow_state) if auto_escalate else None
	if action:
		note = _("Not handled by the deadline {0}: escalated automatically.").format(
			frappe.format(row.deadline, "Date")
		)
		apply_system_transition(row.name, action, handling_note=note)  # notifies the next level
		return "escalated"
	if not cint(row.is_overdue):
		with monthly.moving([row.name]):  # the year's overdue rate counts by was_overdue
			frappe.db.set_value(
				"Complaint", row.name, {"is_overdue": 1, "was_overdue": 1}, update_modified=False
			)
		notices.send(notices.COMPLAINT_OVERDUE, "Complaint", row.name)
	return "marked"


def send_reminder(row, _arg=None) -> str:
	frappe.db.set_value("Complaint", row.name, "reminded_deadline", row.deadline, update_modified=False)
	notices.send(notices.COMPLAINT_DUE_SOON, "Complaint", row.name)
	return "reminded"


# --- re-timing after a change of the working calendar ----------------------------------------

RETIME_FIELDS = ("name", "current_level", "category", "level_started_on", "deadline", "deadline_provisional")


def recompute_open_deadlines(today=None) -> dict[str, int]:
	"""Re-time every open complaint's deadline (and its provisional flag) over the working calendar
	as it is now, and the working days of resolved complaints whose handling spans a changed day.
	Run after the calendar or the regional-holiday switch changes (working_calendar_day.py); only
	open complaints whose result differs are written. When the calendar changes again while this
	runs, it runs once more. Returns counts."""
	counts = {"retimed": 0, "cleared": 0, "resolved": 0}
	for _attempt in range(3):
		signature = calendar_signature()
		forget_calendar()
		changed = take_changed_days()
		_retime_open(getdate(today), counts)
		_recount_resolved(counts, changed)
		_commit()
		if calendar_signature() == signature:
			break
	return counts


def _retime_open(today, counts):
	open_states = meanings.open_complaint_states()
	if not open_states:
		return  # no workflow meanings yet (an upgrade before their patch): nothing is open to re-time
	complaint = frappe.qb.DocType("Complaint")
	rows = (
		frappe.qb.from_(complaint)
		.select(*(complaint[f] for f in RETIME_FIELDS), complaint.is_overdue)
		.where(complaint.workflow_state.isin(open_states) & complaint.level_started_on.isnotnull())
		.run(as_dict=True)
	)
	for row in rows:
		if not row.current_level:
			continue
		deadline, provisional = level_deadline_and_status(
			row.current_level, row.category, row.level_started_on
		)
		values = {}
		if not row.deadline or getdate(row.deadline) != deadline:
			values["deadline"] = deadline
			if cint(row.is_overdue) and due_day(deadline) >= today:
				values["is_overdue"] = 0  # the new deadline has not passed
				counts["cleared"] += 1
		if cint(row.deadline_provisional) != provisional:
			values["deadline_provisional"] = provisional
		if values:
			frappe.db.set_value("Complaint", row.name, values, update_modified=False)
			counts["retimed"] += 1


def _recount_resolved(counts, changed: tuple[date, date] | None):
	"""Resolved complaints keep their handling time in working days: recount those whose handling
	spans a changed day (received before it, resolved on or after it); when anything may have
	changed, those received in the calendar's years and after."""
	complaint = frappe.qb.DocType("Complaint")
	if changed:
		first, last = changed
		span = (complaint.received_on < last.isoformat()) & (complaint.resolved_on >= first.isoformat())
	else:
		covered = get_covered_years()
		if not covered:
			return
		span = complaint.resolved_on >= f"{min(covered)}-01-01"
	rows = (
		frappe.qb.from_(complaint)
		.select(complaint.name, complaint.received_on, complaint.resolved_on, complaint.handling_working_days)
		.where(complaint.resolved_on.isnotnull() & span)
		.run(as_dict=True)
	)
	for row in rows:
		days = handling_working_days(row.received_on, row.resolved_on)
		if cint(row.handling_working_days) != days:
			frappe.db.set_value("Complaint", row.name, "handling_working_days", days, update_modified=False)
			counts["resolved"] += 1


# --- for other modules ------------------------------------------------------------------------


def get_upheld_complaints(enterprise: str, since=None) -> list[dict]:
	"""Complaints resolved as justified against an enterprise (resolved or closed since `since`):
	the fact the Credit module scores. Reopened complaints drop out until resolved again."""
	filters = {
		"enterprise": enterprise,
		"is_upheld": 1,
		"workflow_state": ("in", meanings.resolved_complaint_states()),
		"resolved_on": ("is", "set"),
	}
	if since:
		filters["resolved_on"] = (">=", get_datetime(getdate(since)))
	return frappe.get_all(
		"Complaint",
		filters=filters,
		fields=["name", "enterprise", "compound", "jurisdiction", "category", "resolved_on", "joint_meeting"],
		order_by="resolved_on asc",
	)


def on_doctype_update():
	"""Indexes for the query shapes of SPEC §9 (complaints/indexes.py: lists by area, the daily
	sweep over open states by deadline, statistics) and for the Credit module's upheld
	complaints of an enterprise."""
	from property_supervision.complaints.indexes import add_complaint_indexes

	add_complaint_indexes()
	frappe.db.add_index("Complaint", ["enterprise", "is_upheld", "resolved_on"])
	monthly.create_table()
