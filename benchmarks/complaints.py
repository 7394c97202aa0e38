#!/usr/bin/env python3
"""SPEC §9 benchmark of the Complaints module. Not a test: it fills a SCRATCH site with the
reference volume and prints the figures next to their targets.

Run from the bench's `sites` folder, as the bench user (runuser -u frappe -- … when root):

    cd sites && ../env/bin/python ../benchmarks/complaints.py --site bench-scratch.localhost
    cd sites && ../env/bin/python ../benchmarks/complaints.py --site bench-scratch.localhost --complaints 3000

Redis (cache) must be running (`source scripts/lib.sh && start_redis`). The site's name must
contain "bench" or "scratch": the script writes hundreds of thousands of rows and refuses any
other site, the demo site above all. See benchmarks/README.md.

What it does, reproducibly for a given --seed:
1. generates the reference volume with frappe.db.bulk_insert (test data, not user input):
   10 areas, 100 communities, 3,000 compounds, 800 enterprises, 20,000 staff (if the
   Property Practitioner DocType exists), --complaints complaints (300,000), 50,000 credit
   records (if the Credit Record DocType exists). Records it made before are reused
   (--regenerate deletes them first);
2. measures and prints:
   - the complaint list API page: 20 rows filtered by area, as an area officer restricted to
     that area (frappe.client.get_list, as GET /api/resource/Complaint does; and the desk's
     frappe.desk.reportview.get), p50/p95 over --runs calls;
   - the `Complaint Statistics` report over all complaints, each grouping;
   - complaint creation through the document API (frappe.get_doc(...).insert() + commit, as
     POST /api/resource/Complaint does) against the same fields inserted into a bare custom
     DocType "Bench Bare Complaint" (same columns, no controller, no workflow), same process,
     interleaved; printed as a ratio;
   - the daily SLA job over all complaints, run synchronously;
   - the 投诉受理单 PDF.
"""

import argparse
import datetime
import random
import statistics
import sys
import time

from property_supervision import workflow_meanings as meanings

