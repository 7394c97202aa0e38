// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Map Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Open Supervision Map"), () => frappe.set_route("supervision-map"));
	},
});
