// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Four-to-Household Progress"] = {
	filters: [{ fieldname: "year", label: __("Plan Year"), fieldtype: "Int", default: new Date().getFullYear() }],
	formatter(value, row, column, data, default_formatter) {
		const out = default_formatter(value, row, column, data);
		return data && data.is_total_row ? `<b>${out}</b>` : out;
	},
};
