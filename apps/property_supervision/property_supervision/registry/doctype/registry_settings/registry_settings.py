# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class RegistrySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		committee_filing_days: DF.Int
		committee_max_members: DF.Int
		committee_max_term_years: DF.Int
		committee_min_members: DF.Int
		committee_reelection_lead_months: DF.Int
		fallback_max_months: DF.Int
		handover_lead_days: DF.Int
		publicity_frequency_months: DF.Literal["6", "3"]
		publicity_grace_days: DF.Int
		rectification_days: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_committee_size()

	def validate_committee_size(self):
		if self.committee_min_members > self.committee_max_members:
			frappe.throw(_("The minimum number of committee members cannot exceed the maximum."))


def get_registry_settings():
	"""The settings document, from cache (single DocTypes keep their defaults when never saved)."""
	return frappe.get_cached_doc("Registry Settings")
