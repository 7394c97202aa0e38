# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TrainingAttendee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Check
		attendee_label: DF.Data | None
		attendee_type: DF.Literal["Enterprise", "Owners Committee", "Supervision Unit"]
		enterprise: DF.Link | None
		owners_committee: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		person_name: DF.Data | None
		score: DF.Float
		signed_in_at: DF.Datetime | None
		unit: DF.Link | None
	# end: auto-generated types
	pass
