"""The shipped notices deliver for real (SPEC §10): e-mail to an SMTP server and SMS to an HTTP
gateway, both started by this test on 127.0.0.1; the desk notice as a Notification Log. The
events are raised the way the app raises them (documents saved, workflow actions applied, the
sweeps' `notices.send`), the queued RQ jobs are run as a worker runs them (execute_job), and the
Email Queue is flushed as the scheduler flushes it.

Everything here is committed (the jobs only see committed data), so every record has a test
prefix and is removed again in tearDownClass."""

import email
import email.policy
import re
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import frappe
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from property_supervision import notices
from property_supervision import workflow_meanings as meanings
from property_supervision.complaints.doctype.complaint.complaint import apply_system_transition
from property_supervision.notices import recipients
from property_supervision.notices.delivery import JOB as DELIVERY_JOB
from property_supervision.roles import AREA_OFFICER, COMMUNITY_OFFICER, ENTERPRISE_USER
from property_supervision.tests.factories import (
	make_category,
	make_community,
	make_complaint,
	make_compound,
	make_enterprise,
	make_user,
	use_chinese,
)

AREA = "七纺片区管委会"
COMMUNITY = "通知测试社区"
COMPOUND = "通知测试花园小区"
ENTERPRISE = "通知测试物业服务有限公司"
CATEGORY = "Service Quality"
COMMUNITY_USER = "h1.notice.community@example.invalid"
AREA_USER = "h1.notice.area@example.invalid"
ENTERPRISE_USER_ID = "h1.notice.enterprise@example.invalid"
HIDDEN_AREA_USER = "h1.notice.hidden@example.invalid"
TRAINING_ONLY_USER = "h1.notice.training@example.invalid"
ENTERPRISE_MOBILE = "13800138001"
MOBILES = {
	COMMUNITY_USER: "13800138010",
	AREA_USER: "13800138011",
	ENTERPRISE_USER_ID: ENTERPRISE_MOBILE,
	HIDDEN_AREA_USER: "13800138012",
	TRAINING_ONLY_USER: "13800138013",
}
COMPLAINANT_MOBILE = "13912340001"
SMS_NOTICES = (
	"投诉办理结果短信",
	"投诉办理结果短信（维吾尔文）",
	"企业收到投诉（短信）",
	"信用记录已确认（短信）",
)
PREFIX_EMAIL_ACCOUNT = "通知测试发信账户"


# --- the receivers ------------------------------------------------------------------------------


class SMTPReceiver:
	"""A small SMTP server (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that keeps every message."""

	def __init__(self):
		self.messages, self.reject_next = [], 0  # reject_next: answer MAIL with 451 (try later)
		receiver = self

		class Handler(socketserver.StreamRequestHandler):
			def reply(self, line: str):
				self.wfile.write(line.encode() + b"\r\n")

			def handle(self):
				self.reply("220 h1 test SMTP")
				sender, rcpts = None, []
				while True:
					line = self.rfile.readline()
					if not line:
						return
					command = line.decode("utf-8", "replace").strip()
					verb = command[:4].upper()
					if verb == "EHLO":
						self.wfile.write(b"250-h1 test\r\n250 8BITMIME\r\n")
					elif verb == "HELO" or verb == "NOOP":
						self.reply("250 OK")
					elif verb == "MAIL" and receiver.reject_next > 0:
						receiver.reject_next -= 1
						self.reply("451 4.3.0 Try again later")
					elif verb == "MAIL":
						sender, rcpts = _address(command), []
						self.reply("250 OK")
					elif verb == "RCPT":
						rcpts.append(_address(command))
						self.reply("250 OK")
					elif verb == "DATA":
						self.reply("354 End data with <CR><LF>.<CR><LF>")
						lines = []
						while True:
							data = self.rfile.readline()
							if data in (b".\r\n", b".\n", b""):
								break
							lines.append(data[1:] if data.startswith(b"..") else data)
						message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
						receiver.messages.append({"from": sender, "to": list(rcpts), "message": message})
						self.reply("250 OK queued")
					elif verb == "RSET":
						sender, rcpts = None, []
						self.reply("250 OK")
					elif verb == "QUIT":
						self.reply("221 Bye")
						return
					else:
						self.reply("502 Command not implemented")

		self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
		self.server.daemon_threads = True
		self.port = self.server.server_address[1]
		threading.Thread(target=self.server.serve_forever, daemon=True).start()

	def to(self, address: str) -> list[dict]:
		"""[{subject, body}] of the messages delivered to an address."""
		found = []
		for item in self.messages:
			if address in item["to"]:
				message = item["message"]
				part = message.get_body(preferencelist=("html", "plain"))
				found.append({"subject": str(message["Subject"]), "body": part.get_content() if part else ""})
		return found

	def close(self):
		self.server.shutdown()
		self.server.server_close()


