// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

const TARGET_DOCTYPES = {
	"Area Committee or Subdistrict": ["Jurisdiction", ["Area Committee", "Subdistrict"]],
	Community: ["Jurisdiction", ["Community"]],
	"Property Enterprise": ["Property Enterprise", null],
	Department: ["Supervision Unit", ["Government Department"]],
};
const TYPE_FIELDS = { Jurisdiction: "jurisdiction_type", "Supervision Unit": "unit_type" };

frappe.ui.form.on("Assessment", {
	setup(frm) {
		frm.set_query("template", () => ({ filters: { is_active: 1 } }));
		frm.set_query("target_name", () => {
			const target = TARGET_DOCTYPES[frm.doc.target_type];
			if (target && target[1]) {
				return { filters: { [TYPE_FIELDS[target[0]]]: ["in", target[1]] } };
			}
			return {};
		});
	},

	refresh(frm) {
		const meanings = property_supervision.meanings;
		const published = meanings.is_state("Assessment", frm.doc.workflow_state, meanings.PUBLISHED);
		if (!frm.is_new() && !published && frm.has_perm("write")) {
			frm.add_custom_button(__("Refresh Indicators"), () => {
				frappe.call({
					method: "property_supervision.api.assessment.refresh_indicators",
					args: { name: frm.doc.name },
					freeze: true,
					freeze_message: __("Computing indicators…"),
					callback: () => frm.reload_doc(),
				});
			});
		}
		if (frm.doc.veto_triggered && published && frm.doc.target_type !== "Property Enterprise") {
			frappe.require("/assets/property_supervision/js/accountability.js", () => {
				property_supervision.accountability.add_button(
					frm,
					__("Open an accountability record for this veto?")
				);
			});
		}
		if (frm.doc.veto_triggered) {
			frm.dashboard.set_headline_alert(
				__("A veto item applies: the grade is capped at Fail."),
				"red"
			);
		}
	},

	template(frm) {
		if (!frm.is_new()) return;
		frm.clear_table("scores");
		frm.refresh_field("scores");
		if (!frm.doc.template) return;
		frappe.db.get_value("Assessment Template", frm.doc.template, "target_type").then((r) => {
			const target_type = r.message && r.message.target_type;
			const target = TARGET_DOCTYPES[target_type];
			frm.set_value("target_type", target_type);
			if (target && frm.doc.target_doctype !== target[0]) {
				frm.set_value("target_doctype", target[0]);
				frm.set_value("target_name", "");
			}
		});
	},

	assessment_year(frm) {
		if (frm.is_new() && frm.doc.assessment_year && !frm.doc.period_end) {
			frm.set_value("period_end", `${frm.doc.assessment_year}-12-31`);
		}
	},
});
