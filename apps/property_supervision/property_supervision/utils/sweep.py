"""One skeleton for the daily sweeps (hooks.py scheduler_events).

Every scheduled sweep of the app (complaint time limits and escalation, expired service
contracts, owners' committee terms, overdue fallback service, overdue publicity, the credit
sweeps and record expiry) works the same way, and this module is where that way lives:

- it selects only the rows that can change (the caller's filters; `candidates` pages through
  them by name so a worker's memory does not grow with the table);
- each row is handled in its own savepoint: a row that fails is rolled back, logged with
  `frappe.log_error` (title, reference document) and counted, and the others go on;
- work is committed in batches (`BATCH_SIZE` rows), so a long sweep that stops keeps what it did;
- it returns counts per outcome, and running it twice changes nothing more (each step writes
  what takes the row out of the selection).

The sweeps read the workflow states they need from workflow_meanings.py, never by name. A job
that remembers the last day it handled (`recorded_day` / `record_day`) keeps it as a Frappe
default of the app's own parent, never of "__default": Frappe clears the whole site cache (every
DocType's meta, every user's boot) whenever a site-wide default is set.
Heavy sweeps are scheduled on `daily_long` (the long-queue worker), the light ones on `daily`.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

import frappe
from frappe.utils import getdate

from property_supervision.notices.delivery import forget_since, pending_mark

BATCH_SIZE = 200
PAGE_SIZE = 1000
SAVEPOINT = "ps_sweep_row"
JOB_SAVEPOINT = "ps_sweep_job"

# what a step returns when it gives no outcome of its own
DONE, SKIPPED, FAILED = "done", "skipped", "failed"

# the parent of the jobs' own defaults (tabDefaultValue): setting one clears only its own cached
# defaults, where a default of "__default" or "__global" clears the site's whole cache
JOB_DEFAULTS_PARENT = "property_supervision_jobs"


def recorded_day(key: str) -> date | None:
	"""The day a daily job last recorded under `key` (see record_day), None before its first."""
	value = frappe.db.get_default(key, parent=JOB_DEFAULTS_PARENT)
	return getdate(value) if value else None


def record_day(key: str, day) -> None:
	"""Remember the day a daily job handled, in its transaction (a rollback forgets it)."""
	frappe.db.set_default(key, getdate(day).isoformat(), parent=JOB_DEFAULTS_PARENT)


def commit():
	"""Commit the sweep's work so far when it runs as a background job (the scheduler's worker,
	which would commit at its end anyway): a long sweep that stops keeps what it did. Called from
	a request, `bench execute` or a test, the sweep leaves the commit to its caller."""
	if getattr(frappe.local, "job", None):
		frappe.db.commit()


def run(
	rows: Iterable,
	step: Callable,
	*,
	title: str | Callable,
	reference_doctype: str | Callable | None = None,
	reference_name: Callable | None = None,
	batch_size: int = BATCH_SIZE,
	counts: Counter | None = None,
	commit_work: bool = True,
) -> Counter:
	"""Apply `step(row)` to every row, each in its own savepoint.

	`step` returns the outcome to count (a string such as "escalated"); True or None count as
	"done", False as "skipped". A row that raises is rolled back to its savepoint, logged under
	`title` (a string, or a function of the row) with the row's reference document, and counted as
	"failed". Every `batch_size` rows the work is committed, and once more at the end, unless
	`commit_work` is off (a sweep run inside a request or inside a larger job that commits)."""
	counts = Counter() if counts is None else counts
	name_of = reference_name or _row_name
	handled = 0
	for row in rows:
		frappe.db.savepoint(SAVEPOINT)
		notices = pending_mark()
		try:
			outcome = step(row)
		except Exception:
			frappe.db.rollback(save_point=SAVEPOINT)
			forget_since(notices)  # the row's notices go with its work
			outcome = FAILED
			frappe.log_error(
				title=title(row) if callable(title) else title,
				reference_doctype=reference_doctype(row)
				if callable(reference_doctype)
				else reference_doctype,
				reference_name=name_of(row),
			)
		counts[_outcome(outcome)] += 1
		handled += 1
		if commit_work and handled % batch_size == 0:
			commit()
	if commit_work:
		commit()
	return counts


def run_all(sweeps: Iterable[Callable], *, title: Callable[[Callable], str]) -> dict[str, object]:
	"""Run several sweeps of one job in turn: each is committed on success; one that fails as a
	whole is rolled back (to its savepoint, or entirely when it committed part of its work before
	failing) and logged, and the others still run. Returns {sweep name: result or "failed"}."""
	results = {}
	for job in sweeps:
		frappe.db.savepoint(JOB_SAVEPOINT)
		try:
			results[job.__name__] = job()
		except Exception:
			try:
				frappe.db.rollback(save_point=JOB_SAVEPOINT)
			except Exception:
				frappe.db.rollback()
			results[job.__name__] = FAILED
			frappe.log_error(title=title(job))
		commit()
	return results


def candidates(
	doctype: str, filters, fields: list[str], *, page_size: int = PAGE_SIZE, order_by: str = "name"
) -> Iterable[frappe._dict]:
	"""The rows of `doctype` matching `filters` (the rows that can change), read a page at a time
	in the order of `order_by`, which must be unique (the name by default): each page starts
	after the last row of the previous one, so rows a step has taken out of the selection do not
	shift the pages and a worker never holds the whole table."""
	filters = _as_list(filters)
	fields = list(dict.fromkeys(["name", *fields]))
	last = None
	while True:
		page_filters = [*filters, [order_by, ">", last]] if last is not None else filters
		page = frappe.get_all(
			doctype,
			filters=page_filters,
			fields=fields,
			order_by=f"{order_by} asc",
			limit_page_length=page_size,
		)
		yield from page
		if len(page) < page_size:
			return
		last = page[-1][order_by]


def _as_list(filters) -> list:
	if not filters:
		return []
	if isinstance(filters, dict):
		return [
			[key, *value] if isinstance(value, list | tuple) else [key, "=", value]
			for key, value in filters.items()
		]
	return list(filters)


def _row_name(row):
	if isinstance(row, str):
		return row
	return row.get("name") if hasattr(row, "get") else None


def _outcome(outcome) -> str:
	if outcome is None or outcome is True:
		return DONE
	if outcome is False:
		return SKIPPED
	return str(outcome)
