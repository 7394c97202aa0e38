// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Property Enterprise", {
	refresh(frm) {
		if (frm.doc.key_supervision) {
			frm.dashboard.set_headline_alert(
				`${__("Key Supervision")}: ${frappe.utils.escape_html(frm.doc.key_supervision_reason || "")}`,
				"red"
			);
		}
		if (!frm.is_new()) {
			// the default print format of the DocType is the filing form (物业服务企业备案表)
			frm.add_custom_button(__("Print Filing Form"), () => frm.print_doc());
			if (frappe.model.can_create("Property Practitioner")) {
				frm.add_custom_button(
					__("Property Practitioner"),
					() => frappe.new_doc("Property Practitioner", { enterprise: frm.doc.name }),
					__("Create")
				);
			}
		}
	},

	credit_code(frm) {
		const code = (frm.doc.credit_code || "").trim().toUpperCase();
		if (code !== frm.doc.credit_code) {
			frm.set_value("credit_code", code);
		}
	},
});
