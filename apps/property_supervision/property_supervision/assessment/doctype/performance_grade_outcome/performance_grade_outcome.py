# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PerformanceGradeOutcome(Document):
	pass
