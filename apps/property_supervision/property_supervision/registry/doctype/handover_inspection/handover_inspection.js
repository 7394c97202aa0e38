// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Handover Inspection", {
	setup(frm) {
		frm.set_query("unit", "team", () => ({ filters: { is_active: 1 } }));
	},
	refresh(frm) {
		if (frm.doc.open_defects) {
			frm.dashboard.set_headline_alert(
				__("{0} defects are still open.", [frm.doc.open_defects]),
				"orange"
			);
		}
	},
});
