# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from property_supervision.rules.phone import is_valid_phone


class SupervisionUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		contact_phone: DF.Data | None
		duties: DF.SmallText | None
		is_active: DF.Check
		is_supervision_office: DF.Check
		jurisdiction: DF.Link
		unit_name: DF.Data
		unit_type: DF.Literal[
			"Government Department",
			"Supervision Office",
			"Assessment Office",
			"Area Committee",
			"Subdistrict Office",
			"Community Committee",
			"Public Security",
			"Judicial",
			"Other",
		]

	# end: auto-generated types
	def validate(self):
		self.validate_phone()
		self.validate_single_supervision_office()

	def validate_phone(self):
		if self.contact_phone and not is_valid_phone(self.contact_phone):
			frappe.throw(
				_("Contact phone {0} is not a valid mainland mobile or landline number.").format(
					self.contact_phone
				)
			)

	def validate_single_supervision_office(self):
		if not self.is_supervision_office:
			return
		other = frappe.db.get_value(
			"Supervision Unit", {"is_supervision_office": 1, "name": ("!=", self.name or "")}, "name"
		)
		if other:
			frappe.throw(_("{0} is already the supervision office; there can be only one.").format(other))


def get_supervision_office() -> str | None:
	"""The unit marked as the district's property supervision office."""
	return frappe.db.get_value("Supervision Unit", {"is_supervision_office": 1, "is_active": 1}, "name")
