// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Rectification Notice", {
	refresh(frm) {
		if (frm.doc.is_overdue) {
			frm.dashboard.set_headline_alert(
				__("The rectification deadline {0} has passed.", [frappe.datetime.str_to_user(frm.doc.deadline)]),
				"red"
			);
		}
		// an enterprise writes only its answer (the server refuses anything else)
		const officer = ["Supervision Admin", "District Supervisor", "Area Officer", "Community Officer", "System Manager"]
			.some((role) => frappe.user.has_role(role));
		if (frappe.user.has_role("Enterprise User") && !officer) {
			frm.meta.fields.forEach((df) => {
				if (!["answer", "answer_attachment"].includes(df.fieldname) && !df.read_only) {
					frm.set_df_property(df.fieldname, "read_only", 1);
				}
			});
		}
	},
});
