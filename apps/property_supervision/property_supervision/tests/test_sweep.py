"""The one skeleton of the daily sweeps (utils/sweep.py): per-row savepoints, failures logged and
counted without stopping the others, pages that do not shift while rows leave the selection, and
the six scheduled sweeps are built on it."""

import inspect

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.tests.factories import forget_site_cache_mark, mark_site_cache, site_cache_kept
from property_supervision.utils import sweep

TAG = "sweep-skeleton-test"


def make_todos(count: int) -> list[str]:
	return [
		frappe.get_doc({"doctype": "ToDo", "description": f"{TAG} {i:03d}", "status": "Open"}).insert().name
		for i in range(count)
	]


class TestSweep(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("sweep_test")

	def tearDown(self):
		frappe.db.rollback(save_point="sweep_test")

	def test_a_failing_row_is_rolled_back_logged_and_the_others_go_on(self):
		names = make_todos(3)

		def close(name):
			frappe.db.set_value("ToDo", name, "status", "Closed")
			if name == names[1]:
				raise ValueError("broken row")
			return "closed"

		counts = sweep.run(names, close, title=lambda name: f"{TAG} {name}", reference_doctype="ToDo")
		self.assertEqual(dict(counts), {"closed": 2, "failed": 1})
		statuses = {n: frappe.db.get_value("ToDo", n, "status") for n in names}
		# the failing row's own write was rolled back to its savepoint; the others kept theirs
		self.assertEqual(statuses, {names[0]: "Closed", names[1]: "Open", names[2]: "Closed"})
		log = frappe.get_all(
			"Error Log",
			filters={"reference_doctype": "ToDo", "reference_name": names[1]},
			fields=["method", "error"],
		)
		self.assertEqual(len(log), 1)
		self.assertIn("broken row", log[0].error)

	def test_outcomes(self):
		counts = sweep.run([1, 2, 3, 4], lambda n: {1: None, 2: True, 3: False, 4: "x"}[n], title="t")
		self.assertEqual(dict(counts), {sweep.DONE: 2, sweep.SKIPPED: 1, "x": 1})

	def test_candidates_page_by_name_while_rows_leave_the_selection(self):
		names = make_todos(7)
		seen = []
		filters = {"description": ("like", f"{TAG}%"), "status": "Open"}
		for row in sweep.candidates("ToDo", filters, ["status"], page_size=3):
			seen.append(row.name)
			frappe.db.set_value("ToDo", row.name, "status", "Closed")  # leaves the selection
		self.assertEqual(seen, sorted(names))

	def test_run_all_keeps_going_after_a_failing_sweep(self):
		ran = []

		def first():
			ran.append("first")
			raise RuntimeError("first sweep broke")

		def second():
			ran.append("second")
			return 1

		results = sweep.run_all((first, second), title=lambda job: f"{TAG} {job.__name__}")
		self.assertEqual(ran, ["first", "second"])
		self.assertEqual(results, {"first": sweep.FAILED, "second": 1})

	def test_the_scheduled_sweeps_share_the_skeleton(self):
		"""Every daily sweep of hooks.py goes through utils/sweep.py; the heavy ones are on daily_long."""
		from property_supervision.complaints.doctype.complaint import complaint
		from property_supervision.credit import jobs
		from property_supervision.registry.doctype.owners_committee import owners_committee
		from property_supervision.registry.doctype.publicity_record import publicity_record
		from property_supervision.registry.doctype.service_contract import service_contract
		from property_supervision.registry.doctype.takeover_plan import takeover_plan
		from property_supervision.supervision import rectification

		events = frappe.get_hooks("scheduler_events")
		for module, function, event in (
			(complaint, "update_sla_status", "daily_long"),
			(jobs, "daily", "daily_long"),
			(service_contract, "mark_expired_contracts", "daily"),
			(owners_committee, "announce_expiring_terms", "daily"),
			(takeover_plan, "flag_overdue_fallback_service", "daily"),
			(publicity_record, "mark_overdue_publicity", "daily"),
			(rectification, "daily", "daily"),
		):
			self.assertIn(f"{module.__name__}.{function}", events[event])
			self.assertIs(module.sweep, sweep, module.__name__)
			self.assertIn("sweep.", inspect.getsource(module), module.__name__)


class TestJobsKeepTheSiteCache(FrappeTestCase):
	"""A scheduled job that cleared the site cache would make the first page of every user after
	it rebuild every DocType's meta and the desk's boot (about a second at the reference volume):
	no job of the app may, whatever it records (utils/sweep.py record_day)."""

	def setUp(self):
		frappe.db.savepoint("site_cache_test")
		mark_site_cache()

	def tearDown(self):
		frappe.db.rollback(save_point="site_cache_test")
		forget_site_cache_mark()

	def test_every_scheduled_job_of_the_app(self):
		jobs = []
		for methods in frappe.get_hooks("scheduler_events", app_name="property_supervision").values():
			# "cron" maps each expression to its methods
			for group in methods.values() if isinstance(methods, dict) else [methods]:
				jobs.extend(group)
		self.assertGreaterEqual(len(jobs), 8)
		for method in jobs:
			frappe.get_attr(method)()
			self.assertTrue(site_cache_kept(), f"{method} cleared the site cache")

	def test_a_recorded_day_is_read_back_and_rolled_back_with_its_transaction(self):
		key = "ps_test_recorded_day"
		self.assertIsNone(sweep.recorded_day(key))
		frappe.db.savepoint("recorded_day")
		sweep.record_day(key, "2030-11-08")
		self.assertEqual(sweep.recorded_day(key), frappe.utils.getdate("2030-11-08"))
		self.assertTrue(site_cache_kept())
		self.assertIsNone(frappe.db.get_default(key))  # not a site-wide default
		frappe.db.rollback(save_point="recorded_day")
		frappe.clear_cache(user=sweep.JOB_DEFAULTS_PARENT)
		self.assertIsNone(sweep.recorded_day(key))
