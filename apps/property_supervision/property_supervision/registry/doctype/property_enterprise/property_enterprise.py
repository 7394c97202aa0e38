# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, cstr, flt, today, validate_email_address

from property_supervision import workflow_meanings as meanings
from property_supervision.rules.identifiers import credit_code_error, normalize_credit_code
from property_supervision.rules.phone import is_valid_phone, normalize_phone

# the meanings of the states a reviewer sends a filing to with a written reason
NEEDS_REVIEW_NOTE = (meanings.RETURNED, meanings.REVOKED)

# written by the Credit module (and contracts) only, never by hand: see validate_computed_fields
COMPUTED_FIELDS = {
	"credit_score": flt,
	"credit_grade": cstr,
	"key_supervision": cint,
	"key_supervision_reason": cstr,
	"separation_violation": cint,
}


class PropertyEnterprise(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_scope: DF.SmallText | None
		contact_person: DF.Data | None
		contact_phone: DF.Data
		credit_code: DF.Data
		credit_grade: DF.Literal["", "AAA", "AA", "A", "B", "C"]
		credit_score: DF.Float
		email: DF.Data | None
		enterprise_name: DF.Data
		established_on: DF.Date | None
		filed_on: DF.Date | None
		key_supervision: DF.Check
		key_supervision_reason: DF.SmallText | None
		legal_representative: DF.Data | None
		office_address: DF.SmallText | None
		qualification_certificate_no: DF.Data | None
		qualification_level: DF.Literal["", "Grade 1", "Grade 2", "Grade 3", "Provisional"]
		registered_address: DF.SmallText | None
		review_note: DF.SmallText | None
		separation_violation: DF.Check
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_naming(self):
		# the document is named by the code: normalise it before the name is taken from it
		self.credit_code = normalize_credit_code(self.credit_code)

	def validate(self):
		self.validate_credit_code()
		self.validate_enterprise_name()
		self.validate_unique()
		self.validate_phone()
		self.validate_email()
		self.validate_computed_fields()
		self.validate_review_note()
		self.set_filed_on()

	def validate_credit_code(self):
		self.credit_code = normalize_credit_code(self.credit_code)
		if not self.is_new() and self.credit_code != self.name:
			# the code names the record and a legal person keeps it for life (GB 32100-2015)
			frappe.throw(_("The unified social credit code of a registered enterprise cannot be changed."))
		error = credit_code_error(self.credit_code)
		if error == "length":
			frappe.throw(
				_("The unified social credit code must have 18 characters; {0} has {1}.").format(
					self.credit_code, len(self.credit_code)
				)
			)
		elif error == "characters":
			frappe.throw(
				_(
					"The unified social credit code {0} may contain only digits and capital letters other than I, O, Z, S and V."
				).format(self.credit_code)
			)
		elif error == "region":
			frappe.throw(
				_(
					"Characters 3 to 8 of the unified social credit code {0} are the administrative division code and must be digits."
				).format(self.credit_code)
			)
		elif error == "check":
			frappe.throw(
				_(
					"The check character (the last one) of the unified social credit code {0} is wrong; compare it with the business licence."
				).format(self.credit_code)
			)

	def validate_enterprise_name(self):
		self.enterprise_name = " ".join((self.enterprise_name or "").split())
		if not self.enterprise_name:
			frappe.throw(_("Enter the enterprise name."))

	def validate_unique(self):
		"""Refuse duplicates here, with a clear message, before the database's unique index does."""
		if self.is_new() and frappe.db.exists("Property Enterprise", self.credit_code):
			frappe.throw(
				_("An enterprise with the unified social credit code {0} is already registered.").format(
					self.credit_code
				),
				frappe.UniqueValidationError,
			)
		if frappe.db.exists(
			"Property Enterprise", {"enterprise_name": self.enterprise_name, "name": ("!=", self.name or "")}
		):
			frappe.throw(
				_("An enterprise named {0} is already registered.").format(self.enterprise_name),
				frappe.UniqueValidationError,
			)

	def validate_phone(self):
		self.contact_phone = normalize_phone(self.contact_phone)
		if not is_valid_phone(self.contact_phone):
			frappe.throw(
				_("Contact phone {0} is not a valid mainland mobile or landline number.").format(
					self.contact_phone
				)
			)

	def validate_email(self):
		self.email = (self.email or "").strip()
		if self.email and not validate_email_address(self.email):
			frappe.throw(_("Email {0} is not a valid email address.").format(self.email))

	def validate_computed_fields(self):
		"""Credit score, grade and key supervision are computed by the Credit module, which writes
		them as the system (scheduler, or code that saves with ignore_permissions). Nobody sets
		them by hand: not in the form (they are read-only there), not through REST or import."""
		if frappe.session.user == "Administrator" or self.flags.ignore_permissions:
			return
		before = self.get_doc_before_save()
		for fieldname, cast in COMPUTED_FIELDS.items():
			stored = cast(before.get(fieldname)) if before else cast(None)
			if cast(self.get(fieldname)) != stored:
				frappe.throw(
					_("{0} is computed by the system and cannot be set by hand.").format(
						_(self.meta.get_label(fieldname))
					)
				)

	def validate_review_note(self):
		"""Returning or revoking a filing tells the enterprise why (the note is saved first)."""
		if (
			meanings.is_state(self.doctype, self.workflow_state, *NEEDS_REVIEW_NOTE)
			and self.state_changed()
			and not (self.review_note or "").strip()
		):
			frappe.throw(
				_("Before returning or revoking a filing, enter and save a review note giving the reason.")
			)

	def set_filed_on(self):
		if meanings.is_state(self.doctype, self.workflow_state, meanings.FILED) and self.state_changed():
			self.filed_on = today()

	def state_changed(self) -> bool:
		before = self.get_doc_before_save()
		return self.workflow_state != (before.workflow_state if before else None)

	# used by the print format 物业服务企业备案表; lists what the printing user may see
	def get_active_practitioners(self) -> list[dict]:
		"""Active staff with masked ID numbers, by position."""
		if not frappe.has_permission("Property Practitioner", "read"):
			return []
		return frappe.get_list(
			"Property Practitioner",
			filters={"enterprise": self.name, "status": "Active"},
			fields=[
				"name",
				"full_name",
				"gender",
				"id_number_masked",
				"position",
				"certificate_no",
				"joined_on",
			],
			order_by="position asc, full_name asc",
			limit_page_length=0,
		)

	def get_managed_compounds(self) -> list[dict]:
		"""Compounds whose current enterprise this is."""
		if not frappe.db.exists("DocType", "Residential Compound") or not frappe.has_permission(
			"Residential Compound", "read"
		):
			return []
		return frappe.get_list(
			"Residential Compound",
			filters={"current_enterprise": self.name},
			fields=[
				"name",
				"compound_name",
				"jurisdiction",
				"household_count",
				"floor_area",
				"managed_since",
			],
			order_by="compound_name asc",
			limit_page_length=0,
		)


def get_enterprise_names(enterprises: list[str]) -> dict[str, str]:
	"""Credit code → enterprise name, for reports that show enterprises by name."""
	if not enterprises:
		return {}
	return dict(
		frappe.get_all(
			"Property Enterprise",
			filters={"name": ("in", enterprises)},
			fields=["name", "enterprise_name"],
			as_list=True,
		)
	)
