# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class RegistrySettings(Document):
	def validate(self):
		self.validate_committee_size()

	def validate_committee_size(self):
		if self.committee_min_members > self.committee_max_members:
			frappe.throw(_("The minimum number of committee members cannot exceed the maximum."))


def get_registry_settings():
	"""The settings document, from cache (single DocTypes keep their defaults when never saved)."""
	return frappe.get_cached_doc("Registry Settings")
