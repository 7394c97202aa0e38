# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import threading
import time

import frappe
from frappe.model.workflow import WorkflowPermissionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from property_supervision import shared_cache
from property_supervision.complaints.doctype.complaint.complaint import (
	ComplaintChangedError,
	add_enterprise_response,
	apply_system_transition,
	get_upheld_complaints,
	plain_text,
)
from property_supervision.registry.doctype.jurisdiction.jurisdiction import get_unit_for_jurisdiction
from property_supervision.rules.tracking import is_well_formed
from property_supervision.tests.factories import (
	AREA,
	CATEGORY,
	MONDAY,
	SUPERVISION_OFFICE,
	act,
	as_if_committed,
	clock,
	complaint_settings,
	deliver_notices,
	make_community,
	make_community_unit,
	make_complaint,
	make_compound,
	make_officer,
	make_test_enterprise,
	use_chinese,
)

COMMUNITY = "投诉测试甲社区"
COMPOUND = "投诉测试甲小区"
ENTERPRISE = "投诉测试物业服务有限公司"


class ComplaintTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.enterprise = make_test_enterprise(ENTERPRISE)
		cls.compound = make_compound(COMPOUND, COMMUNITY, AREA, cls.enterprise)
		cls.community_officer = make_officer(
			"e.community.officer@example.com", "Community Officer", COMMUNITY
		)
		cls.area_officer = make_officer("e.area.officer@example.com", "Area Officer", AREA)
		cls.district = make_officer("e.district.supervisor@example.com", "District Supervisor")

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")


