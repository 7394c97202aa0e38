# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HandoverInspectionItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		defect_description: DF.SmallText | None
		item: DF.Literal[
			"Common Parts",
			"Common Facilities",
			"Equipment",
			"Green Space",
			"Property Office",
			"Drawings and Documents",
			"Other",
		]
		item_details: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rectification_due: DF.Date | None
		rectified: DF.Check
		rectified_on: DF.Date | None
		result: DF.Literal["Passed", "Defect Found"]
	# end: auto-generated types

	pass
