// Copyright (c) 2026, Property Supervision Developers and contributors
// For license information, please see license.txt

// The Print Format Builder names fields and sections as the form does (issue 11; page_js in
// hooks.py). Frappe's builder translates the sidebar's field labels without their DocType's context
// ("Enterprise" stays English, "Description" reads 描述 instead of the form's 投诉内容) and shows
// section headings untranslated. Worse, a field dropped into the layout carries its context-free
// translation as a label of its own, which the builder saves: the format then prints 描述 or
// "Enterprise" and never follows the DocType's label. Here labels are shown translated in the
// DocType's context, and a field keeps a label of its own only when the administrator typed one
// (field settings → Label): otherwise the PDF prints the DocType's label, translated, as the
// shipped formats do (printing.ps_label).
(() => {
	const Builder = frappe.PrintFormatBuilder;
	if (!Builder || Builder.prototype.ps_labels_in_context) return;
	Builder.prototype.ps_labels_in_context = true;

	// the label a layout field keeps ("" when it is the DocType's own, as stored or translated)
	frappe.ps_print_builder_own_label = function (field) {
		if (!field.label || field.fieldtype === "Custom HTML" || !field.parent)
			return field.label || "";
		const stored = frappe.meta.get_docfield(field.parent, field.fieldname);
		const label = stored && stored.label;
		if (label && [label, __(label), __(label, null, field.parent)].includes(field.label))
			return "";
		return field.label;
	};

	const FIELD = "print_format_builder_field";
	frappe.templates[FIELD] = frappe.templates[FIELD].replace(
		'data-label="{{ __(field.label, context=field.parent) }}"',
		'data-label="{{ frappe.ps_print_builder_own_label(field) }}"'
	).replaceAll("__(field.label, context=field.parent)", "__(field.label, null, field.parent)");
	delete frappe.template.compiled[FIELD];

	const setup_sidebar = Builder.prototype.setup_sidebar;
	Builder.prototype.setup_sidebar = function () {
		const fields = this.meta.fields;
		const doctype = this.print_format.doc_type;
		this.meta.fields = fields.map((df) =>
			df.label ? Object.assign({}, df, { label: __(df.label, null, doctype) }) : df
		);
		try {
			return setup_sidebar.call(this);
		} finally {
			this.meta.fields = fields;
		}
	};

	const render_layout = Builder.prototype.render_layout;
	Builder.prototype.render_layout = function () {
		const result = render_layout.call(this);
		const doctype = this.print_format.doc_type;
		this.page.main.find(".print-format-builder-section").each((i, section) => {
			const label = $(section).attr("data-label");
			if (label) {
				$(section).find(".section-label").first().text(__(label, null, doctype));
			}
		});
		return result;
	};
})();
