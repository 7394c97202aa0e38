# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Credit records: one good or bad conduct of an enterprise under a credit rule (SPEC: Credit
Record; seed: 诚信信息采集、汇总、上报).

- People report conduct: a community or area officer records a Draft with its evidence, and a
  District Supervisor confirms or revokes it through the workflow "Credit Record Confirmation".
- The system records the facts it knows (an upheld complaint, an overdue complaint, missing
  publicity, an assessment result, absence from mandatory training): credit.jobs creates those
  records confirmed, citing their source document, once per fact (`auto_key` is unique).
- The enterprise may object (异议) to a confirmed record; a District Supervisor decides. An
  upheld objection revokes the record; the objection and the decision stay with it.

Points are copied from the rule when the record is made; the record counts from `occurred_on`
to `expires_on`. Confirming, revoking or deleting a confirmed record recomputes the
enterprise's credit (credit.scoring).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, cstr, flt, getdate, now_datetime, today

from property_supervision.credit.doctype.credit_rule.credit_rule import AUTOMATIC_SOURCES
from property_supervision.credit.scoring import (
	CONFIRMED,
	DRAFT,
	REVOKED,
	credit_is,
	credit_states,
	get_credit_settings,
	in_system_language,
	update_enterprise_credit,
)
from property_supervision.roles import DISTRICT_SUPERVISOR
from property_supervision.rules.credit import expiry_date

UPHELD = "Upheld"
DISMISSED = "Dismissed"

# fixed once a record has left Draft: revoke it and record a new one instead
LOCKED_FIELDS = ("enterprise", "rule", "occurred_on", "reference_doctype", "reference_name")
# written by the system only
SYSTEM_FIELDS = ("is_automatic", "auto_key")


class CreditRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		auto_key: DF.Data | None
		enterprise: DF.Link
		enterprise_name: DF.Data | None
		evidence: DF.SmallText | None
		evidence_file: DF.Attach | None
		expires_on: DF.Date | None
		is_automatic: DF.Check
		objection: DF.SmallText | None
		objection_decided_by: DF.Link | None
		objection_decided_on: DF.Datetime | None
		objection_decision: DF.Literal["", "Upheld", "Dismissed"]
		objection_note: DF.SmallText | None
		objection_on: DF.Datetime | None
		occurred_on: DF.Date
		points: DF.Float
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		reported_by_unit: DF.Link | None
		revocation_reason: DF.SmallText | None
		rule: DF.Link
		source: DF.Literal[
			"Manual",
			"Complaint Upheld",
			"Complaint Overdue",
			"Publicity Overdue",
			"Assessment Result",
			"Training Absence",
			"Dissatisfied Ratings",
		]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.validate_system_fields()
		self.validate_locked_fields()
		self.validate_rule()
		self.set_points()
		self.validate_occurred_on()
		self.set_expires_on()
		self.validate_evidence()
		# validate_reference runs earlier, with the link checks (see _validate_links)
		self.validate_objection()
		self.validate_objection_decision()
		self.validate_revocation()

	def _validate_links(self):
		"""Frappe checks dynamic links before validate(), with a message naming the field in
		English; the reference is checked here first so the user reads what is wrong."""
		if not self.flags.ignore_links:
			self.validate_reference()
		super()._validate_links()

	def validate_workflow(self):
		"""The system records the facts it knows as confirmed right away (credit.jobs sets the
		flag; flags cannot be sent by a client). Everything else goes through the workflow."""
		if self.is_new() and self.flags.system_record:
			return
		super().validate_workflow()

	@in_system_language
	def on_update(self):
		before = self.get_doc_before_save()
		previous_state = before.workflow_state if before else None
		if previous_state == self.workflow_state:
			return
		if credit_is(self.workflow_state, REVOKED) and self.flags.revoked_by_objection:
			# as Frappe's apply_workflow does for a transition
			self.add_comment("Workflow", _(self.workflow_state))
		confirmed_now = credit_is(self.workflow_state, CONFIRMED)
		if (credit_is(previous_state, CONFIRMED) or confirmed_now) and not self.flags.defer_credit_update:
			if confirmed_now:
				reason = _("Credit record {0} confirmed").format(self.name)
			else:
				reason = _("Credit record {0} revoked").format(self.name)
			update_enterprise_credit(self.enterprise, reason)

	@in_system_language
	def after_delete(self):
		if credit_is(self.workflow_state, CONFIRMED):
			update_enterprise_credit(self.enterprise, _("Credit record {0} deleted").format(self.name))

	@property
	def state_before(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def _changed(self, fieldname: str) -> bool:
		before = self.get_doc_before_save()
		if not before:
			return bool(self.get(fieldname))
		return cstr(self.get(fieldname)) != cstr(before.get(fieldname))

	def validate_system_fields(self):
		"""is_automatic / auto_key mark the records the system made; nobody sets them by hand."""
		if self.flags.system_record and self.is_new():
			return
		if any(self._changed(fieldname) for fieldname in SYSTEM_FIELDS):
			frappe.throw(_("Automatic credit records are made by the system only."), frappe.PermissionError)

	def validate_locked_fields(self):
		before = self.get_doc_before_save()
		if not before or credit_is(before.workflow_state, DRAFT):
			return
		for fieldname in LOCKED_FIELDS:
			if _comparable(self, fieldname) != _comparable(before, fieldname):
				frappe.throw(
					_(
						"{0} of a confirmed or revoked credit record cannot be changed: revoke the record and record a new one."
					).format(_(self.meta.get_label(fieldname), context=self.doctype))
				)

	def validate_rule(self):
		if not (self.is_new() or self._changed("rule")):
			return
		rule = frappe.db.get_value("Credit Rule", self.rule, ["is_active", "source"], as_dict=True)
		if not rule:
			frappe.throw(_("Credit rule {0} does not exist.").format(self.rule))
		if not cint(rule.is_active):
			frappe.throw(_("Credit rule {0} is not active.").format(self.rule))
		if not self.flags.system_record and rule.source in AUTOMATIC_SOURCES:
			frappe.throw(
				_(
					"Credit rule {0} is recorded automatically from {1}; choose a rule for records made by hand."
				).format(self.rule, _(rule.source))
			)

	def set_points(self):
		"""Points and source come from the rule when the record is made (or while a draft's rule
		is changed) and never change afterwards, even if the rule is edited."""
		before = self.get_doc_before_save()
		if not before or (self._changed("rule") and credit_is(before.workflow_state, DRAFT)):
			points, source = frappe.db.get_value("Credit Rule", self.rule, ["points", "source"])
			self.points = flt(points, 1)
			self.source = source
			return
		if flt(self.points, 1) != flt(before.points, 1):
			frappe.throw(_("The points of a credit record come from its rule and cannot be changed."))
		self.source = before.source

	def validate_occurred_on(self):
		if self.occurred_on and getdate(self.occurred_on) > getdate(today()):
			frappe.throw(_("The date of the conduct cannot be in the future."))

	def set_expires_on(self):
		"""The record counts for the rule's validity (or the default of Credit Settings when the
		rule has none) from the day the conduct occurred."""
		if not self.occurred_on:
			return
		before = self.get_doc_before_save()
		if before and not credit_is(before.workflow_state, DRAFT) and before.expires_on:
			self.expires_on = before.expires_on
			return
		months = cint(frappe.db.get_value("Credit Rule", self.rule, "validity_months")) or cint(
			get_credit_settings().default_validity_months
		)
		self.expires_on = expiry_date(getdate(self.occurred_on), months)

	def validate_evidence(self):
		"""Bad conduct reported by hand needs its evidence; automatic records cite their source."""
		if cint(self.is_automatic) or flt(self.points) >= 0:
			return
		if not ((self.evidence or "").strip() or self.evidence_file):
			frappe.throw(_("Describe or attach the evidence of the bad conduct."))

	def validate_reference(self):
		if self.reference_name and not self.reference_doctype:
			frappe.throw(_("Choose the type of the document the record refers to."))
		if self.reference_doctype and not self.reference_name:
			frappe.throw(_("Choose the document the record refers to."))
		if not self.reference_doctype:
			return
		if not frappe.db.exists(self.reference_doctype, self.reference_name):
			frappe.throw(
				_("{0} {1} does not exist.").format(_(self.reference_doctype), self.reference_name),
				frappe.LinkValidationError,
			)
		meta = frappe.get_meta(self.reference_doctype)
		if meta.has_field("enterprise") and meta.get_field("enterprise").options == "Property Enterprise":
			enterprise = frappe.db.get_value(self.reference_doctype, self.reference_name, "enterprise")
			if enterprise and enterprise != self.enterprise:
				frappe.throw(
					_("{0} {1} concerns another enterprise.").format(
						_(self.reference_doctype), self.reference_name
					)
				)

	def validate_objection(self):
		"""The enterprise objects to a confirmed record, until the objection is decided."""
		before = self.get_doc_before_save()
		self.objection = (self.objection or "").strip()
		if not self._changed("objection"):
			self.objection_on = before.objection_on if before else None
			return
		if not before or not credit_is(before.workflow_state, CONFIRMED):
			frappe.throw(_("An objection can only be lodged against a confirmed credit record."))
		if before.objection_decision:
			frappe.throw(_("The objection to this credit record has already been decided."))
		self.objection_on = (before.objection_on or now_datetime()) if self.objection else None

	def validate_objection_decision(self):
		"""A District Supervisor decides; an upheld objection revokes the record (the transition
		Revoke Record, checked by the workflow), a dismissed one leaves it. Both are kept."""
		before = self.get_doc_before_save()
		if not self._changed("objection_decision"):
			for fieldname in ("objection_decided_by", "objection_decided_on"):
				self.set(fieldname, before.get(fieldname) if before else None)
			if (
				before
				and before.objection_decision
				and cstr(self.objection_note) != cstr(before.objection_note)
			):
				frappe.throw(_("The objection to this credit record has already been decided."))
			return
		if before and before.objection_decision:
			frappe.throw(_("The objection to this credit record has already been decided."))
		if not self.objection:
			frappe.throw(_("There is no objection to decide."))
		if not can_decide_objections():
			frappe.throw(_("Only a District Supervisor can decide an objection."), frappe.PermissionError)
		if not before or not credit_is(before.workflow_state, CONFIRMED):
			frappe.throw(_("Only the objection to a confirmed credit record can be decided."))
		self.objection_note = (self.objection_note or "").strip()
		if not self.objection_note:
			frappe.throw(_("Enter a note explaining the decision on the objection."))
		self.objection_decided_by = frappe.session.user
		self.objection_decided_on = now_datetime()
		if self.objection_decision == UPHELD:
			self.workflow_state = credit_states(REVOKED)[0]
			self.flags.revoked_by_objection = True
			if not (self.revocation_reason or "").strip():
				self.revocation_reason = _("Objection upheld: {0}").format(self.objection_note)

	def validate_revocation(self):
		if credit_is(self.workflow_state, REVOKED) and not credit_is(self.state_before, REVOKED):
			self.revocation_reason = (self.revocation_reason or "").strip()
			if not self.revocation_reason:
				frappe.throw(_("Enter the reason for revoking this credit record."))


def _comparable(doc, fieldname: str) -> str:
	value = doc.get(fieldname)
	if fieldname == "occurred_on" and value:
		return getdate(value).isoformat()
	return cstr(value)


def can_decide_objections(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or DISTRICT_SUPERVISOR in frappe.get_roles(user)


def make_automatic_record(
	rule: dict,
	enterprise: str,
	occurred_on,
	auto_key: str,
	reference_doctype: str,
	reference_name: str,
	evidence: str,
) -> str | None:
	"""Record a fact the system knows, confirmed, once: None when a record with `auto_key`
	exists already (also when a concurrent run made it a moment ago) or would be expired today.
	The enterprise's credit is not recomputed here: the caller does it once for all its records."""
	occurred_on = min(getdate(occurred_on), getdate(today()))
	months = cint(rule.validity_months) or cint(get_credit_settings().default_validity_months)
	if expiry_date(occurred_on, months) < getdate(today()):
		return None
	if frappe.db.exists("Credit Record", {"auto_key": auto_key}):
		return None
	doc = frappe.get_doc(
		{
			"doctype": "Credit Record",
			"enterprise": enterprise,
			"rule": rule.name,
			"occurred_on": occurred_on,
			"workflow_state": credit_states(CONFIRMED)[0],
			"is_automatic": 1,
			"auto_key": auto_key,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"evidence": evidence,
		}
	)
	doc.flags.system_record = True
	doc.flags.defer_credit_update = True
	frappe.db.savepoint("credit_automatic_record")
	try:
		doc.insert(ignore_permissions=True)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		frappe.db.rollback(save_point="credit_automatic_record")
		return None
	return doc.name


# the report Enterprise Credit Ranking sums, per enterprise, the points of the confirmed records
# still counting (state, expires_on, sign of points): read from this index alone, not from 50,000
# and more rows of the table
CREDIT_FIGURES_INDEX = ("credit_figures_index", ("workflow_state", "expires_on", "enterprise", "points"))


def add_credit_indexes():
	"""Run by on_doctype_update (bench migrate, when the DocType is synced) and by the patch
	credit_figures_index for existing sites; an index that exists is left alone."""
	name, columns = CREDIT_FIGURES_INDEX
	frappe.db.add_index("Credit Record", list(columns), name)


def on_doctype_update():
	add_credit_indexes()
