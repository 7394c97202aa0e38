"""The supervision map (SPEC §14): how a compound is coloured, where its point is, and what a tile
URL template must hold. No database: api/map.py and the Map Settings controller call these.

A compound is coloured by one of three measures, chosen on the map:
- open complaints: green with none, amber from `warning_from`, red from `alert_from` (both in Map
  Settings, default 1 and 5);
- key supervision of its current enterprise: red when under key supervision, green when not, grey
  without an enterprise;
- overdue rectification: red with at least one overdue Rectification Notice, green without.
"""

import re
from collections.abc import Iterable

OPEN_COMPLAINTS = "open_complaints"
KEY_SUPERVISION = "key_supervision"
OVERDUE_RECTIFICATION = "overdue_rectification"
MEASURES = (OPEN_COMPLAINTS, KEY_SUPERVISION, OVERDUE_RECTIFICATION)

# band -> colour of the marker
GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"
COLOURS = {GREEN: "#2e9e44", AMBER: "#e8a317", RED: "#d93a3a", GREY: "#8d99a6"}

TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")
_URL_START = re.compile(r"^(https?://|/)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
TILE_NAMES = {"s", "z", "x", "y", "r", "tk"}


def complaint_band(open_complaints: int, warning_from: int = 1, alert_from: int = 5) -> str:
	"""The band of a compound's open complaints."""
	if open_complaints >= alert_from:
		return RED
	if open_complaints >= warning_from:
		return AMBER
	return GREEN


def band(
	measure: str,
	open_complaints: int = 0,
	key_supervision: bool | None = None,
	overdue_rectifications: int = 0,
	warning_from: int = 1,
	alert_from: int = 5,
) -> str:
	"""The band of a compound on the map coloured by `measure`. `key_supervision` is None for a
	compound without a current enterprise."""
	if measure == OPEN_COMPLAINTS:
		return complaint_band(open_complaints, warning_from, alert_from)
	if measure == KEY_SUPERVISION:
		if key_supervision is None:
			return GREY
		return RED if key_supervision else GREEN
	if measure == OVERDUE_RECTIFICATION:
		return RED if overdue_rectifications else GREEN
	raise ValueError(measure)


def band_error(warning_from: int, alert_from: int) -> str | None:
	"""Why complaint bands are unusable (English source of a message), or None."""
	if warning_from < 1:
		return "The amber band of open complaints must start at 1 or more."
	if alert_from <= warning_from:
		return "The red band of open complaints must start above the amber band."
	return None


def tile_url_error(template: str | None) -> str | None:
	"""Why a tile URL template is unusable (English source of a message), or None. Empty is fine:
	the map then has no base layer."""
	if not template:
		return None
	if not _URL_START.match(template) or any(c.isspace() for c in template):
		return "The tile URL template must be an http(s) address or a path on this site, without spaces."
	if any(placeholder not in template for placeholder in TILE_PLACEHOLDERS):
		return "The tile URL template must contain {z}, {x} and {y}."
	if set(_PLACEHOLDER.findall(template)) - TILE_NAMES:
		return "The tile URL template may only use {s}, {z}, {x}, {y}, {r} and {tk}."
	return None


def needs_key(template: str | None) -> bool:
	return bool(template) and "{tk}" in template


def point(geojson: dict | list | None) -> tuple[float, float] | None:
	"""(latitude, longitude) of a Geolocation value: its first point, or the middle of the first
	feature's coordinates (a line or polygon drawn on the form); None when it has none or they
	lie outside the earth's ranges."""
	coordinates = list(_coordinates(geojson))
	if not coordinates:
		return None
	longitude = sum(c[0] for c in coordinates) / len(coordinates)
	latitude = sum(c[1] for c in coordinates) / len(coordinates)
	if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
		return None
	return round(latitude, 6), round(longitude, 6)


def _coordinates(value) -> Iterable[tuple[float, float]]:
	if not isinstance(value, dict):
		return
	kind = value.get("type")
	if kind == "FeatureCollection":
		for feature in value.get("features") or []:
			found = list(_coordinates(feature))
			if found:
				yield from found
				return
	elif kind == "Feature":
		yield from _coordinates(value.get("geometry"))
	elif kind in ("Point", "MultiPoint", "LineString", "Polygon", "MultiLineString", "MultiPolygon"):
		yield from _flatten(value.get("coordinates"))


def _flatten(value) -> Iterable[tuple[float, float]]:
	if (
		isinstance(value, list | tuple)
		and len(value) >= 2
		and all(isinstance(c, int | float) and not isinstance(c, bool) for c in value[:2])
	):
		yield float(value[0]), float(value[1])
	elif isinstance(value, list | tuple):
		for item in value:
			yield from _flatten(item)
