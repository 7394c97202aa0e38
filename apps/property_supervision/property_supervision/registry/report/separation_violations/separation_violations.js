// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Separation Violations"] = {
	filters: [
		{
			fieldname: "jurisdiction",
			label: __("Jurisdiction"),
			fieldtype: "Link",
			options: "Jurisdiction",
		},
		{
			fieldname: "include_ended",
			label: __("Include Ended Contracts"),
			fieldtype: "Check",
		},
	],
};