def _address(command: str) -> str:
	match = re.search(r"<([^>]*)>", command)
	return match.group(1) if match else command.split(":", 1)[-1].strip()


class SMSGateway:
	"""The SMS provider's HTTP API: keeps every request; answers the next `fail_first` with 503."""

	def __init__(self):
		self.received, self.fail_first = [], 0
		gateway = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
				params = {k: v[0] for k, v in parse_qs(body).items()}
				gateway.received.append({"headers": dict(self.headers), "params": params})
				failing = gateway.fail_first > 0
				gateway.fail_first -= 1 if failing else 0
				self.send_response(503 if failing else 200)
				self.end_headers()
				self.wfile.write(b'{"code": 0, "msg": "OK"}')

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.url = f"http://127.0.0.1:{self.server.server_port}/v2/sms/single_send.json"
		threading.Thread(target=self.server.serve_forever, daemon=True).start()

	def to(self, number: str) -> list[str]:
		return [r["params"].get("text") for r in self.received if r["params"].get("mobile") == number]

	def close(self):
		self.server.shutdown()
		self.server.server_close()


# --- running the queue as a worker does ----------------------------------------------------------------


def run_queued_jobs(until=None, timeout: float = 20.0):
	"""Commit (the jobs are enqueued after commit), run this site's queued notice deliveries the
	way a worker runs them (execute_job), flush the Email Queue as the scheduler does; repeat
	until `until()` holds or nothing is left. A worker of the bench may take some of the jobs first: their deliveries reach the
	same local servers, so the test waits for `until` rather than counting jobs."""
	from frappe.email.queue import flush
	from frappe.utils.background_jobs import execute_job, get_queue

	deadline = time.monotonic() + timeout
	while True:
		frappe.db.commit()
		ran = 0
		for name in ("short", "default", "long"):
			queue = get_queue(name)
			for job in queue.get_jobs():
				kwargs = job.kwargs or {}
				if kwargs.get("site") != frappe.local.site or kwargs.get("method") != DELIVERY_JOB:
					continue  # another site's, or another module's job: left to the workers
				queue.remove(job)
				try:
					execute_job(**{**kwargs, "is_async": False})
				finally:
					frappe.local.job = None  # the test's own process is no worker afterwards
				ran += 1
		flush()
		frappe.db.commit()
		if until and until():
			return True
		if not until and not ran:
			return True
		if time.monotonic() > deadline:
			return False
		time.sleep(0.2)


