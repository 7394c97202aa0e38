// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Working Calendar Day", {
	is_regional(frm) {
		if (frm.doc.is_regional && !frm.doc.region) frm.set_value("region", "新疆维吾尔自治区");
	},
});
