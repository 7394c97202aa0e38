# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Publicity records: what an enterprise posted in a compound (service content and standards,
fees, and at least every half year the compound's public income and expenses), checked by the
community. Compliance — which compounds are overdue with their income and expense publicity —
is computed live here from the records (periods in rules.publicity), for the Publicity
Compliance report, the daily reminder job, the workspace card and the assessment indicators."""

import json
import re
from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from property_supervision import notices
from property_supervision.notices import recipients
from property_supervision.registry.doctype.registry_settings.registry_settings import get_registry_settings
from property_supervision.roles import AREA_OFFICER, COMMUNITY_OFFICER, SUPERVISION_ADMIN
from property_supervision.rules.publicity import (
	OVERDUE,
	compliance_status,
	period_label,
	required_period,
)
from property_supervision.utils import sweep

INCOME_AND_EXPENSES = "Public Income and Expenses"
INCOME = "Income"
EXPENSE = "Expense"
PROFESSIONAL_MANAGEMENT = "Professional Enterprise"
GOVERNMENT_HOTLINE = "12345"

# who may tick (or withdraw) the community's verification
VERIFIER_ROLES = {COMMUNITY_OFFICER, AREA_OFFICER, SUPERVISION_ADMIN}

# reminders carry the period as "[2026-01-01 ~ 2026-06-30]": the key that keeps them unique
REMINDER_KEY = re.compile(r"\[(\d{4}-\d{2}-\d{2}) ~ (\d{4}-\d{2}-\d{2})\]")


class PublicityRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from property_supervision.registry.doctype.publicity_line.publicity_line import PublicityLine

		attachments: DF.Attach | None
		balance: DF.Currency
		compound: DF.Link
		compound_name: DF.Data | None
		content: DF.TextEditor | None
		enterprise: DF.Link
		jurisdiction: DF.Link | None
		lines: DF.Table[PublicityLine]
		notice_photo: DF.AttachImage | None
		period_end: DF.Date | None
		period_start: DF.Date | None
		publicity_location: DF.Data | None
		publicity_type: DF.Literal["Public Income and Expenses", "Service Content and Standards", "Fees"]
		published_on: DF.Date
		title: DF.Data | None
		total_expense: DF.Currency
		total_income: DF.Currency
		verification_note: DF.SmallText | None
		verified_by: DF.Link | None
		verified_by_community: DF.Check
		verified_on: DF.Date | None
	# end: auto-generated types

	def validate(self):
		self.set_enterprise()
		self.validate_enterprise()
		self.validate_period()
		self.validate_published_on()
		self.calculate_totals()
		self.validate_verification()
		self.validate_verified_record_unchanged()
		self.set_verification()
		self.set_title()

	def on_update(self):
		self.close_settled_reminders()

	@property
	def is_income_and_expenses(self) -> bool:
		return self.publicity_type == INCOME_AND_EXPENSES

	def set_enterprise(self):
		"""Default: the enterprise managing the compound now."""
		if not self.enterprise and self.compound:
			self.enterprise = frappe.db.get_value("Residential Compound", self.compound, "current_enterprise")

	def validate_enterprise(self):
		if not (self.is_new() or self.has_value_changed("enterprise") or self.has_value_changed("compound")):
			return  # older records keep the enterprise that published them
		current = frappe.db.get_value("Residential Compound", self.compound, "current_enterprise")
		if current and self.enterprise != current:
			frappe.throw(
				_("{0} does not manage {1}: only its current enterprise {2} can publish for it.").format(
					enterprise_title(self.enterprise),
					compound_title(self.compound),
					enterprise_title(current),
				),
				title=_("Wrong Enterprise"),
			)

	def validate_period(self):
		if self.is_income_and_expenses and not (self.period_start and self.period_end):
			frappe.throw(_("Enter the period (start and end) the public income and expenses cover."))
		if self.period_start and self.period_end and getdate(self.period_end) < getdate(self.period_start):
			frappe.throw(_("The period cannot end before it starts."))
		if self.is_income_and_expenses and getdate(self.period_end) > getdate(today()):
			frappe.throw(_("Income and expenses can only be published for a period that has already ended."))

	def validate_published_on(self):
		if not self.published_on:
			return  # the mandatory check names the field
		published_on = getdate(self.published_on)
		if published_on > getdate(today()):
			frappe.throw(_("The publication date cannot be in the future."))
		if self.is_income_and_expenses and published_on < getdate(self.period_end):
			frappe.throw(
				_("Income and expenses cannot be published before the end of the period they cover.")
			)

	def calculate_totals(self):
		self.total_income = sum(flt(line.amount) for line in self.lines if line.direction == INCOME)
		self.total_expense = sum(flt(line.amount) for line in self.lines if line.direction == EXPENSE)
		self.balance = flt(self.total_income) - flt(self.total_expense)

	def validate_verification(self):
		"""Only the community side (community and area officers, supervision administrators)
		records or withdraws the verification."""
		before = self.get_doc_before_save()
		changed = cint(self.verified_by_community) != cint(before.verified_by_community if before else 0) or (
			self.verification_note or ""
		) != ((before.verification_note if before else None) or "")
		if changed and not can_verify():
			frappe.throw(
				_(
					"Only community officers, area officers and supervision administrators can verify a publicity record."
				),
				frappe.PermissionError,
			)

	def validate_verified_record_unchanged(self):
		"""Once the community has verified what was posted, the enterprise cannot change it."""
		before = self.get_doc_before_save()
		if not (before and cint(before.verified_by_community) and cint(self.verified_by_community)):
			return
		if can_verify() or _substance(before) == _substance(self):
			return
		frappe.throw(
			_(
				"The community has verified this publicity record, so it can no longer be changed. Ask the community to withdraw the verification first."
			),
			frappe.PermissionError,
		)

	def set_verification(self):
		"""verified_by / verified_on follow the check box: who ticked it and when."""
		before = self.get_doc_before_save()
		if not cint(self.verified_by_community):
			self.verified_by = None
			self.verified_on = None
		elif before and cint(before.verified_by_community):
			self.verified_by = before.verified_by
			self.verified_on = before.verified_on
		else:
			self.verified_by = frappe.session.user
			self.verified_on = today()

	def set_title(self):
		compound_name = self.compound_name or compound_title(self.compound)
		if self.period_start and self.period_end:
			period = f"{getdate(self.period_start).isoformat()} ~ {getdate(self.period_end).isoformat()}"
			self.title = f"{compound_name} {_(self.publicity_type)} {period}"
		else:
			self.title = f"{compound_name} {_(self.publicity_type)}"

	def close_settled_reminders(self):
		"""Close the open overdue reminders of the compound whose period is now covered."""
		if not self.is_income_and_expenses:
			return
		reminders = frappe.get_all(
			"ToDo",
			filters={
				"reference_type": "Residential Compound",
				"reference_name": self.compound,
				"status": "Open",
				"description": ("like", "%[____-__-__ ~ ____-__-__]%"),
			},
			fields=["name", "description"],
		)
		if not reminders:
			return
		records = income_and_expense_periods([self.compound]).get(self.compound, [])
		managed_since = frappe.db.get_value("Residential Compound", self.compound, "managed_since")
		for reminder in reminders:
			match = REMINDER_KEY.search(reminder.description or "")
			if not match:
				continue
			period = (getdate(match.group(1)), getdate(match.group(2)))
			if compliance_status(records, period, managed_since and getdate(managed_since)) != OVERDUE:
				todo = frappe.get_doc("ToDo", reminder.name)
				todo.status = "Closed"
				todo.save(ignore_permissions=True)

	# used by the print format 公共收益收支公示表
	def get_lines(self, direction: str) -> list:
		return [line for line in self.lines if line.direction == direction]

	def get_supervision_hotline(self) -> str:
		"""The supervision office's phone (Supervision Unit), else the government service hotline."""
		phone = frappe.db.get_value(
			"Supervision Unit", {"is_supervision_office": 1, "is_active": 1}, "contact_phone"
		) or frappe.db.get_value("Supervision Unit", {"is_supervision_office": 1}, "contact_phone")
		return phone or GOVERNMENT_HOTLINE


