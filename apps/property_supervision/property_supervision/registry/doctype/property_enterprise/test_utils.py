"""Factories for tests that need enterprises and their staff (used across the app's tests)."""

import hashlib

import frappe

from property_supervision.rules.identifiers import (
	CREDIT_CODE_ALPHABET,
	credit_code_check_character,
	id_number_check_character,
)


def make_credit_code(seed: str, region: str = "650105") -> str:
	"""A valid unified social credit code derived from `seed` (the same seed, the same code)."""
	digest = hashlib.sha256(seed.encode()).digest()
	organisation = "".join(CREDIT_CODE_ALPHABET[b % len(CREDIT_CODE_ALPHABET)] for b in digest[:9])
	first17 = f"91{region}{organisation}"
	return first17 + credit_code_check_character(first17)


def make_id_number(sequence: int, birth: str = "19850612", region: str = "650102") -> str:
	"""A valid resident ID number; an odd `sequence` is a man, an even one a woman."""
	first17 = f"{region}{birth}{sequence % 1000:03d}"
	return first17 + id_number_check_character(first17)


def make_enterprise(enterprise_name: str, credit_code: str | None = None, **fields):
	"""An enterprise in Draft, created by the Administrator (or returned if the code exists)."""
	credit_code = credit_code or make_credit_code(enterprise_name)
	if frappe.db.exists("Property Enterprise", credit_code):
		return frappe.get_doc("Property Enterprise", credit_code)
	return frappe.get_doc(
		{
			"doctype": "Property Enterprise",
			"credit_code": credit_code,
			"enterprise_name": enterprise_name,
			"contact_phone": "0991-4612345",
			**fields,
		}
	).insert(ignore_permissions=True)


def make_practitioner(enterprise: str, full_name: str, id_number: str, **fields):
	existing = frappe.db.get_value("Property Practitioner", {"id_number": id_number})
	if existing:
		return frappe.get_doc("Property Practitioner", existing)
	return frappe.get_doc(
		{
			"doctype": "Property Practitioner",
			"full_name": full_name,
			"id_number": id_number,
			"enterprise": enterprise,
			**fields,
		}
	).insert(ignore_permissions=True)
