# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.residential_compound.residential_compound import set_management
from property_supervision.rules.management import (
	ACTIVE,
	EXPIRED,
	MAX_FEE_STANDARD,
	NO_MANAGEMENT,
	TERMINATED,
	fee_standard_valid,
	has_expired,
	management_mode_for_contract,
	status_change_allowed,
)
from property_supervision.utils import sweep

# what a change to these fields of an active contract means for the compound and the enterprise
EARLY_STAGE = "Early-stage"
# the source key of the automatic credit record of a separation violation (Credit Record.auto_key)
SEPARATION_VIOLATION = "Separation Violation"
SYNCED_FIELDS = ("status", "compound", "enterprise", "contract_type", "start_date", "developer_affiliated")


class ServiceContract(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.registry.doctype.service_contract_bidder.service_contract_bidder import (
			ServiceContractBidder,
		)

		compound: DF.Link
		compound_name: DF.Data | None
		contract_file: DF.Attach | None
		contract_type: DF.Literal["Early-stage", "Selected by Owners Assembly", "Fallback", "Custodian"]
		developer_affiliated: DF.Check
		end_date: DF.Date | None
		enterprise: DF.Link
		enterprise_name: DF.Data | None
		fee_standard: DF.Currency
		jurisdiction: DF.Link | None
		start_date: DF.Date
		status: DF.Literal["Draft", "Active", "Expired", "Terminated"]
		tender_bidders: DF.Table[ServiceContractBidder]
		tender_date: DF.Date | None
		tender_document: DF.Attach | None
		tender_method: DF.Literal["", "Public Tender", "Invited Tender", "Agreement", "Other"]
		tender_winner: DF.Data | None
		terminated_on: DF.Date | None
		termination_reason: DF.SmallText | None
	# end: auto-generated types

	def validate(self):
		self.validate_status_change()
		self.validate_dates()
		self.validate_fee_standard()
		self.validate_termination()
		self.validate_single_active_contract()
		self.validate_enterprise_filed()
		self.validate_tender()

	def on_update(self):
		self.update_compound_and_enterprise()
		self.record_separation_violation()

	def on_trash(self):
		if self.status == ACTIVE:
			frappe.throw(_("An active contract cannot be deleted; terminate it instead."))

	# validation

	def status_before_save(self) -> str | None:
		before = self.get_doc_before_save()
		return before.status if before else None

	def becomes_active(self) -> bool:
		before = self.get_doc_before_save()
		return self.status == ACTIVE and (
			not before or before.status != ACTIVE or before.enterprise != self.enterprise
		)

	def validate_status_change(self):
		old = self.status_before_save()
		if not status_change_allowed(old, self.status):
			frappe.throw(
				_("A contract that is {0} cannot be set to {1}.").format(
					_(old, context=self.doctype), _(self.status, context=self.doctype)
				)
			)

	def validate_dates(self):
		if self.start_date and self.end_date and getdate(self.end_date) <= getdate(self.start_date):
			frappe.throw(_("The end date must be after the start date."))
		if self.has_value_changed("status") or self.is_new():
			if self.status == ACTIVE and getdate(self.start_date) > getdate(today()):
				frappe.throw(
					_("The contract starts on {0}; it can only become active from that day.").format(
						frappe.format(self.start_date, "Date")
					)
				)
			if self.status == ACTIVE and has_expired(
				getdate(self.end_date) if self.end_date else None, getdate(today())
			):
				frappe.throw(
					_("The contract ended on {0} and cannot become active.").format(
						frappe.format(self.end_date, "Date")
					)
				)
			if self.status == EXPIRED and not has_expired(
				getdate(self.end_date) if self.end_date else None, getdate(today())
			):
				frappe.throw(
					_(
						"Only a contract whose end date has passed can be marked expired; end it early by terminating it."
					)
				)

	def validate_fee_standard(self):
		if self.fee_standard in (None, ""):
			return
		if not fee_standard_valid(flt(self.fee_standard)):
			frappe.throw(
				_("The fee standard must be between 0 and {0} yuan per square metre per month.").format(
					MAX_FEE_STANDARD
				)
			)

	def validate_termination(self):
		if self.status != TERMINATED:
			return
		if not self.terminated_on:
			frappe.throw(_("Enter the date the contract was terminated."))
		if not (self.termination_reason or "").strip():
			frappe.throw(_("Enter the reason the contract was terminated."))
		if getdate(self.terminated_on) < getdate(self.start_date):
			frappe.throw(_("The contract cannot be terminated before it starts."))
		if getdate(self.terminated_on) > getdate(today()):
			frappe.throw(_("The termination date cannot be in the future."))

	def validate_single_active_contract(self):
		if self.status != ACTIVE:
			return
		# lock the compound: two contracts activated at once cannot both pass this check
		frappe.db.get_value("Residential Compound", self.compound, "name", for_update=True)
		other = frappe.db.get_value(
			"Service Contract",
			{"compound": self.compound, "status": ACTIVE, "name": ("!=", self.name or "")},
			["name", "enterprise_name"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_(
					"Compound {0} already has an active contract {1} with {2}; let it expire or terminate it first."
				).format(self.compound_name or self.compound, other.name, other.enterprise_name)
			)

	def validate_enterprise_filed(self):
		if not self.becomes_active():
			return
		state = frappe.db.get_value("Property Enterprise", self.enterprise, "workflow_state")
		if not meanings.is_state("Property Enterprise", state, meanings.FILED):
			frappe.throw(
				_("{0} is not filed ({1}); only a filed enterprise can start an active contract.").format(
					self.enterprise_name or self.enterprise,
					_(state or meanings.state("Property Enterprise", meanings.DRAFT) or ""),
				)
			)

	def validate_tender(self):
		"""An early-stage contract (前期物业服务合同) records the developer's tender (物业管理条例
		第二十四条): method, date, the bidders and the winner, and the tender document, before it
		becomes active."""
		for row in self.tender_bidders:
			row.bidder_name = (row.bidder_name or "").strip()
			if not row.bidder_name:
				frappe.throw(_("Bidder row {0}: enter the bidder's name.").format(row.idx))
		winners = [row for row in self.tender_bidders if row.is_winner]
		if len(winners) > 1:
			frappe.throw(_("Only one bidder can win the tender; {0} are marked.").format(len(winners)))
		self.tender_winner = winners[0].bidder_name if winners else None
		if self.tender_date and getdate(self.tender_date) > getdate(today()):
			frappe.throw(_("The tender date cannot be in the future."))
		if self.tender_date and self.start_date and getdate(self.tender_date) > getdate(self.start_date):
			frappe.throw(_("The tender must take place before the contract starts."))
		if self.contract_type != EARLY_STAGE or not self.becomes_active():
			return
		missing = [
			_(self.meta.get_label(fieldname))
			for fieldname in ("tender_method", "tender_date", "tender_document")
			if not self.get(fieldname)
		]
		if not self.tender_bidders:
			missing.append(_(self.meta.get_label("tender_bidders")))
		if not winners:
			missing.append(_(self.meta.get_label("tender_winner")))
		if missing:
			frappe.throw(
				_("An early-stage contract records its tender before it becomes active: enter {0}.").format(
					"、".join(missing)
				)
			)

	# effects on the compound and the enterprise

	def update_compound_and_enterprise(self):
		"""An active contract sets the compound's management; when it stops being active (or moves
		to another compound or enterprise) the ones it left are recomputed."""
		before = self.get_doc_before_save()
		was_active = bool(before and before.status == ACTIVE)
		if self.status != ACTIVE and not was_active:
			return
		if was_active and not any(before.get(f) != self.get(f) for f in SYNCED_FIELDS):
			return
		compounds = {self.compound}
		enterprises = {self.enterprise}
		if was_active:
			compounds.add(before.compound)
			enterprises.add(before.enterprise)
		for compound in compounds:
			update_compound_management(compound)
		for enterprise in enterprises:
			update_enterprise_separation(enterprise)

	def record_separation_violation(self):
		"""An active contract with a developer-affiliated enterprise (违反建管分离) is a finding: the
		credit record of the rule Registry Settings name, once per contract."""
		if self.status == ACTIVE and cint(self.developer_affiliated):
			record_separation_violation(self.name)


def record_separation_violation(contract: str) -> str | None:
	"""The credit record of a separation violation for `contract` (one per contract, whatever
	happens to the contract later), and the enterprise's credit recomputed. None when it exists,
	or the settings name no active rule."""
	from property_supervision.credit.doctype.credit_record.credit_record import make_automatic_record
	from property_supervision.credit.scoring import update_enterprise_credit
	from property_supervision.registry.doctype.registry_settings.registry_settings import (
		get_registry_settings,
	)

	rule_name = get_registry_settings().separation_credit_rule
	rule = (
		frappe.db.get_value(
			"Credit Rule",
			{"name": rule_name, "is_active": 1},
			["name", "points", "validity_months"],
			as_dict=True,
		)
		if rule_name
		else None
	)
	if not rule:
		return None
	row = frappe.db.get_value(
		"Service Contract",
		contract,
		["enterprise", "compound_name", "enterprise_name", "start_date"],
		as_dict=True,
	)
	name = make_automatic_record(
		rule,
		enterprise=row.enterprise,
		occurred_on=row.start_date or today(),
		auto_key=separation_key(contract),
		reference_doctype="Service Contract",
		reference_name=contract,
		evidence=_(
			"{0} serves {1} under contract {2} as an enterprise affiliated with the developer (建管分离)."
		).format(row.enterprise_name or row.enterprise, row.compound_name, contract),
	)
	if name:
		update_enterprise_credit(row.enterprise, _("Separation violation recorded"))
	return name


def separation_key(contract: str) -> str:
	"""The Credit Record.auto_key of a contract's separation violation."""
	return f"{SEPARATION_VIOLATION}:{contract}"


def active_contract(compound: str) -> dict | None:
	rows = frappe.get_all(
		"Service Contract",
		filters={"compound": compound, "status": ACTIVE},
		fields=["name", "enterprise", "contract_type", "start_date"],
		order_by="start_date desc",
		limit=1,
	)
	return rows[0] if rows else None


def update_compound_management(compound: str, update_modified: bool = True) -> bool:
	"""Give the compound the management of its active contract, or none when it has none."""
	contract = active_contract(compound)
	if contract:
		return set_management(
			compound,
			management_mode_for_contract(contract.contract_type),
			contract.enterprise,
			contract.start_date,
			update_modified=update_modified,
		)
	return set_management(compound, NO_MANAGEMENT, update_modified=update_modified)


def update_enterprise_separation(enterprise: str):
	"""An enterprise violates construction-management separation while it runs any active contract
	as the developer's affiliate. A derived flag: written without touching `modified`."""
	violation = int(
		bool(
			frappe.db.exists(
				"Service Contract", {"enterprise": enterprise, "status": ACTIVE, "developer_affiliated": 1}
			)
		)
	)
	if frappe.db.get_value("Property Enterprise", enterprise, "separation_violation") != violation:
		frappe.db.set_value(
			"Property Enterprise", enterprise, "separation_violation", violation, update_modified=False
		)
		# a key-supervision trigger (credit/scoring.py)
		from property_supervision.credit.scoring import update_enterprise_credit

		update_enterprise_credit(enterprise, _("Construction-management separation changed"))


def mark_expired_contracts() -> int:
	"""Daily: active contracts past their end date become Expired, and their compounds lose the
	management those contracts gave. Only such contracts are selected, so a second run on the
	same day finds nothing; each contract is handled in its own savepoint (utils/sweep.py)."""
	counts = sweep.run(
		sweep.candidates(
			"Service Contract",
			{"status": ACTIVE, "end_date": ("<", today())},
			["compound", "enterprise"],
		),
		mark_expired,
		title=lambda row: f"Could not mark service contract {row.name} expired",
		reference_doctype="Service Contract",
	)
	return counts[sweep.DONE]


def mark_expired(row):
	frappe.db.set_value("Service Contract", row.name, "status", EXPIRED, update_modified=False)
	frappe.get_doc("Service Contract", row.name).add_comment(
		"Info", _("Marked expired: the end date has passed.")
	)
	update_compound_management(row.compound, update_modified=False)
	update_enterprise_separation(row.enterprise)
