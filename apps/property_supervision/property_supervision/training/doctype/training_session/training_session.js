// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

const TRAINING_METHODS = "property_supervision.api.training";

// the district trains staff and enterprises; areas train owners' committee members
const AUDIENCES_BY_LEVEL = {
	District: ["Area and Subdistrict Staff", "Community Staff", "Enterprises"],
	Area: ["Owners Committees"],
};
const ORGANIZER_UNIT_TYPES = {
	District: ["not in", ["Area Committee", "Subdistrict Office", "Community Committee"]],
	Area: ["in", ["Area Committee", "Subdistrict Office"]],
};
const ATTENDEE_TYPE_BY_AUDIENCE = {
	"Area and Subdistrict Staff": "Supervision Unit",
	"Community Staff": "Supervision Unit",
	Enterprises: "Enterprise",
	"Owners Committees": "Owners Committee",
};
// the meanings of the states in which a session has started (public/js/workflow_meanings.js)
const STARTED_MEANINGS = ["PUBLISHED", "COMPLETED"];
const filed = (doctype) => [
	"in",
	property_supervision.meanings.filter_values(doctype, property_supervision.meanings.FILED),
];

frappe.ui.form.on("Training Session", {
	setup(frm) {
		frm.set_query("organizer", () => {
			const filters = { is_active: 1 };
			if (frm.doc.training_level) filters.unit_type = ORGANIZER_UNIT_TYPES[frm.doc.training_level];
			return { filters };
		});
		frm.set_query("enterprise", "attendees", () => ({
			filters: { workflow_state: filed("Property Enterprise") },
		}));
		frm.set_query("owners_committee", "attendees", () => ({
			filters: { workflow_state: filed("Owners Committee") },
		}));
	},

	refresh(frm) {
		frm.trigger("set_audience_options");
		if (frm.is_new()) return;
		const can_write = frm.perm[0] && frm.perm[0].write;
		const meanings = property_supervision.meanings;
		const state = frm.doc.workflow_state;
		const completed = meanings.is_state("Training Session", state, meanings.COMPLETED);
		if (can_write && (!completed || frappe.user.has_role("Supervision Admin"))) {
			frm.add_custom_button(__("Invite Audience"), () => invite_audience(frm));
			const started = STARTED_MEANINGS.map((key) => meanings[key]);
			if (meanings.is_state("Training Session", state, ...started)) {
				frm.add_custom_button(__("Sign In", null, "Training Session"), () => sign_in_dialog(frm));
			}
		}
	},

	training_level(frm) {
		frm.trigger("set_audience_options");
		const audiences = AUDIENCES_BY_LEVEL[frm.doc.training_level] || [];
		if (frm.doc.audience && !audiences.includes(frm.doc.audience)) {
			frm.set_value("audience", audiences.length === 1 ? audiences[0] : "");
		} else if (!frm.doc.audience && audiences.length === 1) {
			frm.set_value("audience", audiences[0]);
		}
	},

	set_audience_options(frm) {
		const audiences = AUDIENCES_BY_LEVEL[frm.doc.training_level];
		const options = audiences || Object.keys(ATTENDEE_TYPE_BY_AUDIENCE);
		frm.set_df_property("audience", "options", ["", ...options]);
	},
});

frappe.ui.form.on("Training Attendee", {
	attendees_add(frm, cdt, cdn) {
		const type = ATTENDEE_TYPE_BY_AUDIENCE[frm.doc.audience];
		if (type) frappe.model.set_value(cdt, cdn, "attendee_type", type);
	},
});

function invite_audience(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the training before inviting its audience."));
		return;
	}
	frappe
		.call({
			method: `${TRAINING_METHODS}.invite_audience`,
			args: { session: frm.doc.name },
			freeze: true,
		})
		.then((r) => {
			const { added, invited } = r.message || {};
			frappe.show_alert({
				message: added
					? __("{0} invitees added; {1} invited in all.", [added, invited])
					: __("Everyone in the audience is already invited."),
				indicator: added ? "green" : "blue",
			});
			frm.reload_doc();
		});
}

function sign_in_dialog(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the training before recording attendance."));
		return;
	}
	const pending = (frm.doc.attendees || []).filter((row) => !row.attended);
	if (!pending.length) {
		frappe.msgprint(__("Every invitee has signed in."));
		return;
	}
	const dialog = new frappe.ui.Dialog({
		title: __("Sign In", null, "Training Session"),
		fields: [
			{
				fieldname: "row_name",
				fieldtype: "Select",
				label: __("Invitee"),
				reqd: 1,
				options: pending.map((row) => ({
					value: row.name,
					label: `${row.idx}. ${row.attendee_label || ""}`,
				})),
			},
			{ fieldname: "person_name", fieldtype: "Data", label: __("Person", null, "Training Attendee") },
		],
		primary_action_label: __("Sign In", null, "Training Session"),
		primary_action(values) {
			frappe
				.call({
					method: `${TRAINING_METHODS}.sign_in`,
					args: { session: frm.doc.name, ...values },
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
