"""The monthly complaint totals behind the workspace chart "Complaints by Month"
(complaints/monthly.py): kept as complaints are filed, moved, renamed and deleted, equal to a
recount, and counted for each user within their scope — by the chart's source as the desk calls
it. And the shipped complaint workflow's optional states, which keep no Workflow Action records
for complaints unless an administrator makes a state required."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.complaints import monthly
from property_supervision.complaints.dashboard import year_to_date_counts
from property_supervision.complaints.dashboard_chart_source.complaints_by_month.complaints_by_month import (
	get as chart_data,
)
from property_supervision.tests.factories import (
	AREA,
	CATEGORY,
	OTHER_AREA,
	act,
	complaint_workflow,
	forget_complaint_workflow,
	make_area,
	make_category,
	make_complaint,
	make_compound,
	make_filed_enterprise,
	make_officer,
	make_user,
	rename_complaint_state,
	set_figures,
)

MONTH = frappe.utils.get_first_day(nowdate()).isoformat()


def totals() -> dict[tuple, int]:
	"""(month, jurisdiction, enterprise, compound) -> complaints, whatever their state."""
	return {
		tuple(row[:4]): int(row[4])
		for row in frappe.db.sql(
			f"""select month, jurisdiction, enterprise, compound, sum(complaints) from `{monthly.TABLE}`
			group by 1, 2, 3, 4 having sum(complaints) != 0"""
		)
	}


def rows() -> dict[tuple, int]:
	"""Every row of the table with complaints in it, by its whole key (state and overdue mark too)."""
	return {
		tuple(row[:-1]): row[-1]
		for row in frappe.db.sql(
			f"select {', '.join(monthly.COLUMNS)}, complaints from `{monthly.TABLE}` where complaints != 0"
		)
	}


def rate_counts(counts) -> dict:
	return {key: counts[key] for key in monthly.RATE_COUNTS}


def counted_from_complaints(conditions: list) -> dict:
	"""The rate counts of this year's complaints the session user may read, from the complaints."""
	from property_supervision.complaints import figures

	today = frappe.utils.getdate(nowdate())
	counts = figures.totals(
		figures.received_between(today.replace(month=1, day=1), today) + conditions,
		counts=monthly.RATE_COUNTS,
	)
	return {key: counts[key] for key in monthly.RATE_COUNTS}


def this_month(**filters) -> int:
	return chart_data(chart_name="Complaints by Month", filters=filters or None)["datasets"][0]["values"][-1]


def received_this_month() -> int:
	return frappe.get_list("Complaint", filters={"received_on": (">=", MONTH)}, fields=["count(*) as n"])[0].n


