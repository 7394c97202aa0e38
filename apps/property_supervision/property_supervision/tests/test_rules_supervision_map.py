import unittest

from property_supervision.rules import supervision_map as rules


class TestSupervisionMapRules(unittest.TestCase):
	def test_complaint_bands(self):
		self.assertEqual(rules.complaint_band(0, 1, 5), rules.GREEN)
		self.assertEqual(rules.complaint_band(1, 1, 5), rules.AMBER)
		self.assertEqual(rules.complaint_band(4, 1, 5), rules.AMBER)
		self.assertEqual(rules.complaint_band(5, 1, 5), rules.RED)
		self.assertEqual(rules.complaint_band(2, 3, 6), rules.GREEN)

	def test_band_by_measure(self):
		self.assertEqual(rules.band(rules.KEY_SUPERVISION, key_supervision=True), rules.RED)
		self.assertEqual(rules.band(rules.KEY_SUPERVISION, key_supervision=False), rules.GREEN)
		self.assertEqual(rules.band(rules.KEY_SUPERVISION, key_supervision=None), rules.GREY)
		self.assertEqual(rules.band(rules.OVERDUE_RECTIFICATION, overdue_rectifications=2), rules.RED)
		self.assertEqual(rules.band(rules.OVERDUE_RECTIFICATION, overdue_rectifications=0), rules.GREEN)
		self.assertEqual(rules.band(rules.OPEN_COMPLAINTS, open_complaints=7), rules.RED)
		with self.assertRaises(ValueError):
			rules.band("colour")

	def test_band_errors(self):
		self.assertIsNone(rules.band_error(1, 5))
		self.assertIsNotNone(rules.band_error(0, 5))
		self.assertIsNotNone(rules.band_error(3, 3))

	def test_tile_url(self):
		for good in (
			"",
			None,
			"https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}",
			"http://10.0.0.8/tiles/{z}/{x}/{y}.png",
			"/files/tiles/{z}/{x}/{y}.png",
		):
			self.assertIsNone(rules.tile_url_error(good), good)
		for bad in (
			"ftp://x/{z}/{x}/{y}.png",
			"javascript:alert(1)//{z}{x}{y}",
			"http://x/{z}/{x}.png",
			"http://x/{z}/{x}/{y}.png?key={apikey}",
			"http://x/ {z}/{x}/{y}.png",
		):
			self.assertIsNotNone(rules.tile_url_error(bad), bad)
		self.assertTrue(rules.needs_key("https://x/{z}/{x}/{y}?tk={tk}"))
		self.assertFalse(rules.needs_key("https://x/{z}/{x}/{y}"))

	def test_point(self):
		collection = {
			"type": "FeatureCollection",
			"features": [
				{
					"type": "Feature",
					"properties": {},
					"geometry": {"type": "Point", "coordinates": [87.65, 43.83]},
				}
			],
		}
		self.assertEqual(rules.point(collection), (43.83, 87.65))
		square = {
			"type": "Feature",
			"geometry": {
				"type": "Polygon",
				"coordinates": [[[87.0, 43.0], [88.0, 43.0], [88.0, 44.0], [87.0, 44.0]]],
			},
		}
		self.assertEqual(rules.point(square), (43.5, 87.5))
		for nothing in (None, {}, {"type": "FeatureCollection", "features": []}, "text", [1, 2]):
			self.assertIsNone(rules.point(nothing))
		self.assertIsNone(rules.point({"type": "Point", "coordinates": [200.0, 43.0]}))
