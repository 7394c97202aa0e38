# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Supervision inspection (监督检查) of a compound or an enterprise: routine, driven by a complaint,
of an enterprise under key supervision (scheduled by the daily job, supervision/rectification.py)
or of a special campaign. The checklist is copied from an administrator's Inspection Template; each
finding that requires rectification gets a Rectification Notice (api/supervision.py). The workflow
"Supervision Inspection Process" moves it Draft → Completed; completion is refused without the
date, the inspectors and a result for every required item."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.rules.supervision import checklist_score

COMPLAINT = "Complaint"
SPECIAL_CAMPAIGN = "Special Campaign"
KEY_SUPERVISION = "Key Supervision"


class SupervisionInspection(Document):
	def validate(self):
		self.validate_subject()
		self.validate_complaint()
		self.validate_date()
		self.copy_checklist()
		self.validate_checklist()
		self.validate_findings()
		self.validate_completion()

	def validate_subject(self):
		if self.compound:
			compound = frappe.db.get_value(
				"Residential Compound", self.compound, ["current_enterprise", "jurisdiction"], as_dict=True
			)
			if compound:
				self.jurisdiction = compound.jurisdiction
				if not self.enterprise:
					self.enterprise = compound.current_enterprise
		else:
			self.jurisdiction = None
		if not self.compound and not self.enterprise:
			frappe.throw(_("Choose the compound or the enterprise inspected."))
		if self.inspection_type == KEY_SUPERVISION and not self.enterprise:
			frappe.throw(_("A key supervision inspection needs the enterprise inspected."))
		if self.inspection_type == SPECIAL_CAMPAIGN and not (self.campaign or "").strip():
			frappe.throw(_("Enter the special campaign this inspection belongs to."))

	def validate_complaint(self):
		if self.inspection_type != COMPLAINT:
			self.complaint = None
			return
		if not self.complaint:
			frappe.throw(_("A complaint-driven inspection needs the complaint it follows up."))
		complaint = frappe.db.get_value("Complaint", self.complaint, ["compound", "enterprise"], as_dict=True)
		if not complaint:
			frappe.throw(_("Complaint {0} does not exist.").format(self.complaint))
		if not self.compound and complaint.compound:
			self.compound = complaint.compound
			self.validate_subject()
		if self.compound and complaint.compound and complaint.compound != self.compound:
			frappe.throw(_("Complaint {0} concerns another compound.").format(self.complaint))

	def validate_date(self):
		if self.inspection_date and getdate(self.inspection_date) > getdate(today()) and self.is_completed():
			frappe.throw(_("A completed inspection cannot be dated in the future."))

	def copy_checklist(self):
		if not self.template or self.checklist:
			return
		if not frappe.db.get_value("Inspection Template", self.template, "is_active"):
			frappe.throw(_("Inspection template {0} is not active.").format(self.template))
		for row in frappe.get_doc("Inspection Template", self.template).items:
			self.append(
				"checklist",
				{
					"item": row.item,
					"category": row.category,
					"weight": row.weight,
					"is_required": row.is_required,
				},
			)

	def validate_checklist(self):
		for row in self.checklist:
			if row.weight is not None and row.weight < 0:
				frappe.throw(_("Checklist row {0}: the weight cannot be negative.").format(row.idx))
		self.score = checklist_score([(row.result, row.weight) for row in self.checklist])

	def validate_findings(self):
		for row in self.findings:
			if not (row.description or "").strip():
				frappe.throw(_("Finding {0}: describe what was found.").format(row.idx))
			if row.rectification_notice and not row.requires_rectification:
				frappe.throw(
					_("Finding {0} has rectification notice {1}: it requires rectification.").format(
						row.idx, row.rectification_notice
					)
				)
		self.open_findings = sum(
			1 for row in self.findings if row.requires_rectification and not row.rectification_notice
		)
		if self.open_findings and not self.enterprise:
			frappe.throw(_("Findings that require rectification need the enterprise that must rectify them."))

	def is_completed(self) -> bool:
		return meanings.is_state(self.doctype, self.workflow_state, meanings.COMPLETED)

	def validate_completion(self):
		if not self.is_completed():
			return
		if not self.inspection_date:
			frappe.throw(_("Enter the inspection date before completing the inspection."))
		if not self.inspectors:
			frappe.throw(_("Add the inspectors before completing the inspection."))
		if not self.checklist and not self.findings:
			frappe.throw(_("Record the checklist or the findings before completing the inspection."))
		missing = [str(row.idx) for row in self.checklist if row.is_required and not row.result]
		if missing:
			frappe.throw(
				_("Give a result to every required checklist item before completing (rows {0}).").format(
					", ".join(missing)
				)
			)


# --- what an enterprise sees ---------------------------------------------------------------------
# An inspection is announced to the enterprise when it is completed: a planned or scheduled one
# (a key-supervision visit the daily job put in the calendar) stays unseen by the enterprise it
# will visit, on every path that goes through Frappe's permission checks.


def enterprise_user_only(user: str | None = None) -> bool:
	"""True for an Enterprise User without a role that reads inspections in every state."""
	from property_supervision.permissions import UNRESTRICTED_ROLES
	from property_supervision.roles import AREA_OFFICER, COMMUNITY_OFFICER, ENTERPRISE_USER

	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return ENTERPRISE_USER in roles and not roles & (UNRESTRICTED_ROLES | {AREA_OFFICER, COMMUNITY_OFFICER})


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	if not enterprise_user_only(user):
		return ""
	completed = meanings.states("Supervision Inspection", meanings.COMPLETED)
	if not completed:
		return "1=0"
	return "`tabSupervision Inspection`.workflow_state in ({})".format(
		", ".join(frappe.db.escape(state) for state in completed)
	)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""v15: it can only deny — an enterprise user never reaches an inspection not yet completed."""
	if enterprise_user_only(user) and not meanings.is_state(
		doc.doctype, doc.workflow_state, meanings.COMPLETED
	):
		return False
	return None
