"""Publicity periods (SPEC: Publicity Record; seed: 每半年公示公共收益收支).

An enterprise managing a compound publishes the compound's public income and expenses for
every period of a fixed length: half-years (January–June, July–December) by default, or
quarters. On a given day, the period that must already have been published is the last
*completed* one: the period before the one the day falls in. A compound complies when the
periods of its income and expense publicity records, taken together, cover that whole
period — or the part of it during which the enterprise managed the compound.

This is the one place the period arithmetic lives: the daily job, the Publicity Compliance
report and the assessment indicators all call it.
"""

from collections.abc import Iterable
from datetime import date, timedelta

# lengths (months) that divide the year into equal periods starting in January
ALLOWED_PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)

COMPLIANT = "Compliant"
OVERDUE = "Overdue"
NOT_DUE = "Not Due"  # management began after the required period ended: nothing to publish yet

Period = tuple[date, date]


def _check_months(months: int) -> int:
	months = int(months)
	if months not in ALLOWED_PERIOD_MONTHS:
		raise ValueError(f"period length must be one of {ALLOWED_PERIOD_MONTHS} months, not {months}")
	return months


def _month_end(year: int, month: int) -> date:
	if month == 12:
		return date(year, 12, 31)
	return date(year, month + 1, 1) - timedelta(days=1)


def period_containing(day: date, months: int) -> Period:
	"""The calendar period of `months` months (aligned on 1 January) that contains `day`."""
	months = _check_months(months)
	first_month = (day.month - 1) // months * months + 1
	last_month = first_month + months - 1
	return date(day.year, first_month, 1), _month_end(day.year, last_month)


def previous_period(period: Period, months: int) -> Period:
	"""The period just before `period`."""
	return period_containing(period[0] - timedelta(days=1), months)


def last_completed_period(today: date, months: int) -> Period:
	"""The last period that has fully ended before `today`: on 30 June the first half-year is
	still running, so the required period is the previous July–December; from 1 July on it is
	January–June."""
	return previous_period(period_containing(today, months), months)


def required_period(as_of: date, months: int, grace_days: int = 0) -> Period:
	"""The period whose publicity is due on `as_of`, allowing `grace_days` after a period ends
	for the notice to be posted (0: due the day after the period ends)."""
	return last_completed_period(as_of - timedelta(days=int(grace_days or 0)), months)


def _as_period(record) -> Period:
	if isinstance(record, tuple | list):
		return record[0], record[1]
	if isinstance(record, dict):
		return record["period_start"], record["period_end"]
	return record.period_start, record.period_end


def covered_until(records: Iterable, start: date) -> date | None:
	"""The last day up to which the records' periods cover every day from `start` without a
	gap, or None when `start` itself is not covered. Records are (start, end) pairs, dicts or
	objects with period_start / period_end; records without both dates are ignored."""
	periods = sorted((s, e) for s, e in (_as_period(r) for r in records) if s and e and e >= s and e >= start)
	reached = None  # covered through this day
	for s, e in periods:
		frontier = start if reached is None else reached + timedelta(days=1)
		if s > frontier:
			break
		if reached is None or e > reached:
			reached = e
	return reached


def is_covered(records: Iterable, period: Period, since: date | None = None) -> bool:
	"""True when the records' periods together cover `period` — from `since` on, when the
	enterprise took over during the period. Quarterly records cover a half-year; an annual
	record covers both halves."""
	start, end = period
	if since and since > start:
		start = since
	if start > end:
		return True
	reached = covered_until(records, start)
	return reached is not None and reached >= end


def compliance_status(records: Iterable, period: Period, managed_since: date | None = None) -> str:
	"""Compliant / Overdue / Not Due for one compound and its required period."""
	if managed_since and managed_since > period[1]:
		return NOT_DUE
	return COMPLIANT if is_covered(records, period, since=managed_since) else OVERDUE


def period_label(period: Period) -> str:
	"""A language-neutral label for a period, used as the key of reminders: 2026-01-01 ~ 2026-06-30."""
	return f"{period[0].isoformat()} ~ {period[1].isoformat()}"
