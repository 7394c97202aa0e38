"""The 12345 hotline API (api/hotline.py) against the real database, with the hotline platform
played by a local HTTP server for the callbacks."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import frappe
from frappe.tests.utils import FrappeTestCase

from property_supervision.api import hotline
from property_supervision.complaints.doctype.complaint.complaint import apply_system_transition
from property_supervision.roles import HOTLINE_INTEGRATION
from property_supervision.tests.factories import (
	make_community,
	make_compound,
	make_user,
)

AREA = "七纺片区管委会"
COMMUNITY = "热线测试社区"
COMPOUND_NAME = "热线测试花园小区"
HOTLINE_USER = "hotline.platform@example.invalid"
OFFICER = "hotline.officer@example.invalid"
SECRET = "test-signing-secret"


class Platform:
	"""The hotline platform's callback receiver: answers `fail_first` requests with 503."""

	def __init__(self, fail_first: int = 0):
		self.received, self.fail_first = [], fail_first
		platform = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				body = self.rfile.read(int(self.headers["Content-Length"]))
				platform.received.append((dict(self.headers), body))
				status = 503 if len(platform.received) <= platform.fail_first else 200
				self.send_response(status)
				self.end_headers()
				self.wfile.write(b'{"ok": true}')

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.url = f"http://127.0.0.1:{self.server.server_port}/callback"
		threading.Thread(target=self.server.serve_forever, daemon=True).start()

	def close(self):
		self.server.shutdown()
		self.server.server_close()


def order(**values):
	return {
		"order_no": "GD20261201000001",
		"received_at": "2026-11-30 09:15:00",
		"caller_name": "李来电",
		"caller_phone": "13900001111",
		"address": f"水磨沟区{COMPOUND_NAME}3号楼",
		"category": "服务质量",
		"content": "楼道灯坏了一个月没人修。",
		"hotline_deadline": "2026-12-10",
		**values,
	}


