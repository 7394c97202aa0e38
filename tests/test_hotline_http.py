"""The 12345 hotline round trip over HTTP: the hotline platform (a local HTTP server started here)
sends a work order with an API key, an officer handles the complaint in the desk, and the result
comes back to the platform signed, without anyone retyping it."""

import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from conftest import BASE_URL, SITE, bench, check, make_user

METHOD = f"{BASE_URL}/api/method/property_supervision.api.hotline"
SECRET = "system-test-secret"


class Platform:
    def __init__(self):
        self.received = []
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                platform.received.append((dict(self.headers), body))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hotline/callback"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for_body(self, wanted, seconds: int = 20) -> dict:
        """The first callback whose body `wanted` accepts (delivered by the worker or the sweep)."""

        def found():
            return next(
                (json.loads(body) for _h, body in self.received if wanted(json.loads(body))),
                None,
            )

        deadline = time.time() + seconds
        while time.time() < deadline and not found():
            time.sleep(0.5)
        if not found():
            bench("--site", SITE, "execute", "property_supervision.api.hotline.deliver_queued")
        assert found(), [json.loads(body) for _h, body in self.received]
        return found()

    def states(self):
        return [json.loads(body)["state"] for _headers, body in self.received]

    def wait_for(self, state: str, seconds: int = 20) -> dict:
        """The callback reporting `state`: from the RQ worker, or, where the site runs none, from
        the hourly sweep of undelivered callbacks run now."""
        deadline = time.time() + seconds
        while time.time() < deadline and state not in self.states():
            time.sleep(0.5)
        if state not in self.states():
            bench(
                "--site",
                SITE,
                "execute",
                "property_supervision.api.hotline.deliver_queued",
            )
        for headers, body in self.received:
            if json.loads(body)["state"] == state:
                expected = hmac.new(
                    SECRET.encode(),
                    headers["X-Hotline-Timestamp"].encode() + b"." + body,
                    hashlib.sha256,
                ).hexdigest()
                assert headers["X-Hotline-Signature"] == f"sha256={expected}"
                return json.loads(body)
        raise AssertionError(f"no callback for {state}: {self.states()}")


@pytest.fixture(scope="module")
def platform(admin):
    platform = Platform()
    check(
        admin.put(
            f"{BASE_URL}/api/resource/Hotline Settings/Hotline Settings",
            json={
                "callback_url": platform.url,
                "signing_secret": SECRET,
                "callback_attempts": 3,
                "callback_backoff_seconds": 1,
            },
            timeout=30,
        )
    )
    yield platform
    platform.server.shutdown()


@pytest.fixture(scope="module")
def hotline(admin):
    """A session of the platform's API user: role Hotline Integration, nothing else, API key."""
    email = f"hotline-{uuid.uuid4().hex[:8]}@example.invalid"
    make_user(admin, email, "Hotline Integration", password=uuid.uuid4().hex + "Aa1!")
    secret = check(
        admin.post(
            f"{BASE_URL}/api/method/frappe.core.doctype.user.user.generate_keys",
            data={"user": email},
            timeout=30,
        )
    )["message"]["api_secret"]
    key = check(admin.get(f"{BASE_URL}/api/resource/User/{email}", timeout=30))["data"][
        "api_key"
    ]
    session = requests.Session()
    session.headers["Authorization"] = f"token {key}:{secret}"
    return session


