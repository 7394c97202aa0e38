// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Credit Rule", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.source !== "Manual") {
			frm.set_intro(__("The system records this conduct by itself every day; deactivate the rule to stop it."), "blue");
		}
	},

	rule_code(frm) {
		const code = (frm.doc.rule_code || "").trim().toUpperCase();
		if (code !== frm.doc.rule_code) {
			frm.set_value("rule_code", code);
		}
	},
});
