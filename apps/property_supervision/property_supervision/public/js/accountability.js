// Opening an accountability record (问责) from the record it rests on: an assessment whose veto
// applies (assessment.js) or an overdue rectification notice (hooks.py doctype_js). The server
// (api/assessment.py open_accountability) checks everything again and returns the record's name.
frappe.provide("property_supervision.accountability");

property_supervision.accountability.add_button = function (frm, question) {
	if (frm.is_new() || !frappe.model.can_create("Accountability Record")) return;
	frm.add_custom_button(__("Open Accountability"), () => {
		frappe.confirm(question, () => {
			frappe.call({
				method: "property_supervision.api.assessment.open_accountability",
				args: { reference_doctype: frm.doctype, reference_name: frm.doc.name },
				freeze: true,
				callback: (r) => {
					if (!r.message) return;
					frappe.show_alert({
						message: __("Accountability record {0} opened.", [r.message]),
						indicator: "green",
					});
					frappe.set_route("Form", "Accountability Record", r.message);
				},
			});
		});
	});
};
