// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Hotline Work Order", {
	refresh(frm) {
		// a placed order is the complaint's business from then on
		const placed = frm.doc.status === "Placed";
		frm.set_df_property("compound", "read_only", placed);
		frm.set_df_property("category", "read_only", placed);
		if (!placed && !frm.is_new()) {
			frm.set_intro(__("Choose the compound and save: the complaint is filed at its community."), "orange");
		}
	},
});
