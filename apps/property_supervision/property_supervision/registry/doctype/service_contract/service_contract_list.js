// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

const SERVICE_CONTRACT_COLORS = { Draft: "gray", Active: "green", Expired: "orange", Terminated: "red" };

frappe.listview_settings["Service Contract"] = {
	add_fields: ["status", "developer_affiliated"],
	get_indicator(doc) {
		return [
			__(doc.status, null, "Service Contract"),
			SERVICE_CONTRACT_COLORS[doc.status] || "gray",
			"status,=," + doc.status,
		];
	},
};
