frappe.ui.form.on("Jurisdiction", {
	refresh(frm) {
		frm.set_query("parent_jurisdiction", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name || ""] },
		}));
	},
});
