"""Owners' assemblies (业主大会): notice period, participation and approval.

《民法典》第二百七十八条: a matter is decided with the participation of owners holding at least
two thirds of the exclusive floor area and at least two thirds of the owners in number; the
ordinary matters (items 一 to 五 and 九: rules of procedure, the management statute, electing or
replacing the owners' committee, engaging the property service enterprise, using the maintenance
fund, other important matters) need more than half of the participating owners, by area and by
number; the major matters (items 六 to 八: raising the maintenance fund, rebuilding, changing the
use of the common parts) need three quarters or more of them, by area and by number.
《物业管理条例》第十四条: the assembly is announced at least 15 days before it meets.

The fractions and the days are settings (Registry Settings); the functions take them as
arguments and compare exactly (fractions, no rounding), so exactly two thirds is enough and one
owner fewer is not.
"""

import datetime
from fractions import Fraction

ORDINARY = "Ordinary"
MAJOR = "Major"

# the matters of 民法典 第二百七十八条 and their kind ("Other" leaves the kind to the user)
ELECTION = "Committee Election"
MATTER_KINDS = {
	"Rules of Procedure": ORDINARY,
	"Management Statute": ORDINARY,
	ELECTION: ORDINARY,
	"Property Service Enterprise": ORDINARY,
	"Use of Maintenance Fund": ORDINARY,
	"Raising of Maintenance Fund": MAJOR,
	"Rebuilding": MAJOR,
	"Use of Common Parts": MAJOR,
	"Other": None,
}


def fraction(numerator: int, denominator: int) -> Fraction:
	"""A threshold from its settings (2 and 3 for two thirds); ValueError when not in (0, 1]."""
	numerator, denominator = int(numerator or 0), int(denominator or 0)
	if numerator <= 0 or denominator <= 0 or numerator > denominator:
		raise ValueError("threshold")
	return Fraction(numerator, denominator)


def _exact(value) -> Fraction:
	return Fraction(str(value or 0))


def share(part, whole) -> Fraction:
	"""part / whole exactly (0 when there is no whole)."""
	whole = _exact(whole)
	return _exact(part) / whole if whole else Fraction(0)


def notice_days(published_on: datetime.date, meeting_on: datetime.date) -> int:
	"""Whole days between the notice and the meeting (published on the 1st, meeting on the 16th: 15)."""
	return (meeting_on - published_on).days


def notice_error(published_on: datetime.date | None, meeting_on: datetime.date | None, minimum_days: int):
	"""None when the notice came at least `minimum_days` before the meeting, else "missing" or
	"too_late"."""
	if not (published_on and meeting_on):
		return "missing"
	if notice_days(published_on, meeting_on) < int(minimum_days):
		return "too_late"
	return None


def participation_reached(
	owners: int, area, total_owners: int, total_area, required: Fraction
) -> tuple[bool, bool]:
	"""(by number, by area): whether the participating owners and their area reach `required` of
	the compound's owners and floor area (at least: exactly two thirds is enough)."""
	return (
		bool(total_owners) and share(owners, total_owners) >= required,
		bool(_exact(total_area)) and share(area, total_area) >= required,
	)


def approval_reached(votes_for, participating, required: Fraction, strictly: bool) -> bool:
	"""Whether `votes_for` of `participating` reaches `required`: strictly more (过半数) or at least
	(四分之三以上)."""
	if not _exact(participating):
		return False
	value = share(votes_for, participating)
	return value > required if strictly else value >= required


def resolution_passed(
	kind: str,
	owners_for: int,
	owners_participating: int,
	area_for,
	area_participating,
	total_owners: int,
	total_area,
	participation: Fraction,
	ordinary: Fraction,
	major: Fraction,
) -> bool:
	"""民法典 第二百七十八条 for one resolution: participation of the compound's owners by number
	and by area, then the approval of the participating owners by number and by area (ordinary:
	more than `ordinary`; major: at least `major`)."""
	by_number, by_area = participation_reached(
		owners_participating, area_participating, total_owners, total_area, participation
	)
	if not (by_number and by_area):
		return False
	required, strictly = (major, False) if kind == MAJOR else (ordinary, True)
	return approval_reached(owners_for, owners_participating, required, strictly) and approval_reached(
		area_for, area_participating, required, strictly
	)


def votes_error(
	owners: tuple[int, int, int],
	areas: tuple,
	owners_present: int,
	area_present,
) -> str | None:
	"""None when the votes (for, against, abstain) by number and by area are consistent with the
	attendance, else "negative" or "exceeds_attendance"."""
	if any(int(v or 0) < 0 for v in owners) or any(_exact(v) < 0 for v in areas):
		return "negative"
	if sum(int(v or 0) for v in owners) > int(owners_present or 0):
		return "exceeds_attendance"
	if sum(_exact(v) for v in areas) > _exact(area_present):
		return "exceeds_attendance"
	return None