class TestHotline(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_community(COMMUNITY, AREA)
		cls.compound = make_compound(COMPOUND_NAME, COMMUNITY)
		for category in ("Service Quality", "Other Matters"):
			if not frappe.db.exists("Complaint Category", category):
				frappe.get_doc({"doctype": "Complaint Category", "category_name": category}).insert()
		make_user(HOTLINE_USER, [HOTLINE_INTEGRATION])
		make_user(OFFICER, ["District Supervisor"])
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		settings = frappe.get_single("Hotline Settings")
		settings.update(
			{
				"callback_url": "",
				"signing_secret": SECRET,
				"callback_attempts": 3,
				"callback_backoff_seconds": 0,
				"default_category": "Other Matters",
			}
		)
		settings.save()
		frappe.set_user(HOTLINE_USER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.local.response.pop("http_status_code", None)
		frappe.local.lang = "en"

	def restore_default_category(self):
		frappe.set_user("Administrator")
		frappe.db.set_single_value("Hotline Settings", "default_category", "Other Matters")
		frappe.db.commit()

	def receive(self, **values):
		frappe.local.response.pop("http_status_code", None)
		return hotline.receive_work_order(**order(**values))

	def counts(self):
		return (
			frappe.db.count("Complaint"),
			frappe.db.count("Hotline Work Order"),
			frappe.db.count("Integration Request"),
		)

	def test_order_becomes_complaint_and_is_idempotent(self):
		first = self.receive()
		self.assertTrue(first["ok"], first)
		self.assertFalse(first["duplicate"])
		self.assertEqual(first["state"], "Pending")
		complaint = frappe.get_doc("Complaint", first["complaint"])
		self.assertEqual(complaint.compound, self.compound)
		self.assertEqual(complaint.received_via, "12345 Hotline")
		self.assertEqual(complaint.hotline_order_no, "GD20261201000001")
		self.assertEqual(str(complaint.hotline_deadline), "2026-12-10")
		self.assertEqual(str(complaint.received_on), "2026-11-30 09:15:00")
		self.assertEqual(complaint.category, "Service Quality")  # matched by its Chinese name
		self.assertEqual(complaint.complainant_phone, "13900001111")

		before = self.counts()
		again = self.receive(content="另一段内容，不同的地址", address="别处")
		self.assertTrue(again["duplicate"])
		self.assertEqual(again["complaint"], complaint.name)
		self.assertEqual(self.counts(), before)
		self.assertEqual(
			frappe.db.get_value("Complaint", complaint.name, "description"), complaint.description
		)

		status = hotline.get_work_order("GD20261201000001")
		self.assertEqual(
			(status["complaint"], status["state"], status["level"]), (complaint.name, "Pending", "Community")
		)
		self.assertEqual(status["deadline"], str(complaint.deadline))
		self.assertNotIn("13900001111", json.dumps(status, ensure_ascii=False))

	def test_unmatched_address_waits_for_a_district_officer(self):
		answer = self.receive(order_no="GD-UNPLACED-1", address="某某路188号", category="噪音扰民")
		self.assertTrue(answer["ok"], answer)
		self.assertEqual((answer["state"], answer["complaint"]), ("Awaiting Placement", None))
		self.assertFalse(frappe.db.exists("Complaint", {"hotline_order_no": "GD-UNPLACED-1"}))
		self.assertEqual(hotline.get_work_order("GD-UNPLACED-1")["state"], "Awaiting Placement")

		frappe.set_user(OFFICER)
		work_order = frappe.get_doc("Hotline Work Order", "GD-UNPLACED-1")
		self.assertEqual(work_order.category, "Other Matters")  # the hotline's own category kept beside
		self.assertEqual(work_order.hotline_category, "噪音扰民")
		work_order.compound = self.compound
		work_order.save()
		work_order.reload()
		self.assertEqual(work_order.status, "Placed")
		complaint = frappe.get_doc("Complaint", work_order.complaint)
		self.assertEqual((complaint.hotline_order_no, complaint.compound), ("GD-UNPLACED-1", self.compound))

		frappe.set_user(HOTLINE_USER)
		self.assertEqual(hotline.get_work_order("GD-UNPLACED-1")["complaint"], complaint.name)

	def test_bad_requests_are_refused_in_chinese_and_change_nothing(self):
		frappe.set_user("Administrator")
		settings = frappe.get_single("Hotline Settings")
		settings.default_category = ""
		settings.save()
		# every refusal rolls the request's transaction back: the setting must be committed
		frappe.db.commit()
		self.addCleanup(self.restore_default_category)
		frappe.set_user(HOTLINE_USER)
		before = self.counts()
		cases = {
			"invalid_order_no": {"order_no": "GD 1; drop"},
			"invalid_received_at": {"received_at": "yesterday"},
			"invalid_phone": {"caller_phone": "12"},
			"invalid_content": {"content": " "},
			"invalid_category": {"category": "噪音扰民"},
			"invalid_deadline": {"hotline_deadline": "2026-11-01"},
			"missing_address": {"address": "", "compound": ""},
		}
		for code, values in cases.items():
			answer = self.receive(order_no=values.pop("order_no", f"GD-BAD-{code}"), **values)
			self.assertFalse(answer["ok"], code)
			self.assertEqual(answer["error"]["code"], code)
			self.assertRegex(answer["error"]["message"], r"[\u4e00-\u9fff]", code)
			self.assertEqual(frappe.local.response.get("http_status_code"), 400, code)
		self.assertEqual(self.counts(), before)

		missing = hotline.get_work_order("GD-NEVER-SENT")
		self.assertEqual((missing["ok"], missing["error"]["code"]), (False, "not_found"))

	def test_only_the_hotline_role_may_call(self):
		frappe.set_user(OFFICER)
		before = self.counts()
		answer = self.receive(order_no="GD-FORBIDDEN")
		self.assertEqual(answer["error"]["code"], "forbidden")
		self.assertEqual(frappe.local.response.get("http_status_code"), 403)
		self.assertEqual(hotline.get_work_order("GD-FORBIDDEN")["error"]["code"], "forbidden")
		self.assertEqual(self.counts(), before)

	def test_order_number_cannot_be_given_or_changed_by_hand(self):
		name = self.receive(order_no="GD-PROTECTED")["complaint"]
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Complaint", name)
		doc.hotline_order_no = "GD-OTHER"
		self.assertRaises(frappe.ValidationError, doc.save)

	def test_state_changes_are_pushed_signed_with_retries(self):
		platform = Platform(fail_first=2)
		self.addCleanup(platform.close)
		frappe.db.set_single_value("Hotline Settings", "callback_url", platform.url)
		name = self.receive(order_no="GD-CALLBACK")["complaint"]
		frappe.set_user("Administrator")
		apply_system_transition(name, "Accept")
		logs = frappe.get_all(
			"Integration Request",
			filters={"integration_request_service": hotline.SERVICE, "reference_docname": name},
			fields=["name", "data", "status"],
			order_by="creation asc",
		)
		self.assertEqual([json.loads(log.data)["state"] for log in logs], ["Pending", "Community Handling"])
		self.assertEqual({log.status for log in logs}, {"Queued"})

		waits = []
		self.assertEqual(hotline.push_callback(logs[1].name, sleep=waits.append), "Completed")
		self.assertEqual(len(platform.received), 3)  # two 503s, then accepted
		self.assertEqual(waits, [0, 0])
		headers, body = platform.received[-1]
		self.assertEqual(
			headers["X-Hotline-Signature"], hotline.sign(SECRET, headers["X-Hotline-Timestamp"], body)
		)
		payload = json.loads(body)
		self.assertEqual(
			(payload["order_no"], payload["state"], payload["complaint"]),
			("GD-CALLBACK", "Community Handling", name),
		)
		self.assertNotIn("13900001111", body.decode())
		self.assertEqual(frappe.db.get_value("Integration Request", logs[1].name, "status"), "Completed")

		# a hotline that never answers: every attempt waits twice as long, then the log says Failed
		frappe.db.set_single_value("Hotline Settings", "callback_backoff_seconds", 3)
		platform.fail_first = 100
		waits.clear()
		self.assertEqual(hotline.push_callback(logs[0].name, sleep=waits.append), "Failed")
		self.assertEqual(waits, [3, 6])
		self.assertIn("HTTP 503", frappe.db.get_value("Integration Request", logs[0].name, "error"))
