// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue Rectification"] = {
	filters: [
		{
			fieldname: "jurisdiction",
			label: __("Jurisdiction"),
			fieldtype: "Link",
			options: "Jurisdiction",
		},
		{
			fieldname: "enterprise",
			label: __("Property Enterprise"),
			fieldtype: "Link",
			options: "Property Enterprise",
		},
		{
			fieldname: "only_refused",
			label: __("Only Refused"),
			fieldtype: "Check",
		},
	],
};
