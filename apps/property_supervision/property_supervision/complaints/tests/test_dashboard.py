"""Desk number cards and the "Complaints by Month" chart: shipped with the app and counted
within the user's scope. The Open and Overdue cards find the open states by their meaning
(complaints/dashboard.py, registry/dashboard.py), so they keep counting when an administrator renames or adds states."""

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints import monthly
from property_supervision.complaints.dashboard import get_resolved_this_month
from property_supervision.complaints.tests import data
from property_supervision.tests.factories import (
	forget_complaint_workflow,
	make_user,
	rename_complaint_state,
	use_chinese,
)
from property_supervision.workflow_meanings import open_complaint_states

CARDS = ("Open Complaints", "Overdue Complaints", "Resolved This Month")
CHART = "Complaints by Month"


SOURCE_METHOD = (
	"property_supervision.complaints.dashboard_chart_source.complaints_by_month.complaints_by_month.get"
)


def chart_source_method() -> str:
	"""The method the chart source's desk config calls (the chart widget calls it as it is)."""
	import re

	from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config

	return re.search(r"method:\s*\"([\w.]+)\"", get_config(CHART)).group(1)


def chart_values(**filters) -> list[int]:
	return frappe.call(chart_source_method(), chart_name=CHART, filters=filters or None)["datasets"][0][
		"values"
	]


def complaints_in_last_year() -> int:
	"""What the chart shows, counted from the complaints the user may read (12 months to today)."""
	from frappe.utils import add_months, get_first_day, nowdate

	first = add_months(get_first_day(nowdate()), -11)
	return frappe.get_list("Complaint", filters={"received_on": (">=", first)}, fields=["count(*) as n"])[0].n


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
		# the chart reads the monthly totals; test sites older than them are recounted once
		monthly.rebuild()
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
		for card, method in (
			("Open Complaints", "get_open_complaints"),
			("Overdue Complaints", "get_overdue_complaints"),
		):
			doc = frappe.get_doc("Number Card", card)
			self.assertEqual(
				(doc.type, doc.method), ("Custom", f"property_supervision.complaints.dashboard.{method}")
			)
			# no state is spelt in the card: the states come from the workflow's meanings
			self.assertNotIn("workflow_state", doc.filters_json or "")
			route = frappe.call(doc.method, filters=doc.filters_json)["route_options"]
			self.assertEqual(set(route["workflow_state"][1]), set(open_complaint_states()))
		# a Custom chart over the monthly totals (complaints/monthly.py), not a scan of every complaint
		chart = frappe.get_doc("Dashboard Chart", CHART)
		self.assertEqual((chart.chart_type, chart.source, chart.is_standard), ("Custom", CHART, 1))
		self.assertEqual(chart_source_method(), SOURCE_METHOD)

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

	def test_a_card_filter_on_an_unknown_field_is_refused_in_chinese(self):
		"""An administrator's card filter (or a crafted call) naming a column Complaint lacks gets a
		Chinese message, not a database error; a child table's field is still a valid filter."""
		from property_supervision.complaints.dashboard import get_open_complaints, get_resolution_rate

		frappe.set_user(self.officer)
		use_chinese()
		for source in (get_resolved_this_month, get_open_complaints, get_resolution_rate):
			for filters in (
				[["Complaint", "no_such_field", "=", 1]],
				{"no_such_field": 1},
				[["User", "name", "=", "x"]],
			):
				with self.assertRaises(frappe.ValidationError) as refused:
					source(filters)
				self.assertRegex(str(refused.exception), "[\u4e00-\u9fff]")
		self.assertEqual(
			get_resolved_this_month([["Complaint Handling Log", "action", "=", "无此操作"]])["value"], 0
		)
		# the desk's filter rows carry a fifth element (hidden)
		self.assertEqual(
			get_resolved_this_month([["Complaint", "category", "=", data.FEES, False]])["value"], 1
		)

	def test_chart_counts_within_the_users_scope(self):
		frappe.set_user(self.officer)
		counted = sum(chart_values())
		self.assertGreaterEqual(counted, 1)  # R1, received today
		self.assertEqual(counted, complaints_in_last_year())
		frappe.set_user(self.other_officer)
		self.assertEqual(sum(chart_values()), complaints_in_last_year())
		frappe.set_user("Administrator")
		self.assertEqual(sum(chart_values()), complaints_in_last_year())

	def test_cards_follow_a_renamed_state(self):
		"""An administrator renames the area's state: the cards still count the complaint in it."""
		frappe.db.savepoint("renamed_card")
		try:
			old = rename_complaint_state(meanings.AREA_LEVEL, "片区办理（卡片）")
			self.assertEqual(frappe.db.count("Complaint", {"workflow_state": old}), 0)
			frappe.set_user(self.officer)
			self.assertEqual(card_value("Open Complaints"), 1)
			self.assertEqual(card_value("Overdue Complaints"), 1)
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="renamed_card")
			forget_complaint_workflow()