class TestComplaintIntake(ComplaintTestCase):
	def test_first_log_row_names_the_channel_as_translated_now(self):
		"""The channel's label comes from a map kept in Redis (complaint.channel_label); a
		Translation an administrator saves reaches the next complaint."""
		with clock(MONDAY):
			doc = make_complaint(self.compound)
		self.assertEqual(doc.handling_log[0].note, "窗口来访")
		frappe.db.savepoint("channel_translation")
		try:
			frappe.get_doc(
				{
					"doctype": "Translation",
					"language": "zh",
					"source_text": "Window",
					"translated_text": "来访窗口",
				}
			).insert()
			with clock(MONDAY):
				doc = make_complaint(self.compound)
			self.assertEqual(doc.handling_log[0].note, "来访窗口")
		finally:
			frappe.db.rollback(save_point="channel_translation")
			frappe.translate.clear_cache()
			frappe.cache.delete_value(shared_cache.CHANNEL_LABELS)

	def test_new_complaint_waits_at_the_community(self):
		with clock(MONDAY):
			doc = make_complaint(self.compound, complainant_phone="139 1234 5678")
		self.assertEqual(doc.workflow_state, "Pending")
		self.assertEqual(doc.current_level, "Community")
		self.assertEqual(doc.jurisdiction, COMMUNITY)
		self.assertEqual(doc.enterprise, self.enterprise)
		# the community's own unit, created for it
		self.assertEqual(doc.handling_unit, COMMUNITY)
		self.assertEqual(
			frappe.db.get_value("Supervision Unit", COMMUNITY, "unit_type"), "Community Committee"
		)
		# 5 working days from Monday 2 June 2025 over the official calendar: 端午 2 June, Xinjiang's
		# 古尔邦节 6-10 June
		self.assertEqual(getdate(doc.deadline), getdate("2025-06-12"))
		self.assertEqual(doc.complainant_phone, "13912345678")
		self.assertEqual(doc.complainant_phone_masked, "139****5678")
		self.assertTrue(is_well_formed(doc.tracking_key))
		self.assertTrue(doc.name.startswith("TS-"))
		self.assertEqual(doc.escalation_count, 0)
		self.assertEqual(len(doc.handling_log), 1)
		log = doc.handling_log[0]
		self.assertEqual(
			(log.action, log.level, log.unit, log.user), ("Receive", "Community", COMMUNITY, "Administrator")
		)

	def test_deadline_follows_the_calendar_and_category_limits(self):
		calendar = [
			{"calendar_date": "2025-06-04", "day_type": "Holiday", "description": "测试假日"},
			{"calendar_date": "2025-06-07", "day_type": "Working Day", "description": "测试调休"},
		]
		with complaint_settings(calendar_days=calendar, category_limits=[]):
			with clock(MONDAY):
				doc = make_complaint(self.compound)
			# Tue 3, (Wed 4 off), Thu 5, Fri 6, Sat 7 worked, Mon 9 → 5 days on Monday 9 June
			self.assertEqual(getdate(doc.deadline), getdate("2025-06-09"))
		limits = [{"category": "Parking", "community_days": 2}]
		with complaint_settings(calendar_days=[], category_limits=limits):
			with clock(MONDAY):
				parking = make_complaint(self.compound, category="Parking")
				other = make_complaint(self.compound)
			self.assertEqual(getdate(parking.deadline), getdate("2025-06-04"))
			self.assertEqual(getdate(other.deadline), getdate("2025-06-09"))

	def test_bad_input_refused_in_chinese_and_nothing_saved(self):
		cases = [
			({"complainant_phone": ""}, "请填写投诉人联系电话"),
			({"complainant_phone": "12345"}, "不是有效的"),
			({"description": "   "}, "请填写投诉内容"),
			({"description": "<script>alert(1)</script>"}, "请填写投诉内容"),
			({"description": "漏" * 2001}, "最多 2000 个字符"),
			({"complainant_name": "张" * 61}, "最多 60 个字符"),
			({"follow_up": "访" * 2001}, "最多 2000 个字符"),
		]
		before = frappe.db.count("Complaint")
		for fields, message in cases:
			with self.subTest(fields=list(fields)):
				with self.assertRaisesRegex(frappe.ValidationError, message):
					make_complaint(self.compound, **fields)
		with self.assertRaisesRegex(frappe.ValidationError, "未找到小区"):
			make_complaint("XQ-不存在的小区")
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_upheld_needs_an_enterprise(self):
		bare = make_compound("投诉测试无物业小区", COMMUNITY, AREA, None)
		before = frappe.db.count("Complaint")
		with self.assertRaisesRegex(frappe.ValidationError, "只有针对物业企业的投诉才能认定属实"):
			make_complaint(bare, is_upheld=1)
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_html_and_scripts_are_neutralised(self):
		doc = make_complaint(
			self.compound,
			complainant_name="<b>李</b>四<img src=x onerror=alert(1)>",
			description='<script>alert("x")</script><p>楼道<i>漏水</i></p> 1<2 &lt;svg onload=alert(1)&gt;',
		)
		self.assertEqual(doc.complainant_name, "李四")
		self.assertNotIn("<", doc.description)
		self.assertNotIn("script", doc.description)
		self.assertIn("楼道漏水", doc.description)
		self.assertIn("1＜2", doc.description)
		stored = frappe.db.get_value("Complaint", doc.name, ["description", "complainant_name"], as_dict=True)
		self.assertNotIn("<", stored.description + stored.complainant_name)
		self.assertEqual(plain_text("<style>p{}</style>正文"), "正文")

	def test_handling_fields_cannot_be_given_at_intake(self):
		before = frappe.db.count("Complaint")
		for fields in ({"deadline": "2030-01-01"}, {"current_level": "District"}, {"escalation_count": 3}):
			with self.subTest(fields=fields):
				with self.assertRaisesRegex(frappe.ValidationError, "由投诉办理环节自动生成"):
					make_complaint(self.compound, **fields)
		with self.assertRaises(WorkflowPermissionError):
			make_complaint(self.compound, workflow_state="Resolved")
		fake_log = [{"action": "Resolve", "level": "District", "user": "Administrator"}]
		with self.assertRaisesRegex(frappe.ValidationError, "由投诉办理环节自动生成"):
			make_complaint(self.compound, handling_log=fake_log)
		with self.assertRaisesRegex(frappe.ValidationError, "收到时间不能晚于当前时间"):
			make_complaint(self.compound, received_on="2999-01-01 09:00:00")
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_community_units(self):
		community = make_community("投诉测试新建社区", AREA).name
		self.assertEqual(frappe.db.get_value("Supervision Unit", community, "jurisdiction"), community)
		# a community made before units existed gets its unit on first use
		frappe.delete_doc("Supervision Unit", community, ignore_permissions=True)
		self.assertEqual(get_unit_for_jurisdiction(community), community)
		self.assertTrue(frappe.db.exists("Supervision Unit", community))
		self.assertEqual(get_unit_for_jurisdiction(AREA), AREA)
		self.assertEqual(get_unit_for_jurisdiction("水磨沟区"), SUPERVISION_OFFICE)

	def test_the_handling_unit_kept_in_redis_follows_the_units(self):
		"""Filing reads the community's unit from Redis (shared_cache.HANDLING_UNITS); a unit
		saved is seen by the next complaint, and nothing read after such a change in
		the same transaction is kept (a savepoint rolled back later would leave it behind)."""
		community = make_community("投诉测试单位缓存社区", AREA).name

		def kept():
			return frappe.cache.hget(shared_cache.HANDLING_UNITS, community)

		as_if_committed()  # this transaction has changed nothing yet
		frappe.cache.delete_value(shared_cache.HANDLING_UNITS)
		self.assertEqual(get_unit_for_jurisdiction(community), community)
		self.assertEqual(kept(), community)

		# the community gets a committee of its own (newer than the unit made with it): forgotten
		committee = make_community_unit(community)
		self.assertIsNone(kept())
		self.assertFalse(shared_cache.may_keep(shared_cache.HANDLING_UNITS))
		self.assertEqual(get_unit_for_jurisdiction(community), committee)
		self.assertIsNone(kept())  # read after a change of this transaction: not kept
		compound = make_compound("投诉测试单位缓存小区", community, AREA, self.enterprise)
		with clock(MONDAY):
			self.assertEqual(make_complaint(compound).handling_unit, committee)

		as_if_committed()
		self.assertEqual(get_unit_for_jurisdiction(community), committee)
		self.assertEqual(kept(), committee)
		unit = frappe.get_doc("Supervision Unit", committee)
		unit.is_active = 0  # the committee stops handling complaints
		unit.save(ignore_permissions=True)
		self.assertIsNone(kept())
		self.assertEqual(get_unit_for_jurisdiction(community), community)

	def test_versions_of_saves_and_imports_are_kept(self):
		"""Filing builds no empty Version (complaint.save_version); a later save is versioned, and
		an insert a data import names itself in keeps its Version, as Frappe records them."""

		def versions(name):
			return frappe.get_all(
				"Version", filters={"ref_doctype": "Complaint", "docname": name}, pluck="data"
			)

		with clock(MONDAY):
			doc = make_complaint(self.compound)
			self.assertEqual(versions(doc.name), [])
			doc.reload()
			doc.handling_note = "已电话联系投诉人。"
			doc.save(ignore_permissions=True, ignore_version=False)  # tests skip Versions by default
		changed = [frappe.parse_json(data) for data in versions(doc.name)]
		self.assertEqual(len(changed), 1)
		self.assertIn(["handling_note", None, "已电话联系投诉人。"], changed[0]["changed"])

		with clock(MONDAY):
			imported = frappe.get_doc(
				{
					"doctype": "Complaint",
					"complainant_name": "王建国",
					"complainant_phone": "13912345678",
					"compound": self.compound,
					"category": CATEGORY,
					"received_via": "Window",
					"description": "导入的投诉。",
				}
			)
			imported.flags.updater_reference = {"doctype": "Data Import", "docname": "导入测试", "label": ""}
			imported.insert(ignore_permissions=True)
		(created,) = versions(imported.name)
		self.assertEqual(frappe.parse_json(created)["updater_reference"]["docname"], "导入测试")


