"""The supervision map's one endpoint (SPEC §14, desk page `supervision-map`): the compounds with a
location that the user may read, each with its open complaints, the key supervision of its current
enterprise and its overdue rectification notices, coloured by the measure chosen on the map, and
the map's tile settings.

Everything is read through frappe.get_list, so User Permissions and the app's scope hooks hold:
an area officer gets the compounds, complaints and notices of their area, a community officer
those of their community. The counts are three grouped queries (complaints in an open state by
compound, overdue notices by compound, the enterprises of the compounds), not one per compound.
Only the fields listed here leave the server: no person, phone or address."""

import json

import frappe
from frappe import _

from property_supervision import workflow_meanings as meanings
from property_supervision.registry.doctype.map_settings.map_settings import get_map_settings
from property_supervision.rules import supervision_map as rules

PAGE = "supervision-map"
RECTIFICATION_NOTICE = "Rectification Notice"

COMPOUND_FIELDS = (
	"name",
	"compound_name",
	"jurisdiction",
	"current_enterprise",
	"management_mode",
	"household_count",
	"is_old_compound",
	"location",
)


@frappe.whitelist()
@frappe.read_only()  # reads only: a read replica serves it when there is one
def get_map_data(jurisdiction: str | None = None, colour_by: str | None = None) -> dict:
	"""The map of the compounds in `jurisdiction` (its subtree; all the user may read when empty),
	coloured by `colour_by` (open_complaints, key_supervision or overdue_rectification)."""
	check_page_permission()
	colour_by = colour_by or rules.OPEN_COMPLAINTS
	if colour_by not in rules.MEASURES:
		frappe.throw(_("Colour the map by open complaints, key supervision or overdue rectification."))
	area = area_conditions(jurisdiction)
	settings = get_map_settings()

	compounds = frappe.get_list(
		"Residential Compound",
		filters=[*area, ["location", "is", "set"]],
		fields=list(COMPOUND_FIELDS),
		order_by="name asc",
		limit_page_length=0,
	)
	without_location = frappe.get_list(
		"Residential Compound",
		filters=[*area, ["location", "is", "not set"]],
		fields=["count(*) as total"],
	)[0].total
	open_complaints = counts_by_compound(
		"Complaint", [*area, ["workflow_state", "in", meanings.open_complaint_states() or [""]]]
	)
	overdue = overdue_rectifications(area)
	enterprises = enterprises_of(compounds)

	rows = []
	for compound in compounds:
		location = rules.point(parse_location(compound.location))
		if not location:
			without_location += 1
			continue
		enterprise = enterprises.get(compound.current_enterprise)
		key_supervision = bool(enterprise.key_supervision) if enterprise else None
		figures = {
			"open_complaints": (open_complaints or {}).get(compound.name, 0),
			"key_supervision": key_supervision,
			"overdue_rectifications": (overdue or {}).get(compound.name, 0),
		}
		band = rules.band(
			colour_by,
			**figures,
			warning_from=settings.complaints_warning_from,
			alert_from=settings.complaints_alert_from,
		)
		rows.append(
			{
				"name": compound.name,
				"compound_name": compound.compound_name,
				"jurisdiction": compound.jurisdiction,
				"enterprise": compound.current_enterprise if enterprise else None,
				"enterprise_name": enterprise.enterprise_name if enterprise else None,
				"management_mode": _(compound.management_mode) if compound.management_mode else None,
				"household_count": compound.household_count,
				"is_old_compound": compound.is_old_compound,
				"latitude": location[0],
				"longitude": location[1],
				**figures,
				"band": band,
				"colour": rules.COLOURS[band],
			}
		)
	return {
		"colour_by": colour_by,
		"compounds": rows,
		"without_location": without_location,
		"rectification_available": overdue is not None,
		"legend": legend(colour_by, rows, settings),
		"tiles": tile_settings(settings),
	}


def check_page_permission():
	"""Only the roles the page allows (Page → Roles, which administrators may change) get its data."""
	if frappe.session.user == "Guest" or not frappe.get_cached_doc("Page", PAGE).is_permitted():
		frappe.throw(_("You are not permitted to view the supervision map."), frappe.PermissionError)