BENCH_PREFIX = "基准"
AREAS, COMMUNITIES_PER_AREA = 10, 10
COMPOUNDS, ENTERPRISES, STAFF, CREDIT_RECORDS = 3000, 800, 20000, 50000
BARE_DOCTYPE = "Bench Bare Complaint"
OFFICER = "bench.area.officer@example.com"
ADMIN = "bench.supervision.admin@example.com"
PRINT_FORMAT = "投诉受理单"
# the site's workflow states, found by their meaning (workflow_meanings.py) once connected:
# read_workflow_states() fills these, so the benchmark follows a renamed or extended workflow
OPEN_STATES: tuple[str, ...] = ()
LEVEL_OF_STATE: dict[str, str] = {}
STATE: dict[str, str] = {}  # meaning -> the first state of that meaning
LEVEL_DAYS = {"Community": 5, "Area": 10, "District": 15, "Joint Meeting": 15}
ESCALATIONS = {"Community": 0, "Area": 1, "District": 2, "Joint Meeting": 3}
TARGETS = {
	"list": 0.150,
	"statistics": 1.0,
	"ratio": 0.85,
	"sla": 10.0,
	"pdf": 1.5,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰志强海燕红梅晓东春梅新华"
COMPLAINT_TEXTS = (
	"电梯故障多日无人维修，老人出行困难。",
	"物业费上涨未经业主大会讨论，也未公示。",
	"小区垃圾清运不及时，楼道异味严重。",
	"夜间外来车辆随意停放，堵塞消防通道。",
	"公共收益收支情况长期未公示。",
	"楼顶漏水报修后一个月仍未处理。",
	"保安夜间脱岗，单元门禁损坏。",
	"绿化带被占用改建停车位。",
	"装修噪音超出规定时段，物业未制止。",
	"供暖温度不达标，物业推诿不处理。",
)


def parse_args(argv=None):
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument(
		"--site", required=True, help='a scratch site; its name must contain "bench" or "scratch"'
	)
	parser.add_argument(
		"--sites-path", default=".", help="the bench's sites folder (default: the current folder)"
	)
	parser.add_argument(
		"--complaints", type=int, default=300_000, help="complaints to generate (default 300000)"
	)
	parser.add_argument(
		"--seed", type=int, default=2015, help="random seed of the generated data (default 2015)"
	)
	parser.add_argument("--runs", type=int, default=50, help="timed calls of the list page (default 50)")
	parser.add_argument(
		"--inserts", type=int, default=300, help="documents inserted per side for the ratio (default 300)"
	)
	parser.add_argument(
		"--regenerate", action="store_true", help="delete the data this script generated, then generate again"
	)
	parser.add_argument(
		"--skip-sla", action="store_true", help="do not run the SLA job (it changes the data)"
	)
	return parser.parse_args(argv)


def refuse_unless_scratch(site: str):
	if not any(word in site.lower() for word in ("bench", "scratch")):
		sys.exit(
			f'Refusing to run on "{site}": the benchmark writes hundreds of thousands of rows, so the site\'s name must contain "bench" or "scratch".'
		)


# ---------------------------------------------------------------------------------------------
# generation
# ---------------------------------------------------------------------------------------------


def log(message: str):
	print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def timed(label: str):
	class _Timer:
		def __enter__(self):
			self.start = time.perf_counter()
			return self

		def __exit__(self, *exc):
			self.seconds = time.perf_counter() - self.start
			if not exc[0]:
				log(f"{label}: {self.seconds:.1f} s")

	return _Timer()


def standard_columns(name: str, when: datetime.datetime) -> tuple:
	return (name, when, when, "Administrator", "Administrator", 0, 0)


STANDARD_FIELDS = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx"]


def doctype_exists(doctype: str) -> bool:
	import frappe

	return bool(frappe.db.exists("DocType", doctype)) and frappe.db.table_exists(doctype)


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
	from property_supervision.rules.identifiers import CREDIT_CODE_ALPHABET, credit_code_check_character

	first17 = "91650105" + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
	return first17 + credit_code_check_character(first17)


def id_number(sequence: int) -> str:
	from property_supervision.rules.identifiers import id_number_check_character

	birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=sequence // 1000 * 7)
	first17 = f"650105{birth:%Y%m%d}{sequence % 1000:03d}"
	return first17 + id_number_check_character(first17)


def person(rng: random.Random) -> str:
	return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def mobile(rng: random.Random) -> str:
	return rng.choice(("139", "138", "186", "135", "150", "177", "189")) + f"{rng.randrange(10**8):08d}"


def mask(phone: str) -> str:
	return f"{phone[:3]}****{phone[7:]}"


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
		["credit_code", "enterprise_name", "contact_person", "contact_phone", "workflow_state", "filed_on"],
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
			(f"XQ-BENCH-{i:05d}", communities[(i - 1) % len(communities)], rng.choice(enterprises))
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
	if frappe.db.count("Credit Record", {"name": ("like", "XY-BENCH-%")}) >= CREDIT_RECORDS:
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
		escalations = ESCALATIONS[level]
		deadline = working_day_from(today + datetime.timedelta(days=rng.randint(0, 15)))
		started = max(
			received,
			datetime.datetime.combine(deadline, datetime.time(9))
			- datetime.timedelta(days=round(LEVEL_DAYS[level] * 1.4)),
		)
		reminded = deadline if deadline <= today else None
	elif age_days >= 30 and rng.random() < 0.002:
		state = rng.choice(OPEN_STATES[3:5])  # the district and the joint meeting
		level = LEVEL_OF_STATE[state]
		escalations = ESCALATIONS[level]
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
		escalations = ESCALATIONS[level]
		overdue = int(days > 20)
		upheld = int(rng.random() < 0.3)
		resolution = "已督促物业服务企业整改完毕。"
		if closed_state:
			satisfaction = rng.choices(
				("Satisfied", "Basically Satisfied", "Dissatisfied"), weights=(65, 25, 10)
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
		rng.choices(("Window", "Phone", "12345 Hotline", "Web Form", "Other"), weights=(30, 20, 30, 18, 2))[
			0
		],
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

	def rows():
		# the same seed always draws the same rows; those already on the site are skipped
		for i in range(1, total + 1):
			row = complaint_row(i, rng, now, compounds, categories, units, keys)
			if row[0] in existing:
				continue
			yield row if has_reminded else row[:-1]

	return bulk("Complaint", fields, rows())


def working_day_from(day: datetime.date) -> datetime.date:
	"""The day itself, or the Monday after a weekend: deadlines fall on working days."""
	return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def reminder_window_end(day: datetime.date) -> datetime.date:
	"""The last deadline the SLA job run on `day` reminds of (Complaint Settings' lead)."""
	import frappe
	from property_supervision.complaints.doctype.complaint_settings.complaint_settings import (
		get_calendar,
		get_complaint_settings,
	)
	from property_supervision.rules.working_days import add_working_days

	holidays, working_weekends = get_calendar()
	lead = frappe.utils.cint(get_complaint_settings().reminder_lead_days)
	return add_working_days(day, lead, holidays, working_weekends)


def prepare_sla_day(rng: random.Random) -> int:
	"""Give the SLA job one day's work, the same on every run: about 5 % of a day's intake
	(two years of complaints) missed its level deadline yesterday, and yesterday's run reminded
	of the deadlines up to the end of its reminder window, not of those after.
	Returns how many complaints are now overdue."""
	import frappe

	today = frappe.utils.getdate()  # the site's time zone, as the job counts
	yesterday = today - datetime.timedelta(days=1)
	daily = frappe.db.count("Complaint", {"name": ("like", "TS-BENCH-%")}) / 730
	candidates = frappe.get_all(
		"Complaint",
		filters={
			"name": ("like", "TS-BENCH-%"),
			"workflow_state": ("in", OPEN_STATES[1:3]),  # the community and the area
			"deadline": (">=", today),
		},
		order_by="name",
		pluck="name",
	)
	due = rng.sample(candidates, min(len(candidates), max(1, round(daily * 0.05))))
	if due:
		frappe.db.sql(
			"""update `tabComplaint` set deadline = %(yesterday)s, is_overdue = 0 where name in %(names)s""",
			{"yesterday": yesterday, "names": due},
		)
	if frappe.get_meta("Complaint").has_field("reminded_deadline"):
		reminded_until = reminder_window_end(yesterday)
		frappe.db.sql(
			"""update `tabComplaint`
			set reminded_deadline = if(deadline <= %(until)s, deadline, null)
			where name like 'TS-BENCH-%%' and workflow_state in %(open)s and deadline >= %(today)s""",
			{"until": reminded_until, "open": OPEN_STATES, "today": today},
		)
	frappe.db.commit()
	return len(due)


def generate(args) -> dict:
	import frappe

	rng = random.Random(args.seed)
	# a fixed "now" (8 o'clock today in the site's time zone, as the SLA job counts days) keeps
	# the data identical between runs on the same day
	now = datetime.datetime.combine(frappe.utils.getdate(), datetime.time(8, 0))
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
	with timed("indexes and table statistics"):
		from property_supervision.complaints.indexes import add_complaint_indexes

		add_complaint_indexes()
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
		},
	}


