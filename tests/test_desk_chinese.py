"""The desk reads as Chinese to an official (issue 11), in Debian's Chromium.

Every role logs in — the office's administrator (Supervision Admin with System Manager), a district
supervisor, an area officer, a community officer and an enterprise user — and walks the main pages:
workspace, complaint list and form, enterprise list and form, a report, Customize Form, Print Format
Builder, Data Import (and the Workflow form for the administrator). On every page: no English string
from a list of known ones, no raw option or workflow-state value, no escaped markup, readable titles;
where a role may not open a page, the refusal reads Chinese too. A screenshot of every page goes to
the artefacts. The complaint's history reads its states and options translated; a format the
administrator makes in the Print Format Builder prints the form's Chinese labels. A transition row of
an active workflow can be deleted in the Workflow form and the deletion is saved.
"""

import json
import re
import uuid

import pytest
from conftest import ADMIN_PASSWORD, BASE_URL, check, credit_code

PASSWORD = "Ps-Desk-2026!x"
RUN = uuid.uuid4().hex[:6]
AREA = "七纺片区管委会"

# framework and app strings that must not reach an official in English (or mistranslated)
KNOWN_ENGLISH = (
    "Tools",
    "Build",
    "Search or type a command",
    "Edit Filters",
    "List View",
    "Report View",
    "You created this",
    "You last edited this",
    "changed the value of",
    "Workflow Builder allows",
    "Add field",
    "Show Preview",
    "Type a reply / comment",
    "Not Permitted",
    "Demo data loaded",
    "No",
    "Form",
    "Select Columns",
    "Custom HTML",
    "锶",
    "神社",
    "为价值",
    "胆大",
)
# raw Select values that must show translated (the workflow states are added from the site)
RAW_VALUES = (
    "Professional Enterprise",
    "Owner Self-managed",
    "Custodian",
    "Window",
    "12345 Hotline",
    "Satisfied",
)
MINUTES_AS_METRES = re.compile(r"(?<![\d.])\d+ ?米(?![\u4e00-\u9fff²])")
CJK = re.compile(r"[\u4e00-\u9fff]")

# who walks the desk: role, the User Permission that scopes them, whether they administer the site
ROLES = {
    "admin": (("Supervision Admin", "System Manager"), None),
    "district": (("District Supervisor",), None),
    "area": (("Area Officer",), ("Jurisdiction", "area")),
    "community": (("Community Officer",), ("Jurisdiction", "community")),
    "enterprise": (("Enterprise User",), ("Property Enterprise", "enterprise")),
}


def api(session, method, path, **kwargs):
    return check(session.request(method, f"{BASE_URL}{path}", timeout=60, **kwargs))


