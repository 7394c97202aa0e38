// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// Link values to translated DocTypes read Chinese for every user (issue 11). Workflow State,
// Workflow Action Master and Complaint Category name their records in English and translate them
// ("Translate Link Fields", desk_labels.TRANSLATED_DOCTYPES). Frappe's Link formatter translates the
// value only for users who may open the linked DocType: a district supervisor or an enterprise user
// read a complaint's 状态 as "Area Handling". A link formatter per translated DocType gives everyone
// the translation (app_include_js in hooks.py).
(() => {
	for (const doctype of frappe.boot.translated_doctypes || []) {
		if (frappe.form.link_formatters[doctype]) continue;
		frappe.form.link_formatters[doctype] = (value) => (value ? __(value) : value);
	}
})();
