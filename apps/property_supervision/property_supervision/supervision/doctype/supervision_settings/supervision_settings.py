# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint


class SupervisionSettings(Document):
	def validate(self):
		if cint(self.rectification_days) < 1:
			frappe.throw(_("The rectification period must be at least one day."))
		if cint(self.key_inspection_frequency_months) < 0:
			frappe.throw(_("The key supervision inspection frequency cannot be negative."))
		for fieldname in ("overdue_credit_rule", "refused_credit_rule"):
			rule = self.get(fieldname)
			if rule and (frappe.db.get_value("Credit Rule", rule, "points") or 0) >= 0:
				frappe.throw(
					_("{0}: credit rule {1} must deduct points.").format(
						_(self.meta.get_label(fieldname)), rule
					)
				)
