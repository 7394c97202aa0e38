import frappe
def run():
    from property_supervision.training.report.training_coverage.test_training_coverage import TestTrainingCoverage
    from property_supervision.permissions import missing_scope
    TestTrainingCoverage.setUpClass.__func__(TestTrainingCoverage) if False else None
    from frappe.tests.utils import FrappeTestCase
    # call the body of setUpClass without FrappeTestCase bookkeeping
    import types
    TestTrainingCoverage.setUpClass()
    u = TestTrainingCoverage.community_officer
    print(frappe.get_roles(u))
    print(frappe.permissions.get_user_permissions(u))
    frappe.set_user(u)
    print("missing", missing_scope())
    print(frappe.get_list("Residential Compound", fields=["name","jurisdiction","current_enterprise"]))
    print(frappe.get_list("Owners Committee", fields=["name","jurisdiction"]))
    print(len(frappe.get_list("Property Enterprise", filters={"workflow_state":"Filed"}, pluck="name")))
    frappe.set_user("Administrator")
    frappe.db.rollback()
