"""Supervision inspections and rectification notices (责令限期整改), the pure rules: the score of a
checklist, a notice's default deadline, when a notice counts as overdue and when an enterprise under
key supervision is due its next inspection. The numbers are settings (Supervision Settings); the
functions take them as arguments."""

import datetime

from property_supervision.rules.credit import add_months

PASS = "Pass"
FAIL = "Fail"
NOT_APPLICABLE = "Not Applicable"

RECTIFIED = "Rectified"
NOT_RECTIFIED = "Not Rectified"


def checklist_score(rows) -> float | None:
	"""Percent of the weight passed among the items that apply ((result, weight) pairs); None while
	no item that applies has a result."""
	applicable = passed = 0.0
	for result, weight in rows:
		weight = float(weight or 0)
		if result in (PASS, FAIL):
			applicable += weight
			if result == PASS:
				passed += weight
	if not applicable:
		return None
	return round(passed * 100 / applicable, 1)


def default_deadline(issued_on: datetime.date | None, days: int) -> datetime.date | None:
	"""A new notice's deadline: the day it is issued plus the period."""
	if not issued_on:
		return None
	return issued_on + datetime.timedelta(days=int(days or 0))


def is_overdue(deadline: datetime.date | None, on: datetime.date, is_open: bool) -> bool:
	"""An open notice is overdue from the day after its deadline."""
	return bool(is_open and deadline and on > deadline)


def key_inspection_due(last: datetime.date | None, on: datetime.date, months: int) -> bool:
	"""An enterprise under key supervision is due an inspection when it has never had one of that
	type, or the last one is at least `months` old; 0 months: none are scheduled."""
	if int(months or 0) <= 0:
		return False
	return last is None or add_months(last, int(months)) <= on
