"""Figures of the `Complaint Statistics` report (SPEC §8), computed from counts the database
has already aggregated: rates, average handling time in working days (each resolved complaint
keeps its count over the working calendar, `Complaint.handling_working_days`), and the roll-up
of groups (communities into their area committee or subdistrict office). The definitions of the
rates are those of rules.figures, shared with the assessment indicators and the workspace."""

from property_supervision.rules.figures import overdue_rate, percentage, resolution_rate

# the counts every group carries; they add up when groups are rolled up
COUNTS = (
	"received",
	"rejected",
	"resolved",
	"overdue",
	"handled",
	"handling_days",
	"satisfied",
	"basically_satisfied",
	"dissatisfied",
)


def rate(part: float, whole: float) -> float | None:
	"""part / whole as a percentage with one decimal; None when there is nothing to divide."""
	return percentage(part, whole)


def average_days(total_days: float, count: int) -> float | None:
	"""Mean of `count` durations totalling `total_days` (working days), with one decimal."""
	if not count:
		return None
	return round((total_days or 0) / count, 1)


def satisfaction_rate(satisfied: int, basically_satisfied: int, dissatisfied: int) -> float | None:
	"""满意率: satisfied and basically satisfied over all who answered, as a percentage."""
	answered = (satisfied or 0) + (basically_satisfied or 0) + (dissatisfied or 0)
	return rate((satisfied or 0) + (basically_satisfied or 0), answered)


def add_figures(row: dict) -> dict:
	"""Fill in the derived figures of one group (or of the total) from its counts."""
	row["resolution_rate"] = resolution_rate(row["resolved"], row["received"], row["rejected"])
	row["overdue_rate"] = overdue_rate(row["overdue"], row["received"], row["rejected"])
	row["average_handling_days"] = average_days(row["handling_days"], row["handled"])
	row["satisfaction_rate"] = satisfaction_rate(
		row["satisfied"], row["basically_satisfied"], row["dissatisfied"]
	)
	return row


def empty_counts() -> dict:
	return dict.fromkeys(COUNTS, 0)


def add_counts(into: dict, row: dict) -> dict:
	for key in COUNTS:
		into[key] = (into.get(key) or 0) + (row.get(key) or 0)
	return into


def roll_up(rows: list[dict], key: str, parent_of: dict) -> dict:
	"""Add up the counts of `rows` by parent_of[row[key]] (the row's own key when it has no parent).

	Returns {parent: counts} in the order parents are first met."""
	groups: dict = {}
	for row in rows:
		parent = parent_of.get(row.get(key), row.get(key))
		add_counts(groups.setdefault(parent, empty_counts()), row)
	return groups


def ancestor_within(nodes: list[tuple[str, int, int]], lft: int, rgt: int) -> str | None:
	"""The node of `nodes` (name, lft, rgt — nested-set bounds) whose subtree holds (lft, rgt)."""
	for name, node_lft, node_rgt in nodes:
		if node_lft <= lft and rgt <= node_rgt:
			return name
	return None
