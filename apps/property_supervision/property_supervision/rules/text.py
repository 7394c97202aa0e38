"""Text typed by people (residents, officers, the hotline), made plain once for every way a
complaint arrives: the desk form, the residents' web form, Data Import and the 12345 hotline API
store the same value for the same input."""

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

# a short text that looks like a file name or URL is still just text
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# dropped with their content: what they hold is never text a person meant to write
NOT_TEXT = ("script", "style", "iframe", "object", "embed", "template", "noscript")
PASSES = 5


def plain_text(value: str | None) -> str:
	"""Tags removed (scripts and styles with their content), entities that decode into tags
	removed on the next pass, control characters gone, Windows line ends made plain; angle
	brackets left in the text become full-width so no page can read them as markup."""
	text = CONTROL_CHARACTERS.sub("", str(value or "")).replace("\r\n", "\n")
	for _pass in range(PASSES):
		if "<" not in text and "&" not in text:
			break
		soup = BeautifulSoup(text, "html.parser")
		for element in soup(NOT_TEXT):
			element.decompose()
		decoded = soup.get_text()
		if decoded == text:
			break
		text = decoded
	return text.replace("<", "＜").replace(">", "＞").strip()
