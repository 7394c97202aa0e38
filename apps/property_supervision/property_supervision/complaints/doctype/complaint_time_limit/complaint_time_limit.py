# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ComplaintTimeLimit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area_days: DF.Int
		category: DF.Link
		community_days: DF.Int
		district_days: DF.Int
		joint_meeting_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
