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
	# every number card, chart and list of the workspace finishes loading (none stays 载入中)
	page.wait_for_function(
		"() => document.querySelectorAll('.number-widget-box').length >= 7"
		" && !document.body.innerText.includes('载入中')",
		timeout=60_000,
	)
	for label in ("在办投诉", "超期投诉", "本月办结", "已备案企业数", "公示逾期小区", "重点监管企业"):
		page.get_by_text(label).first.wait_for(timeout=10_000)
	page.screenshot(path=str(artifacts / "workspace.png"), full_page=True)
	assert "物业监管" in page.title() or page.locator(".sidebar-item-label", has_text="物业监管").count() > 0
	page.close()
