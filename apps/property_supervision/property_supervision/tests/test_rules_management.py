import datetime
import unittest

from property_supervision.rules.management import (
	ACTIVE,
	DRAFT,
	EXPIRED,
	FALLBACK_AGENCY,
	MAX_FEE_STANDARD,
	MODE_BY_CONTRACT_TYPE,
	MODE_BY_TAKEOVER_MODE,
	PROFESSIONAL_ENTERPRISE,
	TERMINATED,
	completion_year_range,
	coverage_rate,
	fee_standard_valid,
	has_expired,
	is_fallback_overdue,
	management_mode_for_contract,
	management_mode_for_takeover,
	status_change_allowed,
)


class TestManagementRules(unittest.TestCase):
	def test_contract_type_gives_mode(self):
		self.assertEqual(management_mode_for_contract("Early-stage"), PROFESSIONAL_ENTERPRISE)
		self.assertEqual(management_mode_for_contract("Selected by Owners Assembly"), PROFESSIONAL_ENTERPRISE)
		self.assertEqual(management_mode_for_contract("Fallback"), FALLBACK_AGENCY)
		self.assertEqual(management_mode_for_contract("Custodian"), "Custodian")
		self.assertEqual(len(MODE_BY_CONTRACT_TYPE), 4)

	def test_takeover_mode_gives_mode(self):
		for mode in ("Single Introduction", "Nearby Custody", "Bundled Package"):
			self.assertEqual(management_mode_for_takeover(mode), PROFESSIONAL_ENTERPRISE)
		self.assertEqual(management_mode_for_takeover("Fallback Agency"), FALLBACK_AGENCY)
		self.assertEqual(management_mode_for_takeover("Custodian"), "Custodian")
		self.assertEqual(len(MODE_BY_TAKEOVER_MODE), 6)

	def test_status_changes(self):
		for old, new in (
			(None, ACTIVE),
			(None, EXPIRED),
			(DRAFT, ACTIVE),
			(ACTIVE, EXPIRED),
			(ACTIVE, TERMINATED),
		):
			self.assertTrue(status_change_allowed(old, new), (old, new))
		for old, new in (
			(EXPIRED, ACTIVE),
			(TERMINATED, ACTIVE),
			(ACTIVE, DRAFT),
			(DRAFT, EXPIRED),
			(EXPIRED, DRAFT),
		):
			self.assertFalse(status_change_allowed(old, new), (old, new))

	def test_has_expired(self):
		today = datetime.date(2026, 6, 30)
		self.assertFalse(has_expired(None, today))
		self.assertFalse(has_expired(today, today))
		self.assertTrue(has_expired(datetime.date(2026, 6, 29), today))

	def test_fee_standard(self):
		for good in (None, 0, 0.8, MAX_FEE_STANDARD):
			self.assertTrue(fee_standard_valid(good), good)
		for bad in (-0.01, MAX_FEE_STANDARD + 0.01, 1200):
			self.assertFalse(fee_standard_valid(bad), bad)

	def test_completion_year_range(self):
		self.assertEqual(completion_year_range(datetime.date(2026, 3, 1)), (1949, 2027))

	def test_fallback_overdue(self):
		today = datetime.date(2026, 8, 1)
		since = datetime.date(2026, 1, 31)
		self.assertTrue(is_fallback_overdue(FALLBACK_AGENCY, since, today, 6))
		self.assertFalse(is_fallback_overdue(FALLBACK_AGENCY, since, datetime.date(2026, 7, 31), 6))
		self.assertFalse(is_fallback_overdue(PROFESSIONAL_ENTERPRISE, since, today, 6))
		self.assertFalse(is_fallback_overdue(FALLBACK_AGENCY, None, today, 6))
		self.assertFalse(is_fallback_overdue(FALLBACK_AGENCY, since, today, 0))

	def test_coverage_rate(self):
		self.assertEqual(coverage_rate(1, 3), 33.3)
		self.assertEqual(coverage_rate(3, 3), 100.0)
		self.assertEqual(coverage_rate(0, 4), 0.0)
		self.assertEqual(coverage_rate(0, 0), 100.0)


if __name__ == "__main__":
	unittest.main()
