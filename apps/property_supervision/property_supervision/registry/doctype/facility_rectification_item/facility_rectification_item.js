// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// A lead department's officer updates only the progress of their unit's items: the other fields
// are read-only for them here, and refused on the server (facility_rectification_item.py).
const DEPARTMENT_EDITABLE = ["status", "progress", "remark"];
const DISTRICT_ROLES = ["System Manager", "Supervision Admin", "District Supervisor", "Assessment Officer"];

frappe.ui.form.on("Facility Rectification Item", {
	refresh(frm) {
		const department_only =
			frappe.user.has_role("Department Officer") && !DISTRICT_ROLES.some((r) => frappe.user.has_role(r));
		if (!department_only) return;
		frm.meta.fields.forEach((df) => {
			if (!DEPARTMENT_EDITABLE.includes(df.fieldname) && !frappe.model.no_value_type.includes(df.fieldtype)) {
				frm.set_df_property(df.fieldname, "read_only", 1);
			}
		});
	},
});