def _substance(doc) -> tuple:
	"""What the community verified: everything but the verification itself."""

	def day(value):
		return getdate(value).isoformat() if value else None

	return (
		doc.compound,
		doc.enterprise,
		doc.publicity_type,
		day(doc.period_start),
		day(doc.period_end),
		day(doc.published_on),
		doc.publicity_location or "",
		doc.content or "",
		doc.notice_photo or "",
		doc.attachments or "",
		tuple((line.direction, line.item, flt(line.amount), line.note or "") for line in doc.lines),
	)


def can_verify(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(VERIFIER_ROLES & set(frappe.get_roles(user)))


def compound_title(compound: str | None) -> str:
	return (
		(compound and frappe.db.get_value("Residential Compound", compound, "compound_name"))
		or compound
		or ""
	)


def enterprise_title(enterprise: str | None) -> str:
	return (
		(enterprise and frappe.db.get_value("Property Enterprise", enterprise, "enterprise_name"))
		or enterprise
		or ""
	)


# Compliance
# ----------


def get_required_period(as_of: date | str | None = None) -> tuple[date, date]:
	"""The income and expense period every managed compound must have published by `as_of`."""
	settings = get_registry_settings()
	months = cint(settings.publicity_frequency_months) or 6
	# an optional grace period after a period ends; 0 (the seed's reading) when not configured
	grace_days = cint(settings.get("publicity_grace_days"))
	return required_period(getdate(as_of or today()), months, grace_days)


def income_and_expense_periods(
	compounds: list[str] | None, as_of: date | None = None
) -> dict[str, list[dict]]:
	"""compound -> its income and expense records published by `as_of`, oldest period first."""
	filters = {"publicity_type": INCOME_AND_EXPENSES, "period_end": ("is", "set")}
	if compounds is not None:
		if not compounds:
			return {}
		filters["compound"] = ("in", compounds)
	if as_of:
		filters["published_on"] = ("<=", as_of)
	by_compound: dict[str, list[dict]] = {}
	for record in frappe.get_all(
		"Publicity Record",
		filters=filters,
		fields=["name", "compound", "period_start", "period_end", "published_on"],
		order_by="period_end asc, published_on asc",
	):
		by_compound.setdefault(record.compound, []).append(record)
	return by_compound


def get_publicity_compliance(
	as_of: date | str | None = None,
	jurisdiction: str | None = None,
	enterprise: str | None = None,
	ignore_permissions: bool = False,
) -> list[frappe._dict]:
	"""One row per compound under professional management: its required period, its latest income
	and expense publicity and its status (Compliant / Overdue / Not Due).

	Compounds are read with the user's permissions (unless `ignore_permissions`), so a scoped
	officer or enterprise only gets its own; the status of a visible compound is computed from
	all its records, whoever published them."""
	as_of = getdate(as_of or today())
	period = get_required_period(as_of)
	filters = {"management_mode": PROFESSIONAL_MANAGEMENT}
	if jurisdiction:
		filters["jurisdiction"] = ("descendants of (inclusive)", jurisdiction)
	if enterprise:
		filters["current_enterprise"] = enterprise
	read = frappe.get_all if ignore_permissions else frappe.get_list
	compounds = read(
		"Residential Compound",
		filters=filters,
		fields=["name", "compound_name", "jurisdiction", "current_enterprise", "managed_since"],
		order_by="jurisdiction asc, name asc",
		limit_page_length=0,
	)
	records = income_and_expense_periods(
		None if ignore_permissions and not (jurisdiction or enterprise) else [c.name for c in compounds],
		as_of,
	)

	rows = []
	for compound in compounds:
		own = records.get(compound.name, [])
		managed_since = getdate(compound.managed_since) if compound.managed_since else None
		latest = max(own, key=lambda r: (r.period_end, r.published_on), default=None)
		rows.append(
			frappe._dict(
				compound=compound.name,
				compound_name=compound.compound_name,
				jurisdiction=compound.jurisdiction,
				enterprise=compound.current_enterprise,
				managed_since=managed_since,
				required_period_start=period[0],
				required_period_end=period[1],
				last_record=latest.name if latest else None,
				last_period_end=latest.period_end if latest else None,
				last_published_on=latest.published_on if latest else None,
				status=compliance_status(own, period, managed_since),
			)
		)
	return rows


def get_overdue_compounds(
	as_of: date | str | None = None, jurisdiction: str | None = None, ignore_permissions: bool = False
) -> list[frappe._dict]:
	"""Compounds under professional management that have not published their public income and
	expenses for the period due on `as_of` (default today), within `jurisdiction`'s subtree.
	Rows as get_publicity_compliance. Used by the workspace card and the assessment indicators."""
	return [
		row
		for row in get_publicity_compliance(as_of, jurisdiction, ignore_permissions=ignore_permissions)
		if row.status == OVERDUE
	]


@frappe.whitelist()
def get_overdue_publicity_count(filters: str | dict | None = None) -> dict:
	"""Number card (type Custom): how many compounds the user can see are overdue."""
	filters = frappe._dict(json.loads(filters) if isinstance(filters, str) else (filters or {}))
	frappe.has_permission("Publicity Record", "read", throw=True)
	overdue = get_overdue_compounds(filters.get("as_of"), filters.get("jurisdiction"))
	return {
		"value": len(overdue),
		"fieldtype": "Int",
		"route": ["query-report", "Publicity Compliance"],
		"route_options": {"only_overdue": 1},
	}


# Daily job
# ---------


def mark_overdue_publicity() -> dict[str, int]:
	"""Daily: remind the enterprise of every overdue compound (a ToDo for each of its users) and
	tell the compound's community officers (a notification), once per compound and period.
	Only overdue compounds are touched, each in its own savepoint (utils/sweep.py); running it
	again creates nothing new: a compound already told for the period whose enterprise users all
	have their reminder is not visited at all (two queries find them). Returns counts."""
	period = get_required_period()
	key = f"[{period_label(period)}]"
	told = set(
		frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Residential Compound",
				"comment_type": "Info",
				"content": overdue_marker(key),
			},
			pluck="reference_name",
		)
	)
	reminded = {
		(todo.reference_name, todo.allocated_to)
		for todo in frappe.get_all(
			"ToDo",
			filters={"reference_type": "Residential Compound", "description": ("like", f"%{key}%")},
			fields=["reference_name", "allocated_to"],
		)
	}
	users_of = {}

	def can_change(row) -> bool:
		if row.enterprise not in users_of:
			users_of[row.enterprise] = enterprise_users(row.enterprise)
		return row.compound not in told or any(
			(row.compound, user) not in reminded for user in users_of[row.enterprise]
		)

	def remind(row):
		remind_enterprise(row, key, users=users_of[row.enterprise], reminded=reminded)
		if row.compound not in told:
			notify_overdue(row, key)

	return dict(
		sweep.run(
			(row for row in get_overdue_compounds(ignore_permissions=True) if can_change(row)),
			remind,
			title=lambda row: _("Publicity reminder failed for {0}").format(row.compound),
			reference_doctype="Residential Compound",
			reference_name=lambda row: row.compound,
		)
	)


