import random, time
import frappe
from property_supervision.setup.demo import demo_names
from property_supervision.setup.demo_enterprises import make_enterprises
def run():
    t = time.time()
    print(make_enterprises(random.Random(2015), demo_names()), round(time.time() - t, 1))
    frappe.db.commit()
    print(frappe.get_all("Property Enterprise", fields=["workflow_state", "count(name) as n"], group_by="workflow_state"))
    print(frappe.get_all("Property Practitioner", fields=["status", "count(name) as n"], group_by="status"))
    print(frappe.get_all("Property Enterprise", fields=["name", "enterprise_name", "filed_on", "established_on"], limit=3))
    print(frappe.get_all("Property Practitioner", fields=["full_name", "id_number", "gender", "birth_date", "position", "joined_on", "left_on"], limit=4))
