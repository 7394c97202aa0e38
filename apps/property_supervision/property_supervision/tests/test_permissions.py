"""Row-level access: the scope hook and link search (permissions.py, api/search.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.api.search import search_link, search_widget
from property_supervision.permissions import missing_scope
from property_supervision.tests.factories import (
	make_community,
	make_user,
)

AREA = "七纺片区管委会"
OTHER_AREA = "新民路片区管委会"


def make_compound(name: str, community: str) -> str:
	existing = frappe.db.get_value("Residential Compound", {"compound_name": name}, "name")
	if existing:
		return existing
	return (
		frappe.get_doc(
			{"doctype": "Residential Compound", "compound_name": name, "jurisdiction": community}
		).insert(ignore_permissions=True)
	).name


class TestScope(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.community = make_community("权限测试甲社区", AREA).name
		cls.other_community = make_community("权限测试乙社区", OTHER_AREA).name
		cls.compound = make_compound("权限测试甲小区", cls.community)
		cls.other_compound = make_compound("权限测试乙小区", cls.other_community)
		cls.officer = make_user("area.officer.perm@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", AREA, cls.officer)
		cls.unscoped = make_user("unscoped.officer.perm@example.com", ["Community Officer"]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_officer_sees_only_own_subtree(self):
		frappe.set_user(self.officer)
		names = frappe.get_list("Residential Compound", pluck="name", limit_page_length=0)
		self.assertIn(self.compound, names)
		self.assertNotIn(self.other_compound, names)
		self.assertTrue(frappe.has_permission("Residential Compound", doc=self.compound))
		self.assertFalse(frappe.has_permission("Residential Compound", doc=self.other_compound))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Residential Compound", self.other_compound).check_permission("read")

	def test_officer_without_scope_sees_nothing(self):
		self.assertTrue(missing_scope(self.unscoped))
		frappe.set_user(self.unscoped)
		self.assertEqual(frappe.get_list("Residential Compound", pluck="name", limit_page_length=0), [])
		self.assertFalse(frappe.has_permission("Residential Compound", doc=self.compound))

	def test_district_roles_are_not_scoped(self):
		supervisor = make_user("district.supervisor.perm@example.com", ["District Supervisor"]).name
		self.assertFalse(missing_scope(supervisor))
		frappe.set_user(supervisor)
		names = frappe.get_list("Residential Compound", pluck="name", limit_page_length=0)
		self.assertIn(self.compound, names)
		self.assertIn(self.other_compound, names)

	def test_link_search_keeps_scope_even_when_asked_to_ignore_it(self):
		frappe.set_user(self.officer)
		for ignore in (0, 1):
			found = [
				r["value"]
				for r in search_link("Residential Compound", "权限测试", ignore_user_permissions=ignore)
			]
			self.assertIn(self.compound, found)
			self.assertNotIn(self.other_compound, found)
			rows = search_widget(
				"Residential Compound", "权限测试", ignore_user_permissions=ignore, as_dict=True
			)
			self.assertNotIn(self.other_compound, [r["name"] for r in rows])
		frappe.set_user(self.unscoped)
		self.assertEqual(search_link("Residential Compound", "权限测试", ignore_user_permissions=1), [])

	def test_strict_user_permissions_on(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "apply_strict_user_permissions"), 1)
