"""The index of the report Enterprise Credit Ranking (credit_record.py, CREDIT_FIGURES_INDEX) on
existing sites: on_doctype_update adds it only when the Credit Record DocType itself changes."""

from property_supervision.credit.doctype.credit_record.credit_record import add_credit_indexes


def execute():
	add_credit_indexes()
