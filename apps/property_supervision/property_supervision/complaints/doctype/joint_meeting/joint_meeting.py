# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Joint meetings (联席会议) take up disputes the levels below could not settle. Complaints
referred to a joint meeting are listed on one; submitting the meeting records its decision on
each complaint and moves it on (resolved, or returned to the area or the district to carry the
decision out). Cancelling takes the decisions back while no complaint has moved on since."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, escape_html

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.doctype.complaint.complaint import (
	apply_transition_to,
	plain_text,
	revert_to_state,
)
from property_supervision.rules.jurisdiction import COMMUNITY

# outcome -> the meaning of the state the workflow action that carries it out leads to
OUTCOME_MEANINGS = {
	"Resolved": meanings.RESOLVED,
	"Returned to Area": meanings.AREA_LEVEL,
	"Returned to District": meanings.DISTRICT_LEVEL,
}
CANCEL_ACTION = "Cancel Meeting Decision"


class JointMeeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.complaints.doctype.joint_meeting_complaint.joint_meeting_complaint import (
			JointMeetingComplaint,
		)
		from property_supervision.complaints.doctype.joint_meeting_participant.joint_meeting_participant import (
			JointMeetingParticipant,
		)

		amended_from: DF.Link | None
		complaints: DF.Table[JointMeetingComplaint]
		convener: DF.Link
		jurisdiction: DF.Link
		location: DF.Data | None
		meeting_date: DF.Date
		minutes: DF.TextEditor | None
		participants: DF.Table[JointMeetingParticipant]
		resolutions: DF.SmallText | None
		topic: DF.Data | None

	# end: auto-generated types
	def validate(self):
		self.validate_jurisdiction()
		self.sanitise_decisions()
		self.validate_complaints()

	def on_update(self):
		self.set_complaint_pointers()

	def before_submit(self):
		self.validate_decisions()

	def on_submit(self):
		self.record_decisions()

	def before_cancel(self):
		self.validate_decisions_can_be_taken_back()

	def on_cancel(self):
		self.take_decisions_back()

	def on_trash(self):
		self.clear_complaint_pointers([row.complaint for row in self.complaints])

	def validate_jurisdiction(self):
		if frappe.db.get_value("Jurisdiction", self.jurisdiction, "jurisdiction_type") == COMMUNITY:
			frappe.throw(_("A joint meeting is held by the district or an area, not by a community."))

	def sanitise_decisions(self):
		for row in self.complaints:
			if row.decision:
				row.decision = plain_text(row.decision)

	def validate_complaints(self):
		"""Each complaint once, referred to a joint meeting, inside the meeting's jurisdiction and
		not on another meeting still being prepared."""
		lft, rgt = frappe.db.get_value("Jurisdiction", self.jurisdiction, ["lft", "rgt"])
		seen = {}
		for row in self.complaints:
			if row.complaint in seen:
				frappe.throw(
					_("Rows {0} and {1} list the same complaint {2}.").format(
						seen[row.complaint], row.idx, row.complaint
					)
				)
			seen[row.complaint] = row.idx
			complaint = frappe.db.get_value(
				"Complaint", row.complaint, ["workflow_state", "jurisdiction", "joint_meeting"], as_dict=True
			)
			if not complaint:
				frappe.throw(
					_("Row {0}: complaint {1} was not found.").format(row.idx, escape_html(row.complaint))
				)
			if not meanings.is_state("Complaint", complaint.workflow_state, meanings.JOINT_MEETING_LEVEL):
				frappe.throw(
					_(
						"Row {0}: complaint {1} is {2}; only complaints referred to a joint meeting can be listed."
					).format(row.idx, row.complaint, _(complaint.workflow_state))
				)
			inside = frappe.db.get_value("Jurisdiction", complaint.jurisdiction, ["lft", "rgt"])
			if not inside or not (lft <= inside[0] and inside[1] <= rgt):
				frappe.throw(
					_("Row {0}: complaint {1} comes from {2}, outside {3}.").format(
						row.idx, row.complaint, complaint.jurisdiction, self.jurisdiction
					)
				)
			other = complaint.joint_meeting
			if other and other != self.name and frappe.db.get_value("Joint Meeting", other, "docstatus") == 0:
				frappe.throw(
					_("Row {0}: complaint {1} is already listed on joint meeting {2}.").format(
						row.idx, row.complaint, other
					)
				)

	def validate_decisions(self):
		for row in self.complaints:
			if not row.outcome:
				frappe.throw(
					_("Row {0}: record the meeting's outcome for complaint {1}.").format(
						row.idx, row.complaint
					)
				)
			if not (row.decision or "").strip():
				frappe.throw(
					_("Row {0}: record the meeting's decision on complaint {1}.").format(
						row.idx, row.complaint
					)
				)
			if cint(row.is_upheld) and not frappe.db.get_value("Complaint", row.complaint, "enterprise"):
				frappe.throw(
					_(
						"Row {0}: complaint {1} names no enterprise, so it cannot be upheld against one."
					).format(row.idx, row.complaint)
				)

	def set_complaint_pointers(self):
		"""A listed complaint points to the meeting; one taken off the list no longer does."""
		listed = {row.complaint for row in self.complaints}
		for complaint in listed:
			if frappe.db.get_value("Complaint", complaint, "joint_meeting") != self.name:
				frappe.db.set_value("Complaint", complaint, "joint_meeting", self.name, update_modified=False)
		before = self.get_doc_before_save()
		if before:
			self.clear_complaint_pointers(
				[row.complaint for row in before.complaints if row.complaint not in listed]
			)

	def clear_complaint_pointers(self, complaints):
		for complaint in complaints:
			if frappe.db.get_value("Complaint", complaint, "joint_meeting") == self.name:
				frappe.db.set_value("Complaint", complaint, "joint_meeting", None, update_modified=False)

	def record_decisions(self):
		for row in self.complaints:
			note = _("Joint meeting {0}: {1}").format(self.name, row.decision)
			values = {"handling_note": note}
			if row.outcome == "Resolved":
				values.update(resolution=row.decision, is_upheld=cint(row.is_upheld))
			complaint = apply_transition_to(row.complaint, OUTCOME_MEANINGS[row.outcome], **values)
			row.db_set("log_entry", complaint.handling_log[-1].name, update_modified=False)

	def validate_decisions_can_be_taken_back(self):
		"""Only while every complaint still stands where the meeting left it."""
		moved = []
		for row in self.complaints:
			last = frappe.get_all(
				"Complaint Handling Log",
				filters={"parenttype": "Complaint", "parent": row.complaint},
				order_by="idx desc",
				limit=1,
				pluck="name",
			)
			if not last or last[0] != row.log_entry:
				moved.append(row.complaint)
		if moved:
			frappe.throw(
				_(
					"Complaints {0} have been handled further since this meeting, so its decisions can no longer be taken back."
				).format(", ".join(moved))
			)

	def take_decisions_back(self):
		for row in self.complaints:
			values = {
				"handling_note": _("Joint meeting {0} cancelled: its decision is taken back.").format(
					self.name
				)
			}
			if row.outcome == "Resolved":
				values.update(resolution=None, is_upheld=0)
			state = meanings.state("Complaint", meanings.JOINT_MEETING_LEVEL)
			revert_to_state(row.complaint, state, CANCEL_ACTION, **values)
