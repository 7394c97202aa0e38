// The tile source of Map Settings for every map of the desk, not only the supervision map: the
// Geolocation field of a form (a compound's location) and the list's map view draw their tiles from
// frappe.utils.map_defaults, which the framework points to openstreetmap.org — out of reach of a
// government network. While Map Settings has no usable tile source (no URL, or a template that
// wants a key and has none), the framework's default stays. The settings come with the boot
// (api/map.py: extend_bootinfo).
(() => {
	const tiles = frappe.boot && frappe.boot.ps_map_tiles;
	if (!tiles || !tiles.url || !frappe.utils.map_defaults) return;
	const options = {
		attribution: frappe.utils.escape_html(tiles.attribution || ""),
		maxZoom: tiles.max_zoom,
		tk: tiles.key,
	};
	if (tiles.subdomains) options.subdomains = tiles.subdomains;
	Object.assign(frappe.utils.map_defaults, {
		tiles: tiles.url,
		options,
		center: tiles.center,
		zoom: tiles.zoom,
	});
})();