class TestComplaintHandling(ComplaintTestCase):
	def test_three_levels_and_the_joint_meeting(self):
		with clock(MONDAY):
			doc = make_complaint(self.compound)
		with clock("2025-06-03 10:00:00"):
			doc = act(doc.name, "Accept", self.community_officer)
		self.assertEqual((doc.workflow_state, doc.current_level), ("Community Handling", "Community"))
		self.assertEqual(getdate(doc.deadline), getdate("2025-06-12"))  # accepting keeps the level's clock

		with clock("2025-06-05 10:00:00"):
			doc = act(
				doc.name, "Escalate to Area", self.community_officer, handling_note="涉及多栋楼，需片区协调"
			)
		self.assertEqual(
			(doc.workflow_state, doc.current_level, doc.handling_unit), ("Area Handling", "Area", AREA)
		)
		self.assertEqual(getdate(doc.deadline), getdate("2025-06-24"))  # 10 working days from Thursday 5 June
		self.assertEqual(doc.escalation_count, 1)
		self.assertFalse(doc.handling_note)

		with clock("2025-06-10 10:00:00"):
			doc = act(doc.name, "Escalate to District", self.area_officer)
		self.assertEqual((doc.current_level, doc.handling_unit), ("District", SUPERVISION_OFFICE))
		self.assertEqual(getdate(doc.deadline), getdate("2025-07-01"))  # 15 working days
		with clock("2025-06-11 10:00:00"):
			doc = act(doc.name, "Refer to Joint Meeting", self.district)
		self.assertEqual((doc.workflow_state, doc.current_level), ("Joint Meeting", "Joint Meeting"))
		self.assertEqual(doc.escalation_count, 3)

		rows = [(r.action, r.level, r.unit, r.user) for r in doc.handling_log]
		self.assertEqual(
			rows,
			[
				("Receive", "Community", COMMUNITY, "Administrator"),
				("Accept", "Community", COMMUNITY, self.community_officer),
				("Escalate to Area", "Community", COMMUNITY, self.community_officer),
				("Escalate to District", "Area", AREA, self.area_officer),
				("Refer to Joint Meeting", "District", SUPERVISION_OFFICE, self.district),
			],
		)
		self.assertEqual(doc.handling_log[2].note, "涉及多栋楼，需片区协调")
		self.assertEqual(str(doc.handling_log[2].log_time), "2025-06-05 10:00:00")

		# the next level heard of it
		deliver_notices()
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.area_officer, "document_name": doc.name})
		)

	def test_resolve_close_and_reopen(self):
		doc = make_complaint(self.compound)
		act(doc.name, "Accept", self.community_officer)
		with self.assertRaisesRegex(frappe.ValidationError, "请先填写办理结果"):
			act(doc.name, "Resolve", self.community_officer)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Community Handling")

		doc = act(doc.name, "Resolve", self.community_officer, resolution="已联系物业修复电梯", is_upheld=1)
		self.assertEqual(doc.workflow_state, "Resolved")
		self.assertTrue(doc.resolved_on)
		self.assertEqual(doc.is_overdue, 0)

		with self.assertRaisesRegex(frappe.ValidationError, "请先记录投诉人满意度"):
			act(doc.name, "Close", self.community_officer)
		# a resolved complaint's facts are fixed until it is reopened
		with self.assertRaisesRegex(frappe.ValidationError, "重新处理"):
			frappe.set_user(self.community_officer)
			frappe.client.set_value("Complaint", doc.name, "is_upheld", 0)
		frappe.set_user("Administrator")

		doc = act(doc.name, "Reopen", self.community_officer)
		self.assertEqual((doc.workflow_state, doc.current_level), ("Community Handling", "Community"))
		self.assertIsNone(doc.resolved_on)
		doc = act(doc.name, "Resolve", self.community_officer)
		doc = act(
			doc.name,
			"Close",
			self.community_officer,
			satisfaction="Basically Satisfied",
			follow_up="电话回访",
		)
		self.assertEqual(doc.workflow_state, "Closed")
		self.assertTrue(doc.closed_on)
		# the satisfaction recorded when closing is a follow-up call's rating (complaints/rating.py)
		self.assertEqual(
			[r.action for r in doc.handling_log][-5:],
			["Resolve", "Reopen", "Resolve", "Follow-up Call", "Close"],
		)
		self.assertEqual((doc.satisfaction_source, doc.awaiting_rating), ("Follow-up Call", 0))

	def test_rejecting_needs_a_reason(self):
		doc = make_complaint(self.compound)
		with self.assertRaisesRegex(frappe.ValidationError, "请在办理意见中说明不予受理的理由"):
			act(doc.name, "Reject Complaint", self.community_officer)
		doc = act(doc.name, "Reject Complaint", self.community_officer, handling_note="不属于物业服务范围")
		self.assertEqual(doc.workflow_state, "Rejected")
		self.assertTrue(doc.closed_on)
		self.assertEqual(doc.handling_log[-1].note, "不属于物业服务范围")

	def test_direct_changes_of_handling_fields_refused(self):
		doc = make_complaint(self.compound)
		stored = frappe.db.get_value("Complaint", doc.name, "*", as_dict=True)
		frappe.set_user(self.community_officer)
		changes = {
			"current_level": "District",
			"deadline": "2030-01-01",
			"handling_unit": SUPERVISION_OFFICE,
			"escalation_count": 5,
			"is_overdue": 1,
			"tracking_key": "AAAA-CCCC-DDDD",
			"resolved_on": "2025-01-01 00:00:00",
		}
		for fieldname, value in changes.items():
			with self.subTest(fieldname=fieldname):
				with self.assertRaisesRegex(frappe.ValidationError, "由投诉办理环节自动生成，不能直接修改"):
					frappe.client.set_value("Complaint", doc.name, fieldname, value)
		# the handling log is append-only
		with self.assertRaisesRegex(frappe.ValidationError, "由投诉办理环节自动生成"):
			changed = frappe.get_doc("Complaint", doc.name)
			changed.handling_log[0].note = "改写记录"
			changed.save()
		# a state without a transition from here is refused by the workflow
		for state in ("Closed", "District Handling", "Resolved"):
			with self.subTest(state=state):
				with self.assertRaises(WorkflowPermissionError):
					frappe.client.set_value("Complaint", doc.name, "workflow_state", state)
		frappe.set_user("Administrator")
		after = frappe.db.get_value("Complaint", doc.name, "*", as_dict=True)
		for fieldname in (*changes, "workflow_state", "modified"):
			self.assertEqual(after[fieldname], stored[fieldname], fieldname)

	def test_an_allowed_state_change_through_rest_runs_the_same_steps(self):
		doc = make_complaint(self.compound)
		frappe.set_user(self.community_officer)
		frappe.client.set_value("Complaint", doc.name, "workflow_state", "Community Handling")
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual(doc.workflow_state, "Community Handling")
		self.assertEqual(doc.handling_log[-1].action, "Accept")

	def test_enterprise_response(self):
		doc = make_complaint(self.compound)
		result = add_enterprise_response(doc.name, "已安排维修<script>x</script>")
		doc.reload()
		self.assertEqual(doc.enterprise_response, "已安排维修")
		self.assertTrue(doc.responded_on)
		self.assertEqual(result["enterprise_response"], "已安排维修")
		self.assertEqual(doc.handling_log[-1].action, "Enterprise Response")
		with self.assertRaisesRegex(frappe.ValidationError, "请填写企业答复"):
			add_enterprise_response(doc.name, "  ")

	def test_upheld_complaints_for_credit(self):
		doc = make_complaint(self.compound)
		act(doc.name, "Accept", self.community_officer)
		act(doc.name, "Resolve", self.community_officer, resolution="物业未按约定维修，责令整改", is_upheld=1)
		not_upheld = make_complaint(self.compound)
		act(not_upheld.name, "Accept", self.community_officer)
		act(not_upheld.name, "Resolve", self.community_officer, resolution="经核实不属实")

		names = [c.name for c in get_upheld_complaints(self.enterprise)]
		self.assertIn(doc.name, names)
		self.assertNotIn(not_upheld.name, names)
		self.assertEqual(get_upheld_complaints(self.enterprise, since="2999-01-01"), [])
		# reopened: no longer a resolved fact
		act(doc.name, "Reopen", self.community_officer)
		self.assertNotIn(doc.name, [c.name for c in get_upheld_complaints(self.enterprise)])

	def test_system_transition_checks_the_workflow(self):
		doc = make_complaint(self.compound)
		with self.assertRaisesRegex(frappe.ValidationError, "不能执行"):
			apply_system_transition(doc.name, "Escalate to District")
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "workflow_state"), "Pending")


