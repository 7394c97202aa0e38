"""Checks on the demo site's data (scripts/setup.sh creates it with demo data), run there with
`bench execute` because the test site has none.

One figure, one answer (issue 9): for every area of the demo site, this year and last year, `Complaint Statistics`, the assessment indicators and the workspace's number
cards give the same resolution and overdue rates, and the credit rules count the same upheld
complaints as the definition in rules.figures. The comparison itself is
property_supervision/complaints/tests/test_figures.py, run here on the demo site that
scripts/setup.sh creates with demo data."""

import json
import os

from conftest import bench

DEMO_SITE = os.environ.get("PS_DEMO_SITE", "supervision.localhost")
MODULE = "property_supervision.complaints.tests.test_figures"


def execute(function: str, module: str = MODULE, **kwargs):
    output = bench(
        "--site",
        DEMO_SITE,
        "execute",
        f"{module}.{function}",
        "--kwargs",
        json.dumps(kwargs),
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_rates_agree_in_every_area_this_year_and_last():
    this_year = execute("figures_for_every_area")
    assert sum(area["received"] for area in this_year.values()) > 0, (
        "the demo site has no complaints this year"
    )
    last_year = execute(
        "figures_for_every_area",
        year=int(
            bench("--site", DEMO_SITE, "execute", "frappe.utils.nowdate")
            .stdout.strip()
            .strip('"')[:4]
        )
        - 1,
    )
    for year, areas in (("this year", this_year), ("last year", last_year)):
        for area, found in areas.items():
            sources = found["figures"]
            assert len(sources) >= 2, (year, area, sources)
            assert len({tuple(rates) for rates in sources.values()}) == 1, (
                year,
                area,
                sources,
            )


def test_upheld_complaints_counted_once():
    upheld = execute("upheld_everywhere")
    assert upheld, "the demo site has no upheld complaints in the credit window"
    for enterprise, (counted, by_rule) in upheld.items():
        assert counted == by_rule, enterprise


def test_demo_time_limits_follow_the_working_calendar():
    """Every open demo complaint's deadline in 2025 and 2026 is a working day of the official
    calendar and its level's limit; every resolved one's working days are counted over it."""
    found = execute(
        "demo_calendar_check",
        module="property_supervision.complaints.doctype.working_calendar_day.test_working_calendar_day",
    )
    assert found["complaints"] > 0 and found["handling_days"] > 0, found
    assert found["mismatches"] == [], found
