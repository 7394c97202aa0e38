# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

from frappe import _
from frappe.model.document import Document

from property_supervision.registry import facilities


class FacilityRectificationPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		average_progress: DF.Percent
		completed_count: DF.Int
		completion_rate: DF.Percent
		coordinating_unit: DF.Link | None
		item_count: DF.Int
		overdue_count: DF.Int
		plan_title: DF.Data | None
		remark: DF.SmallText | None
		survey_date: DF.Date | None
		total_budget: DF.Currency
		year: DF.Int
	# end: auto-generated types
	def validate(self):
		self.year = facilities.validate_year(self.year)
		self.plan_title = self.plan_title or _("{0} Residential Compound Facility Rectification Plan").format(
			self.year
		)

	def on_update(self):
		facilities.update_plan_figures(self.name)
