"""What the two benchmark commands share (generate.py fills a scratch site, measure.py times it):
the guard that keeps them off any site but a scratch one, the connection, the names of the
generated records and users, and the app's own constants — workflow states found by their
meaning (workflow_meanings.py), levels and masks from the app's rules — never restated here.
"""

import argparse
import datetime
import sys
import time

BENCH_PREFIX = "基准"
AREAS, COMMUNITIES_PER_AREA = 10, 10
COMPOUNDS, ENTERPRISES, STAFF, CREDIT_RECORDS = 3000, 800, 20000, 50000
BARE_DOCTYPE = "Bench Bare Complaint"
OFFICER = "bench.area.officer@example.com"
ADMIN = "bench.supervision.admin@example.com"
PRINT_FORMAT = "投诉受理单"
# the site's workflow states, found by their meaning (workflow_meanings.py) once connected:
# read_workflow_states() fills these, so the benchmark follows a renamed or extended workflow
OPEN_STATES: list[str] = []
LEVEL_OF_STATE: dict[str, str] = {}
STATE: dict[str, str] = {}  # meaning -> the first state of that meaning

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


def base_parser(description: str) -> argparse.ArgumentParser:
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument(
		"--site",
		required=True,
		help='a scratch site; its name must contain "bench" or "scratch"',
	)
	parser.add_argument(
		"--sites-path",
		default=".",
		help="the bench's sites folder (default: the current folder)",
	)
	parser.add_argument(
		"--seed",
		type=int,
		default=2015,
		help="random seed of the generated data (default 2015)",
	)
	return parser


def refuse_unless_scratch(site: str):
	if not any(word in site.lower() for word in ("bench", "scratch")):
		sys.exit(
			f'Refusing to run on "{site}": the benchmark writes hundreds of thousands of rows, so the site\'s name must contain "bench" or "scratch".'
		)


def connect(args):
	"""Connect to the scratch site as Administrator and read the workflow states."""
	refuse_unless_scratch(args.site)
	import frappe

	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	read_workflow_states()
	return frappe


def log(message: str):
	print(f"[{time.strftime('%H:%M:%S')}] {message}  (load {load_average()})", flush=True)


def load_average() -> str:
	"""The machine's 1/5/15-minute load, printed beside every figure (timings are noisy)."""
	try:
		with open("/proc/loadavg") as f:
			return " ".join(f.read().split()[:3])
	except OSError:
		return "?"


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


def doctype_exists(doctype: str) -> bool:
	import frappe

	return bool(frappe.db.exists("DocType", doctype)) and frappe.db.table_exists(doctype)


def person(rng) -> str:
	return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def mobile(rng) -> str:
	return rng.choice(("139", "138", "186", "135", "150", "177", "189")) + f"{rng.randrange(10**8):08d}"


def mask(phone: str) -> str:
	from property_supervision.rules.identifiers import mask_phone

	return mask_phone(phone)


def levels() -> list[str]:
	"""The complaint levels in escalation order (Community, Area, District, Joint Meeting)."""
	from property_supervision import workflow_meanings as meanings

	return list(dict.fromkeys(meanings.LEVEL_OF_MEANING.values()))


def read_workflow_states():
	"""The states the generated rows take, by meaning: the open states in the workflow's order
	(received, community, area, district, joint meeting) with their level, and one state each for
	filed enterprises, confirmed credit records and finished complaints."""
	from property_supervision import workflow_meanings as meanings

	order = meanings.OPEN_COMPLAINT_MEANINGS
	for meaning in order + meanings.FINISHED_COMPLAINT_MEANINGS:
		STATE[meaning] = meanings.state("Complaint", meaning)
	STATE[meanings.FILED] = meanings.state("Property Enterprise", meanings.FILED)
	STATE[meanings.CONFIRMED] = meanings.state("Credit Record", meanings.CONFIRMED)
	OPEN_STATES[:] = [STATE[m] for m in order]
	LEVEL_OF_STATE.update({STATE[m]: meanings.LEVEL_OF_MEANING[m] for m in order})
	missing = [m for m, s in STATE.items() if not s]
	if missing:
		sys.exit(f"the site's workflows have no state meaning {', '.join(missing)}")


def today_at_eight() -> datetime.datetime:
	"""A fixed "now" (8 o'clock today in the site's time zone, as the SLA job counts days): it
	keeps the data identical between runs on the same day."""
	import frappe

	return datetime.datetime.combine(frappe.utils.getdate(), datetime.time(8, 0))
