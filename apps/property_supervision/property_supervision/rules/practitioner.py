"""Rules for property service practitioners (从业人员) that need no database.

- Gender and birth date come from the resident identity number (GB 11643-1999): the birth date
  is characters 7–14 and the 17th character is odd for men and even for women.
- Employment: a practitioner who has left has a leaving date, not before the joining date; an
  active one has none. Nobody under 16 may be employed (劳动法 第十五条).
"""

import datetime

from property_supervision.rules.identifiers import id_number_birth_date, normalize_id_number

MALE = "Male"
FEMALE = "Female"
ACTIVE = "Active"
LEFT = "Left"
MINIMUM_WORKING_AGE = 16


def id_number_gender(value: str) -> str | None:
	"""Male or Female from the sequence code of an 18-digit ID number; None if it cannot tell."""
	number = normalize_id_number(value)
	if len(number) != 18 or not number[16].isdigit():
		return None
	return MALE if int(number[16]) % 2 else FEMALE


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
	"""Full years of age on `day`."""
	return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def employment_error(
	status: str,
	joined_on: datetime.date | None,
	left_on: datetime.date | None,
	birth_date: datetime.date | None = None,
) -> str | None:
	"""None when the employment dates fit the status, else what is wrong:
	"left_without_date", "active_with_left_on", "left_before_joined" or "under_age"."""
	if status == LEFT and not left_on:
		return "left_without_date"
	if status == ACTIVE and left_on:
		return "active_with_left_on"
	if joined_on and left_on and left_on < joined_on:
		return "left_before_joined"
	if joined_on and birth_date and age_on(birth_date, joined_on) < MINIMUM_WORKING_AGE:
		return "under_age"
	return None


def id_number_details(value: str) -> tuple[str | None, datetime.date | None]:
	"""(gender, birth date) read from an ID number; (None, None) parts when unreadable."""
	return id_number_gender(value), id_number_birth_date(value)
