#!/usr/bin/env python3
"""Fill a SCRATCH site with the SPEC §9 reference volume (benchmarks/README.md). Not a test.

Run from the bench's `sites` folder, as the bench user (runuser -u frappe -- … when root):

    cd sites && ../env/bin/python ../benchmarks/generate.py --site bench-scratch.localhost
    cd sites && ../env/bin/python ../benchmarks/generate.py --site bench-scratch.localhost --complaints 3000

Reproducibly for a given --seed, with frappe.db.bulk_insert (test data, not user input): 10 areas,
100 communities, 3,000 compounds, 800 enterprises, 20,000 staff (if the Property Practitioner
DocType exists), --complaints complaints (300,000), 50,000 credit records (if the Credit Record
DocType exists). Records it made before are reused (--regenerate deletes them first). Then it
adds the app's indexes and refreshes the table statistics; measure.py times the result.
"""

import datetime
import random


from common import (
	AREAS,
	BENCH_PREFIX,
	COMMUNITIES_PER_AREA,
	COMPLAINT_TEXTS,
	COMPOUNDS,
	CREDIT_RECORDS,
	ENTERPRISES,
	LEVEL_OF_STATE,
	OPEN_STATES,
	STAFF,
	STATE,
	base_parser,
	connect,
	doctype_exists,
	levels,
	log,
	mask,
	mobile,
	person,
	timed,
	today_at_eight,
)
from property_supervision import workflow_meanings as meanings
from property_supervision.rules.working_days import next_working_day


def parse_args(argv=None):
	parser = base_parser(__doc__.split("\n\n")[0])
	parser.add_argument(
		"--complaints",
		type=int,
		default=300_000,
		help="complaints to generate (default 300000)",
	)
	parser.add_argument(
		"--regenerate",
		action="store_true",
		help="delete the data this script generated, then generate again",
	)
	return parser.parse_args(argv)


def standard_columns(name: str, when: datetime.datetime) -> tuple:
	return (name, when, when, "Administrator", "Administrator", 0, 0)


STANDARD_FIELDS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"idx",
]


def bulk(doctype: str, fields: list[str], rows, chunk: int = 5000):
	import frappe

	count = 0
	batch = []
	for row in rows:
		batch.append(row)
		if len(batch) >= chunk:
			frappe.db.bulk_insert(doctype, STANDARD_FIELDS + fields, batch, chunk_size=chunk)
			frappe.db.commit()
			count += len(batch)
			batch = []
	if batch:
		frappe.db.bulk_insert(doctype, STANDARD_FIELDS + fields, batch, chunk_size=chunk)
		frappe.db.commit()
		count += len(batch)
	return count


def delete_generated():
	import frappe

	log("deleting the data generated before")
	for doctype, condition in (
		("Complaint", "name like 'TS-BENCH-%%'"),
		("Credit Record", "name like 'XY-BENCH-%%'"),
		("Property Practitioner", "name like 'CY-BENCH-%%'"),
		("Residential Compound", "name like 'XQ-BENCH-%%'"),
		("Property Enterprise", f"enterprise_name like '{BENCH_PREFIX}%%'"),
	):
		if doctype_exists(doctype):
			frappe.db.sql(f"delete from `tab{doctype}` where {condition}")
	frappe.db.commit()


