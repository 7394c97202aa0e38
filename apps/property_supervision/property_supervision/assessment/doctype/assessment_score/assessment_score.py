# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AssessmentScore(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		criterion: DF.Data | None
		evidence: DF.Attach | None
		indicator_key: DF.Data | None
		indicator_value: DF.Data | None
		is_veto: DF.Check
		max_score: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remark: DF.SmallText | None
		score: DF.Float
		self_score: DF.Float
		veto_applies: DF.Check
	# end: auto-generated types
	pass
