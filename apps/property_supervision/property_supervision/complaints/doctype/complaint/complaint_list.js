// Open complaints past their deadline stand out in the list.
frappe.listview_settings["Complaint"] = {
	add_fields: ["workflow_state", "is_overdue", "deadline", "current_level"],
	formatters: {
		deadline(value, df, doc) {
			const text = value ? frappe.datetime.str_to_user(value) : "";
			return doc.is_overdue ? `<span class="text-danger">${text} (${__("Overdue")})</span>` : text;
		},
	},
};
