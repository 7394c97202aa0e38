"""Check characters of Chinese identifiers.

- 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
  alphabet (digits and capital letters without I, O, Z, S, V); the last is a check character.
- 居民身份证号码 (resident identity number), GB 11643-1999: 17 digits (6-digit address code,
  8-digit birth date, 3-digit sequence) and an ISO 7064 MOD 11-2 check character (0-9 or X).
"""

import datetime
import re

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_CODE = re.compile(rf"^[{CREDIT_CODE_ALPHABET}]{{18}}$")

ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
ID_CHECK_CHARACTERS = "10X98765432"
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")


def credit_code_check_character(first17: str) -> str:
	total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
	return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
	return (value or "").strip().upper()


def credit_code_error(value: str) -> str | None:
	"""None when `value` is a valid unified social credit code, else what is wrong (in English,
	for the caller to translate)."""
	code = normalize_credit_code(value)
	if len(code) != 18:
		return "length"
	if not _CREDIT_CODE.match(code):
		return "characters"
	if not code[2:8].isdigit():
		return "region"
	if credit_code_check_character(code[:17]) != code[17]:
		return "check"
	return None


def is_valid_credit_code(value: str) -> bool:
	return credit_code_error(value) is None


def id_number_check_character(first17: str) -> str:
	return ID_CHECK_CHARACTERS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def normalize_id_number(value: str) -> str:
	return (value or "").strip().upper()


def id_number_birth_date(value: str) -> datetime.date | None:
	number = normalize_id_number(value)
	try:
		return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		return None


def id_number_error(value: str, today: datetime.date | None = None) -> str | None:
	"""None when `value` is a valid 18-digit resident identity number, else what is wrong."""
	number = normalize_id_number(value)
	if not _ID_NUMBER.match(number):
		return "format"
	birth = id_number_birth_date(number)
	today = today or datetime.date.today()
	if birth is None or birth.year < 1900 or birth > today:
		return "birth_date"
	if id_number_check_character(number[:17]) != number[17]:
		return "check"
	return None


def is_valid_id_number(value: str) -> bool:
	return id_number_error(value) is None


def mask_id_number(value: str) -> str:
	"""650102********123X: region and last four only."""
	number = normalize_id_number(value)
	if len(number) != 18:
		return "*" * len(number)
	return f"{number[:6]}{'*' * 8}{number[14:]}"


def mask_phone(value: str) -> str:
	"""139****5678 for mobiles; the last four digits for anything else."""
	digits = (value or "").strip()
	if len(digits) == 11 and digits.isdigit():
		return f"{digits[:3]}****{digits[7:]}"
	return f"{'*' * max(len(digits) - 4, 0)}{digits[-4:]}"
