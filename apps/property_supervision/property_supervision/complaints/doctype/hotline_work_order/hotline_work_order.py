# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""A work order of the 12345 hotline as it arrived (SPEC §12).

Every order the hotline platform sends is kept here once, under its own order number, so the
same number sent again finds it. An order whose address matched a compound files its complaint
at once; one that matched none waits as `Awaiting Placement` until a district officer chooses
the compound and saves, which files the complaint then. Reporting back to the hotline is
api/hotline.py's business.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from property_supervision.rules.identifiers import mask_phone
from property_supervision.rules.phone import normalize_phone

AWAITING_PLACEMENT = "Awaiting Placement"
PLACED = "Placed"
HOTLINE_CHANNEL = "12345 Hotline"


class HotlineWorkOrder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		caller_name: DF.Data | None
		caller_phone: DF.Data | None
		caller_phone_masked: DF.Data | None
		category: DF.Link
		complaint: DF.Link | None
		compound: DF.Link | None
		content: DF.SmallText | None
		hotline_category: DF.Data | None
		hotline_deadline: DF.Date | None
		order_no: DF.Data
		received_at: DF.Datetime | None
		status: DF.Literal["Awaiting Placement", "Placed"]

	# end: auto-generated types
	def validate(self):
		self.validate_placement()
		self.set_masked_phone()

	def on_update(self):
		if self.status == AWAITING_PLACEMENT and self.compound:
			self.file_complaint()

	def set_masked_phone(self):
		"""The caller's phone is read in full by district officers only (data_protection/sensitive.py)."""
		self.caller_phone_masked = mask_phone(self.caller_phone) if self.caller_phone else None

	def validate_placement(self):
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if before.status == PLACED and (self.compound != before.compound or self.category != before.category):
			frappe.throw(
				_("The work order has been filed as complaint {0}: change the complaint instead.").format(
					before.complaint
				)
			)

	def file_complaint(self):
		"""The complaint of this order, received via the hotline at the hotline's time."""
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"complainant_name": self.caller_name or None,
				"is_anonymous": 0 if self.caller_name else 1,
				"complainant_phone": normalize_phone(self.caller_phone or ""),
				"compound": self.compound,
				"category": self.category,
				"description": self.content,
				"received_via": HOTLINE_CHANNEL,
				"received_on": self.received_at,
				"hotline_order_no": self.order_no,
				"hotline_deadline": self.hotline_deadline,
			}
		)
		complaint.flags.hotline_intake = True
		complaint.insert(ignore_permissions=True)
		self.db_set({"status": PLACED, "complaint": complaint.name}, update_modified=False)
		return complaint
