"""Working-day arithmetic for complaint time limits (SPEC: Complaint Settings).

Saturdays and Sundays are days off; the working calendar (DocType `Working Calendar Day`) lists
the public holidays and the weekend days worked in exchange (调休). Time limits are counted in
working days after the day a level took a complaint over: a limit of 5 working days from a
Monday ends on the following Monday.

A year for which the calendar has no (national) rows is counted over weekends only; a result
that reaches into such a year is provisional (`missing_years`).

This is the one place the arithmetic lives: the complaint controller, the daily SLA job, the
residents' status page and the reports call it.
"""

from collections.abc import Collection
from datetime import date, timedelta

SATURDAY = 5  # date.weekday()

ONE_DAY = timedelta(days=1)


def is_working_day(
	day: date, holidays: Collection[date] = (), working_weekends: Collection[date] = ()
) -> bool:
	"""A weekday that is not a holiday, or a weekend day listed as worked (调休)."""
	if day in working_weekends:
		return True
	if day in holidays:
		return False
	return day.weekday() < SATURDAY


def add_working_days(
	start: date,
	days: int,
	holidays: Collection[date] = (),
	working_weekends: Collection[date] = (),
) -> date:
	"""The day on which `days` working days after `start` have passed (`start` itself does not
	count). Zero days is `start` itself; negative counts go backwards."""
	days = int(days)
	step = ONE_DAY if days >= 0 else -ONE_DAY
	remaining = abs(days)
	day = start
	while remaining:
		day += step
		if is_working_day(day, holidays, working_weekends):
			remaining -= 1
	return day


def working_days_between(
	start: date,
	end: date,
	holidays: Collection[date] = (),
	working_weekends: Collection[date] = (),
) -> int:
	"""Working days after `start` up to and including `end`: the inverse of add_working_days for
	working days (negative when `end` lies before `start`)."""
	if end == start:
		return 0
	sign = 1 if end > start else -1
	low, high = (start, end) if sign == 1 else (end, start)
	count = 0
	day = low + ONE_DAY
	while day <= high:
		if is_working_day(day, holidays, working_weekends):
			count += 1
		day += ONE_DAY
	return sign * count


def next_working_day(
	day: date, holidays: Collection[date] = (), working_weekends: Collection[date] = ()
) -> date:
	"""`day` itself when it is a working day, else the first working day after it: what falls
	due on a holiday falls due then."""
	while not is_working_day(day, holidays, working_weekends):
		day += ONE_DAY
	return day


def previous_working_day(
	day: date, holidays: Collection[date] = (), working_weekends: Collection[date] = ()
) -> date:
	"""The last working day before `day` (never `day` itself)."""
	day -= ONE_DAY
	while not is_working_day(day, holidays, working_weekends):
		day -= ONE_DAY
	return day


def missing_years(start: date, end: date, covered_years: Collection[int]) -> list[int]:
	"""The years from `start` to `end` (either order) that the calendar does not cover."""
	low, high = sorted((start.year, end.year))
	return [year for year in range(low, high + 1) if year not in covered_years]
