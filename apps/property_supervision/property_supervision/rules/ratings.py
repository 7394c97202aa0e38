"""Ratings of complaint handling (回访) as the credit rule on dissatisfied ratings reads them: the
period a rule judges and whether an enterprise's ratings in it cross the rule's threshold.

Periods run from 1 January in steps of the rule's months (6: half-years, 3: quarters, 12: years);
a period is judged once it has ended, so the one judged on a day is the last complete period."""

from datetime import date, timedelta

PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)


def last_complete_period(on: date, months: int) -> tuple[date, date]:
	"""(first day, last day) of the last period of `months` that ended before `on`."""
	if months not in PERIOD_MONTHS:
		raise ValueError(f"a period of {months} months does not divide the year")
	index = (on.month - 1) // months  # the period `on` lies in
	start_month = index * months + 1
	current_start = date(on.year, start_month, 1)
	end = current_start - timedelta(days=1)
	previous_start_month = ((end.month - 1) // months) * months + 1
	return date(end.year, previous_start_month, 1), end


def dissatisfied_share(dissatisfied: int, ratings: int) -> float | None:
	"""不满意 ratings over all ratings in percent (one decimal); None without ratings."""
	if not ratings:
		return None
	return round(100.0 * (dissatisfied or 0) / ratings, 1)


def crosses_threshold(dissatisfied: int, ratings: int, share: float, minimum: int) -> bool:
	"""Enough ratings (at least `minimum`) and at least `share` percent of them 不满意."""
	if ratings < max(int(minimum or 0), 1):
		return False
	found = dissatisfied_share(dissatisfied, ratings)
	return found is not None and found >= float(share)
