"""Data protection (SPEC §5): what no logged-in user or guest may read, count, infer or change
outside their scope. Row-level scope itself is Frappe's User Permission plus permissions.py; this
package closes what Frappe version-15's generic endpoints let through, without patching the
framework (hooks only, so it holds as upstream version-15 moves).

| class of leak | where it is closed |
|---|---|
| sensitive fields (ID numbers, birth dates, phones, anonymous names, tracking keys) | sensitive.py — the audited table; permission levels in the DocTypes |
| filters / or_filters / order_by / group_by / search fields / aggregates on fields the user may not read; raw SQL in filters; sub-selects in sorting | queries.guard_query, called by every endpoint below |
| child tables read without the parent's row scope | queries.child_table_conditions (permission_query_conditions "*") |
| File rows of other scopes' attachments; every user's User record (last IP, phone) and roles | queries.file_conditions, queries.user_conditions / has_user_permission |
| a workflow state's "only these roles may edit" | workflow_edit.enforce_allow_edit (doc_events "*") |
| tracebacks to clients; "not found" vs "not permitted" on the API | requests.before_request / after_request |
| password-reset account enumeration | endpoints.reset_password |

Endpoints replaced through `override_whitelisted_methods` (endpoints.py; each adds the check and
calls the framework's own function):

| framework method | what Frappe v15 does | what is added |
|---|---|---|
| frappe.client.get_count | counts any DocType, any filter, no permission check | read permission, row scope, field guard |
| frappe.client.get_list / get_value / get | filters on unreadable fields | field guard; one answer for missing and out of scope |
| frappe.client.get_doc_permissions | tells whether a record exists | one answer for missing and out of scope |
| frappe.client.validate_link | confirms any record of a readable DocType exists | only records in scope |
| frappe.desk.reportview.get / get_list / get_count / export_query / get_sidebar_stats / get_stats / get_filter_dashboard_data | filters, sorting, grouping and aggregates on unreadable fields | field guard |
| frappe.desk.listview.get_group_by_count | "assigned_to" needs no read right and filters on any field | read permission, row scope, field guard |
| frappe.desk.search.search_link / search_widget | `ignore_user_permissions` from the client skips all scope; any search field | scope kept for the scoped DocTypes, field guard |
| frappe.desk.search.get_link_title | the title of any record, None for a missing one | the title only in scope, else the name |
| frappe.desk.like.toggle_like, frappe.desk.form.document_follow.follow_document | write to any record | read permission on the record |
| frappe.desk.form.utils.get_next | reads the sort value of any record | read permission, field guard |
| frappe.desk.calendar.get_events | filters on any field | field guard |
| number_card.get_result / get_percentage_difference, dashboard_chart.get | crafted sources aggregate or filter any field | field guard |
| frappe.core.doctype.user.user.reset_password | "not found" for unknown accounts | one answer |

REST list routes (`/api/resource/<doctype>`, `/api/v2/document/<doctype>`, `/api/v2/doctype/<doctype>/count`)
call the framework's functions directly: requests.before_request guards their parameters.

Tested from the outsider's side by tests/test_data_protection.py (integration) and
tests/test_data_protection_http.py in the bench's tests/ (every whitelisted method and REST route,
enumerated, as an outsider of each kind).
"""