@pytest.fixture(scope="module")
def world(admin):
    def insert(doctype, **fields):
        return api(admin, "POST", f"/api/resource/{doctype}", json=fields)["data"]

    community = insert(
        "Jurisdiction",
        jurisdiction_name=f"界面社区{RUN}",
        jurisdiction_type="Community",
        parent_jurisdiction=AREA,
    )["name"]
    compound = insert(
        "Residential Compound", compound_name=f"界面小区{RUN}", jurisdiction=community
    )
    enterprise = insert(
        "Property Enterprise",
        credit_code=credit_code(
            f"91650105MB{RUN[:6].upper().translate(str.maketrans('IOZSV', '12345'))}X"
        ),
        enterprise_name=f"界面测试物业{RUN}",
        contact_phone="13912345678",
    )
    category = api(
        admin,
        "GET",
        "/api/resource/Complaint Category",
        params={"limit_page_length": 1},
    )["data"][0]["name"]
    complaint = insert(
        "Complaint",
        compound=compound["name"],
        enterprise=enterprise["name"],
        category=category,
        complainant_name="张三",
        complainant_phone="13912345678",
        description=f"界面测试投诉{RUN}",
        received_via="Phone",
    )
    # a history to read: a Select changed, then the workflow moved on twice
    complaint = api(
        admin,
        "PUT",
        f"/api/resource/Complaint/{complaint['name']}",
        data={"data": json.dumps({"received_via": "Window"})},
    )["data"]
    workflow = api(
        admin,
        "GET",
        "/api/resource/Workflow",
        params={
            "filters": json.dumps(
                [["document_type", "=", "Complaint"], ["is_active", "=", 1]]
            ),
            "limit_page_length": 1,
        },
    )["data"][0]["name"]
    workflow = api(admin, "GET", f"/api/resource/Workflow/{workflow}")["data"]
    states_passed = [complaint["workflow_state"]]
    for _step in range(2):
        # a step to another handling level: not the resolution (the action taken from the most
        # states, which needs a result) nor a state without a way on (a rejection)
        actions = [t["action"] for t in workflow["transitions"]]
        resolve = max(
            set(actions),
            key=lambda a: len(
                {t["state"] for t in workflow["transitions"] if t["action"] == a}
            ),
        )
        resolution = next(
            t["next_state"] for t in workflow["transitions"] if t["action"] == resolve
        )
        transition = next(
            t
            for t in workflow["transitions"]
            if t["state"] == complaint["workflow_state"]
            and t["next_state"] not in (*states_passed, resolution)
            and any(u["state"] == t["next_state"] for u in workflow["transitions"])
        )
        complaint = api(
            admin,
            "POST",
            "/api/method/frappe.model.workflow.apply_workflow",
            data={"doc": json.dumps(complaint), "action": transition["action"]},
        )["message"]
        states_passed.append(complaint["workflow_state"])

    enterprise_workflows = api(
        admin,
        "GET",
        "/api/resource/Workflow",
        params={
            "filters": json.dumps([["is_active", "=", 1]]),
            "fields": json.dumps(["name"]),
            "limit_page_length": 50,
        },
    )["data"]
    raw_states = set()
    for w in enterprise_workflows:
        for state in api(admin, "GET", f"/api/resource/Workflow/{w['name']}")["data"][
            "states"
        ]:
            raw_states.add(state["state"])

    scopes = {"area": AREA, "community": community, "enterprise": enterprise["name"]}
    users = {}
    for key, (roles, scope) in ROLES.items():
        email = f"desk.{key}.{RUN}@example.com"
        api(
            admin,
            "POST",
            "/api/resource/User",
            json={
                "email": email,
                "first_name": f"界面{key}",
                "new_password": PASSWORD,
                "send_welcome_email": 0,
                "language": "zh",
                "roles": [{"role": role} for role in roles],
            },
        )
        if scope:
            allow, value = scope
            api(
                admin,
                "POST",
                "/api/resource/User Permission",
                json={
                    "user": email,
                    "allow": allow,
                    "for_value": scopes[value],
                    "apply_to_all_doctypes": 1,
                },
            )
        users[key] = email
    return {
        "tracking_key": api(
            admin, "GET", f"/api/resource/Complaint/{complaint['name']}"
        )["data"]["tracking_key"],
        "compound": compound,
        "enterprise": enterprise,
        "complaint": complaint,
        "states_passed": states_passed,
        "raw_states": raw_states,
        "users": users,
    }


def open_desk(browser, user, password):
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page.goto(f"{BASE_URL}/login", wait_until="domcontentloaded")
    page.fill("#login_email", user)
    page.fill("#login_password", password)
    page.click("form.form-login button.btn-login")
    page.wait_for_url("**/app/**", timeout=60_000)
    return page


def visible_text(page) -> str:
    return page.evaluate(
        "() => document.querySelector('.page-container:not([style*=\"none\"])')?.innerText"
        " + '\\n' + (document.querySelector('.navbar')?.innerText || '')"
        " + '\\n' + (document.querySelector('.body-sidebar, .desk-sidebar, .layout-side-section')?.innerText || '')"
        " + '\\n' + Array.from(document.querySelectorAll('.modal.show')).map(m => m.innerText).join('\\n')"
    )


def assert_reads_chinese(page, name: str, artifacts, world, extra_raw=()):
    page.wait_for_timeout(2500)
    page.screenshot(path=str(artifacts / f"desk-{name}.png"), full_page=True)
    text = visible_text(page) or ""
    english = [
        s
        for s in KNOWN_ENGLISH
        if re.search(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])", text)
    ]
    raw = [
        s
        for s in (*RAW_VALUES, *world["raw_state_names"], *extra_raw)
        if re.search(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])", text)
    ]
    assert not english, f"{name}: English or wrong translations {english}"
    assert not raw, f"{name}: raw values {raw}"
    assert "<span" not in text and "&lt;" not in text, f"{name}: escaped markup"
    assert not MINUTES_AS_METRES.search(text), f"{name}: minutes shown as 米"
    assert CJK.search(text), f"{name}: no Chinese at all"
    return text


