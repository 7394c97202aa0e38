"""The monthly complaint totals behind the workspace chart "Complaints by Month" (issue 12):
the table, counted once from the complaints; from then on the Complaint controller keeps it."""

from property_supervision.complaints import monthly


def execute():
	monthly.rebuild()
