import unittest

from property_supervision.rules.phone import is_valid_mobile, is_valid_phone, normalize_phone


class TestPhoneRules(unittest.TestCase):
	def test_mobile(self):
		for good in ("13912345678", "+86 139 1234 5678", "0086-13912345678", "１３９１２３４５６７８"):
			self.assertTrue(is_valid_mobile(good), good)
			self.assertTrue(is_valid_phone(good), good)
		for bad in ("12912345678", "1391234567", "139123456789", "abc", ""):
			self.assertFalse(is_valid_mobile(bad), bad)

	def test_landline(self):
		for good in (
			"0991-4612345",
			"09914612345",
			"010-62345678",
			"0991-4612345-801",
			"4612345",
			"400-820-8820",
		):
			self.assertTrue(is_valid_phone(good), good)
		for bad in ("0991-123", "1234567", "0991-0612345", "12345", "991-4612345-", "tel:0991"):
			self.assertFalse(is_valid_phone(bad), bad)

	def test_normalize(self):
		self.assertEqual(normalize_phone(" (0991) 461 2345 "), "09914612345")
