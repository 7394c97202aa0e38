"""Mainland China telephone numbers: mobile, landline (with or without area code), 400/800."""

import re

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# area code 010/02x (3 digits) or 0xxx (4 digits), 7–8 digit subscriber number, optional extension
_LANDLINE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")
_SERVICE = re.compile(r"^[48]00-?\d{3}-?\d{4}$")


def normalize_phone(value: str) -> str:
	"""Drop blanks, full-width digits and the +86 / 0086 prefix; keep hyphens."""
	value = (value or "").strip()
	value = value.translate({ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")})
	value = value.replace("－", "-")
	value = re.sub(r"[\s()（）]", "", value)
	value = re.sub(r"^(\+86|0086)-?", "", value)
	return value


def canonical_phone(value: str | None) -> str:
	"""The number as stored, whoever typed it: normalised, and a mobile number without the hyphens
	or blanks it was typed with (139-1234-5678 is 13912345678); landlines keep their hyphens."""
	phone = normalize_phone(value or "")
	digits = re.sub(r"\D", "", phone)
	return digits if _MOBILE.match(digits) else phone


def is_valid_mobile(value: str) -> bool:
	return bool(_MOBILE.match(normalize_phone(value)))


def is_valid_phone(value: str) -> bool:
	"""True for a mainland mobile, a landline, a local landline or a 400/800 service number."""
	value = normalize_phone(value)
	return bool(
		_MOBILE.match(value) or _LANDLINE.match(value) or _LOCAL.match(value) or _SERVICE.match(value)
	)
