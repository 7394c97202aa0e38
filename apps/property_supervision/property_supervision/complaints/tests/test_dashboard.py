"""Desk number cards and the "Complaints by Month" chart: shipped with the app and counted
within the user's scope. The Open and Overdue cards list the workflow's open states in their
filters (JSON cannot import them): a test keeps the two equal."""

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart_data
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase

from property_supervision.api.dashboard import get_resolved_this_month
from property_supervision.complaints.tests import data
from property_supervision.tests.utils import make_user
from property_supervision.workflow_meanings import open_complaint_states

CARDS = ("Open Complaints", "Overdue Complaints", "Resolved This Month")
CHART = "Complaints by Month"


def card_value(card: str) -> float:
	doc = frappe.get_doc("Number Card", card)
	if doc.type == "Custom":
		return frappe.call(doc.method, filters=doc.filters_json)["value"]
	return get_result(doc.as_dict(), doc.filters_json)


class TestComplaintDashboard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.data = data.load()
		cls.officer = make_user("dash.area.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", data.AREA, cls.officer)
		cls.other_officer = make_user("dash.other.officer@example.com", ["Area Officer"]).name
		frappe.permissions.add_user_permission("Jurisdiction", data.OTHER_AREA, cls.other_officer)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_cards_and_chart_are_shipped(self):
		for card in CARDS:
			doc = frappe.get_doc("Number Card", card)
			self.assertEqual((doc.is_standard, doc.module, doc.is_public), (1, "Complaints", 1))
		for card in ("Open Complaints", "Overdue Complaints"):
			doc = frappe.get_doc("Number Card", card)
			self.assertEqual(
				(doc.type, doc.document_type, doc.function), ("Document Type", "Complaint", "Count")
			)
			states = next(f[3] for f in frappe.parse_json(doc.filters_json) if f[1] == "workflow_state")
			self.assertEqual(set(states), set(open_complaint_states()))
		overdue = frappe.parse_json(frappe.db.get_value("Number Card", "Overdue Complaints", "filters_json"))
		self.assertIn(["Complaint", "is_overdue", "=", 1, False], overdue)
		chart = frappe.get_doc("Dashboard Chart", CHART)
		self.assertEqual(
			(chart.chart_type, chart.document_type, chart.based_on, chart.timespan, chart.time_interval),
			("Count", "Complaint", "received_on", "Last Year", "Monthly"),
		)

	def test_open_states_match_the_workflow(self):
		workflow = frappe.get_doc("Workflow", "Complaint Handling")
		states = {row.state for row in workflow.states}
		self.assertTrue(set(open_complaint_states()) <= states)
		self.assertEqual(states - set(open_complaint_states()), {"Resolved", "Closed", "Rejected"})

	def test_cards_count_within_the_users_scope(self):
		frappe.set_user(self.officer)
		# A3 is the one open complaint of the area, and it is overdue; R1 was resolved today
		self.assertEqual(card_value("Open Complaints"), 1)
		self.assertEqual(card_value("Overdue Complaints"), 1)
		self.assertEqual(card_value("Resolved This Month"), 1)

		frappe.set_user(self.other_officer)
		self.assertEqual(card_value("Open Complaints"), 0)
		self.assertEqual(card_value("Overdue Complaints"), 0)
		self.assertEqual(card_value("Resolved This Month"), 0)

	def test_resolved_this_month_takes_the_cards_filters(self):
		frappe.set_user(self.officer)
		self.assertEqual(get_resolved_this_month([["Complaint", "category", "=", data.QUALITY]])["value"], 0)
		self.assertEqual(get_resolved_this_month({"category": data.FEES})["value"], 1)

	def test_chart_counts_within_the_users_scope(self):
		frappe.set_user(self.officer)
		counted = sum(get_chart_data(chart_name=CHART, refresh=1)["datasets"][0]["values"])
		self.assertGreaterEqual(counted, 1)  # R1, received today
		frappe.set_user(self.other_officer)
		self.assertEqual(sum(get_chart_data(chart_name=CHART, refresh=1)["datasets"][0]["values"]), 0)
