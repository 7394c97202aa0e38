# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.nestedset import get_descendants_of

from property_supervision.tests.factories import (
	make_community,
	use_chinese,
)

DISTRICT = "水磨沟区"
AREA = "七纺片区管委会"


class TestJurisdiction(FrappeTestCase):
	def setUp(self):
		use_chinese()

	def test_reference_tree_shape(self):
		root = frappe.get_doc("Jurisdiction", DISTRICT)
		self.assertEqual(root.jurisdiction_type, "District")
		self.assertFalse(root.parent_jurisdiction)
		children = frappe.get_all(
			"Jurisdiction",
			filters={"parent_jurisdiction": DISTRICT, "jurisdiction_type": ("!=", "Community")},
			fields=["name", "jurisdiction_type", "is_group", "lft", "rgt"],
		)
		# the reference data's own areas and subdistricts (other tests add areas of their own)
		from property_supervision.setup.reference import read_reference_file

		shipped = {row["jurisdiction_name"] for row in read_reference_file("jurisdiction.json")}
		reference = [c for c in children if c.name in shipped]
		types = sorted(c.jurisdiction_type for c in reference)
		self.assertEqual(types.count("Area Committee"), 8)
		self.assertEqual(types.count("Subdistrict"), 2)
		for child in children:
			self.assertTrue(child.is_group)
			# nested set: every area lies inside the district
			self.assertTrue(root.lft < child.lft < child.rgt < root.rgt, child.name)

	def test_community_under_area_is_a_leaf_in_its_subtree(self):
		community = make_community("测试甲社区", AREA)
		self.assertEqual(community.is_group, 0)
		self.assertIn(community.name, get_descendants_of("Jurisdiction", AREA))
		self.assertIn(community.name, get_descendants_of("Jurisdiction", DISTRICT))
		self.assertNotIn(community.name, get_descendants_of("Jurisdiction", "新民路片区管委会"))

	def test_parent_type_rules_refused_in_chinese(self):
		cases = [
			("测试乙社区", "Community", DISTRICT, "社区的上级必须是"),
			("测试片区", "Area Committee", AREA, "片区管委会的上级必须是"),
			("测试区", "District", DISTRICT, "根节点"),
			("测试丙社区", "Community", "", "社区的上级必须是"),
		]
		for name, jtype, parent, message in cases:
			before = frappe.db.count("Jurisdiction")
			with self.assertRaisesRegex(frappe.ValidationError, message):
				frappe.get_doc(
					{
						"doctype": "Jurisdiction",
						"jurisdiction_name": name,
						"jurisdiction_type": jtype,
						"parent_jurisdiction": parent,
					}
				).insert()
			self.assertEqual(frappe.db.count("Jurisdiction"), before)
			self.assertFalse(frappe.db.exists("Jurisdiction", name))

	def test_community_cannot_hold_children(self):
		community = make_community("测试丁社区", AREA)
		with self.assertRaisesRegex(frappe.ValidationError, "的上级必须是"):
			make_community("测试戊社区", community.name)

	def test_group_with_children_cannot_become_community(self):
		area = frappe.get_doc(
			{
				"doctype": "Jurisdiction",
				"jurisdiction_name": "测试己片区管委会",
				"jurisdiction_type": "Area Committee",
				"parent_jurisdiction": DISTRICT,
			}
		).insert()
		make_community("测试庚社区", area.name)
		area.jurisdiction_type = "Community"
		with self.assertRaisesRegex(frappe.ValidationError, "下设有下级辖区"):
			area.save()
		self.assertEqual(
			frappe.db.get_value("Jurisdiction", area.name, "jurisdiction_type"), "Area Committee"
		)

	def test_duplicate_name_refused(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc(
				{
					"doctype": "Jurisdiction",
					"jurisdiction_name": AREA,
					"jurisdiction_type": "Area Committee",
					"parent_jurisdiction": DISTRICT,
				}
			).insert()
