# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class FacilitySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from property_supervision.registry.doctype.facility_lead_unit.facility_lead_unit import FacilityLeadUnit

		coordinating_unit: DF.Link | None
		lead_units: DF.Table[FacilityLeadUnit]
		target_month: DF.Int
	# end: auto-generated types
	def validate(self):
		self.validate_lead_units()
		self.validate_target_month()

	def validate_lead_units(self):
		seen = set()
		for row in self.lead_units:
			if row.issue_type in seen:
				frappe.throw(
					_("Row {0}: the issue type {1} has a lead unit already.").format(
						row.idx, _(row.issue_type)
					)
				)
			seen.add(row.issue_type)

	def validate_target_month(self):
		if not 1 <= (self.target_month or 0) <= 12:
			frappe.throw(_("The target month must be between 1 and 12."))

	def on_update(self):
		frappe.clear_document_cache(self.doctype, self.name)