def area_conditions(jurisdiction: str | None) -> list:
	"""The conditions for the subtree of `jurisdiction`, which the user must be able to read; the
	same answer for a missing one and one out of scope."""
	if not jurisdiction:
		return []
	if (
		not isinstance(jurisdiction, str)
		or not frappe.db.exists("Jurisdiction", jurisdiction)
		or not frappe.has_permission("Jurisdiction", "read", jurisdiction)
	):
		frappe.throw(_("The area to show does not exist or you may not view it."))
	return [["jurisdiction", "descendants of (inclusive)", jurisdiction]]


def counts_by_compound(doctype: str, filters: list) -> dict[str, int] | None:
	"""Records of `doctype` the user may read, counted by compound in one grouped query; None when
	the user may not read the DocType at all."""
	if not frappe.has_permission(doctype, "read"):
		return None
	rows = frappe.get_list(
		doctype,
		filters=filters,
		fields=["compound", "count(*) as total"],
		group_by="compound",
		order_by="compound asc",
		limit_page_length=0,
	)
	return {row.compound: row.total for row in rows if row.compound}


def overdue_rectifications(area: list) -> dict[str, int] | None:
	"""Open rectification notices past their deadline (is_overdue, set by the daily sweep; open by
	the meaning of their state) by compound; None when the user may not read them."""
	filters = [
		*area,
		["is_overdue", "=", 1],
		["workflow_state", "in", meanings.open_rectification_states() or [""]],
	]
	return counts_by_compound(RECTIFICATION_NOTICE, filters)


def enterprises_of(compounds: list) -> dict:
	"""The current enterprises of `compounds` the user may read, by name, in one query."""
	names = sorted({c.current_enterprise for c in compounds if c.current_enterprise})
	if not names or not frappe.has_permission("Property Enterprise", "read"):
		return {}
	rows = frappe.get_list(
		"Property Enterprise",
		filters=[["name", "in", names]],
		fields=["name", "enterprise_name", "key_supervision"],
		limit_page_length=0,
	)
	return {row.name: row for row in rows}


def parse_location(value) -> dict | None:
	if not value:
		return None
	try:
		return json.loads(value) if isinstance(value, str) else value
	except ValueError:
		return None


def legend(colour_by: str, rows: list[dict], settings) -> list[dict]:
	"""The bands of the measure, each with its label, colour and how many compounds it holds."""
	warning_from, alert_from = settings.complaints_warning_from, settings.complaints_alert_from
	if colour_by == rules.OPEN_COMPLAINTS:
		amber = (
			_("{0} open complaints").format(warning_from)
			if alert_from - 1 == warning_from
			else _("{0} to {1} open complaints").format(warning_from, alert_from - 1)
		)
		labels = {
			rules.GREEN: _("No open complaints"),
			rules.AMBER: amber,
			rules.RED: _("{0} or more open complaints").format(alert_from),
		}
	elif colour_by == rules.KEY_SUPERVISION:
		labels = {
			rules.RED: _("Enterprise under key supervision"),
			rules.GREEN: _("Not under key supervision"),
			rules.GREY: _("No property enterprise"),
		}
	else:
		labels = {rules.RED: _("Overdue rectification"), rules.GREEN: _("No overdue rectification")}
	return [
		{
			"band": band,
			"label": label,
			"colour": rules.COLOURS[band],
			"count": sum(1 for row in rows if row["band"] == band),
		}
		for band, label in labels.items()
	]


def tile_settings(settings) -> dict:
	"""What the browser needs to draw the base map. Without a tile URL (or with a template that
	wants a key and no key), no tiles are requested and the page says why."""
	url, label_url = settings.tile_url or "", settings.label_tile_url or ""
	missing = None
	if not url:
		missing = "url"
	elif (rules.needs_key(url) or rules.needs_key(label_url)) and not settings.tile_key:
		missing = "key"
	return {
		"url": "" if missing else url,
		"label_url": "" if missing else label_url,
		"key": "" if missing else (settings.tile_key or ""),
		"subdomains": settings.tile_subdomains or "",
		"attribution": settings.tile_attribution or "",
		"max_zoom": settings.max_zoom,
		"center": [settings.default_latitude, settings.default_longitude],
		"zoom": settings.default_zoom,
		"missing": missing,
	}


def extend_bootinfo(bootinfo):
	"""extend_bootinfo (hooks.py): the tile source for every map of the desk — the Geolocation field
	of a compound's form and the map views use frappe.utils.map_defaults, which points to
	openstreetmap.org, out of reach of a government network (public/js/map_defaults.js)."""
	if frappe.session.user == "Guest":
		return
	bootinfo.ps_map_tiles = tile_settings(get_map_settings())
