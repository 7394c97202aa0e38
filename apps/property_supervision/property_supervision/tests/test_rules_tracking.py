import unittest

from property_supervision.rules.tracking import is_well_formed, new_tracking_key, normalize_tracking_key


class TestTrackingKey(unittest.TestCase):
	def test_new_keys_are_well_formed_and_distinct(self):
		keys = {new_tracking_key() for _ in range(2000)}
		self.assertEqual(len(keys), 2000)
		self.assertTrue(all(is_well_formed(k) for k in keys))

	def test_normalize(self):
		self.assertEqual(normalize_tracking_key(" k7m3 qx4d-ht6a "), "K7M3-QX4D-HT6A")
		self.assertTrue(is_well_formed("k7m3qx4dht6a"))
		self.assertFalse(is_well_formed("K7M3-QX4D"))
		self.assertFalse(is_well_formed("K7M0-QX4D-HT6A"))  # 0 is not used