class TestMonthlyCounts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		monthly.create_table()
		make_area(AREA)
		make_area(OTHER_AREA)
		make_category(CATEGORY)
		cls.enterprise = make_filed_enterprise("月度统计物业服务有限公司")
		cls.compound = make_compound("月度统计小区甲", "月度统计社区甲", AREA, cls.enterprise)
		cls.other_compound = make_compound("月度统计小区乙", "月度统计社区乙", OTHER_AREA, cls.enterprise)
		cls.officer = make_officer("monthly.area.officer@example.com", "Area Officer", AREA)
		cls.other_officer = make_officer("monthly.other.officer@example.com", "Area Officer", OTHER_AREA)
		cls.member = make_user("monthly.joint.member@example.com", ["Joint Meeting Member"]).name
		monthly.rebuild()

	def tearDown(self):
		frappe.set_user("Administrator")

	def key(self, compound: str) -> tuple:
		jurisdiction = frappe.db.get_value("Residential Compound", compound, "jurisdiction")
		return (frappe.utils.getdate(MONTH), jurisdiction, self.enterprise, compound)

	def test_filing_moving_and_deleting_keep_the_totals(self):
		before = totals()
		doc = make_complaint(self.compound)
		after = totals()
		self.assertEqual(after.get(self.key(self.compound), 0), before.get(self.key(self.compound), 0) + 1)

		doc.reload()
		doc.compound = self.other_compound  # still pending: the compound may change
		doc.save()
		moved = totals()
		self.assertEqual(moved.get(self.key(self.compound), 0), before.get(self.key(self.compound), 0))
		self.assertEqual(
			moved.get(self.key(self.other_compound), 0), before.get(self.key(self.other_compound), 0) + 1
		)
		# a recount finds what the controller kept
		monthly.rebuild()
		self.assertEqual(totals(), moved)

		frappe.delete_doc("Complaint", doc.name, ignore_permissions=True, force=True)
		self.assertEqual(totals(), before)

	def test_a_rolled_back_filing_leaves_no_count(self):
		before = totals()
		frappe.db.savepoint("monthly_rollback")
		make_complaint(self.compound)
		frappe.db.rollback(save_point="monthly_rollback")
		self.assertEqual(totals(), before)

	def test_a_renamed_compound_takes_its_totals(self):
		make_complaint(self.compound)
		frappe.db.savepoint("monthly_rename")
		try:
			old_key = self.key(self.compound)
			count = totals()[old_key]
			new_name = frappe.rename_doc(
				"Residential Compound", self.compound, "月度统计小区甲（更名）", force=True
			)
			after = totals()
			self.assertNotIn(old_key, after)
			self.assertEqual(after[(*old_key[:3], new_name)], count)
		finally:
			frappe.db.rollback(save_point="monthly_rename")

	def test_the_chart_counts_what_each_user_may_read(self):
		make_complaint(self.compound)
		make_complaint(self.other_compound)
		for user in ("Administrator", self.officer, self.other_officer, self.member):
			frappe.set_user(user)
			self.assertEqual(this_month(), received_this_month(), user)
		# an officer of one area: the totals answer their User Permission
		frappe.set_user(self.officer)
		self.assertIsNotNone(monthly.permission_conditions())
		self.assertGreaterEqual(this_month(), 1)
		# a Joint Meeting Member sees complaints by level: counted from the complaints themselves
		frappe.set_user(self.member)
		self.assertIsNone(monthly.permission_conditions())

	def test_the_charts_filters(self):
		make_complaint(self.compound)
		make_complaint(self.other_compound)
		area_count = frappe.db.count(
			"Complaint",
			{"received_on": (">=", MONTH), "jurisdiction": ("in", monthly.subtree(OTHER_AREA))},
		)
		self.assertEqual(this_month(jurisdiction=OTHER_AREA), area_count)
		self.assertEqual(
			this_month(enterprise=self.enterprise),
			frappe.db.count("Complaint", {"received_on": (">=", MONTH), "enterprise": self.enterprise}),
		)
		data = chart_data(chart_name="Complaints by Month", filters={"months": 3})
		self.assertEqual(len(data["labels"]), 3)
		self.assertEqual(
			data["labels"][-1],
			frappe._("Month {0} of {1}").format(
				frappe.utils.getdate(MONTH).month, frappe.utils.getdate(MONTH).year
			),
		)

	def test_states_and_overdue_marks_move_their_complaint(self):
		"""Taken through the workflow, marked overdue by the SLA job or written as the tests'
		set_figures does: the rows keep the state and the mark, equal to a recount."""
		from property_supervision.complaints.doctype.complaint.complaint import handle_overdue

		doc = make_complaint(self.compound)
		key = (frappe.utils.getdate(MONTH), doc.jurisdiction, self.enterprise, self.compound)
		received = meanings.state("Complaint", meanings.RECEIVED)
		self.assertGreaterEqual(rows().get((*key, received, 0), 0), 1)
		before = rows()
		action = next(
			t.action
			for t in complaint_workflow().transitions
			if t.state == received
			and meanings.meaning_of("Complaint", t.next_state) == meanings.COMMUNITY_LEVEL
		)
		moved = act(doc, action)
		after = rows()
		self.assertEqual(after.get((*key, received, 0), 0), before.get((*key, received, 0), 0) - 1)
		self.assertEqual(
			after.get((*key, moved.workflow_state, 0), 0), before.get((*key, moved.workflow_state, 0), 0) + 1
		)
		row = frappe.db.get_value(
			"Complaint", doc.name, ["name", "workflow_state", "deadline", "is_overdue"], as_dict=True
		)
		self.assertEqual(handle_overdue(row, auto_escalate=False), "marked")
		marked = rows()
		self.assertEqual(
			marked.get((*key, moved.workflow_state, 1), 0), after.get((*key, moved.workflow_state, 1), 0) + 1
		)
		self.assertEqual(
			marked.get((*key, moved.workflow_state, 0), 0), after.get((*key, moved.workflow_state, 0), 0) - 1
		)
		set_figures(doc.name, was_overdue=0)
		self.assertEqual(rows(), after)
		monthly.rebuild()
		self.assertEqual(rows(), after)

	def test_a_renamed_state_takes_its_totals(self):
		"""An administrator renames a state in the Workflow form: its complaints move, and their
		rows with them (workflow_meanings.follow_renames)."""
		make_complaint(self.compound)
		received = meanings.state("Complaint", meanings.RECEIVED)
		frappe.db.savepoint("monthly_state_rename")
		try:
			before = rows()
			self.assertEqual(rename_complaint_state(meanings.RECEIVED, "已受理（月度）"), received)
			after = rows()
			self.assertFalse([key for key in after if key[4] == received])
			self.assertEqual(
				{
					(*key[:4], "已受理（月度）" if key[4] == received else key[4], key[5]): n
					for key, n in before.items()
				},
				after,
			)
			monthly.rebuild()
			self.assertEqual(rows(), after)
		finally:
			frappe.db.rollback(save_point="monthly_state_rename")
			forget_complaint_workflow()

	def test_the_rate_cards_count_what_the_complaints_count(self):
		"""The year's resolution and overdue rate cards read the rows within each user's scope and
		the card's filters, and find what counting the complaints finds; a filter the rows cannot
		answer, or a scope they cannot (a Joint Meeting Member's), counts the complaints."""
		resolved = make_complaint(self.compound)
		set_figures(
			resolved.name,
			workflow_state=meanings.resolved_complaint_states()[0],
			resolved_on=frappe.utils.now_datetime(),
			was_overdue=1,
		)
		make_complaint(self.other_compound)
		first, month = f"{MONTH[:4]}-01-01", MONTH
		for user, card_filters in (
			("Administrator", []),
			("Administrator", [["Complaint", "jurisdiction", "descendants of (inclusive)", OTHER_AREA]]),
			("Administrator", [["Complaint", "enterprise", "=", self.enterprise]]),
			(self.officer, []),
			(self.officer, [["compound", "=", self.compound]]),
			(self.other_officer, []),
		):
			frappe.set_user(user)
			kept = monthly.totals(first, month, card_filters)
			self.assertIsNotNone(kept, (user, card_filters))
			self.assertEqual(dict(kept), counted_from_complaints(card_filters), (user, card_filters))
			self.assertEqual(rate_counts(year_to_date_counts(card_filters)), dict(kept))
		frappe.set_user(self.officer)
		self.assertGreaterEqual(monthly.totals(first, month, []).resolved, 1)
		self.assertGreaterEqual(monthly.totals(first, month, []).overdue, 1)
		by_category = [["Complaint", "category", "=", CATEGORY]]
		self.assertIsNone(monthly.totals(first, month, by_category))
		self.assertEqual(rate_counts(year_to_date_counts(by_category)), counted_from_complaints(by_category))
		frappe.set_user(self.member)
		self.assertIsNone(monthly.totals(first, month, []))
		self.assertEqual(rate_counts(year_to_date_counts()), counted_from_complaints([]))

	def test_a_user_without_complaints_gets_no_figures(self):
		user = make_user("monthly.no.complaints@example.com", ["Committee Member"]).name
		frappe.set_user(user)
		with self.assertRaises(frappe.PermissionError):
			chart_data(chart_name="Complaints by Month")


