# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Map Settings: where the supervision map's tiles come from and how its compounds are coloured
(SPEC §14). A government network may not reach public tile servers, so the tile source is a
setting: 天地图 with the office's key, or an offline tile server inside the network. Shipped once
per site (setup/defaults.py), then the administrators'."""

import frappe
from frappe import _
from frappe.model.document import Document

from property_supervision.rules import supervision_map as rules

MAX_TILE_ZOOM = 22


class MapSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaints_alert_from: DF.Int
		complaints_warning_from: DF.Int
		default_latitude: DF.Float
		default_longitude: DF.Float
		default_zoom: DF.Int
		label_tile_url: DF.SmallText | None
		max_zoom: DF.Int
		tile_attribution: DF.Data | None
		tile_key: DF.Data | None
		tile_subdomains: DF.Data | None
		tile_url: DF.SmallText | None

	# end: auto-generated types
	def validate(self):
		self.set_trimmed_values()
		self.validate_tile_urls()
		self.validate_view()
		self.validate_bands()

	def set_trimmed_values(self):
		for fieldname in ("tile_url", "label_tile_url", "tile_key", "tile_subdomains", "tile_attribution"):
			self.set(fieldname, (self.get(fieldname) or "").strip())

	def validate_tile_urls(self):
		for fieldname in ("tile_url", "label_tile_url"):
			if error := rules.tile_url_error(self.get(fieldname)):
				frappe.throw(_(error), title=_(self.meta.get_label(fieldname)))
		if self.label_tile_url and not self.tile_url:
			frappe.throw(_("A label layer needs a base map tile URL template."))

	def validate_view(self):
		if not 1 <= (self.max_zoom or 0) <= MAX_TILE_ZOOM:
			frappe.throw(_("The maximum zoom must be between 1 and {0}.").format(MAX_TILE_ZOOM))
		if not 1 <= (self.default_zoom or 0) <= self.max_zoom:
			frappe.throw(_("The default zoom must be between 1 and the maximum zoom."))
		if not -90 <= (self.default_latitude or 0) <= 90 or not -180 <= (self.default_longitude or 0) <= 180:
			frappe.throw(
				_(
					"The default centre must be a latitude between -90 and 90 and a longitude between -180 and 180."
				)
			)

	def validate_bands(self):
		if error := rules.band_error(self.complaints_warning_from or 0, self.complaints_alert_from or 0):
			frappe.throw(_(error))


def get_map_settings() -> "MapSettings":
	"""The settings document, from cache (single DocTypes keep their defaults when never saved)."""
	return frappe.get_cached_doc("Map Settings")
