"""Training coverage (SPEC §8 `Training Coverage`, §3 Assessment "training attendance"): per year,
the share of the filed enterprises that attended at least one district-level session, and of the
filed owners' committees that attended at least one area-level session, by area committee or
subdistrict office.

Who is counted comes from frappe.get_list, so a restricted user counts only the compounds,
committees and enterprises they may read. Whether one of those attended is then looked up over
all sessions of the year (frappe.get_all): an area officer may not read the district's sessions,
yet an enterprise in their area that attended one has been trained. The lookup reveals nothing but
that yes/no about records the user may already read.

Enterprises are registered district-wide and have no jurisdiction. Each one is counted in the
areas where it manages compounds (Residential Compound.current_enterprise), because that is where
an area officer deals with it and where an untrained enterprise's service falls short; an
enterprise managing compounds in two areas counts in both. The district total counts every filed
enterprise once, including those that manage no compound yet (only when the user sees the whole
district; otherwise the total is over the rows shown).
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.permissions import missing_scope
from property_supervision.registry.coverage import area_of_communities, communities_under
from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES, COMMUNITY, DISTRICT
from property_supervision.rules.training import (
	AREA_LEVEL,
	DISTRICT_LEVEL,
	ENTERPRISE,
	OWNERS_COMMITTEE,
	attendance_rate,
	year_bounds,
)


def default_year() -> int:
	return getdate(nowdate()).year


def trained_in_year(year: int, level: str, attendee_type: str) -> set[str]:
	"""Names of the invitees of `attendee_type` that attended at least one session of `level`
	starting in `year` (all sessions: see the module docstring)."""
	start, end = year_bounds(year)
	sessions = frappe.get_all(
		"Training Session",
		filters=[["training_level", "=", level], ["start", ">=", start], ["start", "<", end]],
		pluck="name",
	)
	if not sessions:
		return set()
	fieldname = "enterprise" if attendee_type == ENTERPRISE else "owners_committee"
	return set(
		frappe.get_all(
			"Training Attendee",
			filters={
				"parenttype": "Training Session",
				"parent": ("in", sessions),
				"attendee_type": attendee_type,
				"attended": 1,
				fieldname: ("is", "set"),
			},
			pluck=fieldname,
			distinct=True,
		)
	)


def _scope_filter(jurisdiction: str | None) -> dict:
	return {"jurisdiction": ("in", communities_under(jurisdiction))} if jurisdiction else {}


def _row_jurisdictions(jurisdiction: str | None, getter) -> list[str]:
	"""The jurisdictions that get a row, in tree order (empty ones too): the area committees and
	subdistrict offices the user may read inside the filter, or the community the filter names."""
	filters = {"jurisdiction_type": ("in", AREA_LEVEL_TYPES)}
	if jurisdiction:
		jurisdiction_type = frappe.db.get_value("Jurisdiction", jurisdiction, "jurisdiction_type")
		if jurisdiction_type == COMMUNITY:
			filters = {"name": jurisdiction}
		elif jurisdiction_type in AREA_LEVEL_TYPES:
			filters["name"] = jurisdiction
	return getter("Jurisdiction", filters=filters, order_by="lft asc", pluck="name")


def covers_whole_district(jurisdiction: str | None, ignore_permissions: bool = False) -> bool:
	"""The view is the whole district: no narrower filter and no Jurisdiction restriction."""
	if jurisdiction and frappe.db.get_value("Jurisdiction", jurisdiction, "jurisdiction_type") != DISTRICT:
		return False
	if ignore_permissions:
		return True
	return "Jurisdiction" not in frappe.permissions.get_user_permissions(frappe.session.user)


def coverage_by_area(
	jurisdiction: str | None = None, year: int | None = None, ignore_permissions: bool = False
) -> tuple[list[dict], dict | None]:
	"""(rows, total): one row per area committee / subdistrict office in tree order (per community
	where the view is narrower, see row_of) and the total row; each with enterprises,
	enterprises_trained, enterprise_rate, committees, committees_trained, committee_rate and the
	sets behind them (enterprise_names, committee_names)."""
	year = cint(year) or default_year()
	if not ignore_permissions and missing_scope():
		return [], None
	getter = frappe.get_all if ignore_permissions else frappe.get_list
	scope = _scope_filter(jurisdiction)
	areas_by_community = area_of_communities()

	filed_enterprises = set(
		getter(
			"Property Enterprise",
			filters={"workflow_state": ("in", meanings.states("Property Enterprise", meanings.FILED))},
			pluck="name",
		)
	)
	compounds = getter(
		"Residential Compound",
		filters={"current_enterprise": ("is", "set"), **scope},
		fields=["jurisdiction", "current_enterprise"],
	)
	committees = getter(
		"Owners Committee",
		filters={"workflow_state": ("in", meanings.states("Owners Committee", meanings.FILED)), **scope},
		fields=["name", "jurisdiction"],
	)
	trained_enterprises = trained_in_year(year, DISTRICT_LEVEL, ENTERPRISE)
	trained_committees = trained_in_year(year, AREA_LEVEL, OWNERS_COMMITTEE)

	listed = _row_jurisdictions(jurisdiction, getter)
	with_row = set(listed)

	def row_of(community: str) -> str:
		"""A community's figures go to its area's row; to a row of its own when the filter names
		it or the user may not read the area (a community officer: the report drops rows whose
		Link the user may not read)."""
		area = areas_by_community.get(community) or community
		return community if community in with_row or area not in with_row else area

	enterprises_by_area: dict[str, set[str]] = {}
	for compound in compounds:
		if compound.current_enterprise in filed_enterprises:
			enterprises_by_area.setdefault(row_of(compound.jurisdiction), set()).add(
				compound.current_enterprise
			)
	committees_by_area: dict[str, set[str]] = {}
	for committee in committees:
		committees_by_area.setdefault(row_of(committee.jurisdiction), set()).add(committee.name)

	extra = sorted((set(enterprises_by_area) | set(committees_by_area)) - with_row)
	rows = [
		make_row(
			area,
			enterprises_by_area.get(area, set()),
			committees_by_area.get(area, set()),
			trained_enterprises,
			trained_committees,
		)
		for area in [*listed, *extra]
	]

	if covers_whole_district(jurisdiction, ignore_permissions):
		label = _("District Total")
		all_enterprises = filed_enterprises
	else:
		label = _("Total", context="Training Coverage")
		all_enterprises = set().union(*(row.enterprise_names for row in rows))
	all_committees = set().union(*(row.committee_names for row in rows))
	total = make_row(label, all_enterprises, all_committees, trained_enterprises, trained_committees)
	total.is_total_row = 1
	total.jurisdiction_type = ""
	return rows, total


def make_row(
	jurisdiction: str,
	enterprises: set[str],
	committees: set[str],
	trained_enterprises: set[str],
	trained_committees: set[str],
) -> frappe._dict:
	enterprises_trained = enterprises & trained_enterprises
	committees_trained = committees & trained_committees
	return frappe._dict(
		jurisdiction=jurisdiction,
		jurisdiction_type=_(frappe.db.get_value("Jurisdiction", jurisdiction, "jurisdiction_type") or ""),
		enterprises=len(enterprises),
		enterprises_trained=len(enterprises_trained),
		enterprise_rate=attendance_rate(len(enterprises_trained), len(enterprises)),
		committees=len(committees),
		committees_trained=len(committees_trained),
		committee_rate=attendance_rate(len(committees_trained), len(committees)),
		enterprise_names=enterprises,
		committee_names=committees,
	)


def get_training_attendance_rate(
	jurisdiction: str | None = None, year: int | None = None, ignore_permissions: bool = False
) -> float:
	"""Percentage (0–100) of the trainees of `jurisdiction` (its subtree; the whole district when
	empty) that attended at least one session of their tier in `year` (default: this year): the
	enterprises attributed to it (see the module docstring) at district level and its filed
	owners' committees at area level, counted together. 100 when there is nobody to train, as
	registry.coverage.get_coverage_rate does for coverage. Counts only what the current user may
	read unless ignore_permissions (the Assessment module's annual job passes it)."""
	_rows, total = coverage_by_area(jurisdiction, year, ignore_permissions)
	if not total:
		return 100.0
	rate = attendance_rate(
		total.enterprises_trained + total.committees_trained, total.enterprises + total.committees
	)
	return 100.0 if rate is None else rate
