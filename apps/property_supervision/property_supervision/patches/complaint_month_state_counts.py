"""The monthly complaint totals keep each complaint's state and overdue mark, so that the year's
resolution and overdue rate cards count from them (issue 12): the table made anew with the two
columns and recounted from the complaints."""

from property_supervision.complaints import monthly


def execute():
	monthly.widen_table()
