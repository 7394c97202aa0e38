# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

"""Who sees which assessment (SPEC §5): an area officer its own area's and its communities', a
community officer its own community's, an enterprise user its own enterprise's; outsiders and
officers without scope nothing, on every path (form, list, REST, link search, print)."""

import frappe
import frappe.client
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from property_supervision.assessment.tests import data
from property_supervision.tests.factories import (
	act,
	make_assessment,
	use_chinese,
)

PRINT_FORMAT = "考核评分表"


class TestAssessmentPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = data.load("khp")
		cls.users = world.users
		templates = world.templates
		cls.area = make_assessment(templates.area, data.AREA).name
		cls.other_area = make_assessment(templates.area, data.OTHER_AREA).name
		cls.community = make_assessment(templates.community, data.COMMUNITY_A).name
		cls.sibling_community = make_assessment(templates.community, data.COMMUNITY_B).name
		cls.other_community = make_assessment(templates.community, data.COMMUNITY_C).name
		cls.enterprise = make_assessment(templates.enterprise, world.enterprises[1]).name
		cls.other_enterprise = make_assessment(templates.enterprise, world.enterprises[2]).name
		cls.all = {
			cls.area,
			cls.other_area,
			cls.community,
			cls.sibling_community,
			cls.other_community,
			cls.enterprise,
			cls.other_enterprise,
		}

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self) -> set[str]:
		return set(frappe.get_list("Assessment", filters={"name": ("in", list(self.all))}, pluck="name"))

	def assertRefusedEverywhere(self, user: str, name: str):
		frappe.set_user(user)
		doc = frappe.get_doc("Assessment", name)
		self.assertFalse(frappe.has_permission("Assessment", "read", doc=doc, user=user))
		self.assertFalse(frappe.has_permission("Assessment", "write", doc=doc, user=user))
		self.assertNotIn(name, self.visible())
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Assessment", name)
		# v15's print view answers "not found" rather than disclose that the record exists
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			frappe.get_print("Assessment", name, print_format=PRINT_FORMAT)
		found = [r["value"] for r in search_link("Assessment", name)]
		self.assertNotIn(name, found)

	def assertAllowed(self, user: str, name: str):
		frappe.set_user(user)
		doc = frappe.get_doc("Assessment", name)
		self.assertTrue(frappe.has_permission("Assessment", "read", doc=doc, user=user))
		self.assertEqual(frappe.client.get("Assessment", name)["name"], name)
		self.assertIn(name, [r["value"] for r in search_link("Assessment", name)])

	def test_community_officer_sees_only_its_community(self):
		user = self.users.community_officer
		self.assertAllowed(user, self.community)
		frappe.set_user(user)
		self.assertEqual(self.visible(), {self.community})
		for name in (self.area, self.sibling_community, self.other_community, self.enterprise):
			self.assertRefusedEverywhere(user, name)

	def test_community_officer_of_another_area_is_refused(self):
		user = self.users.other_community_officer
		for name in (self.community, self.area, self.sibling_community):
			self.assertRefusedEverywhere(user, name)
		frappe.set_user(user)
		self.assertEqual(self.visible(), {self.other_community})

	def test_area_officer_sees_its_area_and_communities(self):
		user = self.users.area_officer
		for name in (self.area, self.community, self.sibling_community):
			self.assertAllowed(user, name)
		frappe.set_user(user)
		self.assertEqual(self.visible(), {self.area, self.community, self.sibling_community})
		for name in (self.other_area, self.other_community, self.enterprise):
			self.assertRefusedEverywhere(user, name)

	def test_enterprise_user_sees_only_its_enterprise(self):
		user = self.users.enterprise_user
		self.assertAllowed(user, self.enterprise)
		frappe.set_user(user)
		self.assertEqual(self.visible(), {self.enterprise})
		for name in (self.other_enterprise, self.area, self.community):
			self.assertRefusedEverywhere(user, name)

	def test_officer_without_scope_sees_nothing(self):
		user = self.users.unscoped_officer
		frappe.set_user(user)
		self.assertEqual(self.visible(), set())
		self.assertRefusedEverywhere(user, self.community)

	def test_assessment_office_sees_everything(self):
		for user in (self.users.assessment_officer, self.users.district_supervisor):
			frappe.set_user(user)
			self.assertEqual(self.visible(), self.all)

	def test_outsider_cannot_save_or_act(self):
		frappe.set_user(self.users.other_community_officer)
		doc = frappe.get_doc("Assessment", self.community)
		doc.scores[0].self_score = 5
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Assessment Score", doc.scores[0].name, "self_score"), 0)
		with self.assertRaises(frappe.PermissionError):
			act(doc, "Submit Self Assessment", self.users.other_community_officer)
		self.assertEqual(
			frappe.db.get_value("Assessment", self.community, "workflow_state"), "Self Assessment"
		)

	def test_workflow_state_cannot_be_set_directly(self):
		frappe.set_user(self.users.community_officer)
		doc = frappe.get_doc("Assessment", self.community)
		doc.workflow_state = "Published"
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Assessment", self.community, "workflow_state"), "Self Assessment"
		)
