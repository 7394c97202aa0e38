"""/compounds: find a residential compound by area, community or a part of its name, then open its
public page /compounds/<compound> (www/compound.py). Data: residents/compounds.py through the
rate-limited guest endpoint property_supervision.api.disclosure.find_compounds."""

from frappe import _lt

from property_supervision.api import disclosure
from property_supervision.residents import compounds
from property_supervision.residents.pages import form_value, load

no_cache = 1
sitemap = 0


def get_context(context):
	context.result = load(
		context,
		_lt("Residential Compounds"),
		disclosure.find_compounds,
		area=form_value("area"),
		community=form_value("community"),
		query=form_value("query"),
		page=form_value("page"),
	)
	context.areas = compounds.area_choices()
	chosen = context.result or {}
	context.chosen_area = chosen.get("area") or ""
	context.chosen_community = chosen.get("community") or ""
	context.chosen_query = chosen.get("query") or ""
	return context
