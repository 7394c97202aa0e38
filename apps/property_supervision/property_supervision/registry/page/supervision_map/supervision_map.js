// The supervision map (SPEC §14): the compounds the user may read, on Frappe's own Leaflet (the
// one its Geolocation field uses), coloured by open complaints, key supervision or overdue
// rectification, filtered by area. Data and tile settings come from one endpoint, api/map.py;
// the tile source is Map Settings (天地图, an offline tile server, or none: a blank background).

frappe.pages["supervision-map"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Supervision Map"),
		single_column: true,
	});
	wrapper.supervision_map = new SupervisionMap(page);
};

frappe.pages["supervision-map"].on_page_show = function (wrapper) {
	const map = wrapper.supervision_map;
	if (map && frappe.route_options) {
		map.apply_route_options();
	}
	map && map.map && map.map.invalidateSize();
};

class SupervisionMap {
	constructor(page) {
		this.page = page;
		this.make_filters();
		this.make_body();
		this.apply_route_options(false);
		this.refresh();
	}

	make_filters() {
		this.jurisdiction = this.page.add_field({
			fieldname: "jurisdiction",
			label: __("Jurisdiction"),
			fieldtype: "Link",
			options: "Jurisdiction",
			change: () => this.refresh(),
		});
		this.colour_by = this.page.add_field({
			fieldname: "colour_by",
			label: __("Colour By"),
			fieldtype: "Select",
			default: "open_complaints",
			options: [
				{ value: "open_complaints", label: __("Open Complaints") },
				{ value: "key_supervision", label: __("Key Supervision") },
				{ value: "overdue_rectification", label: __("Overdue Rectification") },
			],
			change: () => this.refresh(),
		});
		this.page.set_secondary_action(__("Refresh"), () => this.refresh(), "refresh");
		if (frappe.model.can_read("Map Settings")) {
			this.page.add_menu_item(__("Map Settings"), () => frappe.set_route("Form", "Map Settings"));
		}
	}

	apply_route_options(refresh = true) {
		const options = frappe.route_options || {};
		frappe.route_options = null;
		if (options.jurisdiction) this.jurisdiction.set_value(options.jurisdiction);
		if (options.colour_by) this.colour_by.set_value(options.colour_by);
		if (refresh && (options.jurisdiction || options.colour_by)) this.refresh();
	}

	make_body() {
		this.$body = $(`
			<div class="ps-supervision-map">
				<div class="ps-map-summary text-muted small mb-2"></div>
				<div class="ps-map-hint alert alert-warning small mb-2" style="display: none"></div>
				<div class="ps-map-canvas border rounded"
					style="height: calc(100vh - 260px); min-height: 460px; background: #f4f5f6; z-index: 1;"></div>
			</div>
		`).appendTo(this.page.main);
		this.$summary = this.$body.find(".ps-map-summary");
		this.$hint = this.$body.find(".ps-map-hint");
		this.canvas = this.$body.find(".ps-map-canvas").get(0);
	}

	refresh() {
		const args = {
			jurisdiction: this.jurisdiction.get_value() || null,
			colour_by: this.colour_by.get_value() || "open_complaints",
		};
		const request = (this.request_id = (this.request_id || 0) + 1);
		return frappe
			.call({ method: "property_supervision.api.map.get_map_data", args, freeze: false })
			.then((r) => {
				if (request === this.request_id && r.message) this.render(r.message);
			});
	}

	render(data) {
		this.make_map(data.tiles);
		this.markers.clearLayers();
		const bounds = [];
		for (const compound of data.compounds) {
			const marker = L.circleMarker([compound.latitude, compound.longitude], {
				radius: 8,
				weight: 2,
				color: "#ffffff",
				fillColor: compound.colour,
				fillOpacity: 0.9,
				className: `ps-map-marker ps-map-band-${compound.band}`,
			});
			marker.bindTooltip(frappe.utils.escape_html(compound.compound_name));
			marker.bindPopup(() => this.popup(compound));
			marker.addTo(this.markers);
			bounds.push([compound.latitude, compound.longitude]);
		}
		if (bounds.length) {
			this.map.fitBounds(bounds, {
				padding: [30, 30],
				maxZoom: Math.min(16, data.tiles.max_zoom),
			});
		} else {
			this.map.setView(data.tiles.center, data.tiles.zoom);
		}
		this.render_legend(data.legend);
		this.render_summary(data);
	}

