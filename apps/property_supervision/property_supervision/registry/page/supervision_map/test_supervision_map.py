"""The supervision map's endpoint (api/map.py): who gets it, whose compounds, the counts and colours,
and the refusals, as the desk page calls it."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision import workflow_meanings as meanings
from property_supervision.api.map import get_map_data
from property_supervision.rules import supervision_map as rules
from property_supervision.tests.factories import (
	AREA,
	OTHER_AREA,
	make_complaint,
	make_compound,
	make_enterprise,
	make_enterprise_user,
	make_officer,
	use_chinese,
)

COMMUNITY = "地图测试七纺社区"
OTHER_COMMUNITY = "地图测试新民社区"


def location(longitude: float, latitude: float) -> str:
	return json.dumps(
		{
			"type": "FeatureCollection",
			"features": [
				{
					"type": "Feature",
					"properties": {},
					"geometry": {"type": "Point", "coordinates": [longitude, latitude]},
				}
			],
		}
	)


def insert_notice(compound: str, enterprise: str, state: str, is_overdue: int) -> str:
	"""A rectification notice as the Supervision module's workflow and daily sweep leave it (the row
	is written directly: this test is about the map that reads it)."""
	doc = frappe.get_doc(
		{
			"doctype": "Rectification Notice",
			"inspection": "MAP-TEST-INSPECTION",
			"compound": compound,
			"jurisdiction": frappe.db.get_value("Residential Compound", compound, "jurisdiction"),
			"enterprise": enterprise,
			"workflow_state": state,
			"issued_on": "2026-01-05",
			"deadline": "2026-02-05",
			"is_overdue": is_overdue,
			"finding": "消防通道被占用",
		}
	)
	doc.set_new_name()
	doc.db_insert()
	return doc.name


class TestSupervisionMap(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		settings = frappe.get_doc("Map Settings")
		settings.complaints_warning_from, settings.complaints_alert_from = 1, 5
		settings.save(ignore_permissions=True)
		cls.key_enterprise = make_enterprise("地图测试重点物业有限公司").name
		cls.plain_enterprise = make_enterprise("地图测试普通物业有限公司").name
		frappe.db.set_value("Property Enterprise", cls.key_enterprise, "key_supervision", 1)
		frappe.db.set_value("Property Enterprise", cls.plain_enterprise, "key_supervision", 0)
		cls.busy = make_compound(
			"地图测试甲小区",
			COMMUNITY,
			AREA,
			enterprise=cls.key_enterprise,
			location=location(87.63, 43.82),
		)
		cls.quiet = make_compound(
			"地图测试乙小区",
			COMMUNITY,
			AREA,
			enterprise=cls.plain_enterprise,
			location=location(87.65, 43.83),
		)
		cls.unmanaged = make_compound("地图测试丙小区", COMMUNITY, AREA, location=location(87.66, 43.84))
		cls.unplaced = make_compound("地图测试丁小区", COMMUNITY, AREA)
		cls.elsewhere = make_compound(
			"地图测试戊小区",
			OTHER_COMMUNITY,
			OTHER_AREA,
			enterprise=cls.plain_enterprise,
			location=location(87.70, 43.86),
		)
		for _ in range(5):
			make_complaint(cls.busy)
		make_complaint(cls.quiet)
		resolved = make_complaint(cls.quiet)
		frappe.db.set_value(
			"Complaint", resolved.name, "workflow_state", meanings.resolved_complaint_states()[0]
		)
		make_complaint(cls.elsewhere)
		cls.open_state = meanings.open_rectification_states()[0]
		cls.closed_state = meanings.closed_rectification_states()[0]
		insert_notice(cls.busy, cls.key_enterprise, cls.open_state, 1)
		insert_notice(cls.busy, cls.key_enterprise, cls.open_state, 1)
		insert_notice(cls.quiet, cls.plain_enterprise, cls.open_state, 0)  # not yet overdue
		insert_notice(cls.quiet, cls.plain_enterprise, cls.closed_state, 1)  # closed: not open
		insert_notice(cls.elsewhere, cls.plain_enterprise, cls.open_state, 1)
		cls.area_officer = make_officer("map.area@example.com", "Area Officer", AREA)
		cls.community_officer = make_officer(
			"map.community@example.com", "Community Officer", OTHER_COMMUNITY
		)
		cls.enterprise_user = make_enterprise_user("map.enterprise@example.com", cls.key_enterprise)

	def setUp(self):
		use_chinese()

	def tearDown(self):
		frappe.set_user("Administrator")

	def compounds(self, **kwargs) -> dict:
		return {row["name"]: row for row in get_map_data(**kwargs)["compounds"]}

	def test_counts_and_colours_by_open_complaints(self):
		data = get_map_data(jurisdiction=COMMUNITY)
		rows = {row["name"]: row for row in data["compounds"]}
		self.assertEqual(set(rows), {self.busy, self.quiet, self.unmanaged})
		self.assertEqual(data["without_location"], 1)  # 地图测试丁小区
		self.assertEqual(rows[self.busy]["open_complaints"], 5)
		self.assertEqual(rows[self.quiet]["open_complaints"], 1)  # the resolved one is not open
		self.assertEqual(rows[self.unmanaged]["open_complaints"], 0)
		self.assertEqual(
			{name: row["band"] for name, row in rows.items()},
			{self.busy: rules.RED, self.quiet: rules.AMBER, self.unmanaged: rules.GREEN},
		)
		self.assertEqual(rows[self.busy]["colour"], rules.COLOURS[rules.RED])
		self.assertEqual((rows[self.busy]["latitude"], rows[self.busy]["longitude"]), (43.82, 87.63))
		legend = {entry["band"]: entry for entry in data["legend"]}
		self.assertEqual(
			{band: entry["count"] for band, entry in legend.items()}, {"green": 1, "amber": 1, "red": 1}
		)
		self.assertEqual(legend["amber"]["label"], "1–4 件在办投诉")
		self.assertEqual(legend["red"]["label"], "5 件及以上在办投诉")

	def test_bands_follow_the_settings(self):
		settings = frappe.get_doc("Map Settings")
		settings.complaints_warning_from, settings.complaints_alert_from = 2, 6
		settings.save(ignore_permissions=True)
		try:
			rows = self.compounds(jurisdiction=COMMUNITY)
			self.assertEqual(rows[self.busy]["band"], rules.AMBER)
			self.assertEqual(rows[self.quiet]["band"], rules.GREEN)
		finally:
			settings.complaints_warning_from, settings.complaints_alert_from = 1, 5
			settings.save(ignore_permissions=True)

	def test_colours_by_key_supervision(self):
		rows = self.compounds(jurisdiction=COMMUNITY, colour_by=rules.KEY_SUPERVISION)
		self.assertEqual(rows[self.busy]["band"], rules.RED)
		self.assertIs(rows[self.busy]["key_supervision"], True)
		self.assertEqual(rows[self.busy]["enterprise_name"], "地图测试重点物业有限公司")
		self.assertEqual(rows[self.quiet]["band"], rules.GREEN)
		self.assertEqual(rows[self.unmanaged]["band"], rules.GREY)
		self.assertIsNone(rows[self.unmanaged]["key_supervision"])

	def test_colours_by_overdue_rectification(self):
		data = get_map_data(jurisdiction=COMMUNITY, colour_by=rules.OVERDUE_RECTIFICATION)
		self.assertTrue(data["rectification_available"])
		rows = {row["name"]: row for row in data["compounds"]}
		self.assertEqual(rows[self.busy]["overdue_rectifications"], 2)
		# a notice not yet overdue and a closed one still flagged do not count
		self.assertEqual(rows[self.quiet]["overdue_rectifications"], 0)
		self.assertEqual(
			{name: row["band"] for name, row in rows.items()},
			{self.busy: rules.RED, self.quiet: rules.GREEN, self.unmanaged: rules.GREEN},
		)

	def test_area_filter_takes_the_subtree(self):
		rows = self.compounds(jurisdiction=OTHER_AREA)
		self.assertIn(self.elsewhere, rows)
		self.assertNotIn(self.busy, rows)
		self.assertEqual(rows[self.elsewhere]["open_complaints"], 1)
		self.assertEqual(rows[self.elsewhere]["overdue_rectifications"], 1)
		everything = self.compounds()
		self.assertTrue({self.busy, self.quiet, self.unmanaged, self.elsewhere} <= set(everything))

	def test_area_officer_sees_only_own_area(self):
		frappe.set_user(self.area_officer)
		rows = self.compounds()
		self.assertIn(self.busy, rows)
		self.assertNotIn(self.elsewhere, rows)
		self.assertTrue(
			all(
				frappe.db.get_value("Jurisdiction", row["jurisdiction"], "parent_jurisdiction") == AREA
				for row in rows.values()
			)
		)
		self.assertEqual(rows[self.busy]["open_complaints"], 5)
		self.assertEqual(rows[self.busy]["overdue_rectifications"], 2)
		# another area: the same refusal as an area that does not exist
		for jurisdiction in (OTHER_AREA, OTHER_COMMUNITY, "不存在的片区"):
			with self.assertRaisesRegex(frappe.ValidationError, "所选辖区不存在或您无权查看"):
				get_map_data(jurisdiction=jurisdiction)

	def test_community_officer_sees_only_own_community(self):
		frappe.set_user(self.community_officer)
		rows = self.compounds()
		self.assertEqual(
			set(rows) & {self.busy, self.quiet, self.unmanaged, self.elsewhere}, {self.elsewhere}
		)
		self.assertEqual(rows[self.elsewhere]["open_complaints"], 1)

	def test_only_the_pages_roles_and_no_guests(self):
		for user in (self.enterprise_user, "Guest"):
			frappe.set_user(user)
			with self.assertRaisesRegex(frappe.PermissionError, "您无权查看监管地图"):
				get_map_data()

	def test_bad_measure_refused_in_chinese(self):
		with self.assertRaisesRegex(frappe.ValidationError, "地图只能按在办投诉、重点监管或逾期整改着色"):
			get_map_data(colour_by="credit_score")

	def test_only_listed_fields_leave_the_server(self):
		row = self.compounds(jurisdiction=COMMUNITY)[self.busy]
		self.assertEqual(
			set(row),
			{
				"name",
				"compound_name",
				"jurisdiction",
				"enterprise",
				"enterprise_name",
				"management_mode",
				"household_count",
				"is_old_compound",
				"latitude",
				"longitude",
				"open_complaints",
				"key_supervision",
				"overdue_rectifications",
				"band",
				"colour",
			},
		)
		self.assertNotIn("13912345678", json.dumps(get_map_data(), ensure_ascii=False))

	def test_queries_do_not_grow_with_the_compounds(self):
		get_map_data(jurisdiction=COMMUNITY)  # caches warm
		queries = self.query_count(jurisdiction=COMMUNITY)
		for i in range(4):
			compound = make_compound(
				f"地图测试增{i}小区", COMMUNITY, AREA, location=location(87.64, 43.8 + i / 100)
			)
			make_complaint(compound)
		self.assertEqual(len(self.compounds(jurisdiction=COMMUNITY)), 7)  # caches warm again
		self.assertEqual(self.query_count(jurisdiction=COMMUNITY), queries)

	def query_count(self, **kwargs) -> int:
		counted = []
		sql = frappe.db.sql

		def counting(query, *args, **kw):
			counted.append(query)
			return sql(query, *args, **kw)

		frappe.db.sql = counting
		try:
			get_map_data(**kwargs)
		finally:
			frappe.db.sql = sql
		return len([q for q in counted if str(q).lstrip().lower().startswith("select")])

	def test_tiles_without_key_or_url_are_not_requested(self):
		settings = frappe.get_doc("Map Settings")
		shipped = settings.tile_url, settings.label_tile_url, settings.tile_key
		settings.tile_key = ""
		settings.save(ignore_permissions=True)
		try:
			# the shipped 天地图 template wants a key: no tiles until one is set
			self.assertIn("{tk}", settings.tile_url)
			tiles = get_map_data()["tiles"]
			self.assertEqual((tiles["url"], tiles["label_url"], tiles["missing"]), ("", "", "key"))
			settings.tile_key = "0123abcd"
			settings.save(ignore_permissions=True)
			tiles = get_map_data()["tiles"]
			self.assertEqual(
				(tiles["url"], tiles["key"], tiles["missing"]), (settings.tile_url, "0123abcd", None)
			)
			settings.tile_url, settings.label_tile_url = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png", ""
			settings.save(ignore_permissions=True)
			self.assertEqual(get_map_data()["tiles"]["url"], "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png")
			settings.tile_url = ""
			settings.save(ignore_permissions=True)
			self.assertEqual(get_map_data()["tiles"]["missing"], "url")
		finally:
			settings.reload()
			settings.tile_url, settings.label_tile_url, settings.tile_key = shipped
			settings.save(ignore_permissions=True)
