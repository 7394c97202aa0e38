# Copyright (c) 2026, Property Supervision Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import create_job_id, get_job, get_queue, is_job_enqueued

from property_supervision.credit.scoring import (
	RECOMPUTE_ALL_JOB_ID,
	_enqueue_recompute_all,
	recompute_all_enterprises,
)
from property_supervision.tests.factories import (
	CREDIT_SETTINGS,
	make_confirmed_record,
	scored_enterprise,
	setup_credit,
	use_chinese,
)


class TestCreditSettings(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		use_chinese()
		setup_credit()
		frappe.db.savepoint("credit_settings_test")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="credit_settings_test")
		frappe.db.after_commit.reset()
		frappe.clear_document_cache("Credit Settings", "Credit Settings")

	def assertRefused(self, values: dict, message: str):
		settings = frappe.get_doc("Credit Settings")
		settings.update(values)
		with self.assertRaisesRegex(frappe.ValidationError, message):
			settings.save()
		for fieldname in values:
			self.assertEqual(
				frappe.db.get_single_value("Credit Settings", fieldname),
				CREDIT_SETTINGS[fieldname],
				fieldname,
			)

	def test_shipped_defaults(self):
		settings = frappe.get_doc("Credit Settings")
		self.assertEqual(settings.base_score, 70)
		self.assertEqual(
			(settings.grade_aaa_min, settings.grade_aa_min, settings.grade_a_min, settings.grade_b_min),
			(85, 80, 70, 60),
		)

	def test_bands_must_descend(self):
		self.assertRefused({"grade_aa_min": 90}, "等级分数线必须依次递减")
		self.assertRefused({"grade_b_min": 70}, "等级分数线必须依次递减")

	def test_score_range(self):
		self.assertRefused({"min_score": 100}, "最低分必须低于最高分")
		self.assertRefused({"base_score": 120}, "基础分必须在最低分和最高分之间")

	def test_validity_and_window(self):
		self.assertRefused({"default_validity_months": 0}, "默认有效期至少为1个月")
		self.assertRefused({"upheld_window_months": 0}, "请填写统计属实投诉的时间窗口")
		self.assertRefused({"upheld_complaints_threshold": -1}, "属实投诉次数阈值不能为负数")

	def test_change_enqueues_one_recompute_and_recompute_applies_it(self):
		enterprise = scored_enterprise("测试设置变更物业服务有限公司")
		make_confirmed_record(enterprise, "LH-03")  # 70 + 5 = 75: A
		self.assertEqual(frappe.db.get_value("Property Enterprise", enterprise, "credit_grade"), "A")

		settings = frappe.get_doc("Credit Settings")
		settings.grade_a_min = 76
		settings.save()
		# queued after the commit, once however often the settings are saved
		settings.save()
		job = None
		try:
			frappe.db.after_commit.run()
			self.assertTrue(is_job_enqueued(RECOMPUTE_ALL_JOB_ID))
			# queued (or already started by a running worker), never twice
			self.assertLessEqual(get_queue("long").job_ids.count(create_job_id(RECOMPUTE_ALL_JOB_ID)), 1)
		finally:
			job = get_job(RECOMPUTE_ALL_JOB_ID)
			if job:
				job.delete()

		# what the background job does
		self.assertIn(enterprise, recompute_all_enterprises())
		values = frappe.db.get_value(
			"Property Enterprise",
			enterprise,
			["credit_score", "credit_grade", "key_supervision"],
			as_dict=True,
		)
		self.assertEqual((values.credit_score, values.credit_grade, values.key_supervision), (75, "B", 1))
		log = frappe.get_all(
			"Credit Score Log",
			filters={"enterprise": enterprise},
			fields=["grade", "reason"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual(log.grade, "B")
		self.assertEqual(log.reason, "诚信设置已变更")
		# a second run changes nothing and logs nothing
		logs = frappe.db.count("Credit Score Log", {"enterprise": enterprise})
		self.assertNotIn(enterprise, recompute_all_enterprises())
		self.assertEqual(frappe.db.count("Credit Score Log", {"enterprise": enterprise}), logs)

	def test_saving_without_a_scoring_change_enqueues_nothing(self):
		frappe.db.after_commit.reset()
		frappe.get_doc("Credit Settings").save()
		self.assertNotIn(_enqueue_recompute_all, frappe.db.after_commit._functions)
		settings = frappe.get_doc("Credit Settings")
		settings.base_score = 60
		settings.save()
		self.assertIn(_enqueue_recompute_all, frappe.db.after_commit._functions)
