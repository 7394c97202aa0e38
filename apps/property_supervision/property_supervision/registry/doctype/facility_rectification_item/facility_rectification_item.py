# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from property_supervision.permissions import department_officer_only
from property_supervision.registry import facilities
from property_supervision.rules import facilities as rules

# what a lead department's officer may change on their unit's items
DEPARTMENT_EDITABLE = ("status", "progress", "remark")
# derived here, never typed
DERIVED = ("compound_name", "jurisdiction", "is_overdue", "completed_on")


class FacilityRectificationItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		budget: DF.Currency
		completed_on: DF.Date | None
		compound: DF.Link
		compound_issue: DF.Data | None
		compound_name: DF.Data | None
		description: DF.SmallText | None
		is_overdue: DF.Check
		issue_type: DF.Literal[
			"Parking Shortage",
			"No Property Office",
			"Aged Water Supply and Drainage",
			"Damaged Roads",
			"Other",
		]
		jurisdiction: DF.Link | None
		lead_unit: DF.Link
		plan: DF.Link
		progress: DF.Percent
		remark: DF.SmallText | None
		status: DF.Literal["Not Started", "In Progress", "Completed", "Cancelled"]
		target_date: DF.Date

	# end: auto-generated types
	def validate(self):
		self.validate_department_edit()
		self.validate_progress()
		self.validate_budget()
		self.validate_plan_year()
		self.validate_single_item_per_issue()
		self.set_completed_on()
		self.set_overdue()

	def validate_department_edit(self):
		"""A Department Officer updates only the progress, status and remark of an existing item."""
		if not department_officer_only():
			return
		before = self.get_doc_before_save()
		if not before:
			frappe.throw(_("Department officers cannot create facility rectification items."))
		changed = [
			df.label
			for df in self.meta.fields
			if df.fieldtype not in frappe.model.no_value_fields
			and df.fieldname not in DEPARTMENT_EDITABLE + DERIVED
			and not _same(df.fieldtype, self.get(df.fieldname), before.get(df.fieldname))
		]
		if changed:
			frappe.throw(
				_(
					"Department officers may change only the status, progress and remark of an item: {0}"
				).format("、".join(_(label) for label in changed)),
				title=_("Not Permitted for Department Officers"),
			)

	def validate_progress(self):
		if self.status not in rules.ITEM_STATUSES:
			frappe.throw(_("Please choose a valid status for the item."))
		try:
			self.status, self.progress = rules.normalised_progress(self.status, self.progress)
		except ValueError:
			frappe.throw(_("Progress must be between 0 and 100 percent."))

	def validate_budget(self):
		if flt(self.budget) < 0:
			frappe.throw(_("The budget cannot be negative."))

	def validate_plan_year(self):
		year = frappe.db.get_value(facilities.PLAN, self.plan, "year")
		if year and self.target_date and getdate(self.target_date).year < cint(year):
			frappe.throw(_("The target date cannot lie before the plan year {0}.").format(year))

	def validate_single_item_per_issue(self):
		if not self.compound_issue:
			return
		other = frappe.db.exists(
			facilities.ITEM,
			{"plan": self.plan, "compound_issue": self.compound_issue, "name": ("!=", self.name)},
		)
		if other:
			frappe.throw(_("This compound issue already has an item in the plan: {0}").format(other))

	def set_completed_on(self):
		if self.status == rules.COMPLETED:
			self.completed_on = self.completed_on or today()
		else:
			self.completed_on = None

	def set_overdue(self):
		self.is_overdue = cint(
			rules.is_overdue(
				getdate(self.target_date) if self.target_date else None, self.status, getdate(today())
			)
		)

	def on_update(self):
		before = self.get_doc_before_save()
		if self.is_overdue and not (before and before.is_overdue):
			facilities.raise_overdue(self)
		self.update_compound_issue()
		facilities.update_plan_figures(self.plan)
		if before and before.plan != self.plan:
			facilities.update_plan_figures(before.plan)

	def update_compound_issue(self):
		"""The compound's own issue row follows its item (Resolved when the item is completed)."""
		status = rules.ISSUE_STATUS_BY_ITEM.get(self.status)
		if self.compound_issue and status:
			frappe.db.set_value(
				"Compound Facility Issue", self.compound_issue, "status", status, update_modified=False
			)

	def after_delete(self):
		facilities.update_plan_figures(self.plan)


def _same(fieldtype: str, a, b) -> bool:
	if fieldtype in ("Int", "Check"):
		return cint(a) == cint(b)
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(a) == flt(b)
	if fieldtype in ("Date", "Datetime"):
		return (getdate(a) if a else None) == (getdate(b) if b else None)
	return (a or "") == (b or "")
