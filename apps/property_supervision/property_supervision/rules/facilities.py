"""Facility rectification and 四到户 work (SPEC §14): the item's status and progress, when an item is
overdue, the survey's target date, and the four-to-household counts against the yearly targets.
No database: the controllers, the survey, the daily job and the reports call these."""

import calendar
import datetime

from property_supervision.rules.figures import percentage

# Facility Rectification Item.status
NOT_STARTED, IN_PROGRESS, COMPLETED, CANCELLED = "Not Started", "In Progress", "Completed", "Cancelled"
ITEM_STATUSES = (NOT_STARTED, IN_PROGRESS, COMPLETED, CANCELLED)
# an item in one of these is finished: never overdue
CLOSED_STATUSES = (COMPLETED, CANCELLED)

# Compound Facility Issue.issue_type and .status
PARKING, PREMISES, WATER, ROADS, OTHER = (
	"Parking Shortage",
	"No Property Office",
	"Aged Water Supply and Drainage",
	"Damaged Roads",
	"Other",
)
ISSUE_TYPES = (PARKING, PREMISES, WATER, ROADS, OTHER)
ISSUE_RESOLVED = "Resolved"
# the compound issue's status that follows its item's status
ISSUE_STATUS_BY_ITEM = {NOT_STARTED: "Unresolved", IN_PROGRESS: "In Progress", COMPLETED: ISSUE_RESOLVED}

# the four utilities of 四到户, and the compound's field for each
UTILITIES = ("water", "heating", "power", "gas")
UTILITY_DONE, UTILITY_NOT_APPLICABLE = "Completed", "Not Applicable"
UTILITY_STATUSES = ("Not Started", "In Progress", UTILITY_DONE, UTILITY_NOT_APPLICABLE)
HOUSEHOLDS, COMPOUNDS = "Households", "Compounds"


def compound_field(utility: str) -> str:
	"""Residential Compound's field of a utility's four-to-household status."""
	return f"{utility}_to_household"


def normalised_progress(status: str, progress: float | None) -> tuple[str, float]:
	"""The status and progress an item is saved with: Completed means 100 %; progress reaching
	100 % completes the item; progress on an item not started puts it in progress.
	Raises ValueError for a progress outside 0–100."""
	progress = float(progress or 0)
	if progress < 0 or progress > 100:
		raise ValueError("progress")
	if status == COMPLETED or progress >= 100:
		return COMPLETED, 100.0
	if status == NOT_STARTED and progress > 0:
		return IN_PROGRESS, progress
	return status, progress


def is_overdue(target_date: datetime.date | None, status: str, today: datetime.date) -> bool:
	"""An item is overdue when its target date has passed and it is neither completed nor cancelled."""
	return bool(target_date) and target_date < today and status not in CLOSED_STATUSES


def default_target_date(year: int, month: int) -> datetime.date:
	"""The survey's target date for an issue without a due date: the last day of `month` of the year."""
	month = min(max(int(month or 12), 1), 12)
	return datetime.date(int(year), month, calendar.monthrange(int(year), month)[1])


def survey_target_date(due_date, year: int, month: int) -> datetime.date:
	"""An item's target date from the survey: the issue's own due date when it lies in the plan year
	or later, otherwise (none, or already past before the year began) the year's target month."""
	if due_date and due_date.year >= int(year):
		return due_date
	return default_target_date(year, month)


def counts_towards(status: str | None) -> bool:
	"""A compound's utility status that counts as done against a target."""
	return status == UTILITY_DONE


def utility_done(rows, utility: str, basis: str) -> int:
	"""How many households (or compounds) of the rows have the utility completed. Each row is a
	mapping with `household_count` and the utility's status under compound_field(utility)."""
	field = compound_field(utility)
	return sum(
		(int(row.get("household_count") or 0) if basis == HOUSEHOLDS else 1)
		for row in rows
		if counts_towards(row.get(field))
	)


def target_rate(done: int | None, target: int | None) -> float | None:
	"""Completed against a target in percent (None without a target); above 100 % is shown as it is."""
	return percentage(done, target)
