# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Owners' assembly (业主大会) of a compound: notice, attendance, votes and result.

The workflow "Owners Assembly Meeting" moves it Preparing → Notice Published → Held → Result
Published (found by meaning, workflow_meanings.py). The notice period and the thresholds of
民法典 第二百七十八条 are Registry Settings; the arithmetic is rules/owners_assembly.py. Whether a
resolution passed is always computed here, never entered. An owners' committee is recorded as
elected only from an assembly of its compound whose election resolution passed
(`election_error`, called by Owners Committee)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.registry_settings.registry_settings import (
	assembly_thresholds,
	get_registry_settings,
)
from property_supervision.rules.owners_assembly import (
	ELECTION,
	MATTER_KINDS,
	ORDINARY,
	notice_error,
	participation_reached,
	resolution_passed,
	share,
	votes_error,
)

DOCTYPE = "Owners Assembly"
# meanings of the states in which the meeting has been held
HELD_MEANINGS = (meanings.HELD, meanings.PUBLISHED)
NOTICED_MEANINGS = (meanings.NOTICE_PUBLISHED, *HELD_MEANINGS)


class OwnersAssembly(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.registry.doctype.owners_assembly_preparatory_member.owners_assembly_preparatory_member import (
			OwnersAssemblyPreparatoryMember,
		)
		from property_supervision.registry.doctype.owners_assembly_resolution.owners_assembly_resolution import (
			OwnersAssemblyResolution,
		)

		agenda: DF.SmallText | None
		area_present: DF.Float
		area_share: DF.Percent
		assembly_type: DF.Literal["First Assembly", "Regular Meeting", "Extraordinary Meeting", "Re-election"]
		compound: DF.Link
		compound_name: DF.Data | None
		election_passed: DF.Check
		jurisdiction: DF.Link | None
		meeting_date: DF.Date | None
		meeting_place: DF.Data | None
		notice_published_on: DF.Date | None
		owners_present: DF.Int
		owners_share: DF.Percent
		preparatory_group: DF.Table[OwnersAssemblyPreparatoryMember]
		quorum_reached: DF.Check
		resolutions: DF.Table[OwnersAssemblyResolution]
		result: DF.SmallText | None
		result_published_on: DF.Date | None
		total_area: DF.Float
		total_owners: DF.Int
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		settings = get_registry_settings()
		self.set_compound_totals()
		self.validate_state_requirements()
		self.validate_notice(settings)
		self.validate_attendance()
		self.validate_resolutions()
		self.calculate_results(settings)
		self.validate_result()

	@property
	def meaning(self) -> str | None:
		return meanings.meaning_of(DOCTYPE, self.workflow_state)

	def set_compound_totals(self):
		"""The compound's owners (households) and floor area, kept as they were when the meeting was
		held: a later change of the compound does not change a past result."""
		if self.meaning in HELD_MEANINGS and self.total_owners and not self.has_value_changed("compound"):
			return
		households, area = frappe.db.get_value(
			"Residential Compound", self.compound, ["household_count", "floor_area"]
		) or (0, 0)
		self.total_owners, self.total_area = cint(households), flt(area)

	def validate_state_requirements(self):
		meaning = self.meaning
		if meaning in NOTICED_MEANINGS:
			for fieldname in ("notice_published_on", "meeting_date"):
				if not self.get(fieldname):
					frappe.throw(
						_("Enter the {0} before publishing the notice of the assembly.").format(
							_(self.meta.get_label(fieldname))
						)
					)
			if not (self.agenda or "").strip():
				frappe.throw(_("Enter the agenda before publishing the notice of the assembly."))
		if meaning in HELD_MEANINGS:
			if getdate(self.meeting_date) > getdate(today()):
				frappe.throw(
					_("The assembly meets on {0}; it can only be recorded as held from that day.").format(
						frappe.format(self.meeting_date, "Date")
					)
				)
			if not (self.total_owners and flt(self.total_area)):
				frappe.throw(
					_(
						"Enter the households and the floor area of compound {0} before recording its assembly: participation is measured against them."
					).format(self.compound_name or self.compound)
				)
			if not self.resolutions:
				frappe.throw(_("Enter the resolutions voted on at the assembly."))
		if meaning == meanings.PUBLISHED and not self.result_published_on:
			frappe.throw(_("Enter the date the result was made public."))

	def validate_notice(self, settings):
		if not (self.notice_published_on and self.meeting_date):
			return
		days = cint(settings.assembly_notice_days)
		if notice_error(getdate(self.notice_published_on), getdate(self.meeting_date), days) == "too_late":
			frappe.throw(
				_(
					"The notice of an owners' assembly is published at least {0} days before the meeting (物业管理条例 第十四条); {1} to {2} is {3} days."
				).format(
					days,
					frappe.format(self.notice_published_on, "Date"),
					frappe.format(self.meeting_date, "Date"),
					(getdate(self.meeting_date) - getdate(self.notice_published_on)).days,
				)
			)

	def validate_attendance(self):
		if cint(self.owners_present) < 0 or flt(self.area_present) < 0:
			frappe.throw(_("The participating owners and their area cannot be negative."))
		if self.total_owners and cint(self.owners_present) > cint(self.total_owners):
			frappe.throw(
				_("{0} owners cannot take part: compound {1} has {2} households.").format(
					cint(self.owners_present), self.compound_name or self.compound, cint(self.total_owners)
				)
			)
		if flt(self.total_area) and flt(self.area_present) > flt(self.total_area):
			frappe.throw(
				_("{0} ㎡ cannot take part: compound {1} has a floor area of {2} ㎡.").format(
					flt(self.area_present), self.compound_name or self.compound, flt(self.total_area)
				)
			)

	def validate_resolutions(self):
		for row in self.resolutions:
			kind = MATTER_KINDS.get(row.matter)
			if kind:
				row.kind = kind
			row.kind = row.kind or ORDINARY
			error = votes_error(
				(row.owners_for, row.owners_against, row.owners_abstain),
				(row.area_for, row.area_against, row.area_abstain),
				self.owners_present,
				self.area_present,
			)
			if error == "negative":
				frappe.throw(_("Resolution {0}: votes cannot be negative.").format(row.idx))
			if error == "exceeds_attendance":
				frappe.throw(
					_(
						"Resolution {0}: more votes than participating owners (by number or by area) were entered."
					).format(row.idx)
				)

	def calculate_results(self, settings):
		thresholds = assembly_thresholds(settings)
		self.owners_share = flt(share(self.owners_present, self.total_owners) * 100, 2)
		self.area_share = flt(share(self.area_present, self.total_area) * 100, 2)
		self.quorum_reached = int(
			all(
				participation_reached(
					cint(self.owners_present),
					flt(self.area_present),
					cint(self.total_owners),
					flt(self.total_area),
					thresholds["participation"],
				)
			)
		)
		held = self.meaning in HELD_MEANINGS
		for row in self.resolutions:
			owners_in = cint(row.owners_for) + cint(row.owners_against) + cint(row.owners_abstain)
			area_in = flt(row.area_for) + flt(row.area_against) + flt(row.area_abstain)
			row.passed = int(
				held
				and resolution_passed(
					row.kind,
					cint(row.owners_for),
					owners_in,
					flt(row.area_for),
					area_in,
					cint(self.total_owners),
					flt(self.total_area),
					thresholds["participation"],
					thresholds["ordinary"],
					thresholds["major"],
				)
			)
		self.election_passed = int(any(row.passed and row.matter == ELECTION for row in self.resolutions))

	def validate_result(self):
		if self.result_published_on and self.meeting_date:
			if getdate(self.result_published_on) < getdate(self.meeting_date):
				frappe.throw(_("The result cannot be made public before the assembly meets."))
		if self.result_published_on and getdate(self.result_published_on) > getdate(today()):
			frappe.throw(_("The result publicity date cannot be in the future."))

	def election_resolution(self):
		return next((row for row in self.resolutions if row.matter == ELECTION and row.passed), None)


def election_error(assembly: str | None, compound: str) -> str | None:
	"""Why a committee of `compound` cannot be recorded as elected from `assembly` (a translated
	message), or None when it can: an assembly of the same compound, its result published, whose
	committee election resolution passed."""
	if not assembly:
		return _(
			"A committee is recorded as elected only from the owners' assembly that elected it: select the assembly (业主大会) in {0}."
		).format(_("Owners Assembly"))
	row = frappe.db.get_value(
		DOCTYPE, assembly, ["compound", "workflow_state", "election_passed", "compound_name"], as_dict=True
	)
	if not row:
		return _("Owners' assembly {0} does not exist.").format(assembly)
	if row.compound != compound:
		return _("Owners' assembly {0} was held by another compound ({1}).").format(
			assembly, row.compound_name or row.compound
		)
	if not meanings.is_state(DOCTYPE, row.workflow_state, meanings.PUBLISHED):
		return _("The result of owners' assembly {0} has not been published yet ({1}).").format(
			assembly, _(row.workflow_state or "")
		)
	if not cint(row.election_passed):
		return _("No committee election resolution passed at owners' assembly {0}.").format(assembly)
	return None


def assembly_summary(assembly: str | None) -> dict | None:
	"""The assembly's result as the committee's filing print shows it."""
	if not assembly or not frappe.db.exists(DOCTYPE, assembly):
		return None
	doc = frappe.get_doc(DOCTYPE, assembly)
	resolution = doc.election_resolution()
	owners_in = area_in = 0
	if resolution:
		owners_in = (
			cint(resolution.owners_for) + cint(resolution.owners_against) + cint(resolution.owners_abstain)
		)
		area_in = flt(resolution.area_for) + flt(resolution.area_against) + flt(resolution.area_abstain)
	return frappe._dict(
		name=doc.name,
		meeting_date=doc.meeting_date,
		result_published_on=doc.result_published_on,
		owners_present=doc.owners_present,
		total_owners=doc.total_owners,
		owners_share=doc.owners_share,
		area_present=doc.area_present,
		total_area=doc.total_area,
		area_share=doc.area_share,
		owners_for=resolution.owners_for if resolution else 0,
		owners_approval=flt(share(resolution.owners_for, owners_in) * 100, 2) if resolution else 0,
		area_for=resolution.area_for if resolution else 0,
		area_approval=flt(share(resolution.area_for, area_in) * 100, 2) if resolution else 0,
	)
