import datetime
import unittest

from property_supervision.rules.identifiers import id_number_check_character
from property_supervision.rules.practitioner import (
	ACTIVE,
	FEMALE,
	LEFT,
	MALE,
	age_on,
	employment_error,
	id_number_details,
	id_number_gender,
)

D = datetime.date


def make_id_number(first17: str) -> str:
	return first17 + id_number_check_character(first17)


class TestGenderFromIdNumber(unittest.TestCase):
	def test_odd_sequence_is_male_even_is_female(self):
		self.assertEqual(id_number_gender(make_id_number("65010219850612001")), MALE)
		self.assertEqual(id_number_gender(make_id_number("65010219850612002")), FEMALE)
		self.assertEqual(id_number_gender(make_id_number("65010219850612010")), FEMALE)

	def test_unreadable(self):
		self.assertIsNone(id_number_gender(""))
		self.assertIsNone(id_number_gender("6501021985"))
		self.assertIsNone(id_number_gender("6501021985061200X1"))

	def test_details(self):
		number = make_id_number("65010219850612003")
		self.assertEqual(id_number_details(number), (MALE, D(1985, 6, 12)))
		self.assertEqual(id_number_details(" " + number.lower() + " "), (MALE, D(1985, 6, 12)))


class TestEmployment(unittest.TestCase):
	def test_age(self):
		self.assertEqual(age_on(D(2000, 6, 12), D(2016, 6, 11)), 15)
		self.assertEqual(age_on(D(2000, 6, 12), D(2016, 6, 12)), 16)
		self.assertEqual(age_on(D(2000, 2, 29), D(2016, 2, 28)), 15)

	def test_valid(self):
		self.assertIsNone(employment_error(ACTIVE, D(2020, 1, 1), None, D(1990, 1, 1)))
		self.assertIsNone(employment_error(ACTIVE, None, None))
		self.assertIsNone(employment_error(LEFT, D(2020, 1, 1), D(2020, 1, 1)))
		self.assertIsNone(employment_error(LEFT, None, D(2021, 1, 1)))

	def test_errors(self):
		self.assertEqual(employment_error(LEFT, D(2020, 1, 1), None), "left_without_date")
		self.assertEqual(employment_error(ACTIVE, D(2020, 1, 1), D(2021, 1, 1)), "active_with_left_on")
		self.assertEqual(employment_error(LEFT, D(2020, 1, 2), D(2020, 1, 1)), "left_before_joined")
		self.assertEqual(employment_error(ACTIVE, D(2016, 6, 11), None, D(2000, 6, 12)), "under_age")
		self.assertIsNone(employment_error(ACTIVE, D(2016, 6, 12), None, D(2000, 6, 12)))


if __name__ == "__main__":
	unittest.main()
