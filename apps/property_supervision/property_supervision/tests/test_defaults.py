import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.setup.defaults import install_defaults, installed_keys, settings_saved
from property_supervision.setup.workflows import WORKFLOWS


class TestDefaults(FrappeTestCase):
	def test_default_workflows_installed(self):
		for definition in WORKFLOWS:
			if not frappe.db.exists("DocType", definition["document_type"]):
				continue
			self.assertTrue(
				frappe.db.exists("Workflow", definition["workflow_name"]), definition["workflow_name"]
			)
			self.assertIn(f"Workflow:{definition['workflow_name']}", installed_keys())
			workflow = frappe.get_doc("Workflow", definition["workflow_name"])
			self.assertEqual(workflow.document_type, definition["document_type"])
			self.assertTrue(workflow.is_active)

	def test_settings_installed(self):
		for doctype in ("Registry Settings", "Complaint Settings", "Credit Settings"):
			self.assertTrue(settings_saved(doctype), doctype)
		self.assertEqual(
			frappe.db.get_single_value("Registry Settings", "committee_reelection_lead_months"), 5
		)

	def test_administrator_edits_survive_reinstalling_defaults(self):
		workflow = frappe.get_doc("Workflow", "Property Enterprise Filing")
		workflow.transitions[0].allowed = "Supervision Admin"
		workflow.save()
		frappe.db.set_single_value("Registry Settings", "fallback_max_months", 9)

		self.assertEqual(install_defaults(), [])

		workflow.reload()
		self.assertEqual(workflow.transitions[0].allowed, "Supervision Admin")
		self.assertEqual(frappe.db.get_single_value("Registry Settings", "fallback_max_months"), 9)

	def test_deleted_default_stays_deleted(self):
		frappe.delete_doc("Workflow", "Property Enterprise Filing", ignore_permissions=True)
		install_defaults()
		self.assertFalse(frappe.db.exists("Workflow", "Property Enterprise Filing"))
