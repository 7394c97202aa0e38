"""The residents' pages on existing sites (issue 13): the Language record `ug` (Uyghur, which
Frappe lacks) and the shipped defaults of Credit Settings → Public Disclosure where the site has
no value yet. New sites get both from setup.defaults; an administrator's choices stay."""

from property_supervision.residents.credit import create_public_disclosure_defaults
from property_supervision.residents.language import create_uyghur_language


def execute():
	create_uyghur_language()
	create_public_disclosure_defaults()
