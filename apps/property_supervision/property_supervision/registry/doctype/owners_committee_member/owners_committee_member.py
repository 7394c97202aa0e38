# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OwnersCommitteeMember(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building_unit: DF.Data | None
		id_number: DF.Data | None
		member_name: DF.Data
		member_role: DF.Literal["Director", "Deputy Director", "Member"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		phone: DF.Data | None
		phone_masked: DF.Data | None
	# end: auto-generated types

	pass
