# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from property_supervision.rules.owners_assembly import fraction


class RegistrySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assembly_major_denominator: DF.Int
		assembly_major_numerator: DF.Int
		assembly_notice_days: DF.Int
		assembly_ordinary_denominator: DF.Int
		assembly_ordinary_numerator: DF.Int
		assembly_participation_denominator: DF.Int
		assembly_participation_numerator: DF.Int
		committee_filing_days: DF.Int
		committee_max_members: DF.Int
		committee_max_term_years: DF.Int
		committee_min_members: DF.Int
		committee_reelection_lead_months: DF.Int
		fallback_max_months: DF.Int
		handover_lead_days: DF.Int
		key_on_separation_violation: DF.Check
		publicity_frequency_months: DF.Literal["6", "3"]
		publicity_grace_days: DF.Int
		rectification_days: DF.Int
		separation_credit_rule: DF.Link | None

	# end: auto-generated types
	def validate(self):
		self.validate_committee_size()
		self.validate_assembly_thresholds()

	def validate_committee_size(self):
		if self.committee_min_members > self.committee_max_members:
			frappe.throw(_("The minimum number of committee members cannot exceed the maximum."))

	def validate_assembly_thresholds(self):
		for label, prefix in (
			("participation", "assembly_participation"),
			("ordinary matters", "assembly_ordinary"),
			("major matters", "assembly_major"),
		):
			try:
				fraction(self.get(f"{prefix}_numerator"), self.get(f"{prefix}_denominator"))
			except ValueError:
				frappe.throw(
					_(
						"The threshold for {0} of owners' assemblies must be a fraction between 0 and 1 (numerator at least 1, not above the denominator)."
					).format(_(label))
				)


def assembly_thresholds(settings=None) -> dict:
	"""The thresholds of 民法典 第二百七十八条 as set: {"participation", "ordinary", "major"} as fractions."""
	settings = settings or get_registry_settings()
	return {
		key: fraction(settings.get(f"assembly_{key}_numerator"), settings.get(f"assembly_{key}_denominator"))
		for key in ("participation", "ordinary", "major")
	}


def get_registry_settings():
	"""The settings document, from cache (single DocTypes keep their defaults when never saved)."""
	return frappe.get_cached_doc("Registry Settings")


# the default credit rule of a separation violation (credit/defaults.py: BL-06)
SEPARATION_RULE_CODE = "BL-06"


def set_separation_credit_rule() -> bool:
	"""Shipped default, once per site (setup/defaults.py): Registry Settings name the rule BL-06 for
	a separation violation when it exists. True once done (also when there is no such rule)."""
	if not frappe.db.exists("DocType", "Credit Rule"):
		return False
	if not frappe.db.get_single_value("Registry Settings", "separation_credit_rule") and frappe.db.exists(
		"Credit Rule", SEPARATION_RULE_CODE
	):
		frappe.db.set_single_value("Registry Settings", "separation_credit_rule", SEPARATION_RULE_CODE)
		frappe.clear_document_cache("Registry Settings", "Registry Settings")
	return True
