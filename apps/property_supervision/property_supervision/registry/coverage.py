"""Coverage of old compounds by property management (SPEC §1, §3 Assessment): the share of old
compounds that are under some management — an enterprise, a fallback agency, a custodian or the
owners themselves.

Counted with frappe.get_list, so a restricted user counts only the compounds they may read.
Used by the `Old Compound Coverage` report, the workspace number card and the Assessment module.
"""

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.nestedset import get_descendants_of

from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES, COMMUNITY
from property_supervision.rules.management import ACTIVE, EXPIRED, NO_MANAGEMENT, TERMINATED, coverage_rate


def old_compounds(jurisdiction: str | None = None, ignore_permissions: bool = False) -> list[dict]:
	"""The old compounds (inside `jurisdiction`'s subtree) the user may read."""
	filters = {"is_old_compound": 1}
	if jurisdiction:
		filters["jurisdiction"] = ("in", communities_under(jurisdiction))
	getter = frappe.get_all if ignore_permissions else frappe.get_list
	return getter(
		"Residential Compound",
		filters=filters,
		fields=["name", "jurisdiction", "management_mode", "managed_since"],
		order_by="name asc",
	)


def communities_under(jurisdiction: str) -> list[str]:
	if frappe.db.get_value("Jurisdiction", jurisdiction, "jurisdiction_type") == COMMUNITY:
		return [jurisdiction]
	return get_descendants_of("Jurisdiction", jurisdiction, ignore_permissions=True) or [""]


def covered_names(compounds: list[dict], as_of=None, ignore_permissions: bool = False) -> set[str]:
	"""Which of the compounds were under management: now, or on the date `as_of`.

	On a past date a compound counts when its present management had begun by then, or when one
	of its service contracts ran on that date."""
	if not as_of:
		return {c.name for c in compounds if (c.management_mode or NO_MANAGEMENT) != NO_MANAGEMENT}
	as_of = getdate(as_of)
	covered = {
		c.name
		for c in compounds
		if (c.management_mode or NO_MANAGEMENT) != NO_MANAGEMENT
		and c.managed_since
		and getdate(c.managed_since) <= as_of
	}
	rest = [c.name for c in compounds if c.name not in covered]
	if rest:
		getter = frappe.get_all if ignore_permissions else frappe.get_list
		contracts = getter(
			"Service Contract",
			filters={
				"compound": ("in", rest),
				"status": ("in", (ACTIVE, EXPIRED, TERMINATED)),
				"start_date": ("<=", as_of),
			},
			fields=["compound", "end_date", "terminated_on"],
		)
		for contract in contracts:
			ended = contract.terminated_on or contract.end_date
			if not ended or getdate(ended) >= as_of:
				covered.add(contract.compound)
	return covered


def area_of_communities() -> dict[str, str]:
	"""community -> its area committee or subdistrict office"""
	return dict(
		frappe.get_all(
			"Jurisdiction",
			filters={"jurisdiction_type": COMMUNITY},
			fields=["name", "parent_jurisdiction"],
			as_list=True,
		)
	)


def coverage_by_area(
	jurisdiction: str | None = None, as_of=None, ignore_permissions: bool = False
) -> list[dict]:
	"""One row per area committee / subdistrict office that has old compounds the user may read,
	in tree order: jurisdiction, old_compounds, covered, uncovered, coverage_rate."""
	compounds = old_compounds(jurisdiction, ignore_permissions)
	covered = covered_names(compounds, as_of, ignore_permissions)
	areas = area_of_communities()
	counts: dict[str, list[int]] = {}
	for compound in compounds:
		area = areas.get(compound.jurisdiction) or compound.jurisdiction
		total, done = counts.setdefault(area, [0, 0])
		counts[area] = [total + 1, done + (compound.name in covered)]
	order = {
		name: i
		for i, name in enumerate(
			frappe.get_all(
				"Jurisdiction",
				filters={"jurisdiction_type": ("in", AREA_LEVEL_TYPES)},
				order_by="lft asc",
				pluck="name",
			)
		)
	}
	rows = []
	for area in sorted(counts, key=lambda a: (order.get(a, len(order)), a)):
		total, done = counts[area]
		rows.append(
			frappe._dict(
				jurisdiction=area,
				jurisdiction_type=_(frappe.db.get_value("Jurisdiction", area, "jurisdiction_type") or ""),
				old_compounds=total,
				covered=done,
				uncovered=total - done,
				coverage_rate=coverage_rate(done, total),
			)
		)
	return rows


def get_coverage_rate(jurisdiction: str | None = None, as_of=None, ignore_permissions: bool = False) -> float:
	"""Percentage (0–100) of old compounds under management, within `jurisdiction`'s subtree (the
	whole district when empty), now or as of a date. 100 when there are no old compounds: nothing is
	left without management. Counts only what the current user may read unless ignore_permissions."""
	compounds = old_compounds(jurisdiction, ignore_permissions)
	covered = covered_names(compounds, as_of, ignore_permissions)
	return coverage_rate(len(covered), len(compounds))


@frappe.whitelist()
def get_coverage_card(filters: str | dict | None = None) -> dict:
	"""Number Card (type Custom) method: the coverage rate for the user's scope."""
	filters = frappe.parse_json(filters) if filters else {}
	jurisdiction = filters.get("jurisdiction") if isinstance(filters, dict) else None
	return {"value": get_coverage_rate(jurisdiction), "fieldtype": "Percent"}