	make_map(tiles) {
		const signature = JSON.stringify(tiles);
		if (this.map && signature === this.tiles_signature) return;
		if (this.map) this.map.remove();
		this.tiles_signature = signature;
		this.tile_failed = false;
		this.map = L.map(this.canvas, { maxZoom: tiles.max_zoom, zoomControl: true });
		this.map.setView(tiles.center, tiles.zoom);
		L.control.scale({ imperial: false }).addTo(this.map);
		if (tiles.url) {
			for (const url of [tiles.url, tiles.label_url].filter(Boolean)) {
				const options = {
					maxZoom: tiles.max_zoom,
					attribution: frappe.utils.escape_html(tiles.attribution || ""),
					tk: tiles.key,
				};
				if (tiles.subdomains) options.subdomains = tiles.subdomains;
				L.tileLayer(url, options)
					.on("tileerror", () => this.tile_error())
					.addTo(this.map);
			}
		}
		this.markers = L.featureGroup().addTo(this.map);
		this.map.on("popupopen", (e) => this.bind_popup(e.popup));
		this.show_hint(tiles);
	}

	show_hint(tiles) {
		let hint = "";
		if (tiles.missing === "url") {
			hint = __(
				"No map tiles are configured: the compounds are drawn on a blank background. An administrator sets the tile source in Map Settings."
			);
		} else if (tiles.missing === "key") {
			hint = __(
				"The tile source needs a key ({tk}) that is not set: the compounds are drawn on a blank background. An administrator sets the Tile Service Key in Map Settings."
			);
		}
		this.$hint.text(hint).toggle(!!hint);
	}

	tile_error() {
		if (this.tile_failed) return;
		this.tile_failed = true;
		this.$hint
			.text(
				__(
					"Some map tiles could not be loaded from the tile server: the network may not reach it. The compounds are still shown; an administrator can point Map Settings to a tile server inside the network."
				)
			)
			.show();
	}

	popup(compound) {
		const esc = frappe.utils.escape_html;
		const row = (label, value) =>
			`<tr><td class="text-muted pr-3">${esc(label)}</td><td>${esc(
				value === null || value === undefined || value === "" ? "—" : String(value)
			)}</td></tr>`;
		let key = __("No property enterprise");
		if (compound.key_supervision === true) key = __("Yes");
		if (compound.key_supervision === false) key = __("No");
		return `
			<div class="ps-map-popup" data-compound="${esc(compound.name)}">
				<div class="font-weight-bold mb-1">${esc(compound.compound_name)}</div>
				<table class="small">
					${row(__("Jurisdiction"), compound.jurisdiction)}
					${row(__("Property Enterprise"), compound.enterprise_name)}
					${row(__("Management Mode"), compound.management_mode)}
					${row(__("Households"), compound.household_count)}
					${row(__("Open Complaints"), compound.open_complaints)}
					${row(__("Key Supervision"), key)}
					${row(__("Overdue Rectification Notices"), compound.overdue_rectifications)}
				</table>
				<a class="ps-map-open btn btn-xs btn-default mt-2"
					href="/app/residential-compound/${encodeURIComponent(compound.name)}">${esc(
			__("Open Compound")
		)}</a>
			</div>`;
	}

	bind_popup(popup) {
		const $link = $(popup.getElement()).find("a.ps-map-open");
		$link.off("click").on("click", (e) => {
			e.preventDefault();
			const name = $link.closest(".ps-map-popup").attr("data-compound");
			frappe.set_route("Form", "Residential Compound", name);
		});
	}

	render_legend(legend) {
		if (this.legend) this.legend.remove();
		this.legend = L.control({ position: "bottomright" });
		this.legend.onAdd = () => {
			const div = L.DomUtil.create("div", "ps-map-legend bg-white border rounded p-2 small");
			div.innerHTML = legend
				.map(
					(entry) =>
						`<div><span style="display:inline-block;width:12px;height:12px;border-radius:50%;background:${
							entry.colour
						};margin-right:6px;vertical-align:middle"></span>${frappe.utils.escape_html(
							entry.label
						)}（${entry.count}）</div>`
				)
				.join("");
			return div;
		};
		this.legend.addTo(this.map);
	}

	render_summary(data) {
		let text = __("{0} compounds on the map", [data.compounds.length]);
		if (data.without_location) {
			text += __("; {0} compounds have no location yet", [data.without_location]);
		}
		if (!data.rectification_available) {
			text += __("; overdue rectification is not available to you");
		}
		this.$summary.text(text);
	}
}
