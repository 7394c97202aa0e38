// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Facility Rectification Plan", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("Facility Rectification Item")) return;
		frm.add_custom_button(__("Survey the Compounds"), async () => {
			const { message } = await frappe.call({
				method: "property_supervision.api.facilities.run_survey",
				args: { year: frm.doc.year },
				freeze: true,
			});
			frappe.msgprint(
				__("{0} new items; {1} issues were in the plan already; {2} issues have no lead unit.", [
					message.created,
					message.already_in_plan,
					message.without_lead_unit,
				])
			);
			frm.reload_doc();
		});
		frm.add_custom_button(__("Facility Rectification Progress"), () =>
			frappe.set_route("query-report", "Facility Rectification Progress", { plan: frm.doc.name })
		);
	},
});
