# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from urllib.parse import urlparse

import frappe
from frappe import _
from frappe.model.document import Document


class HotlineSettings(Document):
	def validate(self):
		self.validate_callback_url()

	def validate_callback_url(self):
		self.callback_url = (self.callback_url or "").strip()
		if not self.callback_url:
			return
		parsed = urlparse(self.callback_url)
		if parsed.scheme not in ("http", "https") or not parsed.netloc:
			frappe.throw(_("The callback URL must start with http:// or https:// and name a server."))


def create_hotline_settings() -> bool:
	"""Once per site (setup/defaults.py): work orders of unknown categories go to Other Matters
	unless an administrator empties the field (a field default would come back on every save)."""
	settings = frappe.get_single("Hotline Settings")
	if frappe.db.exists("Complaint Category", "Other Matters"):
		settings.default_category = "Other Matters"
	settings.save(ignore_permissions=True)
	return True