def wait_for_form(page, doctype: str, name: str | None = None):
    condition = f"cur_frm.doctype === {json.dumps(doctype)}"
    if name:
        condition += f" && cur_frm.docname === {json.dumps(name)}"
    page.wait_for_function(f"() => window.cur_frm && {condition}", timeout=60_000)


def wait_for_refusal_or(page, selector: str):
    """The page's content, or the desk's refusal (a role without access)."""
    page.locator(
        f"{selector}, .page-card-container, .msgprint, .modal.show"
    ).first.wait_for(timeout=60_000)


def walk(page, world, artifacts, role: str):
    complaint = world["complaint"]
    enterprise = world["enterprise"]
    administers = role == "admin"
    translations = desk_translations(page, world)
    world["translations"] = translations
    world["raw_state_names"] = [
        s for s in world["raw_states"] if translations.get(s, s) != s
    ]

    page.goto(f"{BASE_URL}/app/物业监管", wait_until="domcontentloaded")
    page.locator(".widget, .page-card-container, .msgprint").first.wait_for(
        timeout=60_000
    )
    assert_reads_chinese(page, f"{role}-workspace", artifacts, world)
    # no chart or card fails (a restricted user's charts are computed for them)
    errors = page.locator(".modal.show .msgprint")
    assert not errors.count(), (
        f"{role}: the workspace shows {errors.first.inner_text()!r}"
    )

    page.goto(f"{BASE_URL}/app/complaint", wait_until="domcontentloaded")
    page.locator(".list-row-container, .no-result").first.wait_for(timeout=60_000)
    text = assert_reads_chinese(page, f"{role}-complaint-list", artifacts, world)
    # the list names complaints by their compound, not by their code alone
    assert world["compound"]["compound_name"] in text, (
        f"{role}: complaint not listed by compound"
    )
    # handling officers find a complaint by the tracking number the resident quotes; an enterprise
    # user, who may not read tracking numbers, gets no such filter
    tracking = page.locator(
        '.standard-filter-section [data-fieldname="tracking_key"] input'
    )
    if role == "enterprise":
        assert not tracking.count(), (
            "enterprise user offered the tracking-number filter"
        )
    else:
        tracking.fill(world["tracking_key"].lower())
        page.wait_for_function(
            "(name) => Array.from(document.querySelectorAll('.list-row-container'))"
            ".length === 1 && document.querySelector('.list-row-container').innerText"
            ".includes(name)",
            arg=complaint["name"],
            timeout=30_000,
        )

    page.goto(
        f"{BASE_URL}/app/complaint/{complaint['name']}", wait_until="domcontentloaded"
    )
    wait_for_form(page, "Complaint", complaint["name"])
    page.locator(".timeline-item").first.wait_for(timeout=60_000)
    text = assert_reads_chinese(page, f"{role}-complaint-form", artifacts, world)
    title = page.locator(".page-head .title-text").first.inner_text()
    assert title == world["compound"]["compound_name"], f"{role}: form titled {title!r}"
    # the history: states and options as the form shows them
    history = page.locator(".new-timeline").first.inner_text()
    for state in world["states_passed"][1:]:
        shown = world["translations"].get(state, state)
        assert shown in history, f"{role}: {shown} missing from the history"
    assert world["translations"]["Window"] in history, (
        f"{role}: Select change not translated"
    )
    assert "改为" in history and " from " not in history, f"{role}: history in English"
    world["english_labels"] = english_labels(page)

    page.goto(f"{BASE_URL}/app/property-enterprise", wait_until="domcontentloaded")
    page.get_by_text(enterprise["enterprise_name"]).first.wait_for(timeout=60_000)
    assert_reads_chinese(page, f"{role}-enterprise-list", artifacts, world)
    page.goto(
        f"{BASE_URL}/app/property-enterprise/{enterprise['name']}",
        wait_until="domcontentloaded",
    )
    wait_for_form(page, "Property Enterprise", enterprise["name"])
    assert_reads_chinese(page, f"{role}-enterprise-form", artifacts, world)
    title = page.locator(".page-head .title-text").first.inner_text()
    assert enterprise["enterprise_name"] in title, (
        f"{role}: enterprise titled {title!r}"
    )

    report = (
        "Enterprise Credit Ranking" if role == "enterprise" else "Complaint Statistics"
    )
    page.goto(f"{BASE_URL}/app/query-report/{report}", wait_until="domcontentloaded")
    page.wait_for_function(
        "() => document.querySelector('.report-wrapper .dt-scrollable') || Array.from("
        "document.querySelectorAll('.msg-box p')).some("
        "(p) => p.offsetParent && p.innerText.trim() === __('Nothing to show'))",
        timeout=60_000,
    )
    assert_reads_chinese(page, f"{role}-report", artifacts, world)

    page.goto(f"{BASE_URL}/app/customize-form", wait_until="domcontentloaded")
    if administers:
        wait_for_form(page, "Customize Form")
        page.evaluate("() => cur_frm.set_value('doc_type', 'Complaint')")
        page.wait_for_function(
            "() => cur_frm.doc.doc_type === 'Complaint' && (cur_frm.doc.fields || []).length > 10",
            timeout=60_000,
        )
        page.locator(".form-builder-container .field").first.wait_for(timeout=60_000)
        text = assert_reads_chinese(
            page, f"{role}-customize-form", artifacts, world, world["english_labels"]
        )
        assert world["translations"]["Description"] in text
    else:
        wait_for_refusal_or(page, ".form-builder-container")
        assert_reads_chinese(page, f"{role}-customize-form", artifacts, world)

    if administers:
        builder_format = make_format_in_builder(page, world, artifacts)
        world["builder_format"] = builder_format
    else:
        page.goto(f"{BASE_URL}/app/print-format-builder", wait_until="domcontentloaded")
        wait_for_refusal_or(
            page, ".print-format-builder-main, .print-format-builder-start"
        )
        assert_reads_chinese(page, f"{role}-print-format-builder", artifacts, world)

    page.goto(f"{BASE_URL}/app/data-import/new", wait_until="domcontentloaded")
    if administers:
        wait_for_form(page, "Data Import")
        page.evaluate(
            "() => { cur_frm.set_value('reference_doctype', 'Property Enterprise');"
            " cur_frm.set_value('import_type', 'Insert New Records'); }"
        )
        page.wait_for_timeout(1000)
        assert_reads_chinese(page, f"{role}-data-import", artifacts, world)
        page.goto(
            f"{BASE_URL}/app/workflow/Complaint Handling", wait_until="domcontentloaded"
        )
        page.locator('[data-fieldname="transitions"] .grid-row').first.wait_for(
            timeout=60_000
        )
        assert_reads_chinese(page, f"{role}-workflow", artifacts, world)
    else:
        wait_for_refusal_or(page, ".form-layout")
        assert_reads_chinese(page, f"{role}-data-import", artifacts, world)