# ---------------------------------------------------------------------------------------------
# measurements
# ---------------------------------------------------------------------------------------------


def ensure_user(email: str, roles: list[str]) -> str:
	import frappe

	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	frappe.get_doc("User", email).add_roles(*roles)
	return email


def ensure_officer(area: str) -> str:
	import frappe

	ensure_user(OFFICER, ["Area Officer"])
	if not frappe.db.exists("User Permission", {"user": OFFICER, "allow": "Jurisdiction", "for_value": area}):
		frappe.permissions.add_user_permission("Jurisdiction", area, OFFICER)
	frappe.db.commit()
	return OFFICER


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_calls(call, runs: int, warmup: int = 3) -> list[float]:
	for _ in range(warmup):
		call(0)
	times = []
	for i in range(runs):
		start = time.perf_counter()
		call(i)
		times.append(time.perf_counter() - start)
	return times


LIST_FIELDS = [
	"name",
	"compound",
	"jurisdiction",
	"category",
	"workflow_state",
	"current_level",
	"deadline",
	"is_overdue",
	"received_on",
]


def measure_list(area: str, runs: int) -> dict:
	import frappe
	import frappe.client
	from frappe.desk import reportview

	officer = ensure_officer(area)
	frappe.set_user(officer)
	filters = [["Complaint", "jurisdiction", "descendants of (inclusive)", area]]
	try:
		pages = []

		def api(i):
			rows = frappe.client.get_list(
				"Complaint",
				fields=LIST_FIELDS,
				filters=filters,
				order_by="received_on desc",
				limit_start=(i % 5) * 20,
				limit_page_length=20,
			)
			pages.append(len(rows))

		api_times = time_calls(api, runs)

		def desk(i):
			frappe.local.form_dict = frappe._dict(
				doctype="Complaint",
				fields=[f"`tabComplaint`.`{f}`" for f in LIST_FIELDS],
				filters=filters,
				order_by="`tabComplaint`.`received_on` desc",
				start=(i % 5) * 20,
				page_length=20,
				with_comment_count=True,
			)
			reportview.get()

		desk_times = time_calls(desk, runs)

		def count(i):
			frappe.local.form_dict = frappe._dict(
				doctype="Complaint", filters=filters, fields=[], distinct=False
			)
			reportview.get_count()

		count_times = time_calls(count, max(5, runs // 5))
		visible = frappe.db.count("Complaint")  # not permission-aware: the area's share is below
		in_area = len(frappe.get_list("Complaint", filters=filters, pluck="name", limit_page_length=0))
	finally:
		frappe.local.form_dict = frappe._dict()
		frappe.set_user("Administrator")
	return {
		"api": api_times,
		"desk": desk_times,
		"count": count_times,
		"rows": min(pages),
		"in_area": in_area,
		"total": visible,
	}


def measure_statistics(area: str) -> dict:
	"""The report over every complaint, as district staff run it (each grouping), then as the
	area officer (their subtree only). Median of 3 runs after one warm-up run."""
	import frappe
	from frappe.desk.query_report import run
	from property_supervision.complaints.report.complaint_statistics.complaint_statistics import (
		GROUPINGS,
		execute,
	)

	ensure_user(ADMIN, ["Supervision Admin"])
	ensure_officer(area)
	frappe.db.commit()
	results = {}

	def median_of_runs(filters: dict) -> tuple[float, int]:
		execute(filters)
		times = []
		for _ in range(3):
			start = time.perf_counter()
			_columns, data, *_rest = execute(filters)
			times.append(time.perf_counter() - start)
		return statistics.median(times), len(data) - 1 if data else 0

	try:
		frappe.set_user(ADMIN)
		for grouping in GROUPINGS:
			results[grouping] = median_of_runs({"group_by": grouping})
		last_year = (datetime.date.today() - datetime.timedelta(days=365)).isoformat()
		results["Jurisdiction, last 12 months"] = median_of_runs(
			{"group_by": "Jurisdiction", "from_date": last_year}
		)
		start = time.perf_counter()
		run("Complaint Statistics", filters={"group_by": "Area"}, ignore_prepared_report=True)
		results["Area via query_report.run (desk)"] = (time.perf_counter() - start, None)
		frappe.set_user(OFFICER)
		for grouping in ("Jurisdiction", "Enterprise"):
			results[f"{grouping}, as the area officer"] = median_of_runs({"group_by": grouping})
	finally:
		frappe.set_user("Administrator")
	return results


def ensure_bare_doctype():
	"""A custom DocType with Complaint's columns: no controller, no workflow, no naming series."""
	import frappe
	from frappe.model import table_fields

	if frappe.db.exists("DocType", BARE_DOCTYPE):
		return
	fields = []
	for df in frappe.get_meta("Complaint").fields:
		if df.fieldtype in table_fields:
			continue
		fields.append(
			{
				key: df.get(key)
				for key in (
					"fieldname",
					"fieldtype",
					"label",
					"options",
					"length",
					"search_index",
					"unique",
					"default",
				)
				if df.get(key) not in (None, "")
			}
		)
	perm = {"read": 1, "write": 1, "create": 1, "delete": 1}
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": BARE_DOCTYPE,
			"module": "Complaints",
			"custom": 1,
			"autoname": "hash",
			"fields": fields,
			"permissions": [{"role": "System Manager", **perm}, {"role": "Supervision Admin", **perm}],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()


def measure_creation(rng: random.Random, compounds, inserts: int) -> dict:
	import frappe

	ensure_bare_doctype()
	ensure_user(ADMIN, ["Supervision Admin"])
	frappe.db.commit()
	categories = frappe.get_all("Complaint Category", pluck="name")

	def fields():
		return {
			"complainant_name": person(rng),
			"complainant_phone": mobile(rng),
			"compound": rng.choice(compounds)[0],
			"category": rng.choice(categories),
			"received_via": "Window",
			"description": rng.choice(COMPLAINT_TEXTS),
		}

	created = []
	seconds = {"Complaint": 0.0, BARE_DOCTYPE: 0.0}
	counts = {"Complaint": 0, BARE_DOCTYPE: 0}
	frappe.set_user(ADMIN)
	try:
		# warm both paths, then alternate batches so that both see the same machine
		for doctype in ("Complaint", BARE_DOCTYPE):
			frappe.get_doc({"doctype": doctype, **fields()}).insert()
			frappe.db.commit()
		batch = 25
		for _round in range(max(1, inserts // batch)):
			for doctype in ("Complaint", BARE_DOCTYPE) if _round % 2 == 0 else (BARE_DOCTYPE, "Complaint"):
				payloads = [fields() for _ in range(batch)]
				start = time.perf_counter()
				for payload in payloads:
					doc = frappe.get_doc({"doctype": doctype, **payload}).insert()
					frappe.db.commit()
					if doctype == "Complaint":
						created.append(doc.name)
				seconds[doctype] += time.perf_counter() - start
				counts[doctype] += batch
	finally:
		frappe.set_user("Administrator")
	rate = {d: counts[d] / seconds[d] for d in seconds}
	return {"rate": rate, "ratio": rate["Complaint"] / rate[BARE_DOCTYPE], "created": created}


def find_sla_job():
	"""Helper E's daily job: its worker (process_sla_status), which update_sla_status enqueues."""
	try:
		from property_supervision.complaints.doctype.complaint import complaint
	except ImportError:
		return None, None
	for name in ("process_sla_status", "update_sla_status"):
		function = getattr(complaint, name, None)
		if callable(function):
			return f"{complaint.__name__}.{name}", function
	return None, None


def measure_sla(rng: random.Random) -> dict | None:
	import frappe

	path, job = find_sla_job()
	if not job:
		print("note: update_sla_status not found in the Complaint controller: SLA job skipped")
		return None
	overdue = prepare_sla_day(rng)
	open_count = frappe.db.count("Complaint", {"workflow_state": ("in", OPEN_STATES)})
	frappe.set_user("Administrator")
	# if the job enqueues its worker, run it in this process instead (frappe.enqueue honours `now`)
	original_enqueue = frappe.enqueue

	def enqueue_now(method, *args, **kwargs):
		kwargs["now"] = True
		return original_enqueue(method, *args, **kwargs)

	frappe.enqueue = enqueue_now
	try:
		start = time.perf_counter()
		counts = job()
		frappe.db.commit()
		seconds = time.perf_counter() - start
	finally:
		frappe.enqueue = original_enqueue
	return {"path": path, "seconds": seconds, "open": open_count, "overdue": overdue, "counts": counts}


def measure_pdf(complaint: str) -> dict:
	import frappe

	frappe.set_user(ADMIN)
	try:
		frappe.get_print("Complaint", complaint, print_format=PRINT_FORMAT, as_pdf=True)
		times = []
		for _ in range(5):
			start = time.perf_counter()
			pdf = frappe.get_print("Complaint", complaint, print_format=PRINT_FORMAT, as_pdf=True)
			times.append(time.perf_counter() - start)
	finally:
		frappe.set_user("Administrator")
	return {"median": statistics.median(times), "max": max(times), "bytes": len(pdf)}


def explain(area: str):
	"""The indexes MariaDB picks for the three hot query shapes."""
	import frappe

	subtree = frappe.db.sql(
		"""select name from `tabJurisdiction` where lft >= (select lft from `tabJurisdiction` where name=%(a)s)
		and rgt <= (select rgt from `tabJurisdiction` where name=%(a)s)""",
		{"a": area},
		pluck=True,
	)
	shapes = {
		"list by area": (
			"select name from `tabComplaint` where jurisdiction in %(s)s order by received_on desc limit 20",
			{"s": subtree},
		),
		"overdue scan": (
			"select name from `tabComplaint` where workflow_state in %(o)s and deadline < curdate()",
			{"o": OPEN_STATES},
		),
		"statistics": (
			"""select jurisdiction, count(*), count(resolved_on), sum(is_overdue), sum(satisfaction = 'Satisfied')
			from `tabComplaint` group by jurisdiction order by jurisdiction""",
			{},
		),
		"stats by ent.": (
			"""select enterprise, count(*), count(resolved_on), sum(is_overdue) from `tabComplaint`
			where jurisdiction in %(s)s group by enterprise order by enterprise""",
			{"s": subtree},
		),
	}
	for label, (query, values) in shapes.items():
		plan = frappe.db.sql(f"explain {query}", values, as_dict=True)
		keys = ", ".join(f"{p.get('key')} ({p.get('Extra') or ''})" for p in plan)
		print(f"  {label:14} {keys}")


def verdict(value: float, target: float, higher_is_better: bool = False) -> str:
	ok = value >= target if higher_is_better else value <= target
	return "ok" if ok else "MISSED"


def read_workflow_states():
	"""The states the generated rows take, by meaning: the open states in the workflow's order
	(received, community, area, district, joint meeting) with their level, and one state each for
	filed enterprises, confirmed credit records and finished complaints."""
	global OPEN_STATES
	order = (
		meanings.RECEIVED,
		meanings.COMMUNITY_LEVEL,
		meanings.AREA_LEVEL,
		meanings.DISTRICT_LEVEL,
		meanings.JOINT_MEETING_LEVEL,
	)
	for meaning in order + meanings.FINISHED_COMPLAINT_MEANINGS:
		STATE[meaning] = meanings.state("Complaint", meaning)
	STATE[meanings.FILED] = meanings.state("Property Enterprise", meanings.FILED)
	STATE[meanings.CONFIRMED] = meanings.state("Credit Record", meanings.CONFIRMED)
	OPEN_STATES = tuple(STATE[m] for m in order)
	LEVEL_OF_STATE.update({STATE[m]: meanings.LEVEL_OF_MEANING[m] for m in order})
	missing = [m for m, s in STATE.items() if not s]
	if missing:
		sys.exit(f"the site's workflows have no state meaning {', '.join(missing)}")


def main(argv=None):
	args = parse_args(argv)
	refuse_unless_scratch(args.site)
	import frappe

	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	read_workflow_states()
	try:
		log(f"site {args.site}, seed {args.seed}, {args.complaints} complaints")
		generated = generate(args)
		for label, count in generated["volume"].items():
			print(f"  {label:30} {count:>9,}")
		area = generated["areas"][0]

		print("\nquery plans:")
		explain(area)

		log("complaint list page")
		listing = measure_list(area, args.runs)
		log("Complaint Statistics")
		stats = measure_statistics(area)
		log("creation throughput")
		creation = measure_creation(random.Random(args.seed + 1), generated["compounds"], args.inserts)
		log("Complaint PDF")
		pdf = measure_pdf(creation["created"][0])
		sla = None
		if not args.skip_sla:
			log("daily SLA job")
			sla = measure_sla(random.Random(args.seed + 2))
	finally:
		frappe.destroy()

	p50, p95 = percentile(listing["api"], 0.5), percentile(listing["api"], 0.95)
	stats_worst = max(v[0] for k, v in stats.items())
	print()
	print(
		f"Complaint list page: {listing['rows']} rows, area {area} holds {listing['in_area']:,} of {listing['total']:,} complaints"
	)
	print(
		f"  frappe.client.get_list     p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   ({len(listing['api'])} calls)"
	)
	print(
		f"  desk reportview.get        p50 {percentile(listing['desk'], 0.5) * 1000:7.1f} ms   p95 {percentile(listing['desk'], 0.95) * 1000:7.1f} ms"
	)
	print(
		f"  desk reportview.get_count  p50 {percentile(listing['count'], 0.5) * 1000:7.1f} ms   p95 {percentile(listing['count'], 0.95) * 1000:7.1f} ms"
	)
	print("Complaint Statistics over all complaints (median of 3 runs):")
	for grouping, (seconds, groups) in stats.items():
		print(
			f"  {grouping:32} {seconds * 1000:8.1f} ms"
			+ (f"   {groups} groups" if groups is not None else "")
		)
	print("Creation (insert + commit per document):")
	for doctype, rate in creation["rate"].items():
		print(f"  {doctype:32} {rate:8.1f} documents/s")
	if sla:
		print(
			f"Daily SLA job ({sla['path']}): {sla['seconds']:.2f} s, {sla['open']:,} open complaints, {sla['overdue']} made overdue for the day, {sla['counts']}"
		)
	print(
		f"Complaint PDF ({PRINT_FORMAT}): median {pdf['median']:.2f} s, max {pdf['max']:.2f} s, {pdf['bytes']:,} bytes"
	)

	rows = [
		(
			"Complaint list API page p95 (area officer)",
			f"{p95 * 1000:.0f} ms",
			"≤ 150 ms",
			verdict(p95, TARGETS["list"]),
		),
		(
			"Complaint Statistics (slowest grouping)",
			f"{stats_worst:.2f} s",
			"≤ 1 s",
			verdict(stats_worst, TARGETS["statistics"]),
		),
		(
			"Creation throughput vs bare DocType",
			f"{creation['ratio'] * 100:.0f} %",
			"≥ 85 %",
			verdict(creation["ratio"], TARGETS["ratio"], higher_is_better=True),
		),
		(
			"Daily SLA job",
			f"{sla['seconds']:.2f} s" if sla else "not run",
			"≤ 10 s",
			verdict(sla["seconds"], TARGETS["sla"]) if sla else "-",
		),
		("Complaint PDF", f"{pdf['median']:.2f} s", "≤ 1.5 s", verdict(pdf["median"], TARGETS["pdf"])),
	]
	print(f"\nSPEC §9 at {generated['volume']['complaints (all on the site)']:,} complaints")
	print(f"  {'figure':44} {'measured':>10}   {'target':>8}")
	for label, measured, target, result in rows:
		print(f"  {label:44} {measured:>10}   {target:>8}   {result}")


if __name__ == "__main__":
	main()
