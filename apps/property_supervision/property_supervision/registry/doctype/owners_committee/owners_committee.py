# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Owners' committee (业主委员会): election, filing, term and re-election.

The workflow "Owners Committee Filing" moves it Preparing → Elected → Filed → Term Expired; the
controller keeps the committee lawful (size, director, term) and derives the filing and
re-election dates from Registry Settings. `announce_expiring_terms` is the daily job."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, getdate, nowdate

from property_supervision import notices
from property_supervision import workflow_meanings as meanings
from property_supervision.notices import recipients
from property_supervision.registry.doctype.registry_settings.registry_settings import get_registry_settings
from property_supervision.roles import AREA_OFFICER, COMMUNITY_OFFICER
from property_supervision.rules.identifiers import id_number_error, mask_phone
from property_supervision.rules.owners_committee import (
	committee_size_error,
	director_count_error,
	filing_due_date,
	is_filing_overdue,
	reelection_notice_date,
	term_error,
)
from property_supervision.rules.phone import is_valid_phone
from property_supervision.utils import sweep

# the meanings of the workflow's states (workflow_meanings.py); the states are found through them
PREPARING, ELECTED, FILED, TERM_EXPIRED = (
	meanings.PREPARING,
	meanings.ELECTED,
	meanings.FILED,
	meanings.TERM_EXPIRED,
)
# meanings of the states in which the committee is not yet filed
UNFILED_MEANINGS = (PREPARING, ELECTED)
DOCTYPE = "Owners Committee"


def committee_states(*wanted: str) -> list[str]:
	"""The committee workflow's states of the meanings (never empty, so that a filter on it is valid)."""
	return meanings.states(DOCTYPE, *wanted) or [""]


