import frappe
def run():
    ents = frappe.get_all("Property Enterprise", filters={"enterprise_name": ("like", "乌鲁木齐%物业服务有限公司")}, pluck="name")
    frappe.db.delete("Property Practitioner", {"enterprise": ("in", ents)})
    for e in ents:
        frappe.delete_doc("Property Enterprise", e, force=True, ignore_permissions=True)
    frappe.db.commit()
    print(len(ents), frappe.db.count("Property Enterprise"), frappe.db.count("Property Practitioner"))
