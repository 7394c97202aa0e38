# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Rectification notice (责令限期整改通知书): one per finding of a completed supervision inspection
that requires rectification (api/supervision.py issues them). The deadline defaults to the issue
date plus the period in Supervision Settings. The enterprise answers in the desk: an Enterprise
User may change the answer fields only, and only while the notice awaits or holds its answer
(meanings Issued / Answered) — enforced here, on every path. The re-inspection closes the notice
(rectified) or escalates it; a refused notice, and one still open past its deadline, makes the
credit record set in Supervision Settings (supervision/rectification.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.data_protection.workflow_edit import changed_fields
from property_supervision.permissions import UNRESTRICTED_ROLES
from property_supervision.roles import AREA_OFFICER, COMMUNITY_OFFICER, ENTERPRISE_USER
from property_supervision.rules.supervision import NOT_RECTIFIED, RECTIFIED, default_deadline

# what an enterprise may write
ANSWER_FIELDS = ("answer", "answer_attachment")
# what the daily job and the credit record write (never a form: a stale form keeps them as they are)
SYSTEM_FIELDS = ("is_overdue", "was_overdue", "credit_record")
# what the controller itself derives
DERIVED_FIELDS = (
	"answered_on",
	"answered_by",
	"closed_on",
	"compound_name",
	"enterprise_name",
	"jurisdiction",
	*SYSTEM_FIELDS,
)


def is_enterprise_side(user: str | None = None) -> bool:
	"""An Enterprise User without an officer's role."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return ENTERPRISE_USER in roles and not roles & (UNRESTRICTED_ROLES | {AREA_OFFICER, COMMUNITY_OFFICER})


class RectificationNotice(Document):
	def meaning(self, state=None):
		return meanings.meaning_of(self.doctype, state if state is not None else self.workflow_state)

	def validate(self):
		self.keep_system_fields()
		self.validate_enterprise_edit()
		self.validate_inspection()
		self.validate_dates()
		self.validate_answer()
		self.validate_state()

	def keep_system_fields(self):
		if self.is_new():
			for fieldname in SYSTEM_FIELDS:
				self.set(fieldname, None if fieldname == "credit_record" else 0)
			return
		stored = frappe.db.get_value(self.doctype, self.name, SYSTEM_FIELDS, as_dict=True) or {}
		for fieldname in SYSTEM_FIELDS:
			self.set(fieldname, stored.get(fieldname))

	def validate_enterprise_edit(self):
		if self.flags.ignore_permissions or not is_enterprise_side():
			return
		if self.is_new():
			frappe.throw(
				_("Only the supervising officers issue rectification notices."), frappe.PermissionError
			)
		before = self.get_doc_before_save()
		if before is None:
			return
		changed = [
			f
			for f in changed_fields(self, before)
			if f not in ANSWER_FIELDS and f not in DERIVED_FIELDS and f != "workflow_state"
		]
		if changed:
			frappe.throw(
				_("The enterprise may change only its answer on a rectification notice ({0}).").format(
					"、".join(_(self.meta.get_label(f)) for f in changed[:5])
				),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		answering = self.meaning(before.workflow_state) in (meanings.ISSUED, meanings.ANSWERED)
		if not answering and changed_fields(self, before):
			frappe.throw(
				_("The answer can be changed only while the notice awaits the re-inspection."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)

	def validate_inspection(self):
		inspection = frappe.db.get_value(
			"Supervision Inspection",
			self.inspection,
			["workflow_state", "compound", "enterprise", "jurisdiction"],
			as_dict=True,
		)
		if not inspection:
			frappe.throw(_("Supervision inspection {0} does not exist.").format(self.inspection))
		if self.is_new() and not meanings.is_state(
			"Supervision Inspection", inspection.workflow_state, meanings.COMPLETED
		):
			frappe.throw(_("A rectification notice is issued from a completed inspection."))
		self.compound = self.compound or inspection.compound
		self.enterprise = self.enterprise or inspection.enterprise
		if inspection.enterprise and self.enterprise != inspection.enterprise:
			frappe.throw(_("The notice must go to the enterprise inspected."))
		if self.compound != inspection.compound:
			frappe.throw(_("The notice must concern the compound inspected."))
		self.jurisdiction = inspection.jurisdiction
		if not (self.finding or "").strip():
			frappe.throw(_("Describe the finding to be rectified."))
		if self.finding_row:
			other = frappe.db.get_value(
				"Rectification Notice",
				{"finding_row": self.finding_row, "name": ("!=", self.name or "")},
				"name",
			)
			if other:
				frappe.throw(_("This finding has rectification notice {0} already.").format(other))

	def validate_dates(self):
		from property_supervision.supervision.rectification import get_supervision_settings

		issued = getdate(self.issued_on or today())
		self.issued_on = issued
		if self.is_new() and issued > getdate(today()):
			frappe.throw(_("A rectification notice cannot be issued in the future."))
		if not self.deadline:
			self.deadline = default_deadline(issued, get_supervision_settings().rectification_days)
		if getdate(self.deadline) < issued:
			frappe.throw(_("The rectification deadline cannot be before the notice is issued."))
		if self.reinspection_date:
			reinspected = getdate(self.reinspection_date)
			if reinspected < issued:
				frappe.throw(_("The re-inspection cannot be before the notice was issued."))
			if reinspected > getdate(today()):
				frappe.throw(_("The re-inspection date cannot be in the future."))
		if self.reinspection_result and not self.reinspection_date:
			frappe.throw(_("Enter the re-inspection date with its result."))

	def validate_answer(self):
		before = self.get_doc_before_save()
		changed = (self.answer or "") != ((before.answer or "") if before else "")
		if changed and (self.answer or "").strip():
			self.answered_on = today()
			self.answered_by = frappe.session.user

	def validate_state(self):
		meaning = self.meaning()
		before = self.get_doc_before_save()
		entering = before is None or before.workflow_state != self.workflow_state
		if meaning == meanings.ANSWERED and not (self.answer or "").strip():
			frappe.throw(_("Describe the rectification taken before submitting the answer."))
		if meaning == meanings.CLOSED:
			if self.reinspection_result != RECTIFIED:
				frappe.throw(_("A notice is closed after a re-inspection found it rectified."))
			if entering:
				self.closed_on = today()
			self.is_overdue = 0
		elif meaning == meanings.ESCALATED and entering and self.reinspection_result != NOT_RECTIFIED:
			frappe.throw(_("A notice is escalated after a re-inspection found it not rectified."))
		elif meaning == meanings.REFUSED and not (self.refusal_note or "").strip():
			frappe.throw(_("Record how the enterprise refused to rectify."))
		elif meaning == meanings.ISSUED and entering and before is not None:
			# returned for rectification: the re-inspection result is for the next one
			self.reinspection_result = None

	def after_insert(self):
		if self.finding_row:
			frappe.db.set_value(
				"Supervision Inspection Finding", self.finding_row, "rectification_notice", self.name
			)
			inspection = frappe.get_doc("Supervision Inspection", self.inspection)
			open_findings = sum(
				1
				for row in inspection.findings
				if row.requires_rectification and not row.rectification_notice
			)
			frappe.db.set_value(
				"Supervision Inspection",
				self.inspection,
				"open_findings",
				open_findings,
				update_modified=False,
			)
