// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Four-to-Household Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Four-to-Household Progress"), () =>
			frappe.set_route("query-report", "Four-to-Household Progress", { year: frm.doc.year })
		);
	},
});
