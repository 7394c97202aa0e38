// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Performance Results"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Assessment Year"),
			fieldtype: "Int",
			reqd: 1,
			default: new Date().getFullYear() - 1,
		},
		{
			fieldname: "target_type",
			label: __("Assessment Level"),
			fieldtype: "Select",
			reqd: 1,
			default: "Area Committee or Subdistrict",
			options: [
				{ value: "Area Committee or Subdistrict", label: __("Area Committee or Subdistrict") },
				{ value: "Community", label: __("Community") },
				{ value: "Department", label: __("Department", null, "Assessment") },
			],
		},
	],
};
