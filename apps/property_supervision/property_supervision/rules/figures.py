"""The figures the district reads in several places, defined once (SPEC §8, issue "one home").

Every report, assessment indicator, number card, credit rule and page that shows one of these
figures computes it here; the counts it rests on come from one query helper,
`property_supervision.complaints.figures`.

- A **percentage** has one decimal; with nothing to count it is None (the caller shows "—" or
  "0/0"), unless the figure says what an empty base means (old-compound coverage: nothing left
  uncovered is full coverage).
- **Resolution rate** = complaints resolved or closed ÷ complaints received that were not
  rejected.
- **Overdue rate** = complaints that went past a level's deadline at least once ÷ the same base.
  Both are taken over the complaints received in the period, by the jurisdiction (or enterprise)
  they belong to. Rejected complaints are reported as their own count.
- An **upheld complaint** is one marked upheld whose handling ended in a state meaning Resolved
  or Closed.
"""

DIGITS = 1


def percentage(part: float | None, whole: float | None, when_empty: float | None = None) -> float | None:
	"""part / whole in percent with one decimal; `when_empty` when there is nothing to count."""
	if not whole:
		return when_empty
	return round(100.0 * (part or 0) / whole, DIGITS)


def counted_base(received: int | None, rejected: int | None) -> int:
	"""The complaints a level had to handle: those received that were not rejected."""
	return max(int(received or 0) - int(rejected or 0), 0)


def resolution_rate(resolved: int | None, received: int | None, rejected: int | None) -> float | None:
	"""Resolved or closed complaints over the received ones that were not rejected."""
	return percentage(resolved, counted_base(received, rejected))


def overdue_rate(overdue: int | None, received: int | None, rejected: int | None) -> float | None:
	"""Complaints that went past a level's deadline at least once over the same base."""
	return percentage(overdue, counted_base(received, rejected))


def is_upheld_complaint(marked_upheld: bool | int | None, ended_resolved: bool) -> bool:
	"""Marked upheld, and its handling ended in Resolved or Closed (by the state's meaning)."""
	return bool(marked_upheld) and bool(ended_resolved)
