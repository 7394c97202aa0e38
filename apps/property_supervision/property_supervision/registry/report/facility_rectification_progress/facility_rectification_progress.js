// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Facility Rectification Progress"] = {
	filters: [
		{ fieldname: "plan", label: __("Facility Rectification Plan"), fieldtype: "Link", options: "Facility Rectification Plan" },
		{ fieldname: "year", label: __("Plan Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Lead Unit", label: __("Lead Unit") },
				{ value: "Area", label: __("Area") },
			],
			default: "Lead Unit",
			reqd: 1,
		},
		{ fieldname: "lead_unit", label: __("Lead Unit"), fieldtype: "Link", options: "Supervision Unit" },
	],
	formatter(value, row, column, data, default_formatter) {
		const out = default_formatter(value, row, column, data);
		return data && data.is_total_row ? `<b>${out}</b>` : out;
	},
};