class TestNotices(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.started = now_datetime()
		cls.smtp = SMTPReceiver()
		cls.sms = SMSGateway()
		make_community(COMMUNITY, AREA)
		cls.enterprise = make_enterprise(ENTERPRISE).name
		cls.compound = make_compound(COMPOUND, COMMUNITY, enterprise=cls.enterprise)
		make_category(CATEGORY)
		make_user(COMMUNITY_USER, [COMMUNITY_OFFICER])
		make_user(AREA_USER, [AREA_OFFICER])
		make_user(ENTERPRISE_USER_ID, [ENTERPRISE_USER])
		make_user(HIDDEN_AREA_USER, [COMMUNITY_OFFICER])
		make_user(TRAINING_ONLY_USER, [COMMUNITY_OFFICER])
		for user, mobile in MOBILES.items():  # every officer can be reached by SMS
			frappe.db.set_value("User", user, "mobile_no", mobile)
		cls.permit(COMMUNITY_USER, "Jurisdiction", COMMUNITY)
		cls.permit(AREA_USER, "Jurisdiction", AREA)
		cls.permit(ENTERPRISE_USER_ID, "Property Enterprise", cls.enterprise)
		# a permission on the area that hides what lies below it, and one for training only
		cls.permit(HIDDEN_AREA_USER, "Jurisdiction", AREA, hide_descendants=1)
		cls.permit(TRAINING_ONLY_USER, "Jurisdiction", AREA, applicable_for="Training Session")
		cls.email_account = cls.make_email_account()
		cls.configure_sms()
		cls.also_by_sms = cls.switch_on_sms_for_every_notice()
		frappe.db.commit()

	@classmethod
	def switch_on_sms_for_every_notice(cls) -> list[str]:
		"""What an administrator does with one tick per notice ("Also by SMS"): every e-mail notice
		also goes by SMS, except those with an SMS twin of their own (企业收到投诉（短信）…), so
		that each notice is seen to arrive by desk, e-mail and SMS."""
		names = [
			name
			for name in frappe.get_all(
				"Notification", filters={"channel": "Email", "enabled": 1, "ps_also_sms": 0}, pluck="name"
			)
			if not frappe.db.exists("Notification", f"{name}（短信）")
		]
		for name in names:
			frappe.db.set_value("Notification", name, "ps_also_sms", 1)
		frappe.cache.delete_value("notifications")
		return names

	@classmethod
	def remove_what_was_committed(cls):
		"""The tests commit (the jobs run after the commit, as in production): take back the
		documents they made, so that the test modules after this one count only their own."""
		made = {"creation": (">=", cls.started)}
		for doctype, filters in (
			("Credit Record", {"enterprise": cls.enterprise}),
			("Complaint", {"compound": cls.compound}),
			("Joint Meeting", made),
			("Training Session", made),
			("Owners Committee", made),
			("Assessment", made),
			("Notification Log", made),
			("Integration Request", made),
		):
			names = frappe.get_all(doctype, filters=filters, pluck="name")
			if not names:
				continue
			for table in frappe.get_meta(doctype).get_table_fields():
				frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", names)})
			frappe.db.delete(doctype, {"name": ("in", names)})

	@classmethod
	def permit(cls, user, doctype, value, **fields):
		if not frappe.db.exists("User Permission", {"user": user, "allow": doctype, "for_value": value}):
			add_user_permission(doctype, value, user, ignore_permissions=True, **fields)

	@classmethod
	def make_email_account(cls) -> str:
		if frappe.db.exists("Email Account", PREFIX_EMAIL_ACCOUNT):
			account = frappe.get_doc("Email Account", PREFIX_EMAIL_ACCOUNT)
		else:
			account = frappe.new_doc("Email Account")
			account.email_account_name = PREFIX_EMAIL_ACCOUNT
		cls.previous_default = frappe.get_all(
			"Email Account",
			filters={"default_outgoing": 1, "name": ("!=", PREFIX_EMAIL_ACCOUNT)},
			pluck="name",
		)
		for name in cls.previous_default:
			frappe.db.set_value("Email Account", name, "default_outgoing", 0)
		account.update(
			{
				"email_id": "notices@example.invalid",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"enable_incoming": 0,
				"smtp_server": "127.0.0.1",
				"smtp_port": cls.smtp.port,
				"use_tls": 0,
				"use_ssl_for_outgoing": 0,
				"no_smtp_authentication": 1,
				"always_use_account_email_id_as_sender": 1,
			}
		)
		account.save(ignore_permissions=True)
		return account.name

	@classmethod
	def configure_sms(cls):
		settings = frappe.get_doc("SMS Settings")
		cls.previous_sms = settings.as_dict()
		settings.sms_gateway_url = cls.sms.url
		settings.message_parameter = "text"
		settings.receiver_parameter = "mobile"
		settings.use_post = 1
		settings.set("parameters", [{"parameter": "apikey", "value": "test-key", "header": 0}])
		settings.save(ignore_permissions=True)
		for name in SMS_NOTICES:
			notice = frappe.get_doc("Notification", name)
			notice.enabled = 1
			notice.save(ignore_permissions=True)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.flags.testing_email = False
		for name in SMS_NOTICES:
			frappe.db.set_value("Notification", name, "enabled", 0)
		for name in cls.also_by_sms:
			frappe.db.set_value("Notification", name, "ps_also_sms", 0)
		for doctype in ("Complaint", "Credit Record"):
			frappe.cache.hdel("notifications", doctype)
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", cls.previous_sms.get("sms_gateway_url"))
		frappe.delete_doc("Email Account", cls.email_account, ignore_permissions=True, force=True)
		for name in cls.previous_default:
			frappe.db.set_value("Email Account", name, "default_outgoing", 1)
		frappe.db.delete("Email Queue", {"sender": ("like", "%notices@example.invalid%")})
		cls.remove_what_was_committed()
		frappe.db.commit()
		cls.smtp.close()
		cls.sms.close()
		super().tearDownClass()

	def setUp(self):
		use_chinese()
		frappe.set_user("Administrator")
		frappe.flags.testing_email = True  # the Email Queue really talks SMTP
		self.sms.fail_first = 0
		self.smtp.reject_next = 0
		run_queued_jobs()  # nothing left over from before

	def tearDown(self):
		frappe.flags.testing_email = False
		frappe.db.rollback()

	# --- helpers ------------------------------------------------------------------------------

	def wait_for_mail(self, address: str, subject_part: str, sms_part: str | None = None) -> dict:
		"""The e-mail to `address` whose subject holds `subject_part`, and the same notice by SMS to
		the user's mobile: its subject (`sms_part`, for a notice whose SMS is a twin record of its own)."""
		def arrived():
			return [m for m in self.smtp.to(address) if subject_part in m["subject"]]

		self.assertTrue(run_queued_jobs(arrived), f"no e-mail to {address} with {subject_part!r}")
		mail = arrived()[-1]
		if address in MOBILES:  # the same notice by SMS, to the user's mobile
			self.wait_for_sms(MOBILES[address], sms_part or subject_part)
		return mail

	def wait_for_sms(self, number: str, text_part: str) -> str:
		def arrived():
			return [t for t in self.sms.to(number) if t and text_part in t]

		self.assertTrue(run_queued_jobs(arrived), f"no SMS to {number} with {text_part!r}")
		return arrived()[-1]

	def desk_notice(self, user: str, document_name: str, subject_part: str) -> bool:
		return bool(
			frappe.get_all(
				"Notification Log",
				filters={
					"for_user": user,
					"document_name": document_name,
					"subject": ("like", f"%{subject_part}%"),
				},
			)
		)

	def new_complaint(self):
		doc = make_complaint(self.compound, CATEGORY, complainant_phone=COMPLAINANT_MOBILE)
		frappe.db.commit()
		return doc

	def move(self, name: str, meaning: str, **values):
		state = frappe.db.get_value("Complaint", name, "workflow_state")
		found = meanings.transition_to("Complaint", state, meaning)
		self.assertTrue(found, f"no transition from {state} to {meaning}")
		doc = apply_system_transition(name, found[0], **values)
		frappe.db.commit()
		return doc

	# --- the complaint's notices --------------------------------------------------------------

	def test_new_complaint_reaches_community_and_enterprise(self):
		doc = self.new_complaint()
		mail = self.wait_for_mail(COMMUNITY_USER, doc.name)
		self.assertIn("待受理", mail["subject"])
		self.assertIn("收到一件新投诉", mail["body"])
		self.assertIn(COMPOUND, mail["body"])
		self.assertTrue(self.desk_notice(COMMUNITY_USER, doc.name, "待受理"))
		to_enterprise = self.wait_for_mail(ENTERPRISE_USER_ID, doc.name)
		self.assertIn("贵单位服务的小区有一件新投诉", to_enterprise["subject"])
		self.assertIn("答复", to_enterprise["body"])
		sms = self.wait_for_sms(ENTERPRISE_MOBILE, doc.name)
		self.assertIn("有新投诉", sms)
		self.assertEqual(self.sms.received[-1]["params"].get("apikey"), "test-key")
		# the area officer and the enterprise are not the community's officers
		self.assertFalse([m for m in self.smtp.to(AREA_USER) if doc.name in m["subject"]])
		self.assertFalse(self.desk_notice(ENTERPRISE_USER_ID, doc.name, "待受理"))

	def test_escalation_reaches_the_area_and_tells_the_level_it_left(self):
		doc = self.new_complaint()
		self.move(doc.name, meanings.COMMUNITY_LEVEL)
		state = frappe.db.get_value("Complaint", doc.name, "workflow_state")
		action = meanings.action_from("Complaint", state, meanings.ESCALATES)
		apply_system_transition(doc.name, action, handling_note="社区无法协调，升级至片区")
		frappe.db.commit()
		to_area = self.wait_for_mail(AREA_USER, "已转入本级办理")
		self.assertIn(doc.name, to_area["subject"])
		self.assertIn("承办单位", to_area["body"])
		self.assertTrue(self.desk_notice(AREA_USER, doc.name, "已转入本级办理"))
		escalated = self.wait_for_mail(COMMUNITY_USER, "已升级")
		self.assertIn(doc.name, escalated["subject"])

	def test_resolution_goes_to_the_complainant_by_sms(self):
		doc = self.new_complaint()
		self.move(doc.name, meanings.COMMUNITY_LEVEL)
		self.move(doc.name, meanings.RESOLVED, resolution="已协调物业公司于三日内修复电梯。")
		text = self.wait_for_sms(COMPLAINANT_MOBILE, doc.name)
		self.assertIn("已办结", text)
		self.assertIn("已协调物业公司于三日内修复电梯", text)
		log = frappe.get_last_doc(
			"Integration Request",
			{"integration_request_service": "SMS", "reference_docname": doc.name, "status": "Completed"},
		)
		self.assertIn(COMPLAINANT_MOBILE, log.output)

	def test_the_resolution_sms_goes_in_the_language_the_resident_used(self):
		doc = self.new_complaint()
		frappe.db.set_value("Complaint", doc.name, "language", "ug")  # filed on /complaint in ئۇيغۇرچە
		frappe.db.commit()
		self.move(doc.name, meanings.COMMUNITY_LEVEL)
		self.move(doc.name, meanings.RESOLVED, resolution="已协调物业公司于三日内修复电梯。")
		text = self.wait_for_sms(COMPLAINANT_MOBILE, doc.name)
		self.assertRegex(text, "[\u0600-\u06ff]")  # Arabic script: the Uyghur message
		self.assertIn("بىر تەرەپ قىلىندى", text)
		self.assertIn("已协调物业公司于三日内修复电梯", text)  # the officer's own words stay as written
		chinese = [t for t in self.sms.to(COMPLAINANT_MOBILE) if t and doc.name in t and "已办结" in t]
		self.assertFalse(chinese, "the Chinese resolution SMS went to a Uyghur-speaking resident")

	def test_a_landline_complainant_gets_no_sms(self):
		doc = make_complaint(self.compound, CATEGORY, complainant_phone="0991-4610000")
		frappe.db.commit()
		self.move(doc.name, meanings.COMMUNITY_LEVEL)
		self.move(doc.name, meanings.RESOLVED, resolution="已电话答复。")
		run_queued_jobs()
		# no request to the gateway speaks of it (the enterprise's SMS is about its receipt only)
		self.assertFalse(
			[
				r
				for r in self.sms.received
				if "已办结" in (r["params"].get("text") or "") and doc.name in r["params"]["text"]
			]
		)

	def test_overdue_and_due_soon_from_the_sweep(self):
		doc = self.new_complaint()
		run_queued_jobs()
		notices.send(notices.COMPLAINT_OVERDUE, "Complaint", doc.name)
		notices.send(notices.COMPLAINT_DUE_SOON, "Complaint", doc.name)
		overdue = self.wait_for_mail(COMMUNITY_USER, "已超期")
		self.assertIn(doc.name, overdue["subject"])
		self.assertIn("已超过办理期限", overdue["body"])
		self.wait_for_mail(ENTERPRISE_USER_ID, "已超期")
		due = self.wait_for_mail(COMMUNITY_USER, "到期")
		self.assertIn("即将到达办理期限", due["body"])

	def test_failed_sms_is_retried_and_logged(self):
		self.sms.fail_first = 1
		before = len(self.sms.received)
		doc = self.new_complaint()
		self.wait_for_sms(ENTERPRISE_MOBILE, doc.name)
		attempts = [r for r in self.sms.received[before:] if r["params"].get("mobile") == ENTERPRISE_MOBILE]
		self.assertEqual(len(attempts), 2)  # 503, then delivered
		logs = frappe.get_all(
			"Integration Request",
			filters={"integration_request_service": "SMS", "reference_docname": doc.name},
			fields=["status", "error", "output"],
		)
		retried = [log for log in logs if ENTERPRISE_MOBILE in (log.output or "")]
		self.assertTrue(retried, logs)
		self.assertEqual(retried[0].status, "Completed")
		self.assertIn("503", retried[0].error or "")
		self.assertTrue(frappe.db.exists("Complaint", doc.name))

	def test_failed_email_is_retried_and_the_complaint_kept(self):
		self.smtp.reject_next = 1
		doc = self.new_complaint()
		self.wait_for_mail(COMMUNITY_USER, doc.name)
		self.wait_for_mail(ENTERPRISE_USER_ID, doc.name)
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Complaint", "reference_name": doc.name},
			fields=["status", "retry", "error"],
		)
		self.assertEqual({q.status for q in queued}, {"Sent"})
		retried = [q for q in queued if q.retry]
		self.assertEqual(len(retried), 1)  # refused once with 451, sent on the next flush
		self.assertIn("451", retried[0].error)
		self.assertTrue(frappe.db.exists("Complaint", doc.name))

	# --- administrators own the wording and the switch ------------------------------------------

	def test_an_administrators_wording_and_switch_off_take_effect(self):
		notice = frappe.get_doc("Notification", "投诉已超期")
		original = (notice.subject, notice.message)
		try:
			notice.subject = "【督办】投诉 {{ doc.name }} 超期未办"
			notice.message = "<p>请于今日内办结并报告区物业办。</p>"
			notice.save(ignore_permissions=True)
			frappe.db.commit()
			doc = self.new_complaint()
			run_queued_jobs()
			notices.send(notices.COMPLAINT_OVERDUE, "Complaint", doc.name)
			mail = self.wait_for_mail(COMMUNITY_USER, "【督办】")
			self.assertIn(doc.name, mail["subject"])
			self.assertIn("请于今日内办结并报告区物业办", mail["body"])

			notice.reload()
			notice.enabled = 0
			notice.save(ignore_permissions=True)
			frappe.db.commit()
			other = self.new_complaint()
			run_queued_jobs()
			self.assertEqual(notices.send(notices.COMPLAINT_OVERDUE, "Complaint", other.name), 0)
			run_queued_jobs()
			self.assertFalse(
				[
					m
					for m in self.smtp.to(COMMUNITY_USER)
					if other.name in m["subject"] and "督办" in m["subject"]
				]
			)
		finally:
			notice.reload()
			notice.subject, notice.message = original
			notice.enabled = 1
			notice.save(ignore_permissions=True)
			frappe.db.commit()

	def test_the_patch_creates_missing_notices_and_keeps_edits_and_deletions(self):
		import json

		from property_supervision.patches import notices as patch
		from property_supervision.setup.defaults import INSTALLED_KEY, installed_keys

		frappe.delete_doc("Notification", "投诉已升级", force=True, ignore_permissions=True)
		frappe.delete_doc("Notification", "考核结果公布", force=True, ignore_permissions=True)
		# an existing site that never received 投诉已升级; 考核结果公布 was deleted by its administrator
		keys = installed_keys() - {"Notification:投诉已升级"}
		frappe.db.set_default(INSTALLED_KEY, json.dumps(sorted(keys)))
		frappe.db.set_value("Notification", "投诉已超期", "message", "<p>管理员的措辞</p>")
		patch.execute()
		patch.execute()  # twice: nothing more
		self.assertTrue(frappe.db.exists("Notification", "投诉已升级"))
		self.assertIn("Notification:投诉已升级", installed_keys())
		self.assertFalse(frappe.db.exists("Notification", "考核结果公布"))
		self.assertEqual(frappe.db.get_value("Notification", "投诉已超期", "message"), "<p>管理员的措辞</p>")
		frappe.db.rollback()

	def test_switched_off_before_the_worker_runs_sends_nothing(self):
		doc = self.new_complaint()
		run_queued_jobs()
		notices.send(notices.COMPLAINT_DUE_SOON, "Complaint", doc.name)
		frappe.db.set_value("Notification", "投诉即将到期", "enabled", 0)
		try:
			run_queued_jobs()
			self.assertFalse(
				[
					m
					for m in self.smtp.to(COMMUNITY_USER)
					if doc.name in m["subject"] and "到期" in m["subject"]
				]
			)
		finally:
			frappe.db.set_value("Notification", "投诉即将到期", "enabled", 1)
			frappe.db.commit()

	def test_email_template_wording_is_used_and_editable(self):
		template = frappe.get_doc("Email Template", "信用记录告知")
		original = template.response_html
		try:
			template.response_html = original + "<p>联系电话：0991-4610000</p>"
			template.save(ignore_permissions=True)
			frappe.db.commit()
			record = self.make_credit_record()
			mail = self.wait_for_mail(ENTERPRISE_USER_ID, record.name)
			self.assertIn("信用记录告知", mail["subject"])
			self.assertIn("提出异议", mail["body"])
			self.assertIn("联系电话：0991-4610000", mail["body"])
		finally:
			template.reload()
			template.response_html = original
			template.save(ignore_permissions=True)
			frappe.db.commit()

	def make_credit_record(self):
		from property_supervision.tests.factories import BAD_RULE, setup_credit

		setup_credit()
		record = frappe.get_doc(
			{
				"doctype": "Credit Record",
				"enterprise": self.enterprise,
				"rule": BAD_RULE,
				"occurred_on": frappe.utils.today(),
				"evidence": "通知测试：拒不执行整改通知。",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		return record

	def test_credit_record_confirmed_reaches_the_enterprise(self):
		from frappe.model.workflow import get_transitions

		record = self.make_credit_record()
		self.wait_for_mail(ENTERPRISE_USER_ID, record.name)
		record = frappe.get_doc("Credit Record", record.name)
		confirm = next(
			t.action
			for t in get_transitions(record)
			if meanings.is_state("Credit Record", t.next_state, meanings.CONFIRMED)
		)
		from frappe.model.workflow import apply_workflow

		apply_workflow(record, confirm)
		frappe.db.commit()
		mail = self.wait_for_mail(ENTERPRISE_USER_ID, "信用记录已确认", sms_part=f"{record.name}（")
		self.assertIn(record.name, mail["subject"])
		self.assertIn("如有异议", mail["body"])
		sms = self.wait_for_sms(ENTERPRISE_MOBILE, record.name)
		self.assertIn("已确认", sms)

	def test_publicity_overdue_reaches_enterprise_and_community(self):
		notices.send(notices.PUBLICITY_OVERDUE, "Residential Compound", self.compound)
		to_enterprise = self.wait_for_mail(ENTERPRISE_USER_ID, "公示逾期")
		self.assertIn(COMPOUND, to_enterprise["subject"])
		self.assertIn("未按期公示公共收益收支情况", to_enterprise["body"])
		self.wait_for_mail(COMMUNITY_USER, "公示逾期")
		self.assertTrue(self.desk_notice(COMMUNITY_USER, self.compound, "公示逾期"))

	def test_training_published_and_reminded_to_invitees(self):
		from property_supervision.tests.factories import make_session, publish_session

		start = add_days(now_datetime(), 1)
		session = make_session(
			"District",
			"Enterprises",
			title="通知测试培训",
			start=start,
			end=frappe.utils.add_to_date(start, hours=2),
			attendees=[{"attendee_type": "Enterprise", "enterprise": self.enterprise}],
		)
		frappe.db.commit()
		publish_session(session)
		frappe.db.commit()
		mail = self.wait_for_mail(ENTERPRISE_USER_ID, "培训通知：通知测试培训")
		self.assertIn("请按时参加并签到", mail["body"])
		from frappe.email.doctype.notification.notification import trigger_daily_alerts

		trigger_daily_alerts()
		reminder = self.wait_for_mail(ENTERPRISE_USER_ID, "培训提醒：通知测试培训")
		self.assertIn("请准时参加", reminder["body"])

	def test_committee_term_ending_and_late_filing_reach_the_officers(self):
		from frappe.utils import add_months, add_years, nowdate

		from property_supervision.registry.doctype.owners_committee.owners_committee import (
			announce_expiring_terms,
		)
		from property_supervision.tests.factories import make_committee

		compound = make_compound("通知测试换届小区", COMMUNITY)
		for name in frappe.get_all("Owners Committee", filters={"compound": compound}, pluck="name"):
			frappe.delete_doc("Owners Committee", name, force=True, ignore_permissions=True)
		election = add_months(add_years(nowdate(), -5), 2)  # the term ends in about two months
		committee = make_committee(compound, "Filed", election_date=election)
		frappe.db.commit()
		announce_expiring_terms()
		mail = self.wait_for_mail(COMMUNITY_USER, "换届提醒")
		self.assertIn("通知测试换届小区", mail["subject"])
		self.assertIn("换届选举", mail["body"])
		self.wait_for_mail(AREA_USER, "换届提醒")
		self.assertTrue(self.desk_notice(AREA_USER, committee.name, "换届提醒"))
		self.assertFalse([m for m in self.smtp.to(ENTERPRISE_USER_ID) if "换届提醒" in m["subject"]])

		notices.send(notices.COMMITTEE_FILING_LATE, committee)
		late = self.wait_for_mail(COMMUNITY_USER, "逾期未备案")
		self.assertIn("请督促办理", late["body"])

	def test_joint_meeting_convened_reaches_the_participating_units(self):
		member = make_user("h1.notice.justice@example.invalid", ["Joint Meeting Member"])
		self.permit(member.name, "Supervision Unit", "区司法局")
		meeting = frappe.get_doc(
			{
				"doctype": "Joint Meeting",
				"meeting_date": frappe.utils.add_days(frappe.utils.today(), 3),
				"convener": AREA,
				"jurisdiction": AREA,
				"topic": "通知测试物业纠纷联席会议",
				"location": "片区管委会会议室",
				"participants": [{"unit": "区司法局", "attendee": "司法所代表"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		mail = self.wait_for_mail(member.name, "联席会议通知")
		self.assertIn("通知测试物业纠纷联席会议", mail["subject"])
		self.assertIn("请各成员单位派员参加", mail["body"])
		self.assertTrue(self.desk_notice(member.name, meeting.name, "联席会议通知"))

	def test_assessment_opened_reaches_its_target(self):
		from property_supervision.assessment.defaults import AREA_TEMPLATE, create_default_templates
		from property_supervision.tests.factories import make_assessment, publish_assessment

		create_default_templates()
		for name in frappe.get_all(
			"Assessment",
			filters={"assessment_year": 2016, "template": AREA_TEMPLATE, "target_name": AREA},
			pluck="name",
		):
			frappe.delete_doc("Assessment", name, force=True, ignore_permissions=True)
		assessment = make_assessment(AREA_TEMPLATE, AREA, year=2016)
		frappe.db.commit()
		mail = self.wait_for_mail(AREA_USER, "年度考核已开始自评")
		self.assertIn("请在系统中完成自评", mail["body"])
		self.assertTrue(self.desk_notice(AREA_USER, assessment.name, "自评"))
		# the assessment of an area is not the community's
		self.assertFalse([m for m in self.smtp.to(COMMUNITY_USER) if assessment.name in m["body"]])
		# published: the target hears its result
		publish_assessment(assessment, fraction=0.8)
		frappe.db.commit()
		result = self.wait_for_mail(AREA_USER, "年度考核结果已公布")
		self.assertIn("总分", result["body"])
		self.assertTrue(self.desk_notice(AREA_USER, assessment.name, "考核结果已公布"))

	def test_credit_record_revoked_and_objection_decided(self):
		from frappe.model.workflow import apply_workflow, get_transitions

		record = self.make_credit_record()
		record = frappe.get_doc("Credit Record", record.name)
		confirm = next(
			t.action
			for t in get_transitions(record)
			if meanings.is_state("Credit Record", t.next_state, meanings.CONFIRMED)
		)
		record = apply_workflow(record, confirm)
		record.reload()
		record.objection = "该问题已于当月整改完毕。"
		record.save(ignore_permissions=True)
		record.reload()
		record.objection_decision = "Upheld"
		record.objection_note = "经核实已整改，异议成立。"
		record.save(ignore_permissions=True)
		frappe.db.commit()
		decided = self.wait_for_mail(ENTERPRISE_USER_ID, "异议处理结果")
		self.assertIn(record.name, decided["subject"])
		self.assertIn("经核实已整改，异议成立", decided["body"])
		if meanings.is_state(
			"Credit Record",
			frappe.db.get_value("Credit Record", record.name, "workflow_state"),
			meanings.REVOKED,
		):
			revoked = self.wait_for_mail(ENTERPRISE_USER_ID, "已撤销")
			self.assertIn(record.name, revoked["subject"])

	# --- who hears about it ------------------------------------------------------------------

	def test_recipients_honour_hide_descendants_and_applicable_for(self):
		community_officers = recipients.jurisdiction_users(COMMUNITY, COMMUNITY_OFFICER, "Complaint")
		self.assertIn(COMMUNITY_USER, community_officers)
		self.assertNotIn(HIDDEN_AREA_USER, community_officers)  # hide_descendants: the area only
		self.assertNotIn(TRAINING_ONLY_USER, community_officers)  # only for training sessions
		self.assertIn(
			TRAINING_ONLY_USER,
			recipients.jurisdiction_users(COMMUNITY, COMMUNITY_OFFICER, "Training Session"),
		)
		self.assertIn(HIDDEN_AREA_USER, recipients.jurisdiction_users(AREA, COMMUNITY_OFFICER, "Complaint"))
		self.assertIn(AREA_USER, recipients.level_users("Area", COMMUNITY))
		self.assertNotIn(COMMUNITY_USER, recipients.level_users("Area", COMMUNITY))
		self.assertEqual(recipients.enterprise_users(self.enterprise), [ENTERPRISE_USER_ID])

	# --- bad input is refused in Chinese and changes nothing -------------------------------------

	def test_unknown_role_is_refused_in_chinese(self):
		notice = frappe.get_doc("Notification", "投诉已超期")
		notice.append("recipients", {"receiver_by_role": "不存在的角色"})
		with self.assertRaisesRegex(frappe.ValidationError, "不存在名为"):
			notice.save(ignore_permissions=True)
		frappe.db.rollback()
		self.assertFalse(
			frappe.db.exists(
				"Notification Recipient", {"parent": "投诉已超期", "receiver_by_role": "不存在的角色"}
			)
		)

	def test_sms_without_gateway_is_refused_in_chinese(self):
		settings = frappe.get_doc("SMS Settings")
		settings.sms_gateway_url = ""
		with self.assertRaisesRegex(frappe.ValidationError, "请填写短信网关地址"):
			settings.save(ignore_permissions=True)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"), self.sms.url)
		# and an SMS notice cannot be switched on while the gateway is missing
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		notice = frappe.get_doc("Notification", "投诉办理结果短信")
		with self.assertRaisesRegex(frappe.ValidationError, "没有填写短信网关地址"):
			notice.save(ignore_permissions=True)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Notification", "投诉办理结果短信", "enabled"), 1)
		# nor an e-mail notice that also goes by SMS
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		notice = frappe.get_doc("Notification", self.also_by_sms[0])
		self.assertTrue(notice.ps_also_sms)
		with self.assertRaisesRegex(frappe.ValidationError, "没有填写短信网关地址"):
			notice.save(ignore_permissions=True)
		frappe.db.rollback()
