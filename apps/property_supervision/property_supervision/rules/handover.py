"""Handover inspection (承接查验) of a new compound, before the property service enterprise takes
it over from the developer.

建房〔2010〕165号 (《物业承接查验办法》) has the inspection done before delivery to the owners (the
district's plan: 15 days before); defects found are rectified by the developer within a period
(default 30 days). The numbers are settings; the functions take them as arguments.
"""

import datetime

PASSED = "Passed"
DEFECT_FOUND = "Defect Found"

CONCLUSION_PASSED = "Passed"
CONCLUSION_PASSED_WITH_RECTIFICATION = "Passed with Rectification"
CONCLUSION_FAILED = "Not Passed"


def inspection_due_date(delivery_date: datetime.date | None, lead_days: int) -> datetime.date | None:
	"""The last day for the inspection: `lead_days` before delivery."""
	if not delivery_date:
		return None
	return delivery_date - datetime.timedelta(days=lead_days)


def is_inspection_late(inspection_date: datetime.date | None, due_date: datetime.date | None) -> bool:
	"""The inspection took (or is scheduled to take) place after its due date."""
	return bool(inspection_date and due_date and inspection_date > due_date)


def rectification_due(inspection_date: datetime.date | None, rectification_days: int) -> datetime.date | None:
	"""Default deadline for a defect found on `inspection_date`."""
	if not inspection_date:
		return None
	return inspection_date + datetime.timedelta(days=rectification_days)


def is_open_defect(result: str | None, rectified: bool) -> bool:
	return result == DEFECT_FOUND and not rectified


def count_open_defects(items: list[tuple[str | None, bool]]) -> int:
	"""items: (result, rectified) per inspected item."""
	return sum(1 for result, rectified in items if is_open_defect(result, rectified))


def conclusion_error(conclusion: str | None, open_defects: int, defects_found: int) -> str | None:
	"""None when the conclusion fits the items, else "open_defects" (passed outright while
	defects are still open) or "no_defects" (passed with rectification but nothing was found)."""
	if conclusion == CONCLUSION_PASSED and open_defects:
		return "open_defects"
	if conclusion == CONCLUSION_PASSED_WITH_RECTIFICATION and not defects_found:
		return "no_defects"
	return None
