"""The sensitive fields: one table, audited by tests/test_data_protection_fields.py.

Each row says which field holds personal data, why, who reads it in full, and what the other
readers see instead. The table is enforced twice: the DocType gives the field a permission level
that only the listed roles may read (so every generic path — form, list, report, export, print,
REST — drops it for everyone else), and the query guard (queries.py) refuses a filter, sort or
grouping on it from anyone outside the listed roles, whatever a customization did to the level.

A mask never reveals what another readable field restores: an ID number's birth date (digits
7–14) is hidden by the mask and `birth_date` itself is sensitive; an anonymous complainant's name
is moved out of `complainant_name` into `confidential_name`; the tracking key, which together with
the phone opens the residents' status page, is readable by handling officers only.
"""

from typing import NamedTuple

from property_supervision.roles import (
	AREA_OFFICER,
	COMMUNITY_OFFICER,
	DISTRICT_SUPERVISOR,
	ENTERPRISE_USER,
	SUPERVISION_ADMIN,
)

# officers who handle complaints and guide owners' committees: they call residents back
HANDLING_OFFICERS = frozenset(
	{"System Manager", SUPERVISION_ADMIN, DISTRICT_SUPERVISOR, AREA_OFFICER, COMMUNITY_OFFICER}
)
# an enterprise keeps its own staff records; the district files them
STAFF_RECORD_KEEPERS = frozenset({"System Manager", SUPERVISION_ADMIN, DISTRICT_SUPERVISOR, ENTERPRISE_USER})
# the district places and files the 12345 hotline's work orders
HOTLINE_DESK = frozenset({"System Manager", SUPERVISION_ADMIN, DISTRICT_SUPERVISOR})


class SensitiveField(NamedTuple):
	doctype: str
	fieldname: str
	what: str
	full_roles: frozenset
	shown_instead: str = ""  # the field other readers see, if any
	parent: str = ""  # for a child DocType: the parent whose permission rules apply


SENSITIVE_FIELDS: tuple[SensitiveField, ...] = (
	SensitiveField(
		"Property Practitioner",
		"id_number",
		"resident ID number of a member of staff",
		STAFF_RECORD_KEEPERS,
		"id_number_masked",
	),
	SensitiveField(
		"Property Practitioner",
		"birth_date",
		"date of birth, derived from the ID number (its digits 7–14)",
		STAFF_RECORD_KEEPERS,
	),
	SensitiveField(
		"Property Practitioner", "phone", "phone of a member of staff", STAFF_RECORD_KEEPERS, "phone_masked"
	),
	SensitiveField(
		"Complaint",
		"complainant_phone",
		"the complainant's phone",
		HANDLING_OFFICERS,
		"complainant_phone_masked",
	),
	SensitiveField(
		"Complaint",
		"confidential_name",
		"an anonymous complainant's name (complainant_name stays empty)",
		HANDLING_OFFICERS,
	),
	SensitiveField(
		"Complaint",
		"tracking_key",
		"the residents' tracking number: with the phone it opens /complaint-status",
		HANDLING_OFFICERS,
	),
	SensitiveField(
		"Owners Committee Member",
		"phone",
		"phone of an owners' committee member",
		HANDLING_OFFICERS,
		"phone_masked",
		parent="Owners Committee",
	),
	SensitiveField(
		"Owners Committee Member",
		"id_number",
		"resident ID number of an owners' committee member",
		HANDLING_OFFICERS,
		parent="Owners Committee",
	),
	SensitiveField(
		"Hotline Work Order",
		"caller_name",
		"the name of the 12345 hotline's caller (the complaint's complainant)",
		HOTLINE_DESK,
	),
	SensitiveField(
		"Hotline Work Order",
		"caller_phone",
		"the phone of the 12345 hotline's caller",
		HOTLINE_DESK,
		"caller_phone_masked",
	),
)

_BY_FIELD = {(f.doctype, f.fieldname): f for f in SENSITIVE_FIELDS}


def sensitive_field(doctype: str, fieldname: str) -> SensitiveField | None:
	return _BY_FIELD.get((doctype, fieldname))


def may_read_in_full(doctype: str, fieldname: str, roles: set[str] | frozenset) -> bool:
	"""True unless the field is sensitive and none of the roles reads it in full."""
	field = sensitive_field(doctype, fieldname)
	return field is None or bool(field.full_roles & set(roles))
