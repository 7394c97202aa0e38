// Open complaints past their deadline stand out in the list. Those who read the tracking number
// (handling officers: a permission-level-1 field, data_protection/sensitive.py) find a complaint by
// the number the resident quotes, in a filter of its own above the list (issue 11).
frappe.listview_settings["Complaint"] = {
	onload(listview) {
		if (!frappe.perm.has_perm("Complaint", 1, "read")) return;
		const area = listview.filter_area;
		listview.page.add_field(
			{
				fieldtype: "Data",
				fieldname: "tracking_key",
				label: __("Tracking Number", null, "Complaint"),
				condition: "like",
				is_filter: 1,
				onchange: () => area.debounced_refresh_list_view(),
			},
			area.standard_filters_wrapper
		);
	},
	add_fields: ["workflow_state", "is_overdue", "deadline", "current_level"],
	formatters: {
		deadline(value, df, doc) {
			const text = value ? frappe.datetime.str_to_user(value) : "";
			return doc.is_overdue ? `<span class="text-danger">${text} (${__("Overdue")})</span>` : text;
		},
	},
};
