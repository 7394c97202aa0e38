"""Exports that open cleanly on a Chinese Windows desk (issue 11).

Excel on Chinese Windows reads a CSV without a byte-order mark as GBK: Chinese headings and values
come out garbled. And floating-point artefacts (`28000.000000000004`) reach the file from computed
columns. `polish_export_response` fixes the CSV the framework's export has just put into
`frappe.response`: it adds the UTF-8 byte-order mark and writes such numbers as they were meant.

Helper for the app's override of the framework's export endpoints (`frappe.desk.reportview.
export_query`, `frappe.desk.query_report.export_query`): call it after the framework's function.
"""

import csv
import io
import re

import frappe

BOM = "\ufeff"
# a decimal with a run of 0s or 9s after the meaningful digits: a binary floating-point artefact
FLOAT_ARTEFACT = re.compile(r"^-?\d+\.\d*(?:0{6,}|9{6,})\d{0,3}$")


def tidy_number(cell: str) -> str:
	"""`28000.000000000004` → `28000`, `0.30000000000000004` → `0.3`, `1.9999999999` → `2`."""
	if not isinstance(cell, str) or not FLOAT_ARTEFACT.match(cell):
		return cell
	text = f"{round(float(cell), 6):.6f}".rstrip("0").rstrip(".")
	return "0" if text in ("-0", "") else text


def polish_csv(content: bytes | str) -> bytes:
	"""The CSV with a UTF-8 byte-order mark and without floating-point artefacts."""
	text = content.decode("utf-8-sig") if isinstance(content, bytes) else content.lstrip(BOM)
	try:
		dialect = csv.Sniffer().sniff(text.split("\n", 1)[0] or ",", delimiters=",;\t|")
	except csv.Error:
		dialect = csv.excel
	rows = list(csv.reader(io.StringIO(text), dialect))
	out = io.StringIO()
	writer = csv.writer(
		out, delimiter=dialect.delimiter, quotechar=dialect.quotechar or '"', lineterminator="\r\n"
	)
	writer.writerows([[tidy_number(cell) for cell in row] for row in rows])
	return (BOM + out.getvalue()).encode("utf-8")


def polish_export_response() -> None:
	"""After a framework export: polish the CSV in `frappe.response` (Excel files are left alone)."""
	response = frappe.response
	if response.get("type") == "binary" and str(response.get("filename", "")).lower().endswith(".csv"):
		response["filecontent"] = polish_csv(response["filecontent"])
