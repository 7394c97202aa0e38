"""How a residential compound is managed: contract types and takeover modes, the management
mode each one gives the compound, contract status changes, and the limits on compound and
contract figures."""

import datetime

from dateutil.relativedelta import relativedelta

from property_supervision.rules.figures import percentage

# Residential Compound.management_mode
NO_MANAGEMENT = "None"
PROFESSIONAL_ENTERPRISE = "Professional Enterprise"
OWNER_SELF_MANAGED = "Owner Self-managed"
FALLBACK_AGENCY = "Fallback Agency"
CUSTODIAN = "Custodian"

# Service Contract.contract_type
EARLY_STAGE = "Early-stage"
SELECTED_BY_OWNERS = "Selected by Owners Assembly"
FALLBACK = "Fallback"
CUSTODIAN_CONTRACT = "Custodian"

MODE_BY_CONTRACT_TYPE = {
	EARLY_STAGE: PROFESSIONAL_ENTERPRISE,
	SELECTED_BY_OWNERS: PROFESSIONAL_ENTERPRISE,
	FALLBACK: FALLBACK_AGENCY,
	CUSTODIAN_CONTRACT: CUSTODIAN,
}

# Takeover Plan.takeover_mode (单独引进 / 就近代管 / 连片打包 / 托底管理服务机构 / 代管)
SINGLE_INTRODUCTION = "Single Introduction"
NEARBY_CUSTODY = "Nearby Custody"
BUNDLED_PACKAGE = "Bundled Package"
FALLBACK_AGENCY_MODE = "Fallback Agency"
CUSTODIAN_MODE = "Custodian"
# the owners' assembly decides to manage the compound itself (业主自治管理)
OWNER_SELF_MANAGEMENT = "Owner Self-management"

MODE_BY_TAKEOVER_MODE = {
	SINGLE_INTRODUCTION: PROFESSIONAL_ENTERPRISE,
	NEARBY_CUSTODY: PROFESSIONAL_ENTERPRISE,
	BUNDLED_PACKAGE: PROFESSIONAL_ENTERPRISE,
	FALLBACK_AGENCY_MODE: FALLBACK_AGENCY,
	CUSTODIAN_MODE: CUSTODIAN,
	OWNER_SELF_MANAGEMENT: OWNER_SELF_MANAGED,
}

# takeover modes that bring in a property enterprise (a fallback agency may be a non-enterprise body)
TAKEOVER_MODES_NEEDING_ENTERPRISE = (SINGLE_INTRODUCTION, NEARBY_CUSTODY, BUNDLED_PACKAGE, CUSTODIAN_MODE)

# Service Contract.status and the changes allowed once a contract is saved
DRAFT = "Draft"
ACTIVE = "Active"
EXPIRED = "Expired"
TERMINATED = "Terminated"

NEXT_STATUSES = {
	DRAFT: (DRAFT, ACTIVE),
	ACTIVE: (ACTIVE, EXPIRED, TERMINATED),
	EXPIRED: (EXPIRED,),
	TERMINATED: (TERMINATED,),
}

# 元/㎡·月: Urumqi's guide prices for residential service run well below 5 yuan; a figure above
# this bound is a typing error (yuan per year, or per flat), not a fee
MAX_FEE_STANDARD = 20.0

# the People's Republic's housing registry starts in 1949
EARLIEST_COMPLETION_YEAR = 1949


def management_mode_for_contract(contract_type: str) -> str:
	return MODE_BY_CONTRACT_TYPE[contract_type]


def management_mode_for_takeover(takeover_mode: str) -> str:
	return MODE_BY_TAKEOVER_MODE[takeover_mode]


def status_change_allowed(old: str | None, new: str) -> bool:
	"""A new contract may start in any status; a saved one only moves forward."""
	if not old:
		return True
	return new in NEXT_STATUSES.get(old, ())


def has_expired(end_date: datetime.date | None, today: datetime.date) -> bool:
	"""A contract covers its end date and has expired from the day after."""
	return bool(end_date) and end_date < today


def fee_standard_valid(fee: float | None) -> bool:
	return fee is None or 0 <= fee <= MAX_FEE_STANDARD


def completion_year_range(today: datetime.date) -> tuple[int, int]:
	"""Completion years accepted: 1949 up to next year (compounds about to be delivered)."""
	return EARLIEST_COMPLETION_YEAR, today.year + 1


def is_fallback_overdue(
	mode: str | None, since: datetime.date | None, today: datetime.date, max_months: int
) -> bool:
	"""A fallback agency's service is temporary: overdue once it has run longer than max_months."""
	if mode != FALLBACK_AGENCY or not since or not max_months:
		return False
	return since + relativedelta(months=int(max_months)) < today


def coverage_rate(covered: int, total: int) -> float:
	"""Share of old compounds under management, in percent. With no old compounds there is
	nothing left uncovered, so the rate is 100."""
	return percentage(covered, total, when_empty=100.0)