class TestOlderTable(FrappeTestCase):
	"""A site whose table predates the states (patch complaint_month_state_counts). Its DDL commits
	(frappe.db.sql_ddl), so this class makes no records of its own."""

	def test_an_older_table_is_widened_and_recounted(self):
		monthly.rebuild()
		kept = rows()
		frappe.db.sql_ddl(f"drop table `{monthly.TABLE}`")
		frappe.db.sql_ddl(
			f"""create table `{monthly.TABLE}` (`month` date not null,
			`jurisdiction` varchar(140) not null default '', `enterprise` varchar(140) not null default '',
			`compound` varchar(140) not null default '', `complaints` int not null default 0,
			primary key (`month`, `jurisdiction`, `enterprise`, `compound`)) engine=InnoDB"""
		)
		monthly.widen_table()
		self.assertTrue(frappe.db.sql(f"show columns from `{monthly.TABLE}` like 'workflow_state'"))
		self.assertEqual(rows(), kept)
		monthly.widen_table()  # again: nothing to widen, recounted
		self.assertEqual(rows(), kept)


class TestComplaintWorkflowActions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		monthly.create_table()
		make_area(AREA)
		make_category(CATEGORY)
		cls.compound = make_compound("月度统计小区丙", "月度统计社区丙", AREA)

	def test_a_new_complaint_makes_no_workflow_action(self):
		doc = make_complaint(self.compound)
		self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": doc.name}))

	def test_a_required_state_brings_frappes_workflow_actions_back(self):
		"""An administrator who makes the states required gets Workflow Actions from Frappe again;
		made optional again, none (Frappe's cached workflow, which answers whether a state is
		optional, follows each save: workflow_document_state.py)."""
		frappe.db.savepoint("required_state")
		try:
			workflow = complaint_workflow()
			for row in workflow.states:
				row.is_optional_state = 0
			workflow.save()
			doc = make_complaint(self.compound)
			self.assertTrue(frappe.db.exists("Workflow Action", {"reference_name": doc.name}))

			workflow.reload()
			for row in workflow.states:
				row.is_optional_state = 1
			workflow.save()
			again = make_complaint(self.compound)
			self.assertFalse(frappe.db.exists("Workflow Action", {"reference_name": again.name}))
		finally:
			frappe.db.rollback(save_point="required_state")
			forget_complaint_workflow()
