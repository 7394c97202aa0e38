// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint Settings", {
	refresh(frm) {
		// the working calendar every time limit counts over (Working Calendar Day)
		frm.add_custom_button(__("Working Calendar"), () => frappe.set_route("List", "Working Calendar Day"));
	},
});