class OwnersCommittee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.registry.doctype.owners_committee_member.owners_committee_member import (
			OwnersCommitteeMember,
		)

		assembly_established_on: DF.Date | None
		compound: DF.Link
		compound_name: DF.Data | None
		election_date: DF.Date | None
		filed_on: DF.Date | None
		filing_due_date: DF.Date | None
		filing_overdue: DF.Check
		jurisdiction: DF.Link | None
		members: DF.Table[OwnersCommitteeMember]
		owners_assembly: DF.Link | None
		reelection_announced: DF.Check
		reelection_notice_date: DF.Date | None
		remarks: DF.SmallText | None
		term_end: DF.Date | None
		term_start: DF.Date | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		settings = get_registry_settings()
		self.validate_one_committee_per_compound()
		self.validate_election_recorded()
		self.validate_term(settings)
		self.validate_members(settings)
		self.validate_electing_assembly()
		self.set_filed_on()
		self.set_filing_due_date(settings)
		self.set_filing_overdue()
		self.set_reelection_notice_date(settings)

	@property
	def is_elected(self) -> bool:
		"""The committee has left Preparing (the election took place)."""
		return bool(self.workflow_state) and not meanings.is_state(DOCTYPE, self.workflow_state, PREPARING)

	def validate_one_committee_per_compound(self):
		if meanings.is_state(DOCTYPE, self.workflow_state, TERM_EXPIRED):
			return
		other = frappe.db.get_value(
			"Owners Committee",
			{
				"compound": self.compound,
				"name": ("!=", self.name or ""),
				"workflow_state": ("not in", committee_states(TERM_EXPIRED)),
			},
			"name",
		)
		if other:
			frappe.throw(
				_(
					"Compound {0} already has an owners' committee in office ({1}); its term must expire before a new committee is registered."
				).format(self.compound_name or self.compound, other)
			)

	def validate_election_recorded(self):
		if not self.is_elected:
			return
		for fieldname in ("election_date", "term_start", "term_end"):
			if not self.get(fieldname):
				frappe.throw(
					_("Enter the {0} before recording the election.").format(
						_(self.meta.get_label(fieldname))
					)
				)

	def becomes_elected(self) -> bool:
		"""The election is being recorded now: a new committee saved past Preparing, or one leaving
		Preparing (an elected committee from before assemblies were recorded keeps working)."""
		if not self.is_elected:
			return False
		before = self.get_doc_before_save()
		if not before:
			return True
		return meanings.is_state(DOCTYPE, before.workflow_state, PREPARING) or not before.workflow_state

	def validate_electing_assembly(self):
		"""A committee is elected only by an owners' assembly of its compound whose election
		resolution passed and whose result is published (desk, REST and import alike)."""
		if not (self.becomes_elected() or (self.is_elected and self.has_value_changed("owners_assembly"))):
			return
		from property_supervision.registry.doctype.owners_assembly.owners_assembly import election_error

		error = election_error(self.owners_assembly, self.compound)
		if error:
			frappe.throw(error)

	def validate_term(self, settings):
		error = term_error(
			getdate(self.term_start) if self.term_start else None,
			getdate(self.term_end) if self.term_end else None,
			settings.committee_max_term_years,
			election_date=getdate(self.election_date) if self.election_date else None,
		)
		if error == "order":
			frappe.throw(_("The term must end after it starts."))
		if error == "too_long":
			frappe.throw(
				_("The term of an owners' committee is at most {0} years.").format(
					settings.committee_max_term_years
				)
			)
		if error == "election_after_start":
			frappe.throw(_("The term cannot start before the election."))

	def validate_members(self, settings):
		for row in self.members:
			self.validate_member(row)
		if not (self.is_elected or self.members):
			return
		count = len(self.members)
		error = committee_size_error(count, settings.committee_min_members, settings.committee_max_members)
		if error == "too_few":
			frappe.throw(
				_("An owners' committee has at least {0} members; {1} are listed.").format(
					settings.committee_min_members, count
				)
			)
		if error == "too_many":
			frappe.throw(
				_("An owners' committee has at most {0} members; {1} are listed.").format(
					settings.committee_max_members, count
				)
			)
		if error == "even":
			frappe.throw(
				_("An owners' committee has an odd number of members; {0} are listed.").format(count)
			)
		roles = [row.member_role for row in self.members]
		if director_count_error(roles):
			frappe.throw(
				_("An owners' committee has exactly one director; {0} are listed.").format(
					roles.count("Director")
				)
			)

	def validate_member(self, row):
		row.phone_masked = mask_phone(row.phone) if row.phone else None
		if row.phone and not is_valid_phone(row.phone):
			frappe.throw(
				_("Row {0}: phone {1} is not a valid mainland mobile or landline number.").format(
					row.idx, row.phone
				)
			)
		if row.id_number:
			row.id_number = row.id_number.strip().upper()
			if id_number_error(row.id_number):
				frappe.throw(
					_("Row {0}: {1} is not a valid resident identity number.").format(row.idx, row.id_number)
				)

	def set_filed_on(self):
		meaning = meanings.meaning_of(DOCTYPE, self.workflow_state)
		if meaning in UNFILED_MEANINGS:
			self.filed_on = None
		elif meaning == FILED and not self.filed_on:
			self.filed_on = nowdate()

	def set_filing_due_date(self, settings):
		self.filing_due_date = filing_due_date(
			getdate(self.election_date) if self.election_date else None, settings.committee_filing_days
		)

	def set_filing_overdue(self):
		self.filing_overdue = committee_filing_overdue(self)

	def set_reelection_notice_date(self, settings):
		self.reelection_notice_date = reelection_notice_date(
			getdate(self.term_end) if self.term_end else None, settings.committee_reelection_lead_months
		)
		if not self.is_new() and self.has_value_changed("term_end"):
			# a new term is announced afresh
			self.reelection_announced = 0

	def assembly_result(self):
		"""The electing assembly's result as the filing print (业主委员会备案表) shows it."""
		from property_supervision.registry.doctype.owners_assembly.owners_assembly import assembly_summary

		return assembly_summary(self.owners_assembly)

	def masked_phone(self, phone: str | None) -> str:
		"""A member's phone as printed (业主委员会备案表): 139****5678."""
		return mask_phone(phone) if phone else ""


def committee_filing_overdue(committee, today=None) -> int:
	"""The filing_overdue flag of a committee (a document or a row with filing_due_date and filed_on)."""
	return int(
		is_filing_overdue(
			getdate(committee.filing_due_date) if committee.filing_due_date else None,
			getdate(committee.filed_on) if committee.filed_on else None,
			getdate(today or nowdate()),
		)
	)


# ------------------------------------------------------------------------------------------------
# Daily job


