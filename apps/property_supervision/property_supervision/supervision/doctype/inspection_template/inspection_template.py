# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""An administrator's checklist for supervision inspections (shipped defaults in
supervision/defaults.py, created once per site and then the administrators')."""

import frappe
from frappe import _
from frappe.model.document import Document


class InspectionTemplate(Document):
	def validate(self):
		if not self.items:
			frappe.throw(_("An inspection template needs at least one checklist item."))
		seen = set()
		for row in self.items:
			item = (row.item or "").strip()
			if not item:
				frappe.throw(_("Checklist row {0}: enter the item.").format(row.idx))
			if item in seen:
				frappe.throw(_("Checklist row {0}: {1} is listed twice.").format(row.idx, item))
			seen.add(item)
			if (row.weight or 0) < 0:
				frappe.throw(_("Checklist row {0}: the weight cannot be negative.").format(row.idx))
