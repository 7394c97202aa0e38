import datetime
import unittest

from property_supervision.rules.training import (
	AREA_LEVEL,
	AREA_STAFF,
	COMMUNITY_STAFF,
	DISTRICT_LEVEL,
	ENTERPRISES,
	LINK_FIELD_BY_ATTENDEE_TYPE,
	OWNERS_COMMITTEES,
	attendance_rate,
	attendee_type_for,
	audience_allowed,
	organizer_allowed,
	score_valid,
	year_bounds,
)


class TestTrainingRules(unittest.TestCase):
	def test_district_trains_staff_and_enterprises(self):
		for audience in (AREA_STAFF, COMMUNITY_STAFF, ENTERPRISES):
			self.assertTrue(audience_allowed(DISTRICT_LEVEL, audience))
		self.assertFalse(audience_allowed(DISTRICT_LEVEL, OWNERS_COMMITTEES))

	def test_areas_train_owners_committees(self):
		self.assertTrue(audience_allowed(AREA_LEVEL, OWNERS_COMMITTEES))
		for audience in (AREA_STAFF, COMMUNITY_STAFF, ENTERPRISES):
			self.assertFalse(audience_allowed(AREA_LEVEL, audience))
		self.assertFalse(audience_allowed(None, ENTERPRISES))
		self.assertFalse(audience_allowed("Community", OWNERS_COMMITTEES))

	def test_organizer_level(self):
		self.assertTrue(organizer_allowed(DISTRICT_LEVEL, "District"))
		self.assertFalse(organizer_allowed(DISTRICT_LEVEL, "Area Committee"))
		self.assertTrue(organizer_allowed(AREA_LEVEL, "Area Committee"))
		self.assertTrue(organizer_allowed(AREA_LEVEL, "Subdistrict"))
		self.assertFalse(organizer_allowed(AREA_LEVEL, "District"))
		self.assertFalse(organizer_allowed(AREA_LEVEL, "Community"))
		self.assertFalse(organizer_allowed(AREA_LEVEL, None))

	def test_attendee_type_per_audience(self):
		self.assertEqual(attendee_type_for(ENTERPRISES), "Enterprise")
		self.assertEqual(attendee_type_for(OWNERS_COMMITTEES), "Owners Committee")
		self.assertEqual(attendee_type_for(AREA_STAFF), "Supervision Unit")
		self.assertEqual(attendee_type_for(COMMUNITY_STAFF), "Supervision Unit")
		self.assertIsNone(attendee_type_for(None))
		self.assertEqual(
			set(LINK_FIELD_BY_ATTENDEE_TYPE), {"Enterprise", "Owners Committee", "Supervision Unit"}
		)

	def test_score_bounds(self):
		for score in (None, 0, 0.5, 60, 100):
			self.assertTrue(score_valid(score))
		for score in (-0.1, 100.1, 150):
			self.assertFalse(score_valid(score))

	def test_attendance_rate(self):
		self.assertIsNone(attendance_rate(0, 0))
		self.assertEqual(attendance_rate(0, 4), 0.0)
		self.assertEqual(attendance_rate(1, 3), 33.3)
		self.assertEqual(attendance_rate(2, 3), 66.7)
		self.assertEqual(attendance_rate(5, 5), 100.0)

	def test_year_bounds(self):
		start, end = year_bounds(2026)
		self.assertEqual(start, datetime.datetime(2026, 1, 1))
		self.assertEqual(end, datetime.datetime(2027, 1, 1))
