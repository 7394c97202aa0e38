"""Enterprise credit (SPEC: Credit; seed: 诚信信息采集、汇总、上报, 诚信等级评定, 重点监管).

An enterprise's credit score is the base score plus the points of its confirmed records that
have not expired, kept between the lowest and the highest score. The grade follows from the
score by bands (default AAA ≥ 85, AA ≥ 80, A ≥ 70, B ≥ 60, C below); key supervision follows
from the grade (B and C by default) or from the number of upheld complaints in a window.

This is the one place these rules live: the Credit Record controller, the daily expiry job,
the recomputation after a settings change and the Enterprise Credit Ranking report call it.
"""

import calendar
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

GRADES = ("AAA", "AA", "A", "B", "C")

# why an enterprise is under key supervision
KEY_BY_GRADE = "grade"
KEY_BY_UPHELD_COMPLAINTS = "upheld_complaints"
# 建管分离: it runs an active contract as the developer's affiliate (Registry Settings switch it)
KEY_BY_SEPARATION_VIOLATION = "separation_violation"

# rule codes: a capital letter, then capitals and digits, groups joined by single hyphens
# (BL-01, LH-01, XJ2024-3); at most 20 characters, the length of the field
RULE_CODE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
RULE_CODE_MAX_LENGTH = 20


@dataclass(frozen=True)
class GradeBands:
	"""The lowest score of each grade; below `b` is C."""

	aaa: float = 85
	aa: float = 80
	a: float = 70
	b: float = 60

	def error(self) -> str | None:
		"""None when the bands are usable: strictly descending from AAA to B."""
		if not (self.aaa > self.aa > self.a > self.b):
			return "order"
		return None


def is_valid_rule_code(code: str | None) -> bool:
	return bool(code) and len(code) <= RULE_CODE_MAX_LENGTH and bool(RULE_CODE.match(code))


def normalize_rule_code(code: str | None) -> str:
	"""Codes are compared in capitals without surrounding spaces."""
	return (code or "").strip().upper()


def clamp(value: float, low: float, high: float) -> float:
	return max(low, min(high, value))


def credit_score(base: float, points: Iterable[float], min_score: float, max_score: float) -> float:
	"""Base plus the points of the counting records, kept within [min_score, max_score], to one decimal."""
	total = float(base) + sum(float(p or 0) for p in points)
	return round(clamp(total, float(min_score), float(max_score)), 1)


def credit_grade(score: float, bands: GradeBands) -> str:
	"""AAA / AA / A / B / C for a score."""
	if score >= bands.aaa:
		return "AAA"
	if score >= bands.aa:
		return "AA"
	if score >= bands.a:
		return "A"
	if score >= bands.b:
		return "B"
	return "C"


def key_supervision_triggers(
	grade: str,
	upheld_complaints: int,
	key_grades: Iterable[str],
	upheld_threshold: int,
	separation_violation: bool = False,
) -> list[str]:
	"""Why an enterprise is under key supervision: [] when it is not; KEY_BY_GRADE when its grade
	is one of `key_grades`; KEY_BY_UPHELD_COMPLAINTS when it has at least `upheld_threshold`
	upheld complaints in the window (a threshold of 0 switches that trigger off);
	KEY_BY_SEPARATION_VIOLATION when it violates construction-management separation (建管分离)."""
	triggers = []
	if grade in set(key_grades):
		triggers.append(KEY_BY_GRADE)
	if upheld_threshold and int(upheld_complaints) >= int(upheld_threshold):
		triggers.append(KEY_BY_UPHELD_COMPLAINTS)
	if separation_violation:
		triggers.append(KEY_BY_SEPARATION_VIOLATION)
	return triggers


def add_months(day: date, months: int) -> date:
	"""The same day `months` later (or earlier, when negative); the 31st becomes the month's last day."""
	index = day.year * 12 + day.month - 1 + int(months)
	year, month = divmod(index, 12)
	month += 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_date(occurred_on: date, validity_months: int) -> date:
	"""The last day a record counts: a record of 15 March with 12 months' validity counts up to
	and including 14 March of the next year."""
	return date.fromordinal(add_months(occurred_on, validity_months).toordinal() - 1)


def is_counting(expires_on: date | None, on: date) -> bool:
	"""A confirmed record counts on `on` while it has not expired."""
	return expires_on is None or expires_on >= on


def ranker(population: Iterable[float]):
	"""A function giving the competition rank of a score among `population` (the scores of every
	enterprise ranked): one more than the number of higher scores, so equal scores share a place
	(1, 2, 2, 4)."""
	ascending = sorted(float(score or 0) for score in population)

	def rank(score: float) -> int:
		return 1 + len(ascending) - bisect_right(ascending, float(score or 0))

	return rank


def score_band(grade: str, bands: GradeBands, min_score: float, max_score: float) -> tuple[float, float]:
	"""The scores of a grade as (lowest, highest): the lowest belongs to the grade, the highest
	only for the top grade (AA is 80 up to, not including, 85 by default; AAA is 85 to 100)."""
	lows = {"AAA": bands.aaa, "AA": bands.aa, "A": bands.a, "B": bands.b, "C": float(min_score)}
	highs = {"AAA": float(max_score), "AA": bands.aaa, "A": bands.aa, "B": bands.a, "C": bands.b}
	if grade not in lows:
		raise ValueError(f"unknown grade {grade!r}")
	return float(lows[grade]), float(highs[grade])
