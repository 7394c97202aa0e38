// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Old Compound Coverage"] = {
	filters: [
		{
			fieldname: "jurisdiction",
			label: __("Jurisdiction"),
			fieldtype: "Link",
			options: "Jurisdiction",
		},
		{
			fieldname: "as_of",
			label: __("As Of"),
			fieldtype: "Date",
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
