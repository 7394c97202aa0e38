frappe.provide("frappe.dashboards.chart_sources");

// complaints received per month, counted from the monthly totals (complaints/monthly.py)
frappe.dashboards.chart_sources["Complaints by Month"] = {
	method: "property_supervision.complaints.dashboard_chart_source.complaints_by_month.complaints_by_month.get",
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
			fieldname: "months",
			label: __("Months"),
			fieldtype: "Int",
			default: 12,
		},
	],
};
