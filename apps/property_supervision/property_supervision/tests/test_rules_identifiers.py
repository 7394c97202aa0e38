import datetime
import unittest

from property_supervision.rules.identifiers import (
	credit_code_check_character,
	credit_code_error,
	id_number_check_character,
	id_number_error,
	is_valid_credit_code,
	is_valid_id_number,
	mask_id_number,
	mask_phone,
)


def make_credit_code(first17: str) -> str:
	return first17 + credit_code_check_character(first17)


def make_id_number(first17: str) -> str:
	return first17 + id_number_check_character(first17)


class TestCreditCode(unittest.TestCase):
	def test_published_examples(self):
		# codes printed on public business licences
		for code in ("91350100M000100Y43", "91110000802100433B", "91440300708461136T"):
			self.assertTrue(is_valid_credit_code(code), code)
		self.assertTrue(is_valid_credit_code(" 91350100m000100y43 "))

	def test_check_character_is_verified(self):
		code = make_credit_code("91650105MA7XYW1K2")
		self.assertTrue(is_valid_credit_code(code))
		for wrong in set("0123456789ABCDEFGHJKLMNPQRTUWXY") - {code[-1]}:
			self.assertEqual(credit_code_error(code[:-1] + wrong), "check")

	def test_format(self):
		self.assertEqual(credit_code_error("9135010"), "length")
		self.assertEqual(credit_code_error("91350100M000100I43"), "characters")  # I is not used
		self.assertEqual(credit_code_error("9135O100M000100Y43"), "characters")  # O neither
		self.assertEqual(credit_code_error(make_credit_code("91AB0100M000100Y4")), "region")


class TestIdNumber(unittest.TestCase):
	def test_published_example(self):
		# the example of GB 11643-1999
		self.assertTrue(is_valid_id_number("11010519491231002X"))
		self.assertTrue(is_valid_id_number("11010519491231002x"))

	def test_check_digit(self):
		number = make_id_number("65010219850612301")
		self.assertTrue(is_valid_id_number(number))
		for wrong in set("0123456789X") - {number[-1]}:
			self.assertEqual(id_number_error(number[:-1] + wrong), "check")

	def test_birth_date(self):
		self.assertEqual(id_number_error(make_id_number("65010219850230301")), "birth_date")
		self.assertEqual(id_number_error(make_id_number("65010218991231301")), "birth_date")
		future = make_id_number("65010220990101301")
		self.assertEqual(id_number_error(future, today=datetime.date(2026, 1, 1)), "birth_date")

	def test_format(self):
		for bad in ("", "650102198506123", "6501021985061230X1", "65010219850612301Y"):
			self.assertEqual(id_number_error(bad), "format", bad)

	def test_masks(self):
		self.assertEqual(mask_id_number("11010519491231002X"), "110105********002X")
		self.assertEqual(mask_phone("13912345678"), "139****5678")
		self.assertEqual(mask_phone("0991-4612345"), "********2345")
