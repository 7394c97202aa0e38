# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Training Session (分级培训): the district trains area, subdistrict and community staff and the
enterprises; each area committee or subdistrict office trains its owners' committee members.

The workflow "Training Session Process" moves a session Planned → Published → Completed. The
organiser invites the audience from the registry (`invite_audience`), attendance is recorded
once the session is published (`sign_in` or the form), and the 培训签到表 print format lists
the invitees for hand signatures. A session's `jurisdiction` is its organiser's: it scopes who
sees the session (User Permission on Jurisdiction)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, get_datetime, now_datetime
from frappe.utils.nestedset import get_descendants_of

from property_supervision import workflow_meanings as meanings
from property_supervision.permissions import UNRESTRICTED_ROLES
from property_supervision.roles import (
	AREA_OFFICER,
	COMMITTEE_MEMBER,
	COMMUNITY_OFFICER,
	ENTERPRISE_USER,
	SUPERVISION_ADMIN,
)
from property_supervision.rules.training import (
	AREA_STAFF,
	COMMUNITY_STAFF,
	DISTRICT_LEVEL,
	ENTERPRISE,
	ENTERPRISES,
	LINK_FIELD_BY_ATTENDEE_TYPE,
	MAX_SCORE,
	MIN_SCORE,
	OWNERS_COMMITTEE,
	OWNERS_COMMITTEES,
	SUPERVISION_UNIT,
	UNIT_TYPES_BY_AUDIENCE,
	attendee_type_for,
	audience_allowed,
	organizer_allowed,
	score_valid,
)

# the attendee fields a user edits (with attended and score): compared to lock a completed session
ATTENDEE_INPUT_FIELDS = ("attendee_type", "enterprise", "owners_committee", "unit", "person_name")


def _attendance_allowed(state: str | None) -> bool:
	"""Attendance is recorded once the session is published (it is under way or over)."""
	return meanings.is_state("Training Session", state, meanings.PUBLISHED, meanings.COMPLETED)


def is_completed(state: str | None) -> bool:
	"""A state meaning the session is over (workflow_meanings.py)."""
	return meanings.is_state("Training Session", state, meanings.COMPLETED)


