// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Owners Committee", {
	refresh(frm) {
		if (frm.doc.filing_overdue) {
			frm.dashboard.set_headline_alert(
				__("Filing is overdue: it was due on {0}.", [
					frappe.datetime.str_to_user(frm.doc.filing_due_date),
				]),
				"red"
			);
		}
	},
});
