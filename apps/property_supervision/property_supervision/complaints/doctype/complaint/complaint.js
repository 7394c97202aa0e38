// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

const COMPLAINT_METHOD = "property_supervision.api.complaints";
const OFFICER_ROLES = [
	"System Manager",
	"Supervision Admin",
	"District Supervisor",
	"Area Officer",
	"Community Officer",
];

frappe.ui.form.on("Complaint", {
	setup(frm) {
		frm.set_query("category", () => ({ filters: { is_active: 1 } }));
		// the log's actions are workflow actions: show them in the user's language
		const action = frappe.meta.get_docfield("Complaint Handling Log", "action", frm.doc.name);
		if (action) {
			action.formatter = (value) => frappe.utils.escape_html(__(value || ""));
		}
	},

	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		if (frm.doc.is_overdue) {
			frm.dashboard.set_headline_alert(
				__("Overdue: the deadline at this level was {0}.", [frappe.datetime.str_to_user(frm.doc.deadline)]),
				"red"
			);
		}
		const is_officer = OFFICER_ROLES.some((role) => frappe.user.has_role(role));
		const can_answer =
			frappe.user.has_role("Enterprise User") &&
			!is_officer &&
			!property_supervision.meanings.is_state(
				"Complaint",
				frm.doc.workflow_state,
				property_supervision.meanings.CLOSED,
				property_supervision.meanings.REJECTED
			);
		if (can_answer) {
			frm.add_custom_button(__("Answer the Complaint"), () => answer_complaint(frm));
		}
		// 回访: a resolved complaint not rated since (complaints/rating.py)
		if (frm.doc.awaiting_rating && is_officer && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Record Follow-up Call"), () => record_follow_up(frm));
		}
	},
});

function record_follow_up(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Record Follow-up Call"),
		fields: [
			{
				fieldname: "satisfaction",
				fieldtype: "Select",
				label: __("Satisfaction"),
				reqd: 1,
				options: [
					{ value: "Satisfied", label: __("Satisfied") },
					{ value: "Basically Satisfied", label: __("Basically Satisfied") },
					{ value: "Dissatisfied", label: __("Dissatisfied") },
				],
				description: __("Dissatisfied reopens the complaint at the level that resolved it; the second time at the district."),
			},
			{ fieldname: "comment", fieldtype: "Small Text", label: __("Rating Comment") },
		],
		primary_action_label: __("Save"),
		primary_action(values) {
			frappe
				.call({
					method: "property_supervision.api.follow_up.record_follow_up",
					args: { complaint: frm.doc.name, satisfaction: values.satisfaction, comment: values.comment },
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}

function answer_complaint(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Enterprise Response"),
		fields: [
			{
				fieldname: "response",
				fieldtype: "Small Text",
				label: __("Enterprise Response"),
				reqd: 1,
				default: frm.doc.enterprise_response,
			},
		],
		primary_action_label: __("Submit"),
		primary_action(values) {
			frappe
				.call({
					method: `${COMPLAINT_METHOD}.add_enterprise_response`,
					args: { complaint: frm.doc.name, response: values.response },
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
