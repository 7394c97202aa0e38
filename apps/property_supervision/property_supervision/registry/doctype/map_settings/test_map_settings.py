"""Map Settings: the shipped defaults, and every bad value refused in Chinese with nothing saved."""

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.tests.factories import use_chinese


class TestMapSettings(FrappeTestCase):
	def setUp(self):
		use_chinese()

	def test_shipped_defaults(self):
		settings = frappe.get_doc("Map Settings")
		self.assertIn("tianditu.gov.cn/vec_w", settings.tile_url)
		self.assertIn("tianditu.gov.cn/cva_w", settings.label_tile_url)
		self.assertEqual(settings.tile_subdomains, "01234567")
		self.assertEqual((settings.max_zoom, settings.default_zoom), (18, 13))
		# 水磨沟区, 乌鲁木齐
		self.assertAlmostEqual(settings.default_latitude, 43.84, places=2)
		self.assertAlmostEqual(settings.default_longitude, 87.67, places=2)
		self.assertEqual((settings.complaints_warning_from, settings.complaints_alert_from), (1, 5))

	def test_bad_values_are_refused_in_chinese(self):
		before = frappe.get_doc("Map Settings").as_dict()
		cases = [
			({"tile_url": "http://tiles.local/{z}/{x}.png"}, "必须包含 {z}、{x} 和 {y}"),
			({"tile_url": "file:///tiles/{z}/{x}/{y}.png"}, "必须是 http\\(s\\) 地址或本站路径"),
			({"tile_url": "http://t/{z}/{x}/{y}.png?k={key}"}, "只能使用"),
			({"tile_url": "", "label_tile_url": "http://t/{z}/{x}/{y}.png"}, "须先填写底图瓦片地址模板"),
			({"max_zoom": 30}, "最大缩放级别必须在 1 到 22 之间"),
			({"default_zoom": 19}, "默认缩放级别必须在 1 到最大缩放级别之间"),
			({"default_latitude": 95}, "默认中心的纬度"),
			({"complaints_warning_from": 0}, "黄色起点不能小于 1"),
			({"complaints_warning_from": 5, "complaints_alert_from": 5}, "红色起点必须大于黄色起点"),
		]
		for values, message in cases:
			with self.subTest(values=values):
				settings = frappe.get_doc("Map Settings")
				settings.update(values)
				with self.assertRaisesRegex(frappe.ValidationError, message):
					settings.save(ignore_permissions=True)
		after = frappe.get_doc("Map Settings").as_dict()
		for fieldname in ("tile_url", "label_tile_url", "max_zoom", "default_zoom", "default_latitude"):
			self.assertEqual(after[fieldname], before[fieldname])

	def test_an_offline_tile_server_is_accepted(self):
		settings = frappe.get_doc("Map Settings")
		shipped = settings.tile_url, settings.label_tile_url
		settings.tile_url, settings.label_tile_url = "  http://10.0.0.8/tiles/{z}/{x}/{y}.png ", ""
		settings.save(ignore_permissions=True)
		try:
			self.assertEqual(
				frappe.db.get_single_value("Map Settings", "tile_url"),
				"http://10.0.0.8/tiles/{z}/{x}/{y}.png",
			)
		finally:
			settings.tile_url, settings.label_tile_url = shipped
			settings.save(ignore_permissions=True)
