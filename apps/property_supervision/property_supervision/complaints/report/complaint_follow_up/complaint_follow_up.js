// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// 投诉回访名单: resolved complaints nobody rated within Complaint Settings' days. Open one and
// record the call with 记录回访 (the complaint form's button).
frappe.query_reports["Complaint Follow-up"] = {
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
			fieldname: "days",
			label: __("Unrated For At Least (Days)"),
			fieldtype: "Int",
			description: __("Empty: the days in Complaint Settings."),
		},
	],
};
