frappe.listview_settings["Property Practitioner"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		return doc.status === "Left"
			? [__("Left", null, "Property Practitioner"), "gray", "status,=,Left"]
			: [__("Active", null, "Property Practitioner"), "green", "status,=,Active"];
	},
};
