# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from urllib.parse import urlparse

import frappe
from frappe import _
from frappe.model.document import Document


class HotlineSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		callback_attempts: DF.Int
		callback_backoff_seconds: DF.Int
		callback_timeout_seconds: DF.Int
		callback_url: DF.Data | None
		default_category: DF.Link | None
		rate_limit: DF.Int
		signing_secret: DF.Password | None

	# end: auto-generated types
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
