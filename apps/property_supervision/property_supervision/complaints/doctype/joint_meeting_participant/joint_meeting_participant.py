# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class JointMeetingParticipant(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Check
		attendee: DF.Data | None
		attendee_role: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		unit: DF.Link
	# end: auto-generated types
	pass
