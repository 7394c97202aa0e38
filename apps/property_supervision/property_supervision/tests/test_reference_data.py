import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.setup.reference import load_reference_data, read_reference_file

AREA_COMMITTEES = {
	"七纺片区管委会",
	"新民路片区管委会",
	"六道湾片区管委会",
	"苇湖梁片区管委会",
	"八道湾片区管委会",
	"南湖南路片区管委会",
	"南湖北路片区管委会",
	"七道湾片区管委会",
}
SUBDISTRICTS = {"石人子沟街道办事处", "榆树沟街道办事处"}
# member units of the leading group and the units the plan gives duties to
SEED_UNITS = {
	"区经济和发展改革委员会",
	"区建设局",
	"区市政市容管理局",
	"区林业园林管理局",
	"区城市管理行政执法局",
	"区环境保护局",
	"区司法局",
	"区规划分局",
	"区爱国卫生运动委员会办公室",
	"区建设局公用事业管理服务中心",
	"区建设局物业监督管理办公室",
	"区公安局",
	"区城区建设管理委员会办公室",
	"区综合考核工作领导小组办公室",
}


class TestReferenceData(FrappeTestCase):
	def test_jurisdictions_complete(self):
		self.assertEqual(frappe.db.get_value("Jurisdiction", "水磨沟区", "jurisdiction_type"), "District")
		areas = set(
			frappe.get_all(
				"Jurisdiction",
				{"jurisdiction_type": "Area Committee", "parent_jurisdiction": "水磨沟区"},
				pluck="name",
			)
		)
		self.assertTrue(AREA_COMMITTEES <= areas, AREA_COMMITTEES - areas)
		subdistricts = set(frappe.get_all("Jurisdiction", {"jurisdiction_type": "Subdistrict"}, pluck="name"))
		self.assertTrue(SUBDISTRICTS <= subdistricts)

	def test_units_complete(self):
		units = set(frappe.get_all("Supervision Unit", pluck="name"))
		self.assertTrue(SEED_UNITS <= units, SEED_UNITS - units)
		self.assertTrue(AREA_COMMITTEES | SUBDISTRICTS <= units)
		office = frappe.get_all("Supervision Unit", {"is_supervision_office": 1}, pluck="name")
		self.assertEqual(office, ["区建设局物业监督管理办公室"])

	def test_no_personal_names(self):
		# the seed names office holders; reference data carries units only
		for record in read_reference_file("supervision_unit.json"):
			for name in ("杨  春", "刘  伟", "高  歌", "刘伟"):
				self.assertNotIn(name, str(record))

	def test_loading_twice_creates_nothing(self):
		before = {dt: frappe.db.count(dt) for dt in ("Jurisdiction", "Supervision Unit")}
		created = load_reference_data()
		self.assertEqual(created, {"Jurisdiction": 0, "Supervision Unit": 0})
		after = {dt: frappe.db.count(dt) for dt in ("Jurisdiction", "Supervision Unit")}
		self.assertEqual(before, after)

	def test_reload_keeps_administrator_edits(self):
		frappe.db.set_value("Supervision Unit", "区司法局", "contact_phone", "0991-4888888")
		load_reference_data()
		self.assertEqual(frappe.db.get_value("Supervision Unit", "区司法局", "contact_phone"), "0991-4888888")
