"""A feed's description as safe rich text: its words and its links, nothing else.

Descriptions are HTML written by anyone. Only text, paragraphs, line breaks
and ``http(s)`` links survive; images, scripts, styles and every attribute
but a link's address are dropped, so nothing remote loads unasked.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

_BREAKS = {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SKIP = {"script", "style", "head", "title", "iframe", "object", "noscript", "template", "svg"}


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        self.link_open = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag in _BREAKS:
            self.out.append("<br>")
        elif tag == "a" and not self.link_open:
            href = (dict(attrs).get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")):
                self.out.append(f'<a href="{escape(href, quote=True)}">')
                self.link_open = True

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "a" and self.link_open and not self.skipping:
            self.out.append("</a>")
            self.link_open = False

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(escape(data))


def sanitise_html(html: str) -> str:
    """Rich text keeping only the words, line breaks and http(s) links of ``html``."""
    parser = _Sanitiser()
    parser.feed(html or "")
    parser.close()
    if parser.link_open:
        parser.out.append("</a>")
    text = "".join(parser.out).strip()
    while text.startswith("<br>") or text.endswith("<br>"):
        text = text.removeprefix("<br>").removesuffix("<br>").strip()
    return text