class TestConcurrentTransitions(ComplaintTestCase):
	"""Two officers press a button on the same complaint at the same moment."""

	def test_exactly_one_transition_wins(self):
		doc = make_complaint(self.compound)
		act(doc.name, "Accept", self.community_officer)
		frappe.db.commit()  # both connections must see the complaint
		self.addCleanup(self.delete_committed, doc.name)

		site, sites_path = frappe.local.site, frappe.local.sites_path
		first_applied = threading.Event()
		results = {}

		def officer(key, wait_for=None, hold=0.0):
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			try:
				frappe.flags.in_test = True
				frappe.local.lang = "zh"
				frappe.set_user(self.community_officer)
				if wait_for:
					wait_for.wait(10)
				try:
					# what the form's action button does; it reads the complaint afresh
					apply_workflow(frappe.get_doc("Complaint", doc.name).as_dict(), "Escalate to Area")
					if key == "first":
						first_applied.set()
						time.sleep(hold)  # the row stays locked while the other officer acts
					frappe.db.commit()
					results[key] = "ok"
				except Exception as e:
					frappe.db.rollback()
					results[key] = e
			finally:
				first_applied.set()
				frappe.destroy()

		first = threading.Thread(target=officer, args=("first",), kwargs={"hold": 1.5})
		second = threading.Thread(target=officer, args=("second",), kwargs={"wait_for": first_applied})
		first.start()
		second.start()
		first.join(60)
		second.join(60)

		winners = [k for k, v in results.items() if v == "ok"]
		self.assertEqual(len(winners), 1, results)
		loser = results["second"] if winners == ["first"] else results["first"]
		self.assertIsInstance(loser, ComplaintChangedError)
		self.assertIn("该投诉已被其他人处理", str(loser))

		frappe.db.rollback()  # read what the other connections committed
		stored = frappe.get_doc("Complaint", doc.name)
		self.assertEqual(stored.workflow_state, "Area Handling")
		self.assertEqual([r.action for r in stored.handling_log], ["Receive", "Accept", "Escalate to Area"])

	def delete_committed(self, name):
		frappe.set_user("Administrator")
		frappe.delete_doc("Complaint", name, ignore_permissions=True, force=True)
		frappe.db.commit()