def remind_enterprise(
	row, key: str, users: list[str] | None = None, reminded: set | None = None
) -> list[str]:
	"""A ToDo of period `key` for each of the enterprise's users (`users` when the caller has
	them) who has none yet; (compound, user) pairs in `reminded` are known to have one."""
	created = []
	description = _(
		"{0} has not published its public income and expenses for {1}. Post the notice in the compound and record it as a Publicity Record."
	).format(row.compound_name or row.compound, key)
	for user in enterprise_users(row.enterprise) if users is None else users:
		if reminded and (row.compound, user) in reminded:
			continue
		if frappe.db.exists(
			"ToDo",
			{
				"reference_type": "Residential Compound",
				"reference_name": row.compound,
				"allocated_to": user,
				"description": ("like", f"%{key}%"),
			},
		):
			continue
		todo = frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"assigned_by": "Administrator",
				"reference_type": "Residential Compound",
				"reference_name": row.compound,
				"description": description,
				"priority": "High",
				"date": today(),
			}
		).insert(ignore_permissions=True)
		created.append(todo.name)
	return created


def notify_overdue(row, key: str) -> bool:
	"""The notice "公共收益公示逾期" (a Notification record: the enterprise's users and the community's
	officers), once per compound and period: the compound's timeline keeps a line for each period
	told. True when sent now."""
	marker = overdue_marker(key)
	if frappe.db.exists(
		"Comment",
		{
			"reference_doctype": "Residential Compound",
			"reference_name": row.compound,
			"comment_type": "Info",
			"content": marker,
		},
	):
		return False
	notices.send(notices.PUBLICITY_OVERDUE, "Residential Compound", row.compound)
	frappe.get_doc("Residential Compound", row.compound).add_comment("Info", marker)
	return True


def overdue_marker(key: str) -> str:
	"""The line a compound's timeline keeps once its overdue notice of period `key` was sent."""
	return _("Publicity overdue notice sent {0}").format(key)


def enterprise_users(enterprise: str | None) -> list[str]:
	"""Enabled Enterprise Users scoped (User Permission) to `enterprise` (notices/recipients.py)."""
	return recipients.enterprise_users(enterprise)


def community_officers(jurisdiction: str | None) -> list[str]:
	"""Enabled Community Officers whose Jurisdiction scope covers `jurisdiction` (notices/recipients.py)."""
	return recipients.jurisdiction_users(jurisdiction, COMMUNITY_OFFICER, "Publicity Record")
