// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

const CREDIT_API = "property_supervision.api.credit";

frappe.ui.form.on("Credit Record", {
	setup(frm) {
		// records made by hand use the manual rules; the system records the others itself
		frm.set_query("rule", () => ({ filters: { is_active: 1, source: "Manual" } }));
	},

	refresh(frm) {
		if (frm.doc.is_automatic) {
			frm.set_intro(__("Recorded automatically from {0} {1}.", [__(frm.doc.reference_doctype || ""), frm.doc.reference_name || ""]), "blue");
		}
		if (frm.doc.objection && !frm.doc.objection_decision) {
			frm.dashboard.set_headline_alert(__("The enterprise has lodged an objection to this record."), "orange");
		}
		add_objection_buttons(frm);
	},

	before_workflow_action(frm) {
		// revoking (an action leading to a state meaning Revoked) needs a reason, saved before the
		// transition is applied
		const meanings = property_supervision.meanings;
		const revokes = meanings.leads_to(
			"Credit Record",
			frm.doc.workflow_state,
			frm.selected_workflow_action,
			meanings.REVOKED
		);
		if (!revokes || frm.doc.revocation_reason) {
			return;
		}
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Revocation Reason"), reqd: 1 },
				({ reason }) => {
					frappe.dom.freeze();
					frappe.db.set_value(frm.doctype, frm.doc.name, "revocation_reason", reason).then(resolve);
				},
				__("Revoke Record"),
				__("Revoke")
			);
		});
	},
});

function add_objection_buttons(frm) {
	const meanings = property_supervision.meanings;
	const confirmed = meanings.is_state("Credit Record", frm.doc.workflow_state, meanings.CONFIRMED);
	if (frm.is_new() || !confirmed || frm.doc.objection_decision) {
		return;
	}
	if (frm.perm[2] && frm.perm[2].write) {
		frm.add_custom_button(frm.doc.objection ? __("Amend Objection") : __("Lodge Objection"), () => {
			frappe.prompt(
				{
					fieldname: "objection",
					fieldtype: "Small Text",
					label: __("Objection"),
					reqd: 1,
					default: frm.doc.objection,
				},
				({ objection }) =>
					frappe
						.call({ method: `${CREDIT_API}.lodge_objection`, args: { name: frm.doc.name, objection } })
						.then(() => frm.reload_doc()),
				__("Objection"),
				__("Submit")
			);
		});
	}
	if (frm.doc.objection && frappe.user.has_role("District Supervisor")) {
		for (const [decision, label] of [
			["Upheld", __("Uphold Objection")],
			["Dismissed", __("Dismiss Objection")],
		]) {
			frm.add_custom_button(
				label,
				() => {
					frappe.prompt(
						{ fieldname: "note", fieldtype: "Small Text", label: __("Decision Note"), reqd: 1 },
						({ note }) =>
							frappe
								.call({
									method: `${CREDIT_API}.decide_objection`,
									args: { name: frm.doc.name, decision, note },
								})
								.then(() => frm.reload_doc()),
						label,
						__("Decide")
					);
				},
				__("Objection")
			);
		}
	}
}
