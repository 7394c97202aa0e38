"""/credit: the public credit disclosure of filed property service enterprises — grade, score band,
key supervision as of a date, the 红榜 and 黑榜, filters by grade and area, confirmed records in
words, and how an enterprise objects. What it shows is set in Credit Settings → Public Disclosure.
Data: residents/credit.py through the rate-limited guest endpoint
property_supervision.api.disclosure.get_credit_disclosure."""

from frappe import _lt

from property_supervision.api import disclosure
from property_supervision.residents import compounds
from property_supervision.residents.pages import form_value, load

no_cache = 1
sitemap = 0


def get_context(context):
	context.result = load(
		context,
		_lt("Enterprise Credit Disclosure"),
		disclosure.get_credit_disclosure,
		as_of=form_value("as_of"),
		grade=form_value("grade"),
		area=form_value("area"),
		page=form_value("page"),
		enterprise=form_value("enterprise"),
	)
	context.areas = compounds.area_choices()
	chosen = context.result or {}
	context.filters = {
		"as_of": chosen.get("as_of") or "",
		"grade": chosen.get("grade") or "",
		"area": chosen.get("area") or "",
		"enterprise": chosen.get("enterprise") or "",
	}
	return context
