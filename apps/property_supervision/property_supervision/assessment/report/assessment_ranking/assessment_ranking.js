// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Assessment Ranking"] = {
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
			options: [
				"",
				{ value: "Area Committee or Subdistrict", label: __("Area Committee or Subdistrict") },
				{ value: "Community", label: __("Community") },
				{ value: "Property Enterprise", label: __("Property Enterprise") },
				{ value: "Department", label: __("Department", null, "Assessment") },
			],
		},
		{
			fieldname: "include_unpublished",
			label: __("Include Unpublished"),
			fieldtype: "Check",
			depends_on: () =>
				frappe.user.has_role(["Assessment Officer", "Supervision Admin", "District Supervisor", "System Manager"]),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (data && column.fieldname === "grade_label" && data.grade) {
			const colour = { Excellent: "green", Good: "blue", Pass: "orange", Fail: "red" }[data.grade];
			return `<span style="color: var(--${colour}-600, ${colour})">${formatted}</span>`;
		}
		return formatted;
	},
};
