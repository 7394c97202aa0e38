"""The workspace 物业监管 as each officer opens it (Frappe's get_desktop_page): every number card
of the app names the DocType it counts, because Frappe shows a card to a user without System
Manager only when they may read that DocType — a Custom card without one is left out for every
officer, however its source scopes the count."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page
from frappe.tests.utils import FrappeTestCase

from property_supervision.tests.factories import (
	AREA,
	make_area,
	make_enterprise_user,
	make_filed_enterprise,
	make_officer,
	make_user,
)

WORKSPACE = "物业监管"
COMPLAINT_CARDS = {
	"Open Complaints",
	"Overdue Complaints",
	"Resolved This Month",
	"Complaint Resolution Rate",
	"Complaint Overdue Rate",
}


def shown_cards(user: str) -> set[str]:
	frappe.set_user(user)
	try:
		page = get_desktop_page(json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1}))
		return {card.number_card_name for card in page["number_cards"]["items"]}
	finally:
		frappe.set_user("Administrator")


class TestWorkspaceCards(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_area(AREA)
		cls.workspace_cards = {
			row.number_card_name for row in frappe.get_doc("Workspace", WORKSPACE).number_cards
		}
		cls.users = {
			"Supervision Admin": make_user("ws.admin@example.com", ["Supervision Admin"]).name,
			"District Supervisor": make_user("ws.district@example.com", ["District Supervisor"]).name,
			"Area Officer": make_officer("ws.area@example.com", "Area Officer", AREA),
			"Enterprise User": make_enterprise_user(
				"ws.enterprise@example.com", make_filed_enterprise("工作台测试物业服务有限公司")
			),
		}

	def test_every_card_of_the_app_names_the_doctype_it_counts(self):
		for card in frappe.get_all(
			"Number Card",
			filters={"module": ("in", frappe.get_module_list("property_supervision"))},
			fields=["name", "document_type", "type"],
		):
			if card.type != "Report":
				self.assertTrue(card.document_type, f"Number Card {card.name} names no DocType")

	def test_the_district_sees_every_card_without_system_manager(self):
		self.assertEqual(shown_cards(self.users["Supervision Admin"]), self.workspace_cards)
		self.assertTrue(COMPLAINT_CARDS <= shown_cards(self.users["District Supervisor"]))

	def test_each_user_sees_the_cards_of_what_they_may_read(self):
		for role, user in self.users.items():
			with self.subTest(role=role):
				expected = {
					name
					for name in self.workspace_cards
					if frappe.has_permission(
						frappe.db.get_value("Number Card", name, "document_type"), "read", user=user
					)
				}
				self.assertEqual(shown_cards(user), expected)
		self.assertTrue(COMPLAINT_CARDS <= shown_cards(self.users["Area Officer"]))
