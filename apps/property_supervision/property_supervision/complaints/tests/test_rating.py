"""Rating the handling (回访, complaints/rating.py): the resident's rating on the status page, the
reopening at the level that resolved it and at the district the second time, the officer's
follow-up call and its list, and what the ratings feed: Complaint Statistics, the credit rule on
dissatisfied ratings, the assessment indicator and the 12345 hotline's view."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime

from property_supervision.api.follow_up import record_follow_up
from property_supervision.api.hotline import complaint_view
from property_supervision.assessment.doctype.assessment_template.assessment_template import ENTERPRISE_TARGET
from property_supervision.assessment.indicators import SATISFACTION, compute_indicators
from property_supervision.complaints import api
from property_supervision.complaints.doctype.complaint.complaint import level_deadline
from property_supervision.complaints.rating import RatingError
from property_supervision.complaints.report.complaint_follow_up import complaint_follow_up
from property_supervision.complaints.report.complaint_statistics import complaint_statistics
from property_supervision.credit.defaults import RATINGS_RULE_CODE
from property_supervision.credit.jobs import record_dissatisfied_ratings
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	PHONE,
	act,
	clock,
	deliver_notices,
	make_complaint,
	make_compound,
	make_officer,
	make_test_enterprise,
	use_chinese,
)

COMMUNITY = "回访测试社区"
CREDIT_COMMUNITY = "回访信用测试社区"


def rate_as_guest(doc, satisfaction, comment=None, phone=PHONE):
	frappe.set_user("Guest")
	try:
		return api.rate_complaint(
			tracking_number=doc.tracking_key, phone=phone, satisfaction=satisfaction, comment=comment
		)
	finally:
		frappe.set_user("Administrator")


def fresh(name):
	return frappe.get_doc("Complaint", name)


class TestRating(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.enterprise = make_test_enterprise("回访测试物业服务有限公司")
		cls.compound = make_compound("回访测试小区", COMMUNITY, AREA, cls.enterprise)
		cls.co = make_officer("h5.rating.community@example.com", "Community Officer", COMMUNITY)
		cls.ao = make_officer("h5.rating.area@example.com", "Area Officer", AREA)
		cls.ds = make_officer("h5.rating.district@example.com", "District Supervisor")
		cls.outsider = make_officer("h5.rating.outsider@example.com", "Community Officer", OTHER_AREA)

	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def resolved_at_area(self, **fields):
		doc = make_complaint(self.compound, **fields)
		act(doc.name, "Accept", self.co)
		act(doc.name, "Escalate to Area", self.co, handling_note="需片区协调")
		return act(doc.name, "Resolve", self.ao, resolution="已协调物业公司更换电梯主板。")

	def resolved_at_community(self, **fields):
		doc = make_complaint(self.compound, **fields)
		act(doc.name, "Accept", self.co)
		return act(doc.name, "Resolve", self.co, resolution="已维修。")

	def snapshot(self, name):
		doc = fresh(name)
		return (
			doc.modified,
			doc.workflow_state,
			doc.satisfaction,
			len(doc.handling_log),
			doc.awaiting_rating,
		)

	# --- the resident's rating ---------------------------------------------------------------

	def test_resident_rates_once_and_sees_it(self):
		doc = self.resolved_at_area()
		self.assertEqual(doc.awaiting_rating, 1)
		status = api.public_progress(doc.name)
		self.assertTrue(status["can_rate"])

		status = rate_as_guest(doc, "Satisfied", "<b>处理及时</b>，谢谢！")
		self.assertFalse(status["can_rate"])
		self.assertEqual(status["satisfaction"], "满意")
		doc = fresh(doc.name)
		self.assertEqual(doc.workflow_state, "Resolved")
		self.assertEqual((doc.satisfaction, doc.satisfaction_source), ("Satisfied", "Resident"))
		self.assertEqual(doc.satisfaction_comment, "处理及时，谢谢！")
		self.assertEqual((doc.awaiting_rating, doc.dissatisfied_count), (0, 0))
		self.assertTrue(doc.rated_on)
		last = doc.handling_log[-1]
		self.assertEqual(
			(last.action, last.satisfaction, last.user), ("Rated by the Complainant", "Satisfied", "Guest")
		)

		# once: a second rating is refused and changes nothing
		before = self.snapshot(doc.name)
		with self.assertRaisesRegex(RatingError, "该投诉已评价过"):
			rate_as_guest(doc, "Dissatisfied")
		self.assertEqual(self.snapshot(doc.name), before)
		# the hotline's view carries the rating
		view = complaint_view(fresh(doc.name))
		self.assertEqual((view["satisfaction"], view["satisfaction_source"]), ("Satisfied", "Resident"))
		# the complaint can now be closed without another rating
		closed = act(doc.name, "Close", self.co)
		self.assertEqual(closed.workflow_state, "Closed")

	def test_bad_input_is_refused_in_chinese_and_changes_nothing(self):
		open_doc = make_complaint(self.compound)
		resolved = self.resolved_at_community()
		cases = [
			(
				resolved,
				{"phone": "13900000000"},
				frappe.DoesNotExistError,
				"未找到与该投诉编号和电话相符的投诉",
			),
			(open_doc, {}, RatingError, "该投诉尚未办结"),
			(resolved, {"satisfaction": "Delighted"}, RatingError, "请选择满意、基本满意或不满意"),
			(resolved, {"satisfaction": ""}, RatingError, "请选择满意、基本满意或不满意"),
			(resolved, {"comment": "长" * 501}, RatingError, "评价意见不能超过 500 字"),
		]
		for doc, overrides, error, message in cases:
			before = self.snapshot(doc.name)
			values = {"satisfaction": "Dissatisfied", "comment": None, "phone": PHONE, **overrides}
			with self.assertRaisesRegex(error, message):
				rate_as_guest(doc, values["satisfaction"], values["comment"], values["phone"])
			self.assertEqual(self.snapshot(doc.name), before, overrides)

		# a closed complaint is rated no more
		act(resolved.name, "Close", self.co, satisfaction="Basically Satisfied")
		before = self.snapshot(resolved.name)
		with self.assertRaisesRegex(RatingError, "该投诉已关闭"):
			rate_as_guest(resolved, "Dissatisfied")
		self.assertEqual(self.snapshot(resolved.name), before)
		# the label in the resident's language is accepted as well as the stored value
		other = self.resolved_at_community()
		rate_as_guest(other, "基本满意")
		self.assertEqual(fresh(other.name).satisfaction, "Basically Satisfied")

	# --- dissatisfied: reopened at the resolving level, then at the district --------------------

	def test_dissatisfied_reopens_at_the_resolving_level_then_goes_to_the_district(self):
		doc = self.resolved_at_area()
		escalations = doc.escalation_count
		status = rate_as_guest(doc, "Dissatisfied", "电梯还是经常停。")
		doc = fresh(doc.name)
		self.assertEqual((doc.workflow_state, doc.current_level), ("Area Handling", "Area"))
		self.assertEqual(doc.deadline, level_deadline("Area", doc.category, doc.level_started_on))
		self.assertGreaterEqual(getdate(doc.deadline), getdate(now_datetime()))
		self.assertEqual((doc.dissatisfied_count, doc.awaiting_rating), (1, 0))
		self.assertEqual(doc.escalation_count, escalations)
		self.assertIsNone(doc.resolved_on)
		self.assertEqual(doc.satisfaction, "Dissatisfied")
		self.assertEqual(
			[r.action for r in doc.handling_log][-2:], ["Rated by the Complainant", "Reopen at Area"]
		)
		self.assertIn("电梯还是经常停", doc.handling_log[-1].note)
		self.assertTrue(status["reopened"])
		self.assertFalse(status["can_rate"])
		# the area level is told
		deliver_notices()
		notices = frappe.get_all(
			"Notification Log", filters={"for_user": self.ao, "document_name": doc.name}, pluck="subject"
		)
		self.assertTrue(any("不满意" in subject for subject in notices), notices)

		# resolved again at the area, rated dissatisfied again: the district has it now
		doc = act(doc.name, "Resolve", self.ao, resolution="已更换电梯主板并加强维保。")
		self.assertEqual(doc.awaiting_rating, 1)
		rate_as_guest(doc, "Dissatisfied")
		doc = fresh(doc.name)
		self.assertEqual((doc.workflow_state, doc.current_level), ("District Handling", "District"))
		self.assertEqual(doc.dissatisfied_count, 2)
		self.assertEqual(doc.deadline, level_deadline("District", doc.category, doc.level_started_on))
		deliver_notices()
		notices = frappe.get_all(
			"Notification Log", filters={"for_user": self.ds, "document_name": doc.name}, pluck="subject"
		)
		self.assertTrue(any("不满意" in subject for subject in notices), notices)
		# a third dissatisfied rating stays at the district
		doc = act(doc.name, "Resolve", self.ds, resolution="区级督办，电梯已整体更换。")
		rate_as_guest(doc, "Dissatisfied")
		self.assertEqual(fresh(doc.name).current_level, "District")
		# every rating is in the log
		ratings = [r.satisfaction for r in fresh(doc.name).handling_log if r.satisfaction]
		self.assertEqual(ratings, ["Dissatisfied", "Dissatisfied", "Dissatisfied"])

	def test_dissatisfied_at_the_community_reopens_at_the_community(self):
		doc = self.resolved_at_community()
		rate_as_guest(doc, "Dissatisfied")
		doc = fresh(doc.name)
		self.assertEqual((doc.workflow_state, doc.current_level), ("Community Handling", "Community"))
		self.assertEqual(doc.handling_log[-1].action, "Reopen")

	def test_the_level_a_dissatisfied_rating_reopens_at(self):
		from property_supervision.complaints.rating import reopen_level

		for level, count, expected in (
			("Community", 0, "Community"),
			("Area", 0, "Area"),
			("District", 0, "District"),
			("Joint Meeting", 0, "District"),  # a joint meeting's decision is carried out by the district
			("Community", 1, "District"),  # the second 不满意
			("Area", 2, "District"),
		):
			doc = frappe._dict(current_level=level, dissatisfied_count=count)
			self.assertEqual(reopen_level(doc), expected, (level, count))

	# --- the officer's follow-up call ----------------------------------------------------------

	def test_follow_up_call_is_recorded_by_an_officer_in_scope(self):
		doc = self.resolved_at_community()
		frappe.set_user(self.outsider)
		with self.assertRaises(frappe.DoesNotExistError):
			record_follow_up(doc.name, "Satisfied")
		frappe.set_user(self.co)
		with self.assertRaisesRegex(RatingError, "请选择满意、基本满意或不满意"):
			record_follow_up(doc.name, "Maybe")
		record_follow_up(doc.name, "Basically Satisfied", "电话回访，基本认可。")
		frappe.set_user("Administrator")
		doc = fresh(doc.name)
		self.assertEqual(
			(doc.satisfaction, doc.satisfaction_source), ("Basically Satisfied", "Follow-up Call")
		)
		self.assertEqual(doc.handling_log[-1].user, self.co)
		# the resident can no longer rate this resolution
		with self.assertRaisesRegex(RatingError, "该投诉已评价过"):
			rate_as_guest(doc, "Satisfied")

	def test_unrated_complaints_are_listed_for_a_follow_up_call(self):
		ten_days_ago = add_days(now_datetime(), -10).strftime("%Y-%m-%d %H:%M:%S")
		two_days_ago = add_days(now_datetime(), -2).strftime("%Y-%m-%d %H:%M:%S")
		with clock(ten_days_ago):
			old = self.resolved_at_community()
			old_rated = self.resolved_at_community()
		with clock(two_days_ago):
			recent = self.resolved_at_community()
		rate_as_guest(old_rated, "Satisfied")

		def listed(user="Administrator", **filters):
			frappe.set_user(user)
			try:
				_columns, rows = complaint_follow_up.execute({"jurisdiction": COMMUNITY, **filters})
				return {row.name for row in rows}
			finally:
				frappe.set_user("Administrator")

		from property_supervision.tests.factories import complaint_settings

		with complaint_settings(follow_up_after_days=7):
			self.assertIn(old.name, listed())
			self.assertNotIn(old_rated.name, listed())
			self.assertNotIn(recent.name, listed())
			self.assertIn(old.name, listed(self.co))
			self.assertNotIn(old.name, listed(self.outsider))
			self.assertIn(recent.name, listed(days=1))
		with complaint_settings(follow_up_after_days=0):
			self.assertTrue({old.name, recent.name} <= listed())
		# the call's rating takes it off the list
		frappe.set_user(self.co)
		record_follow_up(old.name, "Satisfied")
		frappe.set_user("Administrator")
		self.assertNotIn(old.name, listed(days=0))
		with self.assertRaisesRegex(frappe.ValidationError, "天数不能为负数"):
			listed(days=-1)

	# --- what the ratings feed -------------------------------------------------------------------

	def test_ratings_feed_statistics_credit_and_indicators(self):
		enterprise = make_test_enterprise("回访信用测试物业服务有限公司")
		few = make_test_enterprise("回访信用测试二物业服务有限公司")
		compound = make_compound("回访信用测试小区", CREDIT_COMMUNITY, AREA, enterprise)
		few_compound = make_compound("回访信用测试二小区", CREDIT_COMMUNITY, AREA, few)
		officer = make_officer("h5.rating.credit@example.com", "Community Officer", CREDIT_COMMUNITY)

		def rated(compound, satisfaction, day):
			with clock(f"2026-04-{day:02d} 09:00:00"):
				doc = make_complaint(compound)
				act(doc.name, "Accept", officer)
				doc = act(doc.name, "Resolve", officer, resolution="已处理。")
			with clock(f"2026-04-{day + 1:02d} 10:00:00"):
				rate_as_guest(doc, satisfaction)
			return doc.name

		for day, satisfaction in enumerate(
			("Satisfied", "Dissatisfied", "Basically Satisfied", "Dissatisfied", "Satisfied"), start=1
		):
			rated(compound, satisfaction, day * 2)
		for day in (2, 4, 6, 8):
			rated(few_compound, "Dissatisfied", day)

		# Complaint Statistics counts the complaints' ratings
		_columns, data, *_rest = complaint_statistics.execute(
			{
				"group_by": "Enterprise",
				"jurisdiction": CREDIT_COMMUNITY,
				"from_date": "2026-04-01",
				"to_date": "2026-04-30",
			}
		)
		row = next(r for r in data if r.get("enterprise") == enterprise)
		self.assertEqual((row.satisfied, row.basically_satisfied, row.dissatisfied), (2, 1, 2))
		self.assertEqual(row.satisfaction_rate, 60.0)

		# the assessment indicator
		values = compute_indicators(ENTERPRISE_TARGET, enterprise, 2026, keys=(SATISFACTION,))
		self.assertEqual(values[SATISFACTION], "60.0% (3/5)")

		# the credit rule: 2 of 5 ratings dissatisfied in the first half of 2026 is 40 % ≥ 30 %
		rule = frappe.get_doc("Credit Rule", RATINGS_RULE_CODE)
		self.assertEqual(
			(
				rule.source,
				rule.is_active,
				rule.dissatisfied_share,
				rule.rating_period_months,
				rule.minimum_ratings,
			),
			("Dissatisfied Ratings", 1, 30, 6, 5),
		)
		created = record_dissatisfied_ratings(on="2026-07-05")
		records = frappe.get_all(
			"Credit Record",
			filters={"name": ("in", created or [""])},
			fields=["enterprise", "auto_key", "points", "occurred_on", "evidence", "rule"],
		)
		mine = [r for r in records if r.enterprise == enterprise]
		self.assertEqual(len(mine), 1, records)
		self.assertEqual(mine[0].auto_key, f"Dissatisfied Ratings:{enterprise}:2026-01-01~2026-06-30")
		self.assertEqual(
			(mine[0].rule, mine[0].points, str(mine[0].occurred_on)), (RATINGS_RULE_CODE, -2, "2026-06-30")
		)
		self.assertIn("5 件回访评价中有 2 件不满意（40.0%）", mine[0].evidence)
		# four ratings are fewer than the rule's minimum of five: no record, however dissatisfied
		self.assertFalse([r for r in records if r.enterprise == few])
		# the sweep is safe to run twice
		self.assertEqual(record_dissatisfied_ratings(on="2026-07-20"), [])
		# a share above the one found makes no record
		rule.dissatisfied_share = 50
		rule.save()
		frappe.db.delete("Credit Record", {"name": ("in", created)})
		again = record_dissatisfied_ratings(on="2026-07-05")
		self.assertFalse(
			frappe.get_all("Credit Record", {"name": ("in", again or [""]), "enterprise": enterprise})
		)

	def test_a_rule_needs_a_usable_threshold(self):
		rule = frappe.get_doc("Credit Rule", RATINGS_RULE_CODE)
		for field, value, message in (
			("dissatisfied_share", 0, "不满意比例须大于 0"),
			("dissatisfied_share", 120, "不满意比例须大于 0"),
			("rating_period_months", 5, "统计周期须为"),
			("minimum_ratings", 0, "最少评价件数至少为 1"),
		):
			doc = frappe.get_doc("Credit Rule", RATINGS_RULE_CODE)
			doc.set(field, value)
			with self.assertRaisesRegex(frappe.ValidationError, message):
				doc.save()
		self.assertEqual(frappe.get_doc("Credit Rule", RATINGS_RULE_CODE).modified, rule.modified)

	# --- the workflow's reopening actions on an existing site --------------------------------------

	def test_patch_adds_the_reopening_actions_and_keeps_the_administrators_edits(self):
		from property_supervision import workflow_meanings as meanings
		from property_supervision.patches.satisfaction_ratings import add_reopenings

		workflow = frappe.get_doc("Workflow", "Complaint Handling")
		# as on a site of the previous release: only the community's Reopen, without a meaning, and
		# an administrator's own relabelled action for the area
		workflow.transitions = [
			t for t in workflow.transitions if t.action not in ("Reopen at Area", "Reopen at District")
		]
		for row in workflow.transitions:
			if row.action == "Reopen":
				row.ps_meaning = None
		workflow.flags.ignore_permissions = True
		frappe.flags.in_patch = True
		try:
			workflow.save()
			meanings.clear_cache()
			add_reopenings(frappe.get_doc("Workflow", "Complaint Handling"))
			add_reopenings(frappe.get_doc("Workflow", "Complaint Handling"))  # twice changes nothing more
		finally:
			frappe.flags.in_patch = False
		meanings.clear_cache()
		rows = [
			(t.action, t.next_state, t.ps_meaning)
			for t in frappe.get_doc("Workflow", "Complaint Handling").transitions
			if t.state == "Resolved" and t.ps_meaning == meanings.REOPENS
		]
		self.assertEqual(
			sorted(rows),
			[
				("Reopen", "Community Handling", "Reopens"),
				("Reopen at Area", "Area Handling", "Reopens"),
				("Reopen at District", "District Handling", "Reopens"),
			],
		)
		self.assertEqual(
			meanings.reopen_transition("Resolved", "District"), ("Reopen at District", "District Handling")
		)

	# --- the hotline's work order keeps the caller's phone masked ----------------------------------

	def test_hotline_caller_phone_is_masked(self):
		order = frappe.get_doc(
			{
				"doctype": "Hotline Work Order",
				"order_no": "H5RATING0001",
				"status": "Awaiting Placement",
				"received_at": now_datetime(),
				"address": "不存在的地址",
				"caller_name": "来电测试人",
				"caller_phone": "13912340001",
				"category": frappe.get_all("Complaint Category", pluck="name", limit=1)[0],
				"content": "测试",
			}
		).insert(ignore_permissions=True)
		self.assertEqual(order.caller_phone_masked, "139****0001")
		meta = frappe.get_meta("Hotline Work Order")
		self.assertEqual(
			(meta.get_field("caller_phone").permlevel, meta.get_field("caller_name").permlevel), (1, 1)
		)
