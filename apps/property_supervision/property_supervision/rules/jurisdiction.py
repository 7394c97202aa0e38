"""Shape of the jurisdiction tree: district → area committee / subdistrict office → community."""

DISTRICT = "District"
AREA_COMMITTEE = "Area Committee"
SUBDISTRICT = "Subdistrict"
COMMUNITY = "Community"

JURISDICTION_TYPES = (DISTRICT, AREA_COMMITTEE, SUBDISTRICT, COMMUNITY)

# which types may stand directly above each type (None: a root)
ALLOWED_PARENT_TYPES: dict[str, tuple[str | None, ...]] = {
	DISTRICT: (None,),
	AREA_COMMITTEE: (DISTRICT,),
	SUBDISTRICT: (DISTRICT,),
	COMMUNITY: (AREA_COMMITTEE, SUBDISTRICT),
}

# the level a complaint is handled at for a unit of each type
AREA_LEVEL_TYPES = (AREA_COMMITTEE, SUBDISTRICT)


def is_group_type(jurisdiction_type: str) -> bool:
	"""Communities are the leaves of the tree; every other type holds children."""
	return jurisdiction_type != COMMUNITY


def parent_type_allowed(jurisdiction_type: str, parent_type: str | None) -> bool:
	return parent_type in ALLOWED_PARENT_TYPES.get(jurisdiction_type, ())
