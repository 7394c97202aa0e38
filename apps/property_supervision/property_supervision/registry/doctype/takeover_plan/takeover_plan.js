// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Takeover Plan", {
	setup(frm) {
		frm.set_query("compound", () => ({
			filters: { is_old_compound: 1, management_mode: "None" },
		}));
		frm.set_query("responsible_jurisdiction", () => ({
			filters: { jurisdiction_type: ["in", ["Area Committee", "Subdistrict"]] },
		}));
		frm.set_query("enterprise", () => ({ filters: { workflow_state: filed_states() } }));
	},
	async compound(frm) {
		if (!frm.doc.compound || frm.doc.responsible_jurisdiction) return;
		const { message } = await frappe.db.get_value("Residential Compound", frm.doc.compound, "jurisdiction");
		if (message && message.jurisdiction) {
			const parent = await frappe.db.get_value("Jurisdiction", message.jurisdiction, "parent_jurisdiction");
			if (parent.message) frm.set_value("responsible_jurisdiction", parent.message.parent_jurisdiction);
		}
	},
});

// only filed enterprises: the states of the enterprise workflow that mean "filed"
function filed_states() {
	const meanings = property_supervision.meanings;
	return ["in", meanings.filter_values("Property Enterprise", meanings.FILED)];
}