class TrainingSession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.training.doctype.training_attendee.training_attendee import TrainingAttendee

		attendance_count: DF.Int
		attendees: DF.Table[TrainingAttendee]
		audience: DF.Literal[
			"Area and Subdistrict Staff", "Community Staff", "Enterprises", "Owners Committees"
		]
		end: DF.Datetime
		invited_count: DF.Int
		is_mandatory: DF.Check
		jurisdiction: DF.Link
		location: DF.Data | None
		materials: DF.Attach | None
		organizer: DF.Link
		start: DF.Datetime
		summary: DF.SmallText | None
		title: DF.Data
		topic: DF.SmallText | None
		trainer: DF.Data | None
		training_level: DF.Literal["District", "Area"]
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		organizer = self.get_organizer()
		self.set_jurisdiction(organizer)
		self.validate_jurisdiction_in_scope()
		self.validate_schedule()
		self.validate_tier(organizer)
		self.validate_completion()
		self.set_attendee_links()
		self.validate_attendees_locked()
		self.set_attendee_labels()
		self.validate_attendees()
		self.set_sign_in_times()
		self.calculate_counts()

	def get_organizer(self) -> frappe._dict:
		organizer = frappe.db.get_value(
			"Supervision Unit", self.organizer, ["name", "unit_name", "jurisdiction"], as_dict=True
		)
		if not organizer:
			frappe.throw(_("Select the unit that organises the training."))
		organizer.jurisdiction_type = frappe.db.get_value(
			"Jurisdiction", organizer.jurisdiction, "jurisdiction_type"
		)
		return organizer

	def set_jurisdiction(self, organizer):
		"""The session belongs to its organiser's jurisdiction: the district, or the area committee
		or subdistrict office (the form fetches the same value)."""
		self.jurisdiction = organizer.jurisdiction

	def validate_jurisdiction_in_scope(self):
		"""Frappe checks write permission before the organiser's jurisdiction is fetched: when a
		change of organiser moves the session, check again, so nobody moves a session out of their
		own jurisdiction (or into one they may not write)."""
		if self.is_new() or self.flags.ignore_permissions or not self.has_value_changed("jurisdiction"):
			return
		self.check_permission("write")

	def validate_schedule(self):
		if self.start and self.end and get_datetime(self.end) <= get_datetime(self.start):
			frappe.throw(_("The training must end after it starts."))

	def validate_tier(self, organizer):
		if not organizer_allowed(self.training_level, organizer.jurisdiction_type):
			if self.training_level == DISTRICT_LEVEL:
				frappe.throw(
					_("A district-level training is organised by a district unit; {0} is not one.").format(
						organizer.unit_name
					)
				)
			frappe.throw(
				_(
					"An area-level training is organised by an area committee or subdistrict office; {0} is not one."
				).format(organizer.unit_name)
			)
		if not audience_allowed(self.training_level, self.audience):
			if self.training_level == DISTRICT_LEVEL:
				frappe.throw(
					_(
						"A district-level training is for area and subdistrict staff, community staff or enterprises; owners' committee members are trained by their area."
					)
				)
			frappe.throw(
				_(
					"An area-level training is for owners' committee members; staff and enterprises are trained by the district."
				)
			)

	def validate_completion(self):
		if not is_completed(self.workflow_state) or is_completed(self.state_before_save()):
			return
		if self.start and get_datetime(self.start) > now_datetime():
			frappe.throw(_("A training cannot be marked completed before it starts."))

	def state_before_save(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def set_attendee_links(self):
		"""Only the Link of the row's attendee type is kept (the form hides the others)."""
		for row in self.attendees:
			for attendee_type, fieldname in LINK_FIELD_BY_ATTENDEE_TYPE.items():
				if attendee_type != row.attendee_type:
					row.set(fieldname, None)

	def validate_attendees_locked(self):
		"""The attendance of a completed session is a record: only a Supervision Admin corrects it."""
		if not is_completed(self.state_before_save()) or can_change_completed_attendees():
			return
		if attendee_snapshot(self.attendees) != attendee_snapshot(self.get_doc_before_save().attendees):
			frappe.throw(
				_("The attendees of a completed training can only be changed by a Supervision Admin.")
			)

	def validate_attendees(self):
		expected_type = attendee_type_for(self.audience)
		started = _attendance_allowed(self.workflow_state)
		seen = {}
		for row in self.attendees:
			if row.attendee_type != expected_type:
				frappe.throw(
					_("Row {0}: a training for {1} invites only attendees of the type {2}.").format(
						row.idx, _(self.audience), _(expected_type, context="Training Attendee")
					)
				)
			fieldname = LINK_FIELD_BY_ATTENDEE_TYPE[row.attendee_type]
			invitee = row.get(fieldname)
			if not invitee:
				frappe.throw(
					_("Row {0}: select the {1}.").format(
						row.idx, _(row.meta.get_label(fieldname), context=row.doctype)
					)
				)
			if invitee in seen:
				frappe.throw(
					_("Row {0}: {1} is already invited in row {2}.").format(
						row.idx, row.attendee_label or invitee, seen[invitee]
					)
				)
			seen[invitee] = row.idx
			if not score_valid(flt(row.score) if row.score not in (None, "") else None):
				frappe.throw(
					_("Row {0}: the score must be between {1} and {2}.").format(row.idx, MIN_SCORE, MAX_SCORE)
				)
			if cint(row.attended) and not started:
				frappe.throw(
					_("Row {0}: attendance can only be recorded once the training is published.").format(
						row.idx
					)
				)

	def set_attendee_labels(self):
		"""attendee_label: the invitee's name as printed on the sign-in sheet."""
		labels = invitee_labels(self.attendees)
		for row in self.attendees:
			fieldname = LINK_FIELD_BY_ATTENDEE_TYPE.get(row.attendee_type)
			row.attendee_label = labels.get((row.attendee_type, row.get(fieldname))) if fieldname else None

	def set_sign_in_times(self):
		for row in self.attendees:
			if cint(row.attended):
				row.signed_in_at = row.signed_in_at or now_datetime()
			else:
				row.signed_in_at = None

	def calculate_counts(self):
		self.invited_count = len(self.attendees)
		self.attendance_count = sum(1 for row in self.attendees if cint(row.attended))


def can_change_completed_attendees(user: str | None = None) -> bool:
	return SUPERVISION_ADMIN in frappe.get_roles(user)


def attendee_snapshot(rows) -> set[tuple]:
	return {
		(
			*(row.get(fieldname) or None for fieldname in ATTENDEE_INPUT_FIELDS),
			cint(row.attended),
			flt(row.score),
		)
		for row in rows
	}


def invitee_labels(rows) -> dict[tuple[str, str], str]:
	"""(attendee_type, name) -> label, read in one query per type."""
	wanted: dict[str, set[str]] = {}
	for row in rows:
		value = row.get(LINK_FIELD_BY_ATTENDEE_TYPE.get(row.attendee_type, "")) if row.attendee_type else None
		if value:
			wanted.setdefault(row.attendee_type, set()).add(value)
	labels = {}
	if wanted.get(ENTERPRISE):
		for name, title in frappe.get_all(
			"Property Enterprise",
			filters={"name": ("in", list(wanted[ENTERPRISE]))},
			fields=["name", "enterprise_name"],
			as_list=True,
		):
			labels[(ENTERPRISE, name)] = title
	if wanted.get(OWNERS_COMMITTEE):
		for name, compound_name in frappe.get_all(
			"Owners Committee",
			filters={"name": ("in", list(wanted[OWNERS_COMMITTEE]))},
			fields=["name", "compound_name"],
			as_list=True,
		):
			labels[(OWNERS_COMMITTEE, name)] = _("{0} Owners Committee").format(compound_name or name)
	if wanted.get(SUPERVISION_UNIT):
		for name, unit_name in frappe.get_all(
			"Supervision Unit",
			filters={"name": ("in", list(wanted[SUPERVISION_UNIT]))},
			fields=["name", "unit_name"],
			as_list=True,
		):
			labels[(SUPERVISION_UNIT, name)] = unit_name
	return labels


# ------------------------------------------------------------------------------------------------
# Invitations and sign-in (called from the form)


def audience_invitees(session) -> list[str]:
	"""The records the session's audience is drawn from, in a stable order: filed enterprises;
	filed owners' committees in the session's area; active area/subdistrict or community units."""
	if session.audience == ENTERPRISES:
		names = frappe.get_all(
			"Property Enterprise",
			filters={"workflow_state": ("in", meanings.states("Property Enterprise", meanings.FILED))},
			order_by="enterprise_name asc",
			pluck="name",
		)
		if not names:
			frappe.throw(_("There are no filed property enterprises to invite."))
		return names
	if session.audience == OWNERS_COMMITTEES:
		scope = [
			session.jurisdiction,
			*get_descendants_of("Jurisdiction", session.jurisdiction, ignore_permissions=True),
		]
		names = frappe.get_all(
			"Owners Committee",
			filters={
				"workflow_state": ("in", meanings.states("Owners Committee", meanings.FILED)),
				"jurisdiction": ("in", scope),
			},
			order_by="jurisdiction asc, compound_name asc",
			pluck="name",
		)
		if not names:
			frappe.throw(
				_("There are no filed owners' committees in {0} to invite.").format(session.jurisdiction)
			)
		return names
	if session.audience in (AREA_STAFF, COMMUNITY_STAFF):
		names = frappe.get_all(
			"Supervision Unit",
			filters={"unit_type": ("in", UNIT_TYPES_BY_AUDIENCE[session.audience]), "is_active": 1},
			order_by="unit_type asc, unit_name asc",
			pluck="name",
		)
		if not names:
			if session.audience == COMMUNITY_STAFF:
				frappe.throw(
					_(
						"No community units are registered. Add a Supervision Unit of the type Community Committee for each community, then invite again."
					)
				)
			frappe.throw(_("There are no area committee or subdistrict office units to invite."))
		return names
	return []


def invite_audience(session: str) -> dict:
	"""Add every record of the session's audience that is not invited yet. Returns how many were
	added and how many are invited now; running it again adds nothing."""
	doc = frappe.get_doc("Training Session", session, for_update=True)
	doc.check_permission("write")
	if is_completed(doc.workflow_state) and not can_change_completed_attendees():
		frappe.throw(_("The attendees of a completed training can only be changed by a Supervision Admin."))
	attendee_type = attendee_type_for(doc.audience)
	fieldname = LINK_FIELD_BY_ATTENDEE_TYPE[attendee_type]
	invited = {row.get(fieldname) for row in doc.attendees if row.attendee_type == attendee_type}
	added = 0
	for name in audience_invitees(doc):
		if name in invited:
			continue
		doc.append("attendees", {"attendee_type": attendee_type, fieldname: name})
		added += 1
	if added:
		doc.save()
	return {"added": added, "invited": doc.invited_count}


def sign_in(session: str, row_name: str, person_name: str | None = None) -> dict:
	"""Record that an invitee attended (the form's Sign In button). Signing in twice keeps the
	first time."""
	doc = frappe.get_doc("Training Session", session, for_update=True)
	doc.check_permission("write")
	row = next((r for r in doc.attendees if r.name == row_name), None)
	if not row:
		frappe.throw(_("This invitee is not on the list of training {0}.").format(doc.name))
	if not _attendance_allowed(doc.workflow_state):
		frappe.throw(_("Attendance can only be recorded once the training is published."))
	changed = False
	if not cint(row.attended):
		row.attended = 1
		changed = True
	if person_name and person_name.strip() != (row.person_name or ""):
		row.person_name = person_name.strip()
		changed = True
	if changed:
		doc.save()
	return {
		"attendee_label": row.attendee_label,
		"signed_in_at": row.signed_in_at,
		"attendance_count": doc.attendance_count,
	}


# ------------------------------------------------------------------------------------------------
# Row-level access for invitees (to be registered after permissions.py's hooks, see the report)

INVITEE_ROLES = {ENTERPRISE_USER, COMMITTEE_MEMBER}


def invitee_scope(user: str | None = None) -> tuple[list[str], list[str]] | None:
	"""For a user who reads sessions only as an invitee (an Enterprise User or Committee Member with
	no officer role): (their enterprises, their compounds' committees). None for everyone else."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	roles = set(frappe.get_roles(user))
	if not roles & INVITEE_ROLES or roles & (UNRESTRICTED_ROLES | {AREA_OFFICER, COMMUNITY_OFFICER}):
		return None
	permitted = frappe.permissions.get_user_permissions(user)
	enterprises = (
		[p.get("doc") for p in permitted.get("Property Enterprise", [])] if ENTERPRISE_USER in roles else []
	)
	compounds = (
		[p.get("doc") for p in permitted.get("Residential Compound", [])] if COMMITTEE_MEMBER in roles else []
	)
	committees = (
		frappe.get_all("Owners Committee", filters={"compound": ("in", compounds)}, pluck="name")
		if compounds
		else []
	)
	return enterprises, committees


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""An enterprise user or committee member lists only the sessions that invite them: the list of
	another session names other enterprises and committees."""
	scope = invitee_scope(user)
	if scope is None:
		return ""
	enterprises, committees = scope
	if not (enterprises or committees):
		return "1=0"
	matches = []
	if enterprises:
		matches.append(f"ta.enterprise in ({', '.join(frappe.db.escape(e) for e in enterprises)})")
	if committees:
		matches.append(f"ta.owners_committee in ({', '.join(frappe.db.escape(c) for c in committees)})")
	return (
		"exists (select 1 from `tabTraining Attendee` ta where ta.parenttype = 'Training Session'"
		f" and ta.parent = `tabTraining Session`.name and ({' or '.join(matches)}))"
	)


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""The same rule for one session (v15: it can only deny)."""
	scope = invitee_scope(user)
	if scope is None:
		return None
	enterprises, committees = set(scope[0]), set(scope[1])
	invited = any(
		(row.get("enterprise") in enterprises) or (row.get("owners_committee") in committees)
		for row in doc.get("attendees") or []
	)
	return None if invited else False
