// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Supervision Inspection", {
	setup(frm) {
		frm.set_query("template", () => ({ filters: { is_active: 1 } }));
	},
	refresh(frm) {
		const m = property_supervision.meanings;
		const completed = m.is_state(frm.doctype, frm.doc.workflow_state, m.COMPLETED);
		if (!frm.is_new() && completed && frm.doc.open_findings && frappe.model.can_create("Rectification Notice")) {
			frm.add_custom_button(__("Issue Rectification Notices"), () =>
				frappe
					.call({
						method: "property_supervision.api.supervision.issue_rectification_notices",
						args: { inspection: frm.doc.name },
						freeze: true,
					})
					.then((r) => {
						frappe.show_alert({
							message: __("{0} rectification notices issued.", [(r.message || []).length]),
							indicator: "green",
						});
						frm.reload_doc();
					})
			);
		}
		if (frm.doc.open_findings && !completed) {
			frm.dashboard.set_headline_alert(
				__("{0} findings require rectification: complete the inspection to issue the notices.", [
					frm.doc.open_findings,
				]),
				"orange"
			);
		}
	},
	template(frm) {
		if (!frm.doc.template || (frm.doc.checklist || []).length) return;
		frappe
			.call({
				method: "property_supervision.api.supervision.template_checklist",
				args: { template: frm.doc.template },
			})
			.then((r) => {
				(r.message || []).forEach((row) => frm.add_child("checklist", row));
				frm.refresh_field("checklist");
			});
	},
});
