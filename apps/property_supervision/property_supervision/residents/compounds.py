"""What the public may read about a residential compound (SPEC §11): /compounds finds one by area,
community or name; its page shows who manages it and how, the active contract's period and fee
standard, the latest publicity of each kind (service content and standards, fees, the public
income and expenses with the posted notice's photo), whether the income and expense publicity is
overdue, the owners' committee's term and filing state, and where to complain.

Only public fields leave this module, by an explicit list per DocType (PUBLIC_FIELDS): never a
person's name (legal representatives, committee members, verifiers), a phone, an ID number, an
address of a person, remarks or evidence. Free text an enterprise wrote (the publicity's content
and line items) is shown with anything that looks like a phone or an ID number blanked out.

States are read by their meaning (workflow_meanings.py), never by name; the overdue rule is
rules.publicity's, the same as the Publicity Compliance report's.
"""

import re

import frappe
from frappe import _
from frappe.utils import cint, flt, fmt_money, formatdate, getdate, today
from frappe.utils.nestedset import get_ancestors_of

from property_supervision import workflow_meanings as meanings
from property_supervision.rules.publicity import NOT_DUE, OVERDUE, compliance_status

PAGE_LENGTH = 20
MAX_QUERY_LENGTH = 40
AREA_TYPES = ("Area Committee", "Subdistrict")
PROFESSIONAL_MANAGEMENT = "Professional Enterprise"
INCOME_AND_EXPENSES = "Public Income and Expenses"
SERVICE_CONTENT = "Service Content and Standards"
FEES = "Fees"
PUBLICITY_TYPES = (SERVICE_CONTENT, FEES, INCOME_AND_EXPENSES)
ACTIVE_CONTRACT = "Active"

# the only fields of each DocType the public pages read
PUBLIC_FIELDS = {
	"Residential Compound": (
		"name",
		"compound_name",
		"jurisdiction",
		"management_mode",
		"current_enterprise",
		"managed_since",
		"building_count",
		"household_count",
		"is_old_compound",
	),
	"Property Enterprise": ("name", "enterprise_name", "credit_grade", "key_supervision"),
	"Service Contract": (
		"name",
		"enterprise",
		"contract_type",
		"tender_method",
		"start_date",
		"end_date",
		"fee_standard",
	),
	"Publicity Record": (
		"name",
		"publicity_type",
		"period_start",
		"period_end",
		"published_on",
		"publicity_location",
		"total_income",
		"total_expense",
		"balance",
		"content",
		"notice_photo",
		"verified_by_community",
		"verified_on",
	),
	"Publicity Line": ("direction", "item", "amount"),
	"Owners Committee": (
		"name",
		"workflow_state",
		"assembly_established_on",
		"election_date",
		"filed_on",
		"term_start",
		"term_end",
		"filing_overdue",
	),
}

# the public's words for what an owners' committee's state means
COMMITTEE_STATE_LABELS = {
	meanings.PREPARING: "Being prepared",
	meanings.ELECTED: "Elected, not yet filed",
	meanings.FILED: "Filed with the community",
	meanings.TERM_EXPIRED: "Term expired",
}

# phones (mobile, landline with its area code) and resident ID numbers in free text
_PERSONAL_NUMBER = re.compile(
	r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|1[3-9]\d(?:[ -]?\d{4}){2}|0\d{2,3}[ -]?\d{7,8})(?![0-9A-Za-z])"
)
_TAGS = re.compile(r"<[^>]*>")


class PublicPageError(frappe.ValidationError):
	"""Bad input on a public page (unknown compound, bad filter): a message, nothing else."""

	http_status_code = 400


class NotFound(PublicPageError):
	http_status_code = 404


def redact(text: str | None) -> str:
	"""Free text as plain text with phone and ID numbers blanked out."""
	from html import unescape

	plain = unescape(_TAGS.sub(" ", str(text or "")))
	plain = re.sub(r"[ \t\r\f\v]+", " ", plain)
	plain = re.sub(r"\n\s*\n+", "\n", plain).strip()
	return _PERSONAL_NUMBER.sub("***", plain)


