# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Handover inspection (承接查验) of a compound by the enterprise taking it over from the developer.

The workflow "Handover Inspection Process" moves it Draft → In Progress → Completed / Rejected.
The controller derives the due date (before delivery), the default rectification deadlines and
the count of open defects, and refuses a completion that lacks team, items or conclusion."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.registry_settings.registry_settings import get_registry_settings
from property_supervision.rules.handover import (
	DEFECT_FOUND,
	conclusion_error,
	count_open_defects,
	inspection_due_date,
	is_inspection_late,
	rectification_due,
)


def _date(value):
	return getdate(value) if value else None


class HandoverInspection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.registry.doctype.handover_inspection_item.handover_inspection_item import (
			HandoverInspectionItem,
		)
		from property_supervision.registry.doctype.handover_inspection_team_member.handover_inspection_team_member import (
			HandoverInspectionTeamMember,
		)

		compound: DF.Link
		compound_name: DF.Data | None
		conclusion: DF.Literal["", "Passed", "Passed with Rectification", "Not Passed"]
		conclusion_details: DF.Text | None
		delivery_date: DF.Date | None
		developer_name: DF.Data | None
		enterprise: DF.Link
		enterprise_name: DF.Data | None
		inspection_date: DF.Date | None
		inspection_due_date: DF.Date | None
		inspection_late: DF.Check
		items: DF.Table[HandoverInspectionItem]
		jurisdiction: DF.Link | None
		open_defects: DF.Int
		team: DF.Table[HandoverInspectionTeamMember]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		settings = get_registry_settings()
		self.set_inspection_due_date(settings)
		self.set_inspection_late()
		self.validate_items(settings)
		self.calculate_open_defects()
		self.validate_conclusion()
		self.validate_completion()

	def set_inspection_due_date(self, settings):
		self.inspection_due_date = inspection_due_date(_date(self.delivery_date), settings.handover_lead_days)

	def set_inspection_late(self):
		self.inspection_late = int(
			is_inspection_late(_date(self.inspection_date), _date(self.inspection_due_date))
		)

	def validate_items(self, settings):
		inspected = _date(self.inspection_date)
		today = getdate(nowdate())
		for row in self.items:
			if row.result != DEFECT_FOUND:
				# nothing to rectify
				row.rectification_due = row.rectified_on = None
				row.rectified = 0
				continue
			if not (row.defect_description or "").strip():
				frappe.throw(_("Row {0}: describe the defect found.").format(row.idx))
			if not row.rectification_due:
				row.rectification_due = rectification_due(inspected, settings.rectification_days)
			if inspected and row.rectification_due and getdate(row.rectification_due) < inspected:
				frappe.throw(
					_("Row {0}: the rectification deadline cannot be before the inspection.").format(row.idx)
				)
			if row.rectified and not row.rectified_on:
				row.rectified_on = nowdate()
			if row.rectified_on:
				rectified_on = getdate(row.rectified_on)
				if rectified_on > today:
					frappe.throw(
						_("Row {0}: the rectification date cannot be in the future.").format(row.idx)
					)
				if inspected and rectified_on < inspected:
					frappe.throw(
						_("Row {0}: a defect cannot be rectified before the inspection.").format(row.idx)
					)
				row.rectified = 1

	def calculate_open_defects(self):
		self.open_defects = count_open_defects([(row.result, row.rectified) for row in self.items])

	def validate_conclusion(self):
		defects_found = sum(1 for row in self.items if row.result == DEFECT_FOUND)
		error = conclusion_error(self.conclusion, self.open_defects, defects_found)
		if error == "open_defects":
			frappe.throw(
				_("The conclusion cannot be Passed while {0} defects are still open.").format(
					self.open_defects
				)
			)
		if error == "no_defects":
			frappe.throw(_("Passed with Rectification needs at least one defect found."))

	def validate_completion(self):
		if not meanings.is_state(self.doctype, self.workflow_state, meanings.COMPLETED):
			return
		if not self.inspection_date:
			frappe.throw(_("Enter the inspection date before completing the inspection."))
		if not self.team:
			frappe.throw(_("Add the inspection team before completing the inspection."))
		if not self.items:
			frappe.throw(_("Record the inspected items before completing the inspection."))
		if not self.conclusion:
			frappe.throw(_("Enter the conclusion before completing the inspection."))