def district_root() -> str:
	import frappe

	root = frappe.get_all("Jurisdiction", filters={"jurisdiction_type": "District"}, pluck="name", limit=1)
	if root:
		return root[0]
	return (
		frappe.get_doc(
			{
				"doctype": "Jurisdiction",
				"jurisdiction_name": f"{BENCH_PREFIX}区",
				"jurisdiction_type": "District",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def make_jurisdictions() -> tuple[list[str], dict[str, list[str]]]:
	"""10 area committees with 10 communities each, inserted as documents (the tree needs lft/rgt)."""
	import frappe

	root = district_root()
	areas, communities = [], {}
	for a in range(1, AREAS + 1):
		area = f"{BENCH_PREFIX}第{a:02d}片区管委会"
		if not frappe.db.exists("Jurisdiction", area):
			frappe.get_doc(
				{
					"doctype": "Jurisdiction",
					"jurisdiction_name": area,
					"jurisdiction_type": "Area Committee",
					"parent_jurisdiction": root,
				}
			).insert(ignore_permissions=True)
		areas.append(area)
		communities[area] = []
		for c in range(1, COMMUNITIES_PER_AREA + 1):
			community = f"{BENCH_PREFIX}第{a:02d}片区第{c:02d}社区"
			if not frappe.db.exists("Jurisdiction", community):
				frappe.get_doc(
					{
						"doctype": "Jurisdiction",
						"jurisdiction_name": community,
						"jurisdiction_type": "Community",
						"parent_jurisdiction": area,
					}
				).insert(ignore_permissions=True)
			communities[area].append(community)
		frappe.db.commit()
	return areas, communities


def credit_code(rng: random.Random) -> str:
	from property_supervision.rules.identifiers import (
		CREDIT_CODE_ALPHABET,
		credit_code_check_character,
	)

	first17 = "91650105" + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
	return first17 + credit_code_check_character(first17)


def id_number(sequence: int) -> str:
	from property_supervision.rules.identifiers import id_number_check_character

	birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=sequence // 1000 * 7)
	first17 = f"650105{birth:%Y%m%d}{sequence % 1000:03d}"
	return first17 + id_number_check_character(first17)


def make_enterprises(rng: random.Random, now) -> list[str]:
	import frappe

	existing = frappe.get_all(
		"Property Enterprise",
		filters={"enterprise_name": ("like", f"{BENCH_PREFIX}%")},
		pluck="name",
		order_by="enterprise_name",
	)
	if len(existing) >= ENTERPRISES:
		return existing
	codes: list[str] = []
	seen = set(frappe.get_all("Property Enterprise", pluck="name"))
	while len(codes) < ENTERPRISES:
		code = credit_code(rng)
		if code not in seen:
			seen.add(code)
			codes.append(code)
	rows = (
		(
			*standard_columns(code, now),
			code,
			f"{BENCH_PREFIX}物业服务有限公司{i:03d}",
			person(rng),
			mobile(rng),
			STATE[meanings.FILED],
			now.date(),
		)
		for i, code in enumerate(codes, 1)
	)
	bulk(
		"Property Enterprise",
		[
			"credit_code",
			"enterprise_name",
			"contact_person",
			"contact_phone",
			"workflow_state",
			"filed_on",
		],
		rows,
	)
	return codes


def make_compounds(rng: random.Random, now, communities: list[str], enterprises: list[str]) -> list[tuple]:
	import frappe

	existing = frappe.get_all(
		"Residential Compound",
		filters={"name": ("like", "XQ-BENCH-%")},
		fields=["name", "jurisdiction", "current_enterprise"],
		order_by="name",
		as_list=True,
	)
	if len(existing) >= COMPOUNDS:
		return existing
	compounds = []
	for i in range(1, COMPOUNDS + 1):
		compounds.append(
			(
				f"XQ-BENCH-{i:05d}",
				communities[(i - 1) % len(communities)],
				rng.choice(enterprises),
			)
		)
	rows = (
		(
			*standard_columns(name, now),
			f"{BENCH_PREFIX}小区{i:04d}",
			community,
			enterprise,
			"Professional Enterprise",
			int(rng.random() < 0.2),
			rng.randint(80, 2400),
			rng.randint(1985, 2020),
		)
		for i, (name, community, enterprise) in enumerate(compounds, 1)
	)
	bulk(
		"Residential Compound",
		[
			"compound_name",
			"jurisdiction",
			"current_enterprise",
			"management_mode",
			"is_old_compound",
			"household_count",
			"completion_year",
		],
		rows,
	)
	return compounds


def make_staff(rng: random.Random, now, enterprises: list[str]) -> int:
	import frappe

	if not doctype_exists("Property Practitioner"):
		print("note: no Property Practitioner DocType on this site: staff skipped")
		return 0
	if frappe.db.count("Property Practitioner", {"name": ("like", "CY-BENCH-%")}) >= STAFF:
		return STAFF
	positions = (
		"Project Manager",
		"Customer Service",
		"Security Guard",
		"Cleaner",
		"Maintenance Technician",
		"Landscaping",
	)
	enterprise_names = dict(
		frappe.get_all("Property Enterprise", fields=["name", "enterprise_name"], as_list=True)
	)
	rows = []
	for i in range(1, STAFF + 1):
		number = id_number(i)
		enterprise = enterprises[i % len(enterprises)]
		phone = mobile(rng)
		rows.append(
			(
				*standard_columns(f"CY-BENCH-{i:06d}", now),
				person(rng),
				number,
				f"{number[:6]}{'*' * 8}{number[14:]}",
				"Male" if int(number[16]) % 2 else "Female",
				enterprise,
				enterprise_names.get(enterprise),
				rng.choice(positions),
				phone,
				mask(phone),
				"Active",
			)
		)
	return bulk(
		"Property Practitioner",
		[
			"full_name",
			"id_number",
			"id_number_masked",
			"gender",
			"enterprise",
			"enterprise_name",
			"position",
			"phone",
			"phone_masked",
			"status",
		],
		rows,
	)


def make_credit_records(rng: random.Random, now, enterprises: list[str]) -> int:
	import frappe

	if not doctype_exists("Credit Record"):
		print("note: no Credit Record DocType on this site: credit records skipped")
		return 0
	if frappe.db.count("Credit Record", {"name": ("like", "XY-BENCH-0%")}) >= CREDIT_RECORDS:
		return CREDIT_RECORDS
	meta = frappe.get_meta("Credit Record")
	rules = frappe.get_all("Credit Rule", pluck="name") if doctype_exists("Credit Rule") else []
	if meta.has_field("rule") and not rules:
		print("note: no Credit Rule on this site: credit records skipped")
		return 0
	values = {
		"enterprise": lambda: rng.choice(enterprises),
		"rule": lambda: rng.choice(rules),
		"points": lambda: float(rng.choice((-10, -5, -2, 2, 5))),
		"source": lambda: rng.choice(("Manual", "Complaint Upheld", "Complaint Overdue")),
		"workflow_state": lambda: STATE[meanings.CONFIRMED],
		"occurred_on": lambda: (now - datetime.timedelta(days=rng.randint(0, 720))).date(),
	}
	# any other mandatory field gets a plain value of its type
	for df in meta.fields:
		if df.reqd and df.fieldname not in values and df.fieldtype not in ("Table", "Table MultiSelect"):
			if df.fieldtype == "Link":
				first = frappe.get_all(df.options, pluck="name", limit=1)
				values[df.fieldname] = lambda first=first: first[0] if first else None
			elif df.fieldtype == "Select":
				options = [o for o in (df.options or "").split("\n") if o]
				values[df.fieldname] = lambda options=options: options[0] if options else None
			elif df.fieldtype in ("Date", "Datetime"):
				values[df.fieldname] = lambda: now.date()
			elif df.fieldtype in ("Int", "Float", "Currency", "Check"):
				values[df.fieldname] = lambda: 0
			else:
				values[df.fieldname] = lambda: BENCH_PREFIX
	fields = [f for f in values if meta.has_field(f)]
	rows = (
		(*standard_columns(f"XY-BENCH-{i:06d}", now), *(values[f]() for f in fields))
		for i in range(1, CREDIT_RECORDS + 1)
	)
	return bulk("Credit Record", fields, rows)


AUTOMATIC_RECORD_FIELDS = [
	"enterprise",
	"rule",
	"points",
	"source",
	"workflow_state",
	"occurred_on",
	"expires_on",
	"is_automatic",
	"auto_key",
	"reference_doctype",
	"reference_name",
	"evidence",
]


def make_past_automatic_records(now) -> dict:
	"""What the daily credit job (credit/jobs.py) would have recorded day by day before today:
	the automatic records of the generated complaints' facts (upheld, overdue) up to the day
	before yesterday, bulk-loaded from the job's own fact functions; then the job itself once, for
	the rest of its backlog (publicity of every compound, ratings, the last day's facts), the
	publicity reminders of the period and the key-supervision inspections due. So the jobs
	measure.py runs find one day's work, as on a site that has run them every day, instead of two
	years' backlog."""
	import frappe
	from frappe.utils import cint, flt

	if not doctype_exists("Credit Record"):
		return {}
	from property_supervision.credit import jobs
	from property_supervision.credit.scoring import (
		CONFIRMED,
		credit_states,
		get_credit_settings,
		in_system_language,
		update_enterprises_credit,
	)
	from property_supervision.registry.doctype.publicity_record.publicity_record import mark_overdue_publicity
	from property_supervision.rules.credit import expiry_date
	from property_supervision.supervision import rectification

	cutoff = now.date() - datetime.timedelta(days=1)
	confirmed = credit_states(CONFIRMED)[0]
	default_months = cint(get_credit_settings().default_validity_months)
	done = frappe.db.count("Credit Record", {"name": ("like", "XY-BENCH-A%")})
	rows = []
	for facts_of in (jobs.upheld_complaint_facts, jobs.overdue_complaint_facts):
		rule, facts = in_system_language(facts_of)()
		if not rule:
			continue
		source = frappe.db.get_value("Credit Rule", rule.name, "source")
		months = cint(rule.validity_months) or default_months
		for fact in facts:
			occurred_on = fact["occurred_on"]
			expires_on = expiry_date(occurred_on, months)
			if occurred_on >= cutoff or expires_on < now.date():
				continue  # the last day's facts stay the job's work; an expired one was never made
			name = f"XY-BENCH-A{done + len(rows) + 1:07d}"
			rows.append(
				(
					*standard_columns(name, now),
					fact["enterprise"],
					rule.name,
					flt(rule.points, 1),
					source,
					confirmed,
					occurred_on,
					expires_on,
					1,
					fact["auto_key"],
					fact["reference_doctype"],
					fact["reference_name"],
					fact["evidence"],
				)
			)
	made = bulk("Credit Record", AUTOMATIC_RECORD_FIELDS, rows)
	update_enterprises_credit(None, "benchmark: automatic records of the past")
	frappe.db.commit()
	# the job's other sweeps, the publicity reminders and the key-supervision inspections due
	# (an enterprise the records put under key supervision gets its first one), once, committing
	# as an RQ job does
	frappe.local.job = frappe._dict(name="benchmark-backlog")
	try:
		jobs.daily()
		mark_overdue_publicity()
		rectification.daily()
	finally:
		frappe.local.job = None
	frappe.db.commit()
	return {"automatic credit records of the past": made}


COMPLAINT_FIELDS = [
	"complainant_name",
	"is_anonymous",
	"complainant_phone",
	"complainant_phone_masked",
	"tracking_key",
	"compound",
	"jurisdiction",
	"enterprise",
	"category",
	"received_via",
	"received_on",
	"description",
	"workflow_state",
	"current_level",
	"handling_unit",
	"level_started_on",
	"deadline",
	"is_overdue",
	"escalation_count",
	"resolution",
	"is_upheld",
	"resolved_on",
	"satisfaction",
	"closed_on",
]


def tracking_key(rng: random.Random) -> str:
	from property_supervision.rules.tracking import ALPHABET

	return "-".join("".join(rng.choice(ALPHABET) for _ in range(4)) for _ in range(3))


# filled by make_complaints from the site: the levels in escalation order, each level's time
# limit (Complaint Settings) and the working calendar (holidays, weekend working days)
LEVELS: list[str] = []
level_days: dict[str, int] = {}
calendar: tuple = ((), ())


def read_site_rules():
	from property_supervision.complaints.doctype.complaint_settings.complaint_settings import (
		get_calendar,
		get_level_days,
	)

	global calendar
	LEVELS[:] = levels()
	level_days.update({level: get_level_days(level) for level in LEVELS})
	calendar = get_calendar()


def complaint_row(i: int, rng: random.Random, now, compounds, categories, units, keys: set) -> tuple:
	"""One complaint as the site would hold it on a normal day: resolved and closed ones over two
	years, a few thousand open ones with deadlines ahead (reminded when due today), a few old ones
	stuck at the district or a joint meeting (overdue, already marked)."""
	compound, community, enterprise = compounds[rng.randrange(len(compounds))]
	received = now - datetime.timedelta(seconds=rng.randrange(730 * 86400))
	age_days = (now - received).days
	today = now.date()
	anonymous = int(rng.random() < 0.05)
	phone = mobile(rng)
	key = tracking_key(rng)
	while key in keys:
		key = tracking_key(rng)
	keys.add(key)

	state = level = unit = started = deadline = reminded = None
	resolution = resolved = satisfaction = closed = None
	overdue = upheld = escalations = 0
	if age_days < 30 and rng.random() < 0.5 * (1 - age_days / 30):
		state = rng.choices(OPEN_STATES, weights=(10, 50, 25, 10, 5))[0]
		level = LEVEL_OF_STATE[state]
		escalations = LEVELS.index(level)
		deadline = next_working_day(today + datetime.timedelta(days=rng.randint(0, 15)), *calendar)
		started = max(
			received,
			datetime.datetime.combine(deadline, datetime.time(9))
			- datetime.timedelta(days=round(level_days[level] * 1.4)),
		)
		reminded = deadline if deadline <= today else None
	elif age_days >= 30 and rng.random() < 0.002:
		state = rng.choice(OPEN_STATES[3:5])  # the district and the joint meeting
		level = LEVEL_OF_STATE[state]
		escalations = LEVELS.index(level)
		started = received + datetime.timedelta(days=14)
		deadline = (started + datetime.timedelta(days=21)).date()
		overdue, reminded = int(deadline < today), deadline
	elif rng.random() < 0.02:
		state, level = STATE[meanings.REJECTED], "Community"
	else:
		days = min(rng.expovariate(1 / 8), max(age_days, 1))
		resolved = min(received + datetime.timedelta(days=days), now)
		closed_state = (now - resolved).days > 3 and rng.random() < 0.9
		state = STATE[meanings.CLOSED] if closed_state else STATE[meanings.RESOLVED]
		level = rng.choices(("Community", "Area", "District", "Joint Meeting"), weights=(70, 20, 8, 2))[0]
		escalations = LEVELS.index(level)
		overdue = int(days > 20)
		upheld = int(rng.random() < 0.3)
		resolution = "已督促物业服务企业整改完毕。"
		if closed_state:
			satisfaction = rng.choices(
				("Satisfied", "Basically Satisfied", "Dissatisfied"),
				weights=(65, 25, 10),
			)[0]
			closed = min(resolved + datetime.timedelta(days=3), now)
	if level == "Community":
		unit = units.get(community)
	return (
		*standard_columns(f"TS-BENCH-{i:06d}", received),
		person(rng),
		anonymous,
		phone,
		mask(phone),
		key,
		compound,
		community,
		enterprise,
		rng.choice(categories),
		rng.choices(
			("Window", "Phone", "12345 Hotline", "Web Form", "Other"),
			weights=(30, 20, 30, 18, 2),
		)[0],
		received,
		rng.choice(COMPLAINT_TEXTS),
		state,
		level,
		unit,
		started,
		deadline,
		overdue,
		escalations,
		resolution,
		upheld,
		resolved,
		satisfaction,
		closed,
		reminded,
	)


def make_complaints(rng: random.Random, now, total: int, compounds) -> int:
	import frappe

	have = frappe.db.count("Complaint", {"name": ("like", "TS-BENCH-%")})
	if have >= total:
		return have
	categories = frappe.get_all("Complaint Category", pluck="name", order_by="name") or [
		frappe.get_doc({"doctype": "Complaint Category", "category_name": "Other Matters"}).insert().name
	]
	units = dict(
		frappe.get_all(
			"Supervision Unit",
			filters={"jurisdiction": ("in", sorted({c[1] for c in compounds}))},
			fields=["jurisdiction", "name"],
			as_list=True,
		)
	)
	keys = set(frappe.get_all("Complaint", filters={"tracking_key": ("is", "set")}, pluck="tracking_key"))
	fields = list(COMPLAINT_FIELDS)
	has_reminded = frappe.get_meta("Complaint").has_field("reminded_deadline")
	if has_reminded:
		fields.append("reminded_deadline")
	existing = set(frappe.get_all("Complaint", filters={"name": ("like", "TS-BENCH-%")}, pluck="name"))
	read_site_rules()

	def rows():
		# the same seed always draws the same rows; those already on the site are skipped
		for i in range(1, total + 1):
			row = complaint_row(i, rng, now, compounds, categories, units, keys)
			if row[0] in existing:
				continue
			yield row if has_reminded else row[:-1]

	return bulk("Complaint", fields, rows())


def rebuild_monthly_counts():
	"""The monthly totals the workspace chart reads (complaints/monthly.py): bulk_insert ran no
	controller, so they are recounted once."""
	try:
		from property_supervision.complaints import monthly
	except ImportError:
		return
	monthly.rebuild()


def generate(args) -> dict:
	import frappe

	rng = random.Random(args.seed)
	now = today_at_eight()
	if args.regenerate:
		delete_generated()
	with timed("jurisdictions"):
		areas, communities = make_jurisdictions()
	all_communities = [c for area in areas for c in communities[area]]
	with timed("enterprises"):
		enterprises = make_enterprises(rng, now)
	with timed("compounds"):
		compounds = make_compounds(rng, now, all_communities, enterprises)
	with timed("staff"):
		staff = make_staff(rng, now, enterprises)
	with timed("complaints"):
		make_complaints(rng, now, args.complaints, compounds)
	with timed("credit records"):
		credit = make_credit_records(rng, now, enterprises)
	with timed("automatic credit records, reminders and inspections of the past"):
		past = make_past_automatic_records(now)
	with timed("indexes and table statistics"):
		from property_supervision.complaints.indexes import add_complaint_indexes

		add_complaint_indexes()
		rebuild_monthly_counts()
		for doctype in ("Complaint", "Residential Compound", "Jurisdiction"):
			frappe.db.sql(f"analyze table `tab{doctype}`")
	frappe.db.commit()
	return {
		"areas": areas,
		"communities": communities,
		"compounds": compounds,
		"volume": {
			"areas": len(areas),
			"communities": len(all_communities),
			"compounds": len(compounds),
			"enterprises": len(enterprises),
			"staff": staff,
			"complaints (all on the site)": frappe.db.count("Complaint"),
			"credit records": credit,
			**past,
		},
	}


def main(argv=None):
	args = parse_args(argv)
	frappe = connect(args)
	try:
		log(f"site {args.site}, seed {args.seed}, {args.complaints} complaints")
		generated = generate(args)
		for label, count in generated["volume"].items():
			print(f"  {label:30} {count:>9,}")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
