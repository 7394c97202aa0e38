"""Temporary: time the daily sweeps at the SPEC §9 volume (rolled back)."""

import time

import frappe

from property_supervision.credit import jobs


def run():
	frappe.db.sql("SET SESSION max_statement_time = 0")
	from property_supervision.credit.defaults import create_default_credit_rules

	create_default_credit_rules()
	t = time.time()
	frappe.db.sql(
		"""insert into `tabComplaint` (name, enterprise, is_upheld, workflow_state, resolved_on, is_overdue,
		deadline, escalation_count, received_on, creation, modified)
		select concat('TS-VOL-', seq), concat('ENT', seq mod 800), (seq mod 10 = 0),
		if(seq mod 7 = 0, 'Community Handling', 'Closed'),
		date_sub(now(), interval (seq mod 1095) day), (seq mod 20 = 0),
		date_sub(curdate(), interval (seq mod 1095) day), (seq mod 9 = 0),
		date_sub(now(), interval (seq mod 1100) day), now(), now()
		from seq_1_to_300000"""
	)
	# the records earlier runs made (steady state): every fact already recorded
	frappe.db.sql(
		"""insert into `tabCredit Record` (name, enterprise, rule, points, workflow_state, occurred_on, expires_on,
		is_automatic, auto_key, creation, modified)
		select concat('XY-VOL-U', name), enterprise, 'BL-01', -2, 'Confirmed', date(resolved_on),
		date_add(date(resolved_on), interval 1 year), 1, concat('Complaint Upheld:', name), now(), now()
		from `tabComplaint` where name like 'TS-VOL-%' and is_upheld = 1 and workflow_state = 'Closed'
		and resolved_on >= date_sub(curdate(), interval 1 year)"""
	)
	frappe.db.sql(
		"""insert into `tabCredit Record` (name, enterprise, rule, points, workflow_state, occurred_on, expires_on,
		is_automatic, auto_key, creation, modified)
		select concat('XY-VOL-O', name), enterprise, 'BL-02', -1, 'Confirmed', deadline,
		date_add(deadline, interval 1 year), 1, concat('Complaint Overdue:', name), now(), now()
		from `tabComplaint` where name like 'TS-VOL-%' and ((is_overdue = 1 and deadline >= date_sub(curdate(), interval 1 year))
		or (escalation_count > 0 and received_on >= date_sub(curdate(), interval 1 year)))"""
	)
	print("setup", round(time.time() - t, 1), "s;", frappe.db.count("Complaint"), "complaints;", frappe.db.count("Credit Record"), "records")
	for sweep in (jobs.record_upheld_complaints, jobs.record_overdue_complaints, jobs.expire_records):
		t = time.time()
		result = sweep()
		print(sweep.__name__, len(result), round(time.time() - t, 3), "s")
	from property_supervision.credit.scoring import counting_points, upheld_complaint_counts, get_credit_settings
	from frappe.utils import getdate, today
	t = time.time()
	counting_points(None, getdate(today()))
	upheld_complaint_counts(None, getdate(today()), get_credit_settings())
	print("recompute-all queries", round(time.time() - t, 3), "s")
	t = time.time()
	upheld_complaint_counts(["ENT5"], getdate(today()), get_credit_settings())
	counting_points(["ENT5"], getdate(today()))
	print("one enterprise queries", round(time.time() - t, 3), "s")
	t = time.time()
	rows = frappe.db.sql(
		"""explain select enterprise, count(name) from `tabComplaint` where is_upheld = 1
		and workflow_state in ('Resolved', 'Closed') and resolved_on >= date_sub(curdate(), interval 1 year)
		and ifnull(enterprise, '') != '' group by enterprise""",
		as_dict=True,
	)
	for r in rows:
		print(r)
	since = frappe.utils.add_days(today(), -1)
	for distinct in (False, True):
		t = time.time()
		frappe.get_all(
			"Complaint",
			filters=[
				["is_upheld", "=", 1],
				["enterprise", "is", "set"],
				["resolved_on", ">=", frappe.utils.add_months(since, -12)],
				["resolved_on", "<", frappe.utils.add_months(today(), -12)],
			],
			pluck="enterprise",
			distinct=distinct,
		)
		print("expiry complaint query distinct" if distinct else "expiry complaint query", round(time.time() - t, 3))
	for r in frappe.db.sql(
		"""explain select enterprise from `tabComplaint` where is_upheld = 1 and ifnull(enterprise, '') != ''
		and resolved_on >= %s and resolved_on < %s""",
		(frappe.utils.add_months(since, -12), frappe.utils.add_months(today(), -12)),
		as_dict=True,
	):
		print(r)
	t = time.time()
	jobs.expire_records()
	print("expire again", round(time.time() - t, 3))
	frappe.db.set_default(jobs.LAST_EXPIRY_RUN, since)
	t = time.time()
	jobs.expire_records()
	print("expire fresh", round(time.time() - t, 3))
	frappe.db.rollback()