def isolated(text: str) -> str:
	"""Dates and periods written left to right inside a sentence of either direction (Unicode
	left-to-right isolate), so that 2026-01-01 ~ 2026-06-30 stays whole in Uyghur."""
	return f"\u2066{text}\u2069" if text else text


def day(value) -> str:
	return formatdate(value, "yyyy-MM-dd") if value else ""


def money(value) -> str:
	return fmt_money(flt(value), precision=2)


# --- finding a compound --------------------------------------------------------------------------


def area_choices() -> list[dict]:
	"""Areas (area committees, subdistricts) with their communities, in tree order: public names."""
	areas = frappe.get_all(
		"Jurisdiction",
		filters={"jurisdiction_type": ("in", AREA_TYPES)},
		fields=["name"],
		order_by="lft asc",
	)
	communities = frappe.get_all(
		"Jurisdiction",
		filters={"jurisdiction_type": "Community"},
		fields=["name", "parent_jurisdiction"],
		order_by="lft asc",
	)
	by_area: dict[str, list[str]] = {}
	for row in communities:
		by_area.setdefault(row.parent_jurisdiction, []).append(row.name)
	return [{"name": a.name, "communities": by_area.get(a.name, [])} for a in areas]


def _jurisdiction_of_type(name, types: tuple[str, ...], message: str) -> str | None:
	if name in (None, ""):
		return None
	if not isinstance(name, str) or len(name) > 140:
		frappe.throw(message, PublicPageError)
	if frappe.db.get_value("Jurisdiction", name.strip(), "jurisdiction_type") not in types:
		frappe.throw(message, PublicPageError)
	return name.strip()


def clean_query(query) -> str:
	if query in (None, ""):
		return ""
	if not isinstance(query, str):
		frappe.throw(_("Please type a part of the compound's name."), PublicPageError)
	text = redact(query).replace("***", "").strip()
	if len(text) > MAX_QUERY_LENGTH:
		frappe.throw(
			_("Please type at most {0} characters of the compound's name.").format(MAX_QUERY_LENGTH),
			PublicPageError,
		)
	return text


def clean_page(page) -> int:
	if page in (None, ""):
		return 1
	try:
		number = int(str(page))
	except ValueError:
		number = 0
	if number < 1 or number > 10_000:
		frappe.throw(_("This page of the list does not exist."), PublicPageError)
	return number


