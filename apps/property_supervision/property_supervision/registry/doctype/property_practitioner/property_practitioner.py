# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from property_supervision.rules.identifiers import (
	id_number_error,
	mask_id_number,
	mask_phone,
	normalize_id_number,
)
from property_supervision.rules.phone import is_valid_phone, normalize_phone
from property_supervision.rules.practitioner import (
	MINIMUM_WORKING_AGE,
	employment_error,
	id_number_details,
)


class PropertyPractitioner(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		birth_date: DF.Date | None
		certificate_no: DF.Data | None
		enterprise: DF.Link
		enterprise_name: DF.Data | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data
		id_number_masked: DF.Data | None
		joined_on: DF.Date | None
		left_on: DF.Date | None
		phone: DF.Data | None
		phone_masked: DF.Data | None
		position: DF.Literal[
			"",
			"Project Manager",
			"Customer Service",
			"Security Guard",
			"Cleaner",
			"Maintenance Technician",
			"Landscaping",
			"Other",
		]
		status: DF.Literal["Active", "Left"]
	# end: auto-generated types

	def validate(self):
		self.validate_full_name()
		self.validate_id_number()
		self.validate_unique_id_number()
		self.validate_phone()
		self.set_identity_details()
		self.set_masked_fields()
		self.validate_employment()

	def validate_full_name(self):
		self.full_name = " ".join((self.full_name or "").split())
		if not self.full_name:
			frappe.throw(_("Enter the practitioner's full name."))

	def validate_id_number(self):
		# messages never repeat the number: they end up in import logs that others may read
		self.id_number = normalize_id_number(self.id_number)
		error = id_number_error(self.id_number)
		if error == "format":
			frappe.throw(_("The ID number must have 18 characters: 17 digits followed by a digit or X."))
		elif error == "birth_date":
			frappe.throw(_("Characters 7 to 14 of the ID number are not a valid date of birth."))
		elif error == "check":
			frappe.throw(_("The check digit (the last character) of the ID number is wrong."))

	def validate_unique_id_number(self):
		"""Refuse a second record of the same person here, before the database's unique index does."""
		if frappe.db.exists(
			"Property Practitioner", {"id_number": self.id_number, "name": ("!=", self.name)}
		):
			frappe.throw(
				_(
					"A practitioner with ID number {0} is already registered. A person who changes employer is transferred by the district supervision office."
				).format(mask_id_number(self.id_number)),
				frappe.UniqueValidationError,
			)

	def validate_phone(self):
		self.phone = normalize_phone(self.phone)
		if self.phone and not is_valid_phone(self.phone):
			frappe.throw(_("Phone {0} is not a valid mainland mobile or landline number.").format(self.phone))

	def set_identity_details(self):
		self.gender, self.birth_date = id_number_details(self.id_number)

	def set_masked_fields(self):
		self.id_number_masked = mask_id_number(self.id_number)
		self.phone_masked = mask_phone(self.phone) if self.phone else None

	def validate_employment(self):
		joined_on = getdate(self.joined_on) if self.joined_on else None
		left_on = getdate(self.left_on) if self.left_on else None
		error = employment_error(self.status, joined_on, left_on, getdate(self.birth_date))
		if error == "left_without_date":
			frappe.throw(_("Enter the date the practitioner left."))
		elif error == "active_with_left_on":
			frappe.throw(
				_("An active practitioner has no leaving date: clear Left On or set the status to Left.")
			)
		elif error == "left_before_joined":
			frappe.throw(_("Left On cannot be earlier than Joined On."))
		elif error == "under_age":
			frappe.throw(
				_("The practitioner must be at least {0} years old on the date they joined.").format(
					MINIMUM_WORKING_AGE
				)
			)
