// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Joint Meeting", {
	setup(frm) {
		// only complaints referred to a joint meeting, from the meeting's jurisdiction
		frm.set_query("complaint", "complaints", () => ({
			filters: {
				workflow_state: "Joint Meeting",
				...(frm.doc.jurisdiction
					? { jurisdiction: ["descendants of (inclusive)", frm.doc.jurisdiction] }
					: {}),
			},
		}));
		frm.set_query("jurisdiction", () => ({
			filters: { jurisdiction_type: ["!=", "Community"] },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.jurisdiction) {
			frm.add_custom_button(__("Get Referred Complaints"), () => get_referred_complaints(frm));
		}
	},
});

function get_referred_complaints(frm) {
	frappe.db
		.get_list("Complaint", {
			filters: {
				workflow_state: "Joint Meeting",
				jurisdiction: ["descendants of (inclusive)", frm.doc.jurisdiction],
			},
			fields: ["name", "compound"],
			limit: 100,
		})
		.then((rows) => {
			const listed = new Set((frm.doc.complaints || []).map((row) => row.complaint));
			const added = rows.filter((row) => !listed.has(row.name));
			added.forEach((row) => {
				frm.add_child("complaints", { complaint: row.name, compound: row.compound });
			});
			frm.refresh_field("complaints");
			frappe.show_alert(__("{0} complaints added.", [added.length]));
		});
}