def test_hotline_round_trip(admin, hotline, platform):
    compound = check(
        admin.get(
            f"{BASE_URL}/api/resource/Residential Compound",
            params={
                "fields": json.dumps(["name", "compound_name"]),
                "limit_page_length": 1,
            },
            timeout=30,
        )
    )["data"][0]
    order_no = f"GD{uuid.uuid4().hex[:12].upper()}"
    order = {
        "order_no": order_no,
        "received_at": time.strftime(
            "%Y-%m-%d %H:%M:%S", time.localtime(time.time() - 3600)
        ),
        "caller_name": "热线来电人",
        "caller_phone": "13900002222",
        "address": f"水磨沟区{compound['compound_name']}",
        "category": "服务质量",
        "content": "电梯停运三天无人维修。",
    }
    first = check(hotline.post(f"{METHOD}.receive_work_order", json=order, timeout=60))[
        "message"
    ]
    assert first["ok"] and not first["duplicate"] and first["state"] == "Pending", first
    name = first["complaint"]

    again = check(
        hotline.post(
            f"{METHOD}.receive_work_order",
            json={**order, "content": "改过的内容"},
            timeout=60,
        )
    )
    assert again["message"]["duplicate"] and again["message"]["complaint"] == name

    bad = hotline.post(
        f"{METHOD}.receive_work_order",
        json={**order, "order_no": "bad no!"},
        timeout=60,
    )
    assert bad.status_code == 400
    assert bad.json()["message"]["error"]["code"] == "invalid_order_no"
    assert any(
        "\u4e00" <= c <= "\u9fff" for c in bad.json()["message"]["error"]["message"]
    )

    # the platform's user has no desk and reads no records
    assert hotline.get(
        f"{BASE_URL}/api/resource/Complaint/{name}", timeout=30
    ).status_code in (403, 404)

    # handled in the desk: accepted, then resolved with a resolution
    doc = check(admin.get(f"{BASE_URL}/api/resource/Complaint/{name}", timeout=30))[
        "data"
    ]
    assert (
        doc["hotline_order_no"] == order_no and doc["received_via"] == "12345 Hotline"
    )
    assert doc["description"] == order["content"]
    doc = check(
        admin.post(
            f"{BASE_URL}/api/method/frappe.model.workflow.apply_workflow",
            json={"doc": doc, "action": "Accept"},
            timeout=60,
        )
    )["message"]
    # apply_workflow reloads the document: the resolution is saved first, as the form does
    doc = check(
        admin.put(
            f"{BASE_URL}/api/resource/Complaint/{name}",
            json={"resolution": "已更换电梯控制板，恢复运行。"},
            timeout=60,
        )
    )["data"]
    check(
        admin.post(
            f"{BASE_URL}/api/method/frappe.model.workflow.apply_workflow",
            json={"doc": doc, "action": "Resolve"},
            timeout=60,
        )
    )

    accepted = platform.wait_for("Community Handling")
    resolved = platform.wait_for("Resolved")
    assert accepted["order_no"] == order_no and accepted["complaint"] == name
    assert resolved["resolution"] == "已更换电梯控制板，恢复运行。"
    for _headers, body in platform.received:
        assert b"13900002222" not in body and "热线来电人".encode() not in body

    status = check(
        hotline.get(
            f"{METHOD}.get_work_order", params={"order_no": order_no}, timeout=30
        )
    )["message"]
    assert (
        status["state"] == "Resolved" and status["resolution"] == resolved["resolution"]
    )
    assert status["handling_unit"] and status["level"] == "Community"

    # the follow-up call's rating (回访) goes back too: 不满意 reopens the complaint at the level
    # that resolved it, and the platform learns both
    check(
        admin.post(
            f"{BASE_URL}/api/method/property_supervision.api.follow_up.record_follow_up",
            data={"complaint": name, "satisfaction": "Dissatisfied", "comment": "问题没有解决"},
            timeout=60,
        )
    )
    rated = platform.wait_for_body(lambda body: body.get("satisfaction") == "Dissatisfied")
    assert rated["state"] == "Community Handling" and rated["level"] == "Community"
    assert rated["satisfaction_source"] == "Follow-up Call" and rated["rated_on"]
    assert rated["reopened_as_dissatisfied"] == 1 and rated["resolution"] is None
    assert rated["sequence"] > resolved["sequence"]
    status = check(
        hotline.get(
            f"{METHOD}.get_work_order", params={"order_no": order_no}, timeout=30
        )
    )["message"]
    assert (status["satisfaction"], status["satisfaction_label"]) == ("Dissatisfied", "不满意")
    assert status["state"] == "Community Handling"


def test_unplaced_order_is_queued(hotline, admin):
    order_no = f"GD{uuid.uuid4().hex[:12].upper()}"
    answer = check(
        hotline.post(
            f"{METHOD}.receive_work_order",
            json={
                "order_no": order_no,
                "received_at": time.strftime("%Y-%m-%d %H:%M:%S"),
                "caller_phone": "13900003333",
                "address": "不存在的路999号",
                "category": "服务质量",
                "content": "门口垃圾无人清运。",
            },
            timeout=60,
        )
    )["message"]
    assert answer["state"] == "Awaiting Placement" and answer["complaint"] is None
    queued = check(
        admin.get(f"{BASE_URL}/api/resource/Hotline Work Order/{order_no}", timeout=30)
    )["data"]
    assert queued["status"] == "Awaiting Placement"
