// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Training Coverage"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "jurisdiction",
			label: __("Jurisdiction"),
			fieldtype: "Link",
			options: "Jurisdiction",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (data && data.is_total_row) {
			if (column.fieldname === "jurisdiction") return `<b>${frappe.utils.escape_html(value || "")}</b>`;
			return `<b>${default_formatter(value, row, column, data)}</b>`;
		}
		return default_formatter(value, row, column, data);
	},
};
