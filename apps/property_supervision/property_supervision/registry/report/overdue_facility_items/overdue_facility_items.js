// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue Facility Items"] = {
	filters: [
		{ fieldname: "plan", label: __("Facility Rectification Plan"), fieldtype: "Link", options: "Facility Rectification Plan" },
		{ fieldname: "lead_unit", label: __("Lead Unit"), fieldtype: "Link", options: "Supervision Unit" },
	],
};
