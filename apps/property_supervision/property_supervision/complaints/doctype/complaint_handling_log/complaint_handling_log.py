# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ComplaintHandlingLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Data | None
		level: DF.Literal["", "Community", "Area", "District", "Joint Meeting"]
		log_time: DF.Datetime | None
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		satisfaction: DF.Literal["", "Satisfied", "Basically Satisfied", "Dissatisfied"]
		unit: DF.Link | None
		user: DF.Link | None
	# end: auto-generated types
	pass
