# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AssessmentCriterion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		criterion: DF.Data
		guidance: DF.SmallText | None
		indicator_key: DF.Literal[
			"",
			"Old Compound Coverage Rate",
			"Complaint Resolution Rate",
			"Complaint Overdue Rate",
			"Complaint Satisfaction Rate",
			"Publicity Compliance Rate",
			"Training Attendance Rate",
			"Credit Grade",
		]
		is_veto: DF.Check
		max_score: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
