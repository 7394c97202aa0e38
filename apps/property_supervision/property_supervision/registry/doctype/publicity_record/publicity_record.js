// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Publicity Record", {
	setup(frm) {
		// only compounds an enterprise manages can publish
		frm.set_query("compound", () => ({
			filters: { management_mode: ["!=", "None"] },
		}));
	},

	refresh(frm) {
		const can_verify = ["Community Officer", "Area Officer", "Supervision Admin"].some((role) =>
			frappe.user.has_role(role)
		);
		frm.set_df_property("verified_by_community", "read_only", can_verify ? 0 : 1);
		frm.set_df_property("verification_note", "read_only", can_verify ? 0 : 1);
	},

	compound(frm) {
		if (!frm.doc.compound) return;
		frappe.db.get_value("Residential Compound", frm.doc.compound, "current_enterprise").then(({ message }) => {
			if (message && message.current_enterprise) {
				frm.set_value("enterprise", message.current_enterprise);
			}
		});
	},

	lines_remove(frm) {
		frm.trigger("calculate_totals");
	},

	calculate_totals(frm) {
		let income = 0;
		let expense = 0;
		(frm.doc.lines || []).forEach((line) => {
			if (line.direction === "Income") income += flt(line.amount);
			if (line.direction === "Expense") expense += flt(line.amount);
		});
		frm.set_value("total_income", income);
		frm.set_value("total_expense", expense);
		frm.set_value("balance", income - expense);
	},
});

frappe.ui.form.on("Publicity Line", {
	amount(frm) {
		frm.trigger("calculate_totals");
	},
	direction(frm) {
		frm.trigger("calculate_totals");
	},
});
