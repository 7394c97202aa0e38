// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Assessment Template", {
	refresh(frm) {
		frm.trigger("show_total");
		if (!frm.is_new() && frm.doc.is_active && frappe.user.has_role(["Assessment Officer", "Supervision Admin", "System Manager"])) {
			frm.add_custom_button(__("Start Annual Assessment"), () => start_annual_assessment(frm));
		}
	},
	show_total(frm) {
		const total = (frm.doc.criteria || []).reduce((sum, row) => sum + flt(row.max_score), 0);
		if (Math.abs(total - 100) >= 0.05) {
			frm.dashboard.set_headline_alert(
				__("The maximum scores of the criteria must total exactly {0}; they now total {1}.", [100, flt(total, 1)]),
				"orange"
			);
		} else {
			frm.dashboard.clear_headline();
		}
	},
});

frappe.ui.form.on("Assessment Criterion", {
	max_score(frm) {
		frm.trigger("show_total");
	},
	criteria_remove(frm) {
		frm.trigger("show_total");
	},
});

function start_annual_assessment(frm) {
	frappe.prompt(
		{
			fieldname: "year",
			fieldtype: "Int",
			label: __("Assessment Year"),
			reqd: 1,
			default: new Date().getFullYear() - 1,
		},
		({ year }) => {
			frappe.call({
				method: "property_supervision.api.assessment.create_annual_assessments",
				args: { year, template: frm.doc.name },
				freeze: true,
				callback: ({ message }) => {
					if (!message) return;
					if (message.queued) {
						frappe.msgprint(
							__("{0} assessments are being created in the background.", [message.targets])
						);
					} else {
						frappe.msgprint(
							__("{0} assessments created, {1} already existed.", [message.created, message.skipped])
						);
					}
				},
			});
		},
		__("Start Annual Assessment"),
		__("Start")
	);
}
