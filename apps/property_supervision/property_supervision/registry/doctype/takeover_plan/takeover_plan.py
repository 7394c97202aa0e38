# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import itertools

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.registry_settings.registry_settings import get_registry_settings
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES
from property_supervision.rules.management import (
	FALLBACK_AGENCY,
	FALLBACK_AGENCY_MODE,
	NO_MANAGEMENT,
	TAKEOVER_MODES_NEEDING_ENTERPRISE,
	is_fallback_overdue,
	management_mode_for_takeover,
)
from property_supervision.utils import sweep

# the meanings of its workflow's states (workflow_meanings.py): a plan is open until completed
OPEN_MEANINGS = (meanings.DRAFT, meanings.IN_PROGRESS)


class TakeoverPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agency_name: DF.Data | None
		completed_on: DF.Date | None
		compound: DF.Link
		compound_name: DF.Data | None
		enterprise: DF.Link | None
		jurisdiction: DF.Link | None
		notes: DF.TextEditor | None
		planned_date: DF.Date | None
		responsible_jurisdiction: DF.Link
		takeover_mode: DF.Literal[
			"",
			"Single Introduction",
			"Nearby Custody",
			"Bundled Package",
			"Fallback Agency",
			"Custodian",
			"Owner Self-management",
		]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_responsible_jurisdiction()
		self.validate_compound()
		self.validate_single_open_plan()
		self.validate_responsible_jurisdiction()
		self.validate_enterprise_or_agency()
		self.set_completed_on()

	def on_update(self):
		self.take_over_compound()

	# validation

	def is_open(self) -> bool:
		return not self.workflow_state or meanings.is_state(self.doctype, self.workflow_state, *OPEN_MEANINGS)

	def reaches_completion(self) -> bool:
		before = self.get_doc_before_save()
		completed = meanings.states(self.doctype, meanings.COMPLETED)
		return self.workflow_state in completed and (not before or before.workflow_state not in completed)

	def set_responsible_jurisdiction(self):
		"""By default the area committee or subdistrict office above the compound's community."""
		if not self.responsible_jurisdiction and self.jurisdiction:
			self.responsible_jurisdiction = frappe.db.get_value(
				"Jurisdiction", self.jurisdiction, "parent_jurisdiction"
			)

	def validate_compound(self):
		if not (self.is_open() or self.reaches_completion()):
			return
		compound = frappe.db.get_value(
			"Residential Compound",
			self.compound,
			["compound_name", "is_old_compound", "management_mode"],
			as_dict=True,
		)
		if not compound:
			return  # link validation reports it
		if not compound.is_old_compound:
			frappe.throw(
				_(
					"{0} is not an old compound; takeover plans are for old compounds without property management."
				).format(compound.compound_name)
			)
		if (compound.management_mode or NO_MANAGEMENT) != NO_MANAGEMENT:
			frappe.throw(
				_(
					"{0} is already managed ({1}); a takeover plan is only for a compound without management."
				).format(compound.compound_name, _(compound.management_mode))
			)

	def validate_single_open_plan(self):
		if not self.is_open():
			return
		other = frappe.db.get_value(
			"Takeover Plan",
			{
				"compound": self.compound,
				"workflow_state": ("in", meanings.states(self.doctype, *OPEN_MEANINGS) or [""]),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("{0} already has an open takeover plan {1}.").format(
					self.compound_name or self.compound, other
				)
			)

	def validate_responsible_jurisdiction(self):
		if not self.responsible_jurisdiction:
			return
		jurisdiction_type = frappe.db.get_value(
			"Jurisdiction", self.responsible_jurisdiction, "jurisdiction_type"
		)
		if jurisdiction_type not in AREA_LEVEL_TYPES:
			frappe.throw(
				_(
					"The responsible jurisdiction must be an area committee or a subdistrict office; {0} is a {1}."
				).format(self.responsible_jurisdiction, _(jurisdiction_type or ""))
			)

	def validate_enterprise_or_agency(self):
		if self.takeover_mode in TAKEOVER_MODES_NEEDING_ENTERPRISE and not self.enterprise:
			frappe.throw(
				_("Choose the property enterprise for the takeover mode {0}.").format(_(self.takeover_mode))
			)
		if (
			self.takeover_mode == FALLBACK_AGENCY_MODE
			and not self.enterprise
			and not (self.agency_name or "").strip()
		):
			frappe.throw(_("Enter the fallback agency's name or choose its property enterprise."))
		if self.enterprise and self.reaches_completion():
			state = frappe.db.get_value("Property Enterprise", self.enterprise, "workflow_state")
			if not meanings.is_state("Property Enterprise", state, meanings.FILED):
				frappe.throw(
					_("{0} is not filed ({1}); only a filed enterprise can take over a compound.").format(
						frappe.db.get_value("Property Enterprise", self.enterprise, "enterprise_name"),
						_(state or meanings.state("Property Enterprise", meanings.DRAFT) or ""),
					)
				)

	def set_completed_on(self):
		if self.completed_on and getdate(self.completed_on) > getdate(today()):
			frappe.throw(_("The completion date cannot be in the future."))
		if self.reaches_completion() and not self.completed_on:
			self.completed_on = today()

	# effects

	def take_over_compound(self):
		"""A completed takeover brings the compound under management, which the coverage counts."""
		if not self.reaches_completion():
			return
		set_management(
			self.compound,
			management_mode_for_takeover(self.takeover_mode),
			self.enterprise,
			self.completed_on or today(),
		)
		self.add_comment(
			"Info",
			_("The compound came under management: {0}.").format(
				_(management_mode_for_takeover(self.takeover_mode))
			),
		)


def flag_overdue_fallback_service() -> int:
	"""Daily: flag compounds a fallback agency has served longer than Registry Settings allows,
	and clear the flag where that no longer holds. Reads only compounds in fallback service not
	yet flagged, or flagged; writes only those whose flag changes (without touching `modified`): a
	second run on the same day writes nothing. Returns the number changed (utils/sweep.py)."""
	max_months = cint(get_registry_settings().fallback_max_months)
	now = getdate(today())
	fields = ["management_mode", "managed_since", "fallback_overdue"]
	rows = itertools.chain(
		sweep.candidates(
			"Residential Compound",
			[["management_mode", "=", FALLBACK_AGENCY], ["fallback_overdue", "=", 0]],
			fields,
		),
		sweep.candidates("Residential Compound", [["fallback_overdue", "=", 1]], fields),
	)

	def update_flag(row):
		overdue = int(is_fallback_overdue(row.management_mode, row.managed_since, now, max_months))
		if overdue == cint(row.fallback_overdue):
			return sweep.SKIPPED
		frappe.db.set_value(
			"Residential Compound", row.name, "fallback_overdue", overdue, update_modified=False
		)
		return "changed"

	counts = sweep.run(
		rows,
		update_flag,
		title=lambda row: f"Could not update the fallback service flag of {row.name}",
		reference_doctype="Residential Compound",
	)
	return counts["changed"]
