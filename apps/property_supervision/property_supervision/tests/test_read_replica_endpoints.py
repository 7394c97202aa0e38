"""The app's overrides of the framework's endpoints keep Frappe's read replica (`read_from_replica`):
an endpoint the framework runs under `@frappe.read_only()` (query_report.run, the report view,
its export and counts, …) is overridden only by a function that is `@frappe.read_only()` too;
otherwise its reports would never reach the replica. tests/test_read_replica.py shows the
queries arriving on a real replica."""

import frappe
from frappe.tests.utils import FrappeTestCase

# every function wrapped by frappe.read_only() runs the same wrapper code
READ_ONLY_CODE = frappe.read_only()(lambda: None).__code__


def is_read_only(function) -> bool:
	"""True when `function` is wrapped by frappe.read_only() (under whitelist's type validation)."""
	while function is not None:
		if getattr(function, "__code__", None) is READ_ONLY_CODE:
			return True
		function = getattr(function, "__wrapped__", None)
	return False


class TestReadReplicaEndpoints(FrappeTestCase):
	def test_overrides_of_read_only_endpoints_are_read_only(self):
		overrides = frappe.get_hooks("override_whitelisted_methods")
		checked = []
		for original, replacements in overrides.items():
			try:
				framework = frappe.get_attr(original)
			except (AttributeError, ImportError):
				continue  # a method the framework no longer has (frappe's own hooks keep old names)
			if not is_read_only(framework):
				continue
			override = frappe.get_attr(replacements[-1])
			self.assertTrue(
				is_read_only(override),
				f"{replacements[-1]} overrides {original}, which reads from the replica, without @frappe.read_only()",
			)
			checked.append(original)
		# the report view's endpoints are among them
		self.assertIn("frappe.desk.reportview.get", checked)
		self.assertIn("frappe.desk.reportview.export_query", checked)

	def test_read_only_is_recognised(self):
		import frappe.desk.query_report

		from property_supervision.data_protection import endpoints

		self.assertTrue(is_read_only(frappe.desk.query_report.run))
		self.assertTrue(is_read_only(endpoints.reportview_get))
		# whitelisted without read_only
		self.assertFalse(is_read_only(frappe.desk.query_report.get_script))
		self.assertFalse(is_read_only(endpoints.get_list))
