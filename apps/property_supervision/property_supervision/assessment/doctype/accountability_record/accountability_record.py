# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""An accountability record (问责, seed §5(三)1 建立问责制度): a unit — an area committee,
subdistrict office or community (Jurisdiction), or a department (Supervision Unit) — and the
person responsible are held to account for a veto in their assessment, a major incident or an
overdue rectification notice. Draft → Under Review → Decided / Dismissed (workflow
"Accountability Process", found by meaning); a decided record shows on the unit's performance
result for its year (assessment/performance.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, nowdate

from property_supervision import workflow_meanings as meanings

VETO = "Veto"
MAJOR_INCIDENT = "Major Incident"
OVERDUE_RECTIFICATION = "Overdue Rectification"
OTHER = "Other"

SUBJECT_DOCTYPES = ("Jurisdiction", "Supervision Unit")
# the jurisdictions that can be held to account (the district itself holds the others to account)
SUBJECT_JURISDICTION_TYPES = ("Area Committee", "Subdistrict", "Community")

# cause -> the DocTypes a record of that cause may refer to; None: a reference is optional
REFERENCE_KINDS = {
	VETO: ("Assessment",),
	MAJOR_INCIDENT: ("Complaint", "Joint Meeting"),
	OVERDUE_RECTIFICATION: ("Rectification Notice",),
	OTHER: ("Assessment", "Complaint", "Joint Meeting", "Rectification Notice"),
}
# causes that need a reference
REFERENCE_REQUIRED = (VETO, OVERDUE_RECTIFICATION)
ALLOWED_REFERENCES = tuple(dict.fromkeys(d for kinds in REFERENCE_KINDS.values() for d in kinds))


class AccountabilityRecord(Document):
	def validate(self):
		self.validate_subject()
		self.validate_reference()
		self.set_scope()
		self.set_year()
		self.validate_unique()
		self.validate_decision()

	# the unit held to account
	# ------------------------

	def validate_subject(self):
		if self.subject_doctype not in SUBJECT_DOCTYPES:
			frappe.throw(_("The unit held to account is an area, subdistrict or community, or a department."))
		if not self.subject_unit or not frappe.db.exists(self.subject_doctype, self.subject_unit):
			frappe.throw(_("Select the unit held to account."))
		if self.subject_doctype == "Jurisdiction":
			kind = frappe.db.get_value("Jurisdiction", self.subject_unit, "jurisdiction_type")
			if kind not in SUBJECT_JURISDICTION_TYPES:
				frappe.throw(
					_(
						"{0} cannot be held to account here: choose an area committee, a subdistrict office or a community."
					).format(self.subject_unit)
				)

	def set_scope(self):
		"""jurisdiction scopes the officers who see it: the area or community held to account (a
		department's record has none, so only the district's offices see it)."""
		self.jurisdiction = self.subject_unit if self.subject_doctype == "Jurisdiction" else None

	# what it refers to
	# -----------------

	def validate_reference(self):
		if bool(self.reference_doctype) != bool(self.reference_name):
			frappe.throw(_("Give both the kind and the name of the record this refers to, or neither."))
		if not self.reference_doctype:
			if self.cause in REFERENCE_REQUIRED:
				frappe.throw(
					_("An accountability record for {0} refers to the record it rests on ({1}).").format(
						_(self.cause), " / ".join(_(d) for d in REFERENCE_KINDS[self.cause])
					)
				)
			return
		check_reference(self.cause, self.reference_doctype, self.reference_name)
		if self.cause == VETO:
			target = frappe.db.get_value(
				"Assessment", self.reference_name, ["target_doctype", "target_name"], as_dict=True
			)
			if (target.target_doctype, target.target_name) != (self.subject_doctype, self.subject_unit):
				frappe.throw(
					_("The veto of assessment {0} concerns {1}, not {2}.").format(
						self.reference_name, target.target_name, self.subject_unit
					)
				)

	def set_year(self):
		if cint(self.year):
			return
		if self.reference_doctype == "Assessment":
			self.year = frappe.db.get_value("Assessment", self.reference_name, "assessment_year")
		else:
			self.year = getdate(self.occurred_on or nowdate()).year

	def validate_unique(self):
		"""One record per unit and reference, unless the earlier one was dismissed."""
		if not self.reference_doctype:
			return
		existing = frappe.db.get_value(
			self.doctype,
			{
				"reference_doctype": self.reference_doctype,
				"reference_name": self.reference_name,
				"subject_doctype": self.subject_doctype,
				"subject_unit": self.subject_unit,
				"name": ("!=", self.name or ""),
				"workflow_state": ("not in", meanings.states(self.doctype, meanings.REJECTED) or [""]),
			},
			"name",
		)
		if existing:
			frappe.throw(
				_("{0} is already held to account for {1} {2}: {3}.").format(
					self.subject_unit, _(self.reference_doctype), self.reference_name, existing
				),
				frappe.DuplicateEntryError,
			)

	# the decision
	# ------------

	def validate_decision(self):
		if meanings.is_state(self.doctype, self.workflow_state, meanings.DECIDED):
			if not self.decision:
				frappe.throw(_("Record the decision before deciding the accountability record."))
			if not self.decided_on:
				self.decided_on = nowdate()
		elif meanings.is_state(self.doctype, self.workflow_state, meanings.REJECTED):
			if not (self.decision_note or "").strip():
				frappe.throw(
					_("Give the reason for dismissing the accountability record in the decision note.")
				)
		if self.decided_on and getdate(self.decided_on) > getdate(nowdate()):
			frappe.throw(_("The decision date cannot be in the future."))
		if self.occurred_on and getdate(self.occurred_on) > getdate(nowdate()):
			frappe.throw(_("The date it occurred cannot be in the future."))


def check_reference_kind(cause: str, reference_doctype: str):
	"""The cause is one of the four and allows a reference of this kind."""
	if cause not in REFERENCE_KINDS:
		frappe.throw(_("Select the cause: veto, major incident, overdue rectification or other."))
	if reference_doctype not in REFERENCE_KINDS[cause]:
		frappe.throw(
			_("An accountability record for {0} cannot refer to {1}; it refers to {2}.").format(
				_(cause), _(reference_doctype), " / ".join(_(d) for d in REFERENCE_KINDS[cause])
			)
		)


def check_reference(cause: str, reference_doctype: str, reference_name: str):
	"""The reference exists and is of a kind the cause allows (a veto: an assessment whose veto
	applies; an overdue rectification: a rectification notice past its deadline)."""
	check_reference_kind(cause, reference_doctype)
	if not frappe.db.exists("DocType", reference_doctype) or not frappe.db.exists(
		reference_doctype, reference_name
	):
		frappe.throw(_("{0} {1} does not exist.").format(_(reference_doctype), reference_name))
	if cause == VETO and not frappe.db.get_value("Assessment", reference_name, "veto_triggered"):
		frappe.throw(_("No veto item applies in assessment {0}.").format(reference_name))
	if cause == OVERDUE_RECTIFICATION and not frappe.db.get_value(
		"Rectification Notice", reference_name, "is_overdue"
	):
		frappe.throw(_("Rectification notice {0} is not overdue.").format(reference_name))
