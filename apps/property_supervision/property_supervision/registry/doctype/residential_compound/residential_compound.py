# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from property_supervision.rules.jurisdiction import COMMUNITY
from property_supervision.rules.management import (
	ACTIVE,
	NO_MANAGEMENT,
	completion_year_range,
	is_fallback_overdue,
)

# Written only through set_management (by Service Contract and Takeover Plan) and by the daily
# fallback check; a user's edit of them is discarded.
MANAGEMENT_FIELDS = (
	"management_mode",
	"current_enterprise",
	"managed_since",
	"separation_violation",
	"fallback_overdue",
)
MANAGEMENT_DEFAULTS = {
	"management_mode": NO_MANAGEMENT,
	"current_enterprise": None,
	"managed_since": None,
	"separation_violation": 0,
	"fallback_overdue": 0,
}
COUNT_FIELDS = ("building_count", "household_count", "floor_area")
OPEN_ISSUE_STATUS = "In Progress"


class ResidentialCompound(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.registry.doctype.compound_facility_issue.compound_facility_issue import (
			CompoundFacilityIssue,
		)

		address: DF.SmallText | None
		building_count: DF.Int
		completion_year: DF.Int
		compound_name: DF.Data
		current_enterprise: DF.Link | None
		developer_name: DF.Data | None
		facility_issues: DF.Table[CompoundFacilityIssue]
		fallback_overdue: DF.Check
		floor_area: DF.Float
		gas_to_household: DF.Literal["Not Started", "In Progress", "Completed", "Not Applicable"]
		heating_to_household: DF.Literal["Not Started", "In Progress", "Completed", "Not Applicable"]
		household_count: DF.Int
		is_old_compound: DF.Check
		jurisdiction: DF.Link
		managed_since: DF.Date | None
		management_mode: DF.Literal[
			"None", "Professional Enterprise", "Owner Self-managed", "Fallback Agency", "Custodian"
		]
		power_to_household: DF.Literal["Not Started", "In Progress", "Completed", "Not Applicable"]
		separation_violation: DF.Check
		water_to_household: DF.Literal["Not Started", "In Progress", "Completed", "Not Applicable"]
	# end: auto-generated types

	def validate(self):
		self.validate_jurisdiction()
		self.validate_counts()
		self.validate_completion_year()
		self.validate_facility_issues()
		self.set_management_fields()

	def on_update(self):
		self.update_fetched_jurisdiction()

	def update_fetched_jurisdiction(self):
		"""Records that carry the compound's community (fetched from `compound.jurisdiction`, the
		link their User Permissions apply to) follow the compound when it moves."""
		if self.is_new() or not self.has_value_changed("jurisdiction"):
			return
		for doctype, fieldname in linked_jurisdiction_fields():
			frappe.db.set_value(
				doctype,
				{"compound": self.name, fieldname: ("!=", self.jurisdiction)},
				fieldname,
				self.jurisdiction,
				update_modified=False,
			)

	def validate_jurisdiction(self):
		if not self.jurisdiction:
			return
		jurisdiction_type = frappe.db.get_value("Jurisdiction", self.jurisdiction, "jurisdiction_type")
		if jurisdiction_type is None:
			frappe.throw(_("Jurisdiction {0} does not exist.").format(self.jurisdiction))
		if jurisdiction_type != COMMUNITY:
			frappe.throw(
				_("A compound belongs to a community, but {0} is a {1}.").format(
					self.jurisdiction, _(jurisdiction_type)
				)
			)

	def validate_counts(self):
		for fieldname in COUNT_FIELDS:
			if flt(self.get(fieldname)) < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))))

	def validate_completion_year(self):
		if not self.completion_year:
			return
		earliest, latest = completion_year_range(getdate(today()))
		if not earliest <= cint(self.completion_year) <= latest:
			frappe.throw(
				_("The completion year {0} must lie between {1} and {2}.").format(
					self.completion_year, earliest, latest
				)
			)

	def validate_facility_issues(self):
		"""An issue being rectified needs a lead unit and a deadline; a merely recorded one does not."""
		# that the lead unit exists is checked by Frappe's link validation before validate() runs
		for row in self.facility_issues:
			if row.status == OPEN_ISSUE_STATUS:
				if not row.lead_unit:
					frappe.throw(
						_("Facility issue row {0} is in progress and needs a lead unit.").format(row.idx)
					)
				if not row.due_date:
					frappe.throw(
						_("Facility issue row {0} is in progress and needs a due date.").format(row.idx)
					)

	def set_management_fields(self):
		"""Discard edits of the management fields: they follow contracts and takeover plans."""
		if self.flags.setting_management:
			return
		before = None if self.is_new() else self.get_doc_before_save()
		for fieldname in MANAGEMENT_FIELDS:
			self.set(fieldname, before.get(fieldname) if before else MANAGEMENT_DEFAULTS[fieldname])


def set_management(
	compound: str,
	mode: str,
	enterprise: str | None = None,
	since=None,
	update_modified: bool = True,
) -> bool:
	"""The one place that writes how a compound is managed. Called by Service Contract (an active
	contract starts or ends) and Takeover Plan (a takeover is completed).

	`separation_violation` follows the compound's active developer-affiliated contract and
	`fallback_overdue` follows the fallback limit, so both are derived here as well.
	Returns True when anything changed. A Version records the change on the compound."""
	from property_supervision.registry.doctype.registry_settings.registry_settings import (
		get_registry_settings,
	)

	managed = mode and mode != NO_MANAGEMENT
	since = getdate(since) if managed and since else None
	values = {
		"management_mode": mode if managed else NO_MANAGEMENT,
		"current_enterprise": enterprise if managed else None,
		"managed_since": since,
		"separation_violation": 1 if managed and has_affiliated_active_contract(compound) else 0,
		"fallback_overdue": 1
		if is_fallback_overdue(mode, since, getdate(today()), get_registry_settings().fallback_max_months)
		else 0,
	}
	doc = frappe.get_doc("Residential Compound", compound)
	current = {
		"management_mode": doc.management_mode or NO_MANAGEMENT,
		"current_enterprise": doc.current_enterprise or None,
		"managed_since": getdate(doc.managed_since) if doc.managed_since else None,
		"separation_violation": cint(doc.separation_violation),
		"fallback_overdue": cint(doc.fallback_overdue),
	}
	if current == values:
		return False
	doc.flags.setting_management = True
	doc.db_set(values, update_modified=update_modified)
	doc.save_version()
	return True


def linked_jurisdiction_fields() -> list[tuple[str, str]]:
	"""(DocType, fieldname) of every field that fetches a compound's jurisdiction through a
	`compound` link."""
	fields = frappe.get_all(
		"DocField",
		filters={"fetch_from": "compound.jurisdiction", "parenttype": "DocType"},
		fields=["parent", "fieldname"],
	) + frappe.get_all(
		"Custom Field", filters={"fetch_from": "compound.jurisdiction"}, fields=["dt as parent", "fieldname"]
	)
	return [
		(f.parent, f.fieldname)
		for f in fields
		if not frappe.get_meta(f.parent).istable and frappe.get_meta(f.parent).has_field("compound")
	]


def has_affiliated_active_contract(compound: str) -> bool:
	return bool(
		frappe.db.exists(
			"Service Contract", {"compound": compound, "status": ACTIVE, "developer_affiliated": 1}
		)
	)
