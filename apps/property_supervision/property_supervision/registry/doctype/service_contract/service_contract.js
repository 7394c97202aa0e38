// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Contract", {
	setup(frm) {
		frm.set_query("enterprise", () => ({ filters: { workflow_state: filed_states() } }));
	},
	refresh(frm) {
		if (frm.doc.developer_affiliated && frm.doc.status === "Active") {
			frm.dashboard.set_headline_alert(
				__("This contract violates construction-management separation (建管分离)."),
				"red"
			);
		}
	},
	status(frm) {
		if (frm.doc.status === "Terminated" && !frm.doc.terminated_on) {
			frm.set_value("terminated_on", frappe.datetime.get_today());
		}
	},
});

// only filed enterprises: the states of the enterprise workflow that mean "filed"
function filed_states() {
	const meanings = property_supervision.meanings;
	return ["in", meanings.filter_values("Property Enterprise", meanings.FILED)];
}
