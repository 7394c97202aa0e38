// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Enterprise Credit Ranking"] = {
	filters: [
		{
			fieldname: "credit_grade",
			label: __("Credit Grade"),
			fieldtype: "Select",
			options: ["", "AAA", "AA", "A", "B", "C"],
		},
		{
			fieldname: "key_supervision_only",
			label: __("Key Supervision Only"),
			fieldtype: "Check",
		},
		{
			fieldname: "include_unfiled",
			label: __("Include Enterprises Not Filed"),
			fieldtype: "Check",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "credit_grade" && data && ["B", "C"].includes(data.credit_grade)) {
			value = `<span style="color: var(--red-500); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
