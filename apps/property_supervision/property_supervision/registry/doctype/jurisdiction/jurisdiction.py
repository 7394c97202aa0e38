# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from property_supervision.rules.jurisdiction import (
	ALLOWED_PARENT_TYPES,
	is_group_type,
	parent_type_allowed,
)


class Jurisdiction(NestedSet):
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
				_("The parent of a {0} must be a {1}.").format(
					_(self.jurisdiction_type), " / ".join(allowed)
				)
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

	def on_trash(self):
		super().on_trash(allow_root_deletion=True)

