# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CreditScoreLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		enterprise: DF.Link
		enterprise_name: DF.Data | None
		grade: DF.Literal["", "AAA", "AA", "A", "B", "C"]
		key_supervision: DF.Check
		log_date: DF.Date
		reason: DF.SmallText | None
		score: DF.Float
	# end: auto-generated types
	pass
