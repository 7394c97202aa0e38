// An overdue rectification notice can open an accountability record (问责) of the jurisdiction
// that let it lapse (public/js/accountability.js, api/assessment.py open_accountability).

frappe.ui.form.on("Rectification Notice", {
	refresh(frm) {
		if (!frm.doc.is_overdue) return;
		frappe.require("/assets/property_supervision/js/accountability.js", () => {
			property_supervision.accountability.add_button(
				frm,
				__("Open an accountability record for this overdue rectification notice?")
			);
		});
	},
});
