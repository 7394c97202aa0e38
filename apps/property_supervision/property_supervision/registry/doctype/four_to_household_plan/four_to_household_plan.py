# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from property_supervision.permissions import department_officer_only
from property_supervision.registry import facilities, four_to_household
from property_supervision.rules import facilities as rules

# what the lead unit's officers may change: each compound's statuses, and the remark
DEPARTMENT_EDITABLE = ("remark",)


class FourtoHouseholdPlan(Document):
	def validate(self):
		self.year = facilities.validate_year(self.year)
		self.plan_title = self.plan_title or _("{0} Four-to-Household Renovation Plan").format(self.year)
		self.validate_department_edit()
		self.validate_targets()
		self.validate_compounds()
		self._pushes = four_to_household.sync_rows(self)
		four_to_household.calculate_progress(self)

	def validate_department_edit(self):
		if not department_officer_only():
			return
		before = self.get_doc_before_save()
		if not before:
			frappe.throw(_("Department officers cannot create four-to-household plans."))
		changed = [
			df.label
			for df in self.meta.fields
			if df.fieldtype not in frappe.model.no_value_fields
			and df.fieldtype != "Table"
			and not df.read_only
			and df.fieldname not in DEPARTMENT_EDITABLE
			and cstr_(self.get(df.fieldname)) != cstr_(before.get(df.fieldname))
		]
		if [(r.name, r.compound) for r in self.compounds] != [(r.name, r.compound) for r in before.compounds]:
			changed.append("Compounds")
		if changed:
			frappe.throw(
				_("Department officers may change only the compounds' statuses and the remark: {0}").format(
					"、".join(_(label) for label in changed)
				),
				title=_("Not Permitted for Department Officers"),
			)

	def validate_targets(self):
		if self.target_basis not in (rules.HOUSEHOLDS, rules.COMPOUNDS):
			frappe.throw(_("Please choose whether the targets count households or compounds."))
		for utility in rules.UTILITIES:
			if cint(self.get(f"target_{utility}")) < 0:
				frappe.throw(_("A target cannot be negative."))

	def validate_compounds(self):
		seen = set()
		for row in self.compounds:
			if row.compound in seen:
				frappe.throw(
					_("Row {0}: the compound {1} is in the plan already.").format(
						row.idx, row.compound_name or row.compound
					)
				)
			seen.add(row.compound)
			for utility in rules.UTILITIES:
				value = row.get(rules.compound_field(utility))
				if value and value not in rules.UTILITY_STATUSES:
					frappe.throw(_("Row {0}: please choose a valid status.").format(row.idx))

	def on_update(self):
		four_to_household.push_to_compounds(getattr(self, "_pushes", {}) or {}, except_plan=self.name)


def cstr_(value) -> str:
	return "" if value is None else str(value)
