"""Tiered training (分级培训, seed §三(三)1): the district (区建设局) trains the area committees and
subdistrict offices, the communities and the property enterprises; each area committee or
subdistrict office trains the members of the owners' committees in its area."""

import datetime

from property_supervision.rules.figures import percentage

# Training Session.training_level
DISTRICT_LEVEL = "District"
AREA_LEVEL = "Area"

# Training Session.audience
AREA_STAFF = "Area and Subdistrict Staff"
COMMUNITY_STAFF = "Community Staff"
ENTERPRISES = "Enterprises"
OWNERS_COMMITTEES = "Owners Committees"

AUDIENCES_BY_LEVEL = {
	DISTRICT_LEVEL: (AREA_STAFF, COMMUNITY_STAFF, ENTERPRISES),
	AREA_LEVEL: (OWNERS_COMMITTEES,),
}

# the jurisdiction type of the organising unit, per level
ORGANIZER_JURISDICTION_TYPES = {
	DISTRICT_LEVEL: ("District",),
	AREA_LEVEL: ("Area Committee", "Subdistrict"),
}

# Training Attendee.attendee_type and the Link that names the invitee
ENTERPRISE = "Enterprise"
OWNERS_COMMITTEE = "Owners Committee"
SUPERVISION_UNIT = "Supervision Unit"

LINK_FIELD_BY_ATTENDEE_TYPE = {
	ENTERPRISE: "enterprise",
	OWNERS_COMMITTEE: "owners_committee",
	SUPERVISION_UNIT: "unit",
}

ATTENDEE_TYPE_BY_AUDIENCE = {
	AREA_STAFF: SUPERVISION_UNIT,
	COMMUNITY_STAFF: SUPERVISION_UNIT,
	ENTERPRISES: ENTERPRISE,
	OWNERS_COMMITTEES: OWNERS_COMMITTEE,
}

# Supervision Unit.unit_type of the units invited, per staff audience
UNIT_TYPES_BY_AUDIENCE = {
	AREA_STAFF: ("Area Committee", "Subdistrict Office"),
	COMMUNITY_STAFF: ("Community Committee",),
}

MIN_SCORE = 0
MAX_SCORE = 100


def audience_allowed(level: str | None, audience: str | None) -> bool:
	return audience in AUDIENCES_BY_LEVEL.get(level, ())


def organizer_allowed(level: str | None, organizer_jurisdiction_type: str | None) -> bool:
	return organizer_jurisdiction_type in ORGANIZER_JURISDICTION_TYPES.get(level, ())


def attendee_type_for(audience: str | None) -> str | None:
	"""The kind of invitee a session for `audience` lists."""
	return ATTENDEE_TYPE_BY_AUDIENCE.get(audience)


def score_valid(score: float | None) -> bool:
	return score is None or MIN_SCORE <= score <= MAX_SCORE


def attendance_rate(attended: int, total: int) -> float | None:
	"""Percentage of `total` that attended, one decimal; None when there is nobody to train."""
	return percentage(attended, total)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
	"""[start, end) of a calendar year, for filtering session starts."""
	return datetime.datetime(year, 1, 1), datetime.datetime(year + 1, 1, 1)
