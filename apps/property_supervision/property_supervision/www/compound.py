"""/compounds/<compound> (website_route_rules in hooks.py): one compound's public page — who
manages it and how, the active contract's period and fee standard, the latest publicity of each
kind with the posted notice's photo, whether the public income and expense publicity is overdue,
the owners' committee's term and filing state, and the way to complain about it. Data:
residents/compounds.py through the rate-limited guest endpoint
property_supervision.api.disclosure.get_compound."""

from frappe import _lt

from property_supervision.api import disclosure
from property_supervision.residents.pages import form_value, load

no_cache = 1
sitemap = 0


def get_context(context):
	context.compound = load(
		context, _lt("Residential Compound"), disclosure.get_compound, compound=form_value("compound")
	)
	if context.compound:
		context.title = context.compound["compound_name"]
	return context
