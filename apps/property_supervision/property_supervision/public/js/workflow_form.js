// Deleting a state or transition row in the Workflow form, for an active workflow (issue 11).
//
// Frappe version-15 bug, not this app's: the Workflow form loads its Document Type's meta, whose
// answer carries the active workflow again (`__workflow_docs`) and replaces the record in `locals`
// with a second copy. The grid then removes the row from that copy, not from the form's document:
// the row stays, the save reports 文件无变化 or a blank "ghost" row. Before a row is removed, the
// form's own document and rows are put back into `locals`.
function ps_keep_form_doc_in_locals(frm) {
	if (!frm.doc || frm.is_new()) return;
	locals[frm.doctype][frm.docname] = frm.doc;
	for (const fieldname of ["states", "transitions"]) {
		for (const row of frm.doc[fieldname] || []) {
			locals[row.doctype] = locals[row.doctype] || {};
			locals[row.doctype][row.name] = row;
		}
	}
}

// the grid triggers these on the row's DocType
frappe.ui.form.on("Workflow Document State", { before_states_remove: ps_keep_form_doc_in_locals });
frappe.ui.form.on("Workflow Transition", { before_transitions_remove: ps_keep_form_doc_in_locals });
