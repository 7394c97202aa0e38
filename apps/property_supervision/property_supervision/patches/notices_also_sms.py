"""Notifications gain "Also by SMS" (ps_also_sms): every e-mail notice can also go by SMS with one
tick in the desk. Existing sites get the field (the notices' custom fields are otherwise created
once); no notice is switched to SMS."""

from property_supervision.notices.defaults import create_notice_fields


def execute():
	create_notice_fields()
