// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// A form's history reads as the form does (issue 11). Frappe's version timeline prints the stored
// values of a change ("changed the value of 状态 from Community Handling to Area Handling"), while
// the form shows a workflow state, a Select option or a Check translated. Loaded on every desk page
// (app_include_js in hooks.py): each form's timeline gets the versions with their values as the
// form shows them — Select options translated in their DocType's context, Links to translated
// DocTypes (Workflow State, Complaint Category, …) translated, Links with a title by their cached
// title, Checks as 是 / 否, empty values as 未设置. The stored Version records are not changed.
(() => {
	const Footer = frappe.ui.form.Footer;
	if (!Footer || Footer.prototype.ps_readable_history) return;
	Footer.prototype.ps_readable_history = true;

	function shown_value(doctype, fieldname, value) {
		const df = doctype && frappe.meta.get_docfield(doctype, fieldname);
		if (!df) return value;
		// an empty value reads "未设置", not `null` or `""`
		if (value === null || value === undefined || value === "") return __("Not Set");
		if (df.fieldtype === "Check") return cint(value) ? __("Yes") : __("No");
		if (typeof value !== "string") return value;
		if (df.fieldtype === "Select") return __(value, null, doctype);
		if (df.fieldtype === "Link" && df.options) {
			if ((frappe.boot.translated_doctypes || []).includes(df.options)) return __(value);
			if ((frappe.boot.link_title_doctypes || []).includes(df.options)) {
				return frappe.utils.get_link_title(df.options, value) || value;
			}
		}
		return value;
	}

	function readable_change(doctype, change) {
		const [fieldname, before, after, ...rest] = change;
		return [
			fieldname,
			shown_value(doctype, fieldname, before),
			shown_value(doctype, fieldname, after),
			...rest,
		];
	}

	function readable_version(version, frm) {
		let data;
		try {
			data = JSON.parse(version.data || "{}");
		} catch (e) {
			return version;
		}
		if (data.changed) {
			// docstatus has no docfield and stays a number (the timeline reads 1 as "submitted")
			data.changed = data.changed.map((change) => readable_change(frm.doctype, change));
		}
		if (data.row_changed) {
			data.row_changed = data.row_changed.map(([table, idx, row_name, changes, ...rest]) => {
				const child_doctype = frappe.meta.get_docfield(frm.doctype, table)?.options;
				return [
					table,
					idx,
					row_name,
					(changes || []).map((change) => readable_change(child_doctype, change)),
					...rest,
				];
			});
		}
		return Object.assign({}, version, { data: JSON.stringify(data) });
	}

	const make_timeline = Footer.prototype.make_timeline;
	Footer.prototype.make_timeline = function () {
		make_timeline.call(this);
		const timeline = this.frm.timeline;
		const version_contents = timeline.get_version_timeline_contents;
		timeline.get_version_timeline_contents = function () {
			const versions = this.doc_info.versions;
			this.doc_info.versions = (versions || []).map((v) => readable_version(v, this.frm));
			try {
				return version_contents.call(this);
			} finally {
				this.doc_info.versions = versions;
			}
		};
	};
})();
