# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OwnersAssemblyResolution(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area_abstain: DF.Float
		area_against: DF.Float
		area_for: DF.Float
		kind: DF.Literal["Ordinary", "Major"]
		matter: DF.Literal[
			"Committee Election",
			"Rules of Procedure",
			"Management Statute",
			"Property Service Enterprise",
			"Use of Maintenance Fund",
			"Raising of Maintenance Fund",
			"Rebuilding",
			"Use of Common Parts",
			"Other",
		]
		owners_abstain: DF.Int
		owners_against: DF.Int
		owners_for: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		passed: DF.Check
		title: DF.Data
	# end: auto-generated types

	pass
