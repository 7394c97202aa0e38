"""One figure, one answer (issue 9): the resolution and overdue rates of an area and year are the
same in `Complaint Statistics`, the assessment indicators and the workspace's number cards, and
the credit rules count the same upheld complaints as the definition in rules.figures.

`figures_everywhere` is also run on the demo site by the system test tests/test_figures_demo.py."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from property_supervision import workflow_meanings as meanings
from property_supervision.assessment.doctype.assessment_template.assessment_template import AREA_TARGET
from property_supervision.assessment.indicators import OVERDUE_RATE, RESOLUTION, compute_indicators
from property_supervision.complaints.dashboard import get_overdue_rate, get_resolution_rate
from property_supervision.complaints.report.complaint_statistics.complaint_statistics import execute
from property_supervision.complaints.tests import data
from property_supervision.credit.scoring import (
	get_credit_settings,
	upheld_complaint_counts,
	upheld_window_start,
)
from property_supervision.rules.figures import is_upheld_complaint
from property_supervision.tests.factories import (
	make_area,
	make_category,
	make_community,
	make_complaint,
	make_compound,
	make_enterprise,
	set_figures,
)

AREA = "口径测试片区管委会"
COMMUNITY = "口径测试社区"
ENTERPRISE = "口径测试物业服务有限公司"


def indicator_rate(text: str) -> float | None:
	""" "60.0% (3/5)" -> 60.0; "0/0" -> None."""
	return None if not text or text == "0/0" else float(text.split("%")[0])


def figures_everywhere(jurisdiction: str, year: int | None = None) -> dict:
	"""source -> (resolution rate, overdue rate) of the complaints received in `year` (this year by
	default: the number cards count the year to date) within `jurisdiction`."""
	year = int(year or getdate(nowdate()).year)
	this_year = year == getdate(nowdate()).year
	total = next(
		row
		for row in execute(
			{
				"group_by": "Area",
				"jurisdiction": jurisdiction,
				"from_date": f"{year}-01-01",
				"to_date": nowdate() if this_year else f"{year}-12-31",
			}
		)[1]
		or [{"is_total_row": 1, "resolution_rate": None, "overdue_rate": None}]
		if row.get("is_total_row")
	)
	indicators = compute_indicators(
		AREA_TARGET,
		jurisdiction,
		year,
		period_end=nowdate() if this_year else None,
		keys=(RESOLUTION, OVERDUE_RATE),
	)
	result = {
		"Complaint Statistics": (total["resolution_rate"], total["overdue_rate"]),
		"Assessment indicators": (
			indicator_rate(indicators[RESOLUTION]),
			indicator_rate(indicators[OVERDUE_RATE]),
		),
	}
	if this_year:
		scope = [["Complaint", "jurisdiction", "descendants of (inclusive)", jurisdiction]]
		result["Number cards"] = (get_resolution_rate(scope)["value"], get_overdue_rate(scope)["value"])
		# the cards show 0 where there is nothing to count
		result = {k: tuple(v or 0 for v in values) for k, values in result.items()}
	return result


def figures_for_every_area(year: int | None = None) -> dict:
	"""area -> figures_everywhere(area, year), with the complaints received, for every area
	committee and subdistrict office of the site (the system test runs it on the demo site)."""
	from property_supervision.rules.jurisdiction import AREA_LEVEL_TYPES

	result = {}
	for area in frappe.get_all(
		"Jurisdiction", filters={"jurisdiction_type": ("in", AREA_LEVEL_TYPES)}, pluck="name"
	):
		received = execute(
			{
				"group_by": "Area",
				"jurisdiction": area,
				"from_date": f"{int(year or getdate(nowdate()).year)}-01-01",
				"to_date": nowdate(),
			}
		)[1]
		result[area] = {
			"received": next((r["received"] for r in received if r.get("is_total_row")), 0),
			"figures": figures_everywhere(area, year),
		}
	return result


def upheld_everywhere(on=None) -> dict:
	"""enterprise -> (upheld complaints the credit rules count, those the rule of rules.figures
	finds complaint by complaint) in the credit window ending `on`."""
	on = getdate(on or nowdate())
	settings = get_credit_settings()
	settings.upheld_complaints_threshold = settings.upheld_complaints_threshold or 1
	counted = upheld_complaint_counts(None, on, settings)
	resolved = set(meanings.resolved_complaint_states())
	by_rule: dict = {}
	for row in frappe.get_all(
		"Complaint",
		filters={"enterprise": ("is", "set"), "resolved_on": (">=", upheld_window_start(settings, on))},
		fields=["enterprise", "is_upheld", "workflow_state"],
	):
		if is_upheld_complaint(row.is_upheld, row.workflow_state in resolved):
			by_rule[row.enterprise] = by_rule.get(row.enterprise, 0) + 1
	return {e: (counted.get(e, 0), by_rule.get(e, 0)) for e in set(counted) | set(by_rule)}


class TestOneFigureOneAnswer(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_area(AREA)
		make_community(COMMUNITY, AREA)
		enterprise = make_enterprise(ENTERPRISE).name
		make_category(data.QUALITY)
		compound = make_compound("口径测试小区", COMMUNITY, enterprise=enterprise)
		today = getdate(nowdate())
		received = max(today.replace(month=1, day=1), add_days(today, -20))
		state = lambda meaning: meanings.state("Complaint", meaning)  # noqa: E731
		# (state, went overdue, upheld): 6 received, 1 rejected -> base 5; 3 resolved or closed
		# -> 60 %; 2 of the base went overdue -> 40 % (the rejected one does not count)
		plan = (
			(state(meanings.RESOLVED), 0, 0),
			(state(meanings.CLOSED), 1, 1),
			(state(meanings.REJECTED), 1, 1),
			(state(meanings.AREA_LEVEL), 1, 1),
			(state(meanings.RESOLVED), 0, 1),
			(state(meanings.COMMUNITY_LEVEL), 0, 0),
		)
		cls.names = []
		for index, (workflow_state, went_overdue, upheld) in enumerate(plan):
			marker = f"口径测试投诉{index}"
			name = frappe.db.get_value("Complaint", {"description": marker}, "name") or (
				make_complaint(compound, data.QUALITY, description=marker).name
			)
			finished = workflow_state in meanings.finished_complaint_states()
			set_figures(
				name,
				jurisdiction=COMMUNITY,
				enterprise=enterprise,
				received_on=frappe.utils.get_datetime(received),
				resolved_on=frappe.utils.get_datetime(add_days(received, 2)) if finished else None,
				workflow_state=workflow_state,
				was_overdue=went_overdue,
				is_overdue=went_overdue if not finished else 0,
				is_upheld=upheld,
			)
			cls.names.append(name)
		cls.enterprise = enterprise

	def test_rates_agree_everywhere(self):
		figures = figures_everywhere(AREA)
		self.assertEqual(set(figures), {"Complaint Statistics", "Assessment indicators", "Number cards"})
		for source, rates in figures.items():
			self.assertEqual(rates, (60.0, 40.0), source)

	def test_rejected_reported_on_their_own(self):
		today = getdate(nowdate())
		total = next(
			row
			for row in execute(
				{
					"group_by": "Area",
					"jurisdiction": AREA,
					"from_date": f"{today.year}-01-01",
					"to_date": nowdate(),
				}
			)[1]
			if row.get("is_total_row")
		)
		self.assertEqual((total.received, total.rejected, total.resolved, total.overdue), (6, 1, 3, 2))

	def test_upheld_counted_once_by_one_rule(self):
		upheld = upheld_everywhere()
		# upheld and resolved or closed: the closed one and the resolved one; the rejected and the
		# open upheld complaints do not count
		self.assertEqual(upheld[self.enterprise], (2, 2))
		for enterprise, (counted, by_rule) in upheld.items():
			self.assertEqual(counted, by_rule, enterprise)

	def test_nothing_received(self):
		empty_area = make_area("口径测试空片区管委会")
		for source, rates in figures_everywhere(empty_area).items():
			self.assertEqual(rates, (0, 0), source)
		self.assertEqual(
			figures_everywhere(empty_area, 2019),
			{"Complaint Statistics": (None, None), "Assessment indicators": (None, None)},
		)
