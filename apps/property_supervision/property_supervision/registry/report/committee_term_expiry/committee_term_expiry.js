// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Committee Term Expiry"] = {
	filters: [
		{
			fieldname: "jurisdiction",
			label: __("Jurisdiction"),
			fieldtype: "Link",
			options: "Jurisdiction",
		},
		{
			fieldname: "months",
			label: __("Expiring Within (Months)"),
			fieldtype: "Int",
			default: 6,
		},
		{
			fieldname: "include_expired",
			label: __("Include Expired"),
			fieldtype: "Check",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_left" && data && data.days_left !== null) {
			// red once the term has ended, orange once the re-election notice is due
			const notice_due =
				data.reelection_notice_date && data.reelection_notice_date <= frappe.datetime.get_today();
			const colour = data.days_left < 0 ? "red" : notice_due ? "orange" : "blue";
			return `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
