"""Owners' committees (业主委员会): size, term and the dates derived from the election.

National rules (《业主大会和业主委员会指导规则》, 建房〔2009〕274号): a committee has 5 to 11
members, an odd number, led by one director (主任); its term is at most 5 years; it files with
the district within 30 days of its election; re-election is prepared before the term ends. The
numbers are settings (Registry Settings); the functions take them as arguments.
"""

import datetime

from dateutil.relativedelta import relativedelta

DIRECTOR = "Director"
DEPUTY_DIRECTOR = "Deputy Director"
MEMBER = "Member"
MEMBER_ROLES = (DIRECTOR, DEPUTY_DIRECTOR, MEMBER)


def committee_size_error(count: int, minimum: int, maximum: int) -> str | None:
	"""None when `count` members make a lawful committee, else "too_few", "too_many" or "even"."""
	if count < minimum:
		return "too_few"
	if count > maximum:
		return "too_many"
	if count % 2 == 0:
		return "even"
	return None


def director_count_error(roles: list[str]) -> str | None:
	"""None when exactly one member is the director, else "none" or "several"."""
	directors = sum(1 for role in roles if role == DIRECTOR)
	if directors == 0:
		return "none"
	if directors > 1:
		return "several"
	return None


def term_error(
	term_start: datetime.date | None,
	term_end: datetime.date | None,
	max_years: int,
	election_date: datetime.date | None = None,
) -> str | None:
	"""None when the term is lawful, else "order" (end not after start), "too_long" (longer than
	`max_years`: the end may fall on the same calendar day `max_years` later at most) or
	"election_after_start" (the term cannot start before the election)."""
	if term_start and term_end:
		if term_end <= term_start:
			return "order"
		if term_end > term_start + relativedelta(years=max_years):
			return "too_long"
	if election_date and term_start and election_date > term_start:
		return "election_after_start"
	return None


def filing_due_date(election_date: datetime.date | None, filing_days: int) -> datetime.date | None:
	"""The last day to file: `filing_days` calendar days after the election."""
	if not election_date:
		return None
	return election_date + datetime.timedelta(days=filing_days)


def is_filing_overdue(
	due_date: datetime.date | None, filed_on: datetime.date | None, today: datetime.date
) -> bool:
	"""Filed after the due date, or not filed and the due date has passed."""
	if not due_date:
		return False
	return (filed_on or today) > due_date


def reelection_notice_date(term_end: datetime.date | None, lead_months: int) -> datetime.date | None:
	"""When the re-election must be announced: `lead_months` before the term ends (end of month
	clamped: 31 July less 5 months is 28 or 29 February)."""
	if not term_end:
		return None
	return term_end - relativedelta(months=lead_months)


def days_left(term_end: datetime.date | None, today: datetime.date) -> int | None:
	"""Days until the term ends (negative once it has ended)."""
	if not term_end:
		return None
	return (term_end - today).days
