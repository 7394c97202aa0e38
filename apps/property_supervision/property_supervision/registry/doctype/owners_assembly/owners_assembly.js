// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// Whether a resolution passed is computed on the server from the votes and the thresholds in
// Registry Settings (民法典 第二百七十八条); the form only shows it.
frappe.ui.form.on("Owners Assembly", {
	refresh(frm) {
		frm.set_df_property("resolutions", "cannot_add_rows", false);
	},
});