def make_format_in_builder(page, world, artifacts) -> str:
    """The administrator makes a Complaint format in the Print Format Builder and saves it."""
    name = f"投诉简表{RUN}"
    page.goto(f"{BASE_URL}/app/print-format-builder", wait_until="domcontentloaded")
    page.locator(".btn-new-print-format").wait_for(timeout=60_000)
    assert_reads_chinese(page, "admin-print-format-builder-start", artifacts, world)
    page.evaluate(
        "() => frappe.print_format_builder.doctype_input.set_value('Complaint')"
    )
    page.locator(".name-selector input").fill(name)
    page.locator(".btn-new-print-format").click()
    page.locator(
        ".print-format-builder-main .print-format-builder-field"
    ).first.wait_for(timeout=60_000)
    text = assert_reads_chinese(
        page, "admin-print-format-builder", artifacts, world, world["english_labels"]
    )
    assert world["translations"]["Description"] in text
    page.locator(".page-actions button.primary-action").click()
    page.wait_for_timeout(3000)
    return name


def desk_translations(page, world) -> dict:
    """The Chinese the desk shows for the strings the walk compares (the desk's own __())."""
    sources = [*world["raw_states"], "Window", "Phone", "Description"]
    return page.evaluate(
        "(sources) => Object.fromEntries(sources.map((s) => [s, __(s, null, 'Complaint')]))",
        sources,
    )


