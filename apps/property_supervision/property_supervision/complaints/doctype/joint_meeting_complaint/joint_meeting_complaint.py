# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class JointMeetingComplaint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link
		compound: DF.Link | None
		decision: DF.SmallText | None
		is_upheld: DF.Check
		log_entry: DF.Data | None
		outcome: DF.Literal["Resolved", "Returned to Area", "Returned to District"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
