# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OwnersAssemblyPreparatoryMember(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		building_unit: DF.Data | None
		group_role: DF.Literal["Leader", "Deputy Leader", "Member"]
		member_name: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		representing: DF.Literal["Owners", "Subdistrict Office", "Community", "Developer", "Other"]
	# end: auto-generated types

	pass
