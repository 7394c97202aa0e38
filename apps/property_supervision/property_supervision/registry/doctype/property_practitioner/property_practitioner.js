// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Property Practitioner", {
	setup(frm) {
		// only enterprises the user may see are offered (user permissions apply to link search)
		const meanings = property_supervision.meanings;
		frm.set_query("enterprise", () => ({
			filters: {
				workflow_state: ["not in", meanings.filter_values("Property Enterprise", meanings.REVOKED)],
			},
		}));
	},

	id_number(frm) {
		const number = (frm.doc.id_number || "").trim().toUpperCase();
		if (number !== frm.doc.id_number) {
			frm.set_value("id_number", number);
		}
	},

	status(frm) {
		if (frm.doc.status === "Left" && !frm.doc.left_on) {
			frm.set_value("left_on", frappe.datetime.get_today());
		} else if (frm.doc.status === "Active" && frm.doc.left_on) {
			frm.set_value("left_on", null);
		}
	},
});
