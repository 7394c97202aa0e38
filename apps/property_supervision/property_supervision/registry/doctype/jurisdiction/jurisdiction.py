# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from property_supervision import shared_cache
from property_supervision.rules.jurisdiction import (
	ALLOWED_PARENT_TYPES,
	AREA_COMMITTEE,
	COMMUNITY,
	DISTRICT,
	SUBDISTRICT,
	is_group_type,
	parent_type_allowed,
)

# the Supervision Unit that handles complaints at each level of the tree (SPEC §3 Complaints):
# one per community (created with it), the reference units of the areas and subdistricts
UNIT_TYPES = {
	COMMUNITY: "Community Committee",
	AREA_COMMITTEE: "Area Committee",
	SUBDISTRICT: "Subdistrict Office",
}


class Jurisdiction(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		contact_phone: DF.Data | None
		is_group: DF.Check
		jurisdiction_name: DF.Data
		jurisdiction_type: DF.Literal["District", "Area Committee", "Subdistrict", "Community"]
		lft: DF.Int
		old_parent: DF.Link | None
		parent_jurisdiction: DF.Link | None
		region_code: DF.Data | None
		rgt: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_jurisdiction"

	def validate(self):
		self.validate_type_change()
		self.validate_parent_type()
		self.set_is_group()

	def validate_parent_type(self):
		parent_type = None
		if self.parent_jurisdiction:
			if self.parent_jurisdiction == self.name:
				frappe.throw(_("A jurisdiction cannot be its own parent."))
			parent_type = frappe.db.get_value("Jurisdiction", self.parent_jurisdiction, "jurisdiction_type")
			if parent_type is None:
				frappe.throw(_("Parent jurisdiction {0} does not exist.").format(self.parent_jurisdiction))
		if not parent_type_allowed(self.jurisdiction_type, parent_type):
			allowed = [_(t) for t in ALLOWED_PARENT_TYPES.get(self.jurisdiction_type, ()) if t]
			if not allowed:
				frappe.throw(
					_("A {0} is the root of the tree and cannot have a parent jurisdiction.").format(
						_(self.jurisdiction_type)
					)
				)
			frappe.throw(
				_("The parent of a {0} must be a {1}.").format(_(self.jurisdiction_type), " / ".join(allowed))
			)

	def validate_type_change(self):
		if self.is_new() or is_group_type(self.jurisdiction_type):
			return
		if frappe.db.exists("Jurisdiction", {"parent_jurisdiction": self.name}):
			frappe.throw(
				_("{0} has subordinate jurisdictions and cannot become a {1}.").format(
					self.name, _(self.jurisdiction_type)
				)
			)

	def set_is_group(self):
		self.is_group = 1 if is_group_type(self.jurisdiction_type) else 0

	def after_insert(self):
		if self.jurisdiction_type == COMMUNITY:
			get_unit_for_jurisdiction(self.name)

	def on_trash(self):
		self.delete_community_unit()
		super().on_trash(allow_root_deletion=True)

	def delete_community_unit(self):
		"""The community's own unit goes with it (still refused while complaints link to it)."""
		if self.jurisdiction_type != COMMUNITY:
			return
		unit = frappe.db.get_value(
			"Supervision Unit", {"jurisdiction": self.name, "unit_type": UNIT_TYPES[COMMUNITY]}, "name"
		)
		if unit:
			frappe.delete_doc("Supervision Unit", unit, ignore_permissions=True)


def get_unit_for_jurisdiction(jurisdiction: str, create: bool = True) -> str | None:
	"""The Supervision Unit that handles complaints for a jurisdiction: the supervision office for
	the district, the area committee or subdistrict office for an area, the community committee
	for a community. A community's unit is created when missing (get-or-create), so communities
	made before units existed work too. Kept in Redis per jurisdiction (every complaint filed asks
	for its community's unit), forgotten when a unit or a jurisdiction changes (shared_cache.py)."""
	if not jurisdiction:
		return None
	return shared_cache.read(
		shared_cache.HANDLING_UNITS, lambda: _read_unit_for_jurisdiction(jurisdiction, create), jurisdiction
	)


def _read_unit_for_jurisdiction(jurisdiction: str, create: bool) -> str | None:
	from property_supervision.registry.doctype.supervision_unit.supervision_unit import (
		get_supervision_office,
	)

	# the jurisdiction's type and its active unit of that type in one query (every complaint filed
	# asks for its community's unit)
	row = frappe.db.sql(
		f"""select j.jurisdiction_type, (
			select u.name from `tabSupervision Unit` u
			where u.jurisdiction = j.name and u.is_active = 1 and u.unit_type = case j.jurisdiction_type
				{" ".join("when %s then %s" for _ in UNIT_TYPES)} end
			order by u.modified desc limit 1)
		from `tabJurisdiction` j where j.name = %s""",
		(*(value for pair in UNIT_TYPES.items() for value in pair), jurisdiction),
	)
	jurisdiction_type, unit = row[0] if row else (None, None)
	if not jurisdiction_type:
		return None
	if jurisdiction_type == DISTRICT:
		return get_supervision_office()
	if unit:
		return unit
	if frappe.db.exists("Supervision Unit", jurisdiction):
		return jurisdiction
	if not create or jurisdiction_type != COMMUNITY:
		return None
	return _create_community_unit(jurisdiction)


def _create_community_unit(community: str) -> str:
	"""Insert the community's unit; a concurrent request that created it first wins."""
	frappe.db.savepoint("community_unit")
	try:
		frappe.get_doc(
			{
				"doctype": "Supervision Unit",
				"unit_name": community,
				"unit_type": UNIT_TYPES[COMMUNITY],
				"jurisdiction": community,
			}
		).insert(ignore_permissions=True)
	except frappe.DuplicateEntryError:
		frappe.db.rollback(save_point="community_unit")
		frappe.clear_last_message()
	return community