def english_labels(page) -> list[str]:
    """The English labels of Complaint's fields that have a translation (the form shows it)."""
    return page.evaluate(
        "() => frappe.get_meta('Complaint').fields.map((df) => df.label)"
        ".filter((l) => l && /[A-Za-z]{3,}/.test(l) && __(l, null, 'Complaint') !== l)"
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_walks_the_desk_in_chinese(browser, artifacts, world, role):
    page = open_desk(browser, world["users"][role], PASSWORD)
    try:
        walk(page, world, artifacts, role)
    finally:
        page.close()


def test_format_made_in_the_builder_prints_the_forms_labels(admin, world):
    """Runs after the administrator's walk, which made the format in the Print Format Builder."""
    name = world.get("builder_format")
    assert name, "the administrator's walk did not make a format"
    saved = api(admin, "GET", f"/api/resource/Print Format/{name}")["data"]
    assert saved["doc_type"] == "Complaint" and saved["print_format_builder"]
    # no field keeps the builder's context-free translation as a label of its own
    own_labels = [
        f.get("label") for f in json.loads(saved["format_data"]) if f.get("fieldname")
    ]
    assert not [l for l in own_labels if l and l != "print_heading_template"], (
        own_labels
    )
    html = api(
        admin,
        "GET",
        "/api/method/frappe.www.printview.get_html_and_style",
        params={
            "doc": "Complaint",
            "name": world["complaint"]["name"],
            "print_format": name,
        },
    )["message"]["html"]
    assert world["translations"]["Description"] in html  # 投诉内容, the form's label
    assert "13912345678" not in html  # the phone stays masked
    assert (
        world["compound"]["compound_name"] in html or world["complaint"]["name"] in html
    )
    pdf = admin.get(
        f"{BASE_URL}/api/method/frappe.utils.print_format.download_pdf",
        params={
            "doctype": "Complaint",
            "name": world["complaint"]["name"],
            "format": name,
        },
        timeout=120,
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.text[:300]


def test_transition_row_of_an_active_workflow_can_be_deleted(browser, artifacts, admin):
    """Framework bug worked around by public/js/workflow_form.js."""
    name = f"Desk Test Workflow {RUN}"
    doc = {
        "workflow_name": name,
        "document_type": "Note",
        "is_active": 1,
        "workflow_state_field": "workflow_state",
        "states": [
            {"state": "Draft", "doc_status": "0", "allow_edit": "System Manager"},
            {"state": "Approved", "doc_status": "0", "allow_edit": "System Manager"},
            {"state": "Rejected", "doc_status": "0", "allow_edit": "System Manager"},
        ],
        "transitions": [
            {
                "state": "Draft",
                "action": "Approve",
                "next_state": "Approved",
                "allowed": "System Manager",
            },
            {
                "state": "Draft",
                "action": "Reject",
                "next_state": "Rejected",
                "allowed": "System Manager",
            },
        ],
    }
    check(admin.post(f"{BASE_URL}/api/resource/Workflow", json=doc, timeout=60))
    page = open_desk(browser, "Administrator", ADMIN_PASSWORD)
    try:
        page.goto(f"{BASE_URL}/app/workflow/{name}", wait_until="domcontentloaded")
        rows = page.locator('[data-fieldname="transitions"] .grid-body .grid-row')
        rows.first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        rows.nth(1).locator(".row-check input").check()
        page.locator('[data-fieldname="transitions"] .grid-remove-rows').click()
        page.wait_for_function(
            "() => cur_frm.doc.transitions.length === 1", timeout=10_000
        )
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !cur_frm.is_dirty()", timeout=30_000)
        page.screenshot(path=str(artifacts / "desk-workflow-row-deleted.png"))
    finally:
        page.close()
    saved = check(admin.get(f"{BASE_URL}/api/resource/Workflow/{name}", timeout=30))[
        "data"
    ]
    assert [t["action"] for t in saved["transitions"]] == ["Approve"]
    check(
        admin.put(
            f"{BASE_URL}/api/resource/Workflow/{name}",
            data={"data": json.dumps({"is_active": 0})},
            timeout=30,
        )
    )
    admin.delete(f"{BASE_URL}/api/resource/Workflow/{name}", timeout=30)
