// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// The unit held to account: an area committee, subdistrict office or community, or an active
// department or office (the server checks the same: accountability_record.py).
frappe.ui.form.on("Accountability Record", {
	setup(frm) {
		frm.set_query("subject_unit", () =>
			frm.doc.subject_doctype === "Supervision Unit"
				? { filters: { is_active: 1 } }
				: { filters: { jurisdiction_type: ["in", ["Area Committee", "Subdistrict", "Community"]] } }
		);
		frm.set_query("reference_doctype", () => ({
			filters: {
				name: ["in", ["Assessment", "Complaint", "Joint Meeting", "Rectification Notice"]],
			},
		}));
	},
	subject_doctype(frm) {
		frm.set_value("subject_unit", "");
	},
});
