// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Facility Rectification Plan"] = {
	onload(listview) {
		if (!frappe.model.can_create("Facility Rectification Item")) return;
		listview.page.add_inner_button(__("Survey the Compounds"), () => {
			frappe.prompt(
				{ fieldname: "year", label: __("Plan Year"), fieldtype: "Int", reqd: 1, default: new Date().getFullYear() },
				async ({ year }) => {
					const { message } = await frappe.call({
						method: "property_supervision.api.facilities.run_survey",
						args: { year },
						freeze: true,
					});
					frappe.set_route("Form", "Facility Rectification Plan", message.plan);
				},
				__("District Survey of Facilities")
			);
		});
	},
};
