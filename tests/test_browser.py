"""The desk in a real browser (Debian's Chromium driven by Playwright)."""

from conftest import ADMIN_PASSWORD, BASE_URL


def test_admin_sees_workspace_in_chinese(browser, artifacts):
	page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
	page.goto(f"{BASE_URL}/login", wait_until="domcontentloaded")
	page.fill("#login_email", "Administrator")
	page.fill("#login_password", ADMIN_PASSWORD)
	page.click("form.form-login button.btn-login")
	page.wait_for_url("**/app/**", timeout=60_000)
	page.goto(f"{BASE_URL}/app/物业监管", wait_until="domcontentloaded")
	page.wait_for_selector(".codex-editor, .workspace-skeleton, .layout-main-section", timeout=60_000)
	page.get_by_text("物业服务监管").first.wait_for(timeout=60_000)
	# shortcuts and the sidebar are translated
	page.get_by_text("辖区").first.wait_for(timeout=30_000)
	page.get_by_text("监管单位").first.wait_for(timeout=30_000)
	page.screenshot(path=str(artifacts / "workspace.png"), full_page=True)
	assert "物业监管" in page.title() or page.locator(".sidebar-item-label", has_text="物业监管").count() > 0
	page.close()
