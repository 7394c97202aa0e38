"""Supervision inspections and rectification notices on existing sites (issue 14): the meaning
fields learn the new meanings (Issued, Answered, Escalated, Refused), and the site receives the
defaults it has never had — the two workflows, the notices, the inspection templates and the
Supervision Settings (credit rule BL-07). An administrator's records are left alone."""

from property_supervision.supervision.defaults import create_missing_defaults


def execute():
	create_missing_defaults()
