import frappe
from frappe.utils.pdf import scrub_urls
def run():
    frappe.reload_doc("registry", "print_format", "物业服务企业备案表", force=True)
    frappe.db.commit()
    name = frappe.get_all("Property Enterprise", filters={"workflow_state": "Filed"}, limit=1, pluck="name")[0]
    html = frappe.get_print("Property Enterprise", name, print_format="物业服务企业备案表")
    print(frappe.local.lang, "已备案" in html, "保洁" in html, "女" in html)
