// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Joint Meeting", {
	setup(frm) {
		// only complaints referred to a joint meeting, from the meeting's jurisdiction
		frm.set_query("complaint", "complaints", () => ({
			filters: {
				workflow_state: joint_meeting_states(),
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
				workflow_state: joint_meeting_states(),
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

// complaints referred to a joint meeting: the states of the complaint workflow at that level
function joint_meeting_states() {
	const meanings = property_supervision.meanings;
	return ["in", meanings.filter_values("Complaint", meanings.JOINT_MEETING_LEVEL)];
}