def announce_expiring_terms() -> dict[str, list[str]]:
	"""Daily: flag late filings, announce re-elections that are due, expire ended terms.

	Runs as Administrator (the scheduler's user) through the sweep skeleton (utils/sweep.py):
	each committee in its own savepoint, one failure logged without stopping the others, work
	committed in batches. Running it twice changes nothing more."""
	today = getdate(nowdate())
	return {
		"flagged": flag_overdue_filings(today),
		"announced": announce_reelections(today),
		"expired": expire_terms(today),
	}


def _sweep_committees(filters: dict, fields: list[str], step, what: str) -> list[str]:
	"""Apply `step` to the committees matching `filters`; the names of those it acted on."""
	acted = []

	def act(row):
		if step(row) is False:
			return sweep.SKIPPED
		acted.append(row.name)
		return sweep.DONE

	sweep.run(
		sweep.candidates(DOCTYPE, filters, fields),
		act,
		title=lambda row: f"Owners Committee {row.name}: could not {what}",
		reference_doctype=DOCTYPE,
	)
	return acted


def flag_overdue_filings(today) -> list[str]:
	"""Set filing_overdue on unfiled committees whose filing due date has passed."""

	def flag(row):
		if not committee_filing_overdue(row, today):
			return False
		frappe.db.set_value(DOCTYPE, row.name, "filing_overdue", 1, update_modified=False)
		notices.send(notices.COMMITTEE_FILING_LATE, DOCTYPE, row.name)

	return _sweep_committees(
		{
			"workflow_state": ("in", committee_states(*UNFILED_MEANINGS)),
			"filing_overdue": 0,
			"filing_due_date": ("<", today),
		},
		["filing_due_date", "filed_on"],
		flag,
		"flag the late filing",
	)


def announce_reelections(today) -> list[str]:
	"""Filed committees whose re-election notice date has come: a ToDo and a notification for the
	community and area officers of the compound's jurisdiction, then reelection_announced."""
	return _sweep_committees(
		{
			"workflow_state": ("in", committee_states(FILED)),
			"reelection_announced": 0,
			"reelection_notice_date": ("<=", today),
		},
		[],
		lambda row: announce_reelection(row.name),
		"announce re-election",
	)


def announce_reelection(name: str) -> bool:
	committee = frappe.get_doc("Owners Committee", name)
	users = reelection_recipients(committee.jurisdiction)
	if not users:
		# nobody in charge yet: announced on the first day somebody is
		return False
	description = _(
		"The term of the owners' committee of {0} ends on {1}: announce and prepare its re-election."
	).format(committee.compound_name or committee.compound, formatdate(committee.term_end))
	assigned = False
	for user in users:
		if frappe.db.exists(
			"ToDo",
			{
				"reference_type": committee.doctype,
				"reference_name": name,
				"allocated_to": user,
				"status": "Open",
			},
		):
			continue
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": committee.doctype,
				"reference_name": name,
				"description": description,
				"date": committee.term_end,
				"priority": "High",
				"assigned_by": "Administrator",
			}
		).insert(ignore_permissions=True)
		assigned = True
	if assigned:
		# the notice itself is the Notification "业主委员会任期即将届满" (notices/defaults.py), sent
		# with the officers' ToDos: an announcement made again (flag lost) tells nobody twice
		notices.send(notices.COMMITTEE_TERM_ENDING, committee)
	committee.db_set("reelection_announced", 1, update_modified=False)
	committee.add_comment("Info", _("Re-election announced to: {0}").format(", ".join(users)))
	return True


def reelection_recipients(jurisdiction: str | None) -> list[str]:
	"""Enabled community and area officers whose User Permission on Jurisdiction covers
	`jurisdiction` for owners' committees (the rule of notices/recipients.py)."""
	return recipients.jurisdiction_users(jurisdiction, (COMMUNITY_OFFICER, AREA_OFFICER), DOCTYPE)


def expire_terms(today) -> list[str]:
	"""Filed committees whose term has ended move to the state meaning Term Expired through the
	workflow.

	Applying the workflow's own transition (as Administrator) rather than writing the state keeps
	the administrator's workflow in charge, runs the controller's checks and leaves the change in
	the document's version history and timeline; a committee that cannot move is logged."""
	return _sweep_committees(
		{"workflow_state": ("in", committee_states(FILED)), "term_end": ("<", today)},
		[],
		lambda row: expire_term(row.name),
		"expire term",
	)


def expire_term(name: str):
	meanings.advance(frappe.get_doc(DOCTYPE, name), TERM_EXPIRED)
