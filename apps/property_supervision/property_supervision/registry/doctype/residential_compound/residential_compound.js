// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residential Compound", {
	setup(frm) {
		frm.set_query("jurisdiction", () => ({ filters: { jurisdiction_type: "Community" } }));
	},
	refresh(frm) {
		if (frm.doc.separation_violation) {
			frm.dashboard.set_headline_alert(
				__("The active contract is held by an enterprise affiliated with the developer (建管分离)."),
				"red"
			);
		} else if (frm.doc.fallback_overdue) {
			frm.dashboard.set_headline_alert(
				__("The fallback agency has served this compound longer than the permitted period."),
				"orange"
			);
		}
		if (!frm.is_new() && frm.doc.is_old_compound && frm.doc.management_mode === "None") {
			frm.add_custom_button(__("Takeover Plan"), () => {
				frappe.new_doc("Takeover Plan", { compound: frm.doc.name });
			}, __("Create"));
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Service Contract"), () => {
				frappe.new_doc("Service Contract", { compound: frm.doc.name });
			}, __("Create"));
		}
	},
});
