// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Complaint Statistics"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("Received From"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{
			fieldname: "to_date",
			label: __("Received To"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "group_by",
			label: __("Group Complaints By"),
			fieldtype: "Select",
			options: [
				{ value: "Jurisdiction", label: __("Community") },
				{ value: "Area", label: __("Area Committee or Subdistrict") },
				{ value: "Enterprise", label: __("Property Enterprise") },
				{ value: "Category", label: __("Complaint Category") },
				{ value: "Month", label: __("Month Received") },
			],
			default: "Jurisdiction",
			reqd: 1,
		},
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
			fieldname: "category",
			label: __("Complaint Category"),
			fieldtype: "Link",
			options: "Complaint Category",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (data && data.is_total_row) {
			if (["jurisdiction", "area", "enterprise", "category", "month"].includes(column.fieldname)) {
				return `<b>${frappe.utils.escape_html(value || "")}</b>`;
			}
			return `<b>${default_formatter(value, row, column, data)}</b>`;
		}
		return default_formatter(value, row, column, data);
	},
};