def find_compounds(area=None, community=None, query=None, page=None) -> dict:
	"""Compounds by area, community and a part of their name, PAGE_LENGTH a page, by name.

	Bad input (an unknown area or community, a community outside the chosen area, an overlong
	name, a page that is no number) is refused with a message in the reader's language."""
	area = _jurisdiction_of_type(
		area, AREA_TYPES, _("Please choose an area committee or subdistrict from the list.")
	)
	community = _jurisdiction_of_type(
		community, ("Community",), _("Please choose a community from the list.")
	)
	if area and community and frappe.db.get_value("Jurisdiction", community, "parent_jurisdiction") != area:
		frappe.throw(_("The community chosen does not belong to the area chosen."), PublicPageError)
	query = clean_query(query)
	page = clean_page(page)

	filters = {}
	if community:
		filters["jurisdiction"] = community
	elif area:
		filters["jurisdiction"] = ("descendants of", area)
	# LIKE's wildcards cannot be escaped through frappe.get_all: they are not searched for
	searched = query.replace("%", "").replace("_", "").strip()
	if searched:
		filters["compound_name"] = ("like", f"%{searched}%")
	total = frappe.db.count("Residential Compound", filters)
	rows = frappe.get_all(
		"Residential Compound",
		filters=filters,
		fields=["name", "compound_name", "jurisdiction", "management_mode", "current_enterprise"],
		order_by="compound_name asc, name asc",
		limit_start=(page - 1) * PAGE_LENGTH,
		limit_page_length=PAGE_LENGTH,
	)
	names = enterprise_names([r.current_enterprise for r in rows])
	return {
		"area": area or "",
		"community": community or "",
		"query": query,
		"page": page,
		"pages": max(1, -(-total // PAGE_LENGTH)),
		"total": total,
		"compounds": [
			{
				"name": r.name,
				"compound_name": r.compound_name,
				"community": r.jurisdiction or "",
				"management_mode": _(r.management_mode) if r.management_mode else _("Not recorded"),
				"enterprise": names.get(r.current_enterprise, ""),
			}
			for r in rows
		],
	}


def enterprise_names(enterprises) -> dict[str, str]:
	wanted = sorted({e for e in enterprises if e})
	if not wanted:
		return {}
	return dict(
		frappe.get_all(
			"Property Enterprise",
			filters={"name": ("in", wanted)},
			fields=["name", "enterprise_name"],
			as_list=True,
		)
	)


# --- one compound --------------------------------------------------------------------------------


def get_compound(name) -> dict:
	"""Everything public about one compound (see the module's docstring)."""
	if not name or not isinstance(name, str) or len(name) > 140:
		frappe.throw(_("This compound was not found. Please find it in the list."), NotFound)
	compound = frappe.db.get_value(
		"Residential Compound", name.strip(), PUBLIC_FIELDS["Residential Compound"], as_dict=True
	)
	if not compound:
		frappe.throw(_("This compound was not found. Please find it in the list."), NotFound)

	ancestors = get_ancestors_of("Jurisdiction", compound.jurisdiction) if compound.jurisdiction else []
	area = next(
		(a for a in ancestors if frappe.db.get_value("Jurisdiction", a, "jurisdiction_type") in AREA_TYPES),
		"",
	)
	enterprise = None
	if compound.current_enterprise:
		enterprise = frappe.db.get_value(
			"Property Enterprise",
			compound.current_enterprise,
			PUBLIC_FIELDS["Property Enterprise"],
			as_dict=True,
		)
	publicity = latest_publicity(compound.name)
	return {
		"name": compound.name,
		"compound_name": compound.compound_name,
		"community": compound.jurisdiction or "",
		"area": area,
		"management_mode": _(compound.management_mode) if compound.management_mode else _("Not recorded"),
		"managed_since": day(compound.managed_since),
		"is_old_compound": cint(compound.is_old_compound),
		"building_count": cint(compound.building_count) or None,
		"household_count": cint(compound.household_count) or None,
		"enterprise": {
			"name": enterprise.name,
			"enterprise_name": enterprise.enterprise_name,
			"credit_grade": enterprise.credit_grade or "",
			"key_supervision": cint(enterprise.key_supervision),
		}
		if enterprise
		else None,
		"contract": active_contract(compound.name),
		"publicity": publicity,
		"publicity_status": publicity_status(compound),
		"committee": owners_committee(compound.name),
		"complaint_url": f"/complaint?compound={frappe.utils.quote(compound.name)}",
	}


def active_contract(compound: str) -> dict | None:
	rows = frappe.get_all(
		"Service Contract",
		filters={"compound": compound, "status": ACTIVE_CONTRACT},
		fields=PUBLIC_FIELDS["Service Contract"],
		order_by="start_date desc, creation desc",
		limit=1,
	)
	if not rows:
		return None
	contract = rows[0]
	return {
		"enterprise": enterprise_names([contract.enterprise]).get(contract.enterprise, ""),
		"contract_type": _(contract.contract_type) if contract.contract_type else "",
		"tender_method": _(contract.tender_method) if contract.tender_method else "",
		"start_date": day(contract.start_date),
		"end_date": day(contract.end_date),
		"fee_standard": money(contract.fee_standard) if contract.fee_standard else "",
	}


def latest_publicity(compound: str) -> dict[str, dict | None]:
	"""The latest record of each publicity type (by period, then publication date)."""
	result = {}
	for publicity_type in PUBLICITY_TYPES:
		rows = frappe.get_all(
			"Publicity Record",
			filters={"compound": compound, "publicity_type": publicity_type, "published_on": ("<=", today())},
			fields=PUBLIC_FIELDS["Publicity Record"],
			order_by="period_end desc, published_on desc, creation desc",
			limit=1,
		)
		result[publicity_type] = public_publicity(rows[0]) if rows else None
	return {
		"service": result[SERVICE_CONTENT],
		"fees": result[FEES],
		"income_and_expenses": result[INCOME_AND_EXPENSES],
	}


def public_publicity(record) -> dict:
	lines = frappe.get_all(
		"Publicity Line",
		filters={"parent": record.name, "parenttype": "Publicity Record", "parentfield": "lines"},
		fields=PUBLIC_FIELDS["Publicity Line"],
		order_by="idx asc",
	)
	return {
		"name": record.name,
		"type": _(record.publicity_type),
		"period_start": day(record.period_start),
		"period_end": day(record.period_end),
		"published_on": day(record.published_on),
		"location": redact(record.publicity_location),
		"content": redact(record.content),
		"income": [
			{"item": redact(line.item), "amount": money(line.amount)}
			for line in lines
			if line.direction == "Income"
		],
		"expenses": [
			{"item": redact(line.item), "amount": money(line.amount)}
			for line in lines
			if line.direction == "Expense"
		],
		"total_income": money(record.total_income),
		"total_expense": money(record.total_expense),
		"balance": money(record.balance),
		"photo_url": notice_photo_url(record) if record.notice_photo else "",
		"verified": cint(record.verified_by_community),
		"verified_on": day(record.verified_on) if cint(record.verified_by_community) else "",
	}


def notice_photo_url(record) -> str:
	"""The posted notice's photo through the guest endpoint (it may be a private file)."""
	return "/api/method/property_supervision.api.disclosure.notice_photo?record=" + frappe.utils.quote(
		record.name
	)


def publicity_status(compound) -> dict:
	"""Whether the compound's public income and expenses are overdue, by the rule of the Publicity
	Compliance report (rules.publicity): only a compound under a professional enterprise must
	publish; the required period is the last completed one."""
	from property_supervision.registry.doctype.publicity_record.publicity_record import (
		get_required_period,
		income_and_expense_periods,
	)

	period = get_required_period()
	period_text = isolated(f"{day(period[0])} ~ {day(period[1])}")
	if compound.management_mode != PROFESSIONAL_MANAGEMENT:
		return {"status": "not_required", "overdue": 0, "period": period_text}
	records = income_and_expense_periods([compound.name], getdate(today())).get(compound.name, [])
	managed_since = getdate(compound.managed_since) if compound.managed_since else None
	status = compliance_status(records, period, managed_since)
	return {
		"status": {OVERDUE: "overdue", NOT_DUE: "not_due"}.get(status, "compliant"),
		"overdue": 1 if status == OVERDUE else 0,
		"period": period_text,
	}


def owners_committee(compound: str) -> dict | None:
	"""The compound's latest owners' committee: its term and what its state means."""
	rows = frappe.get_all(
		"Owners Committee",
		filters={"compound": compound},
		fields=PUBLIC_FIELDS["Owners Committee"],
		order_by="term_start desc, election_date desc, creation desc",
		limit=1,
	)
	if not rows:
		return None
	committee = rows[0]
	meaning = meanings.meaning_of("Owners Committee", committee.workflow_state)
	filed = meaning == meanings.FILED
	return {
		"state": _(COMMITTEE_STATE_LABELS.get(meaning, "Not recorded")),
		"meaning": meaning or "",
		"filed": 1 if filed else 0,
		"filed_on": day(committee.filed_on) if filed else "",
		"election_date": day(committee.election_date),
		"term_start": day(committee.term_start),
		"term_end": day(committee.term_end),
		"filing_overdue": cint(committee.filing_overdue) if not filed else 0,
	}
