import frappe, json
def run():
    from property_supervision.setup.defaults import INSTALLED_KEY, installed_keys, install_defaults
    name = frappe.db.get_value("Workflow", {"document_type": "Complaint"})
    if name:
        frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
    keys = installed_keys() - {"Workflow:Complaint Handling"}
    frappe.db.set_default(INSTALLED_KEY, json.dumps(sorted(keys)))
    print(install_defaults())
    frappe.db.commit()
    wf = frappe.get_doc("Workflow", "Complaint Handling")
    print([(t.state, t.action, t.next_state, t.allowed) for t in wf.transitions if t.state=="Joint Meeting"])
    print(frappe.db.sql("show index from tabComplaint", as_dict=1) and [r.Key_name for r in frappe.db.sql("show index from tabComplaint", as_dict=1)])
