import frappe
def run():
    frappe.reload_doc("registry", "doctype", "property_enterprise", force=True)
    frappe.reload_doc("registry", "doctype", "property_practitioner", force=True)
    frappe.reload_doc("registry", "print_format", "物业服务企业备案表", force=True)
    frappe.db.commit()
    m = frappe.get_meta("Property Enterprise")
    print(m.default_print_format, m.get_field("credit_code").set_only_once)
    print("context=" in frappe.db.get_value("Print Format", "物业服务企业备案表", "html"))
