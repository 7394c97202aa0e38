"""The site over HTTP, as the desk and API clients reach it."""

import json

import pytest
import requests
from conftest import BASE_URL, login


def test_reference_data_over_rest(admin):
	response = admin.get(
		f"{BASE_URL}/api/resource/Jurisdiction",
		params={
			"filters": '[["jurisdiction_type","in",["Area Committee","Subdistrict"]]]',
			"limit_page_length": 100,
		},
		timeout=30,
	)
	response.raise_for_status()
	names = {row["name"] for row in response.json()["data"]}
	assert {"七纺片区管委会", "七道湾片区管委会", "石人子沟街道办事处", "榆树沟街道办事处"} <= names
	assert len(names) >= 10


def test_guest_cannot_read_jurisdictions():
	response = requests.get(f"{BASE_URL}/api/resource/Jurisdiction", timeout=30)
	assert response.status_code == 403


def test_wrong_password_refused():
	with pytest.raises(requests.HTTPError):
		login("Administrator", "not-the-password")


def test_desk_boot_is_chinese(admin):
	response = admin.get(f"{BASE_URL}/app", timeout=60)
	response.raise_for_status()
	assert 'lang="zh"' in response.text


def test_workspace_listed_in_sidebar(admin):
	response = admin.post(
		f"{BASE_URL}/api/method/frappe.desk.desktop.get_workspace_sidebar_items", timeout=30
	)
	response.raise_for_status()
	titles = {page["title"] for page in response.json()["message"]["pages"]}
	assert "物业监管" in titles


def test_a_method_called_without_its_arguments_says_which_are_missing(admin):
	"""The app's methods answer an incomplete request in Chinese, naming what is missing, and do
	nothing; before, Frappe's TypeError came out as a bare server error."""
	count = {"doctype": "Working Calendar Day"}
	before = admin.post(f"{BASE_URL}/api/method/frappe.client.get_count", data=count, timeout=30).json()
	response = admin.post(
		f"{BASE_URL}/api/method/property_supervision.api.working_calendar.add_holiday_range",
		data={"from_date": "2031-10-01"},
		timeout=30,
	)
	assert response.status_code == 417, response.text
	messages = [json.loads(m)["message"] for m in json.loads(response.json()["_server_messages"])]
	assert messages == ["请求缺少必需的参数：to_date, description。"], messages
	after = admin.post(f"{BASE_URL}/api/method/frappe.client.get_count", data=count, timeout=30).json()
	assert after == before
	# a function that is not to be called over HTTP keeps Frappe's refusal, its parameters unsaid
	response = admin.post(
		f"{BASE_URL}/api/method/property_supervision.data_protection.requests.guard_child_row", timeout=30
	)
	assert response.status_code == 403, response.text
	assert "请求缺少" not in response.text
	# and so does a method a guest may not call
	response = requests.post(
		f"{BASE_URL}/api/method/property_supervision.api.working_calendar.add_holiday_range", timeout=30
	)
	assert response.status_code == 403, response.text
	assert "请求缺少" not in response.text
	# a complete request goes through to the method, which judges the values itself
	response = admin.post(
		f"{BASE_URL}/api/method/property_supervision.api.working_calendar.get_year",
		data={"year": "2031"},
		timeout=30,
	)
	assert response.status_code == 200, response.text


def test_error_message_in_chinese(admin):
	response = admin.post(
		f"{BASE_URL}/api/resource/Jurisdiction",
		json={
			"jurisdiction_name": "HTTP测试社区",
			"jurisdiction_type": "Community",
			"parent_jurisdiction": "水磨沟区",
		},
		timeout=30,
	)
	assert response.status_code == 417
	messages = json.loads(response.json()["_server_messages"])
	assert any("社区的上级必须是" in json.loads(m)["message"] for m in messages)
	check = admin.get(f"{BASE_URL}/api/resource/Jurisdiction/HTTP测试社区", timeout=30)
	assert check.status_code == 404
