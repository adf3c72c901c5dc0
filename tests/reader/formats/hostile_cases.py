"""Files crafted to make parsers slow: shared by the tests and benchmarks/bench.py.

Each case repeats a fragment that opens something (emphasis, a link, a
comment, a voice tag, a speaker label, a cue) and never closes it, the shape
that turns a careless regular expression or string build quadratic.
"""

from __future__ import annotations

#: A fragment and the text before the repetition (a heading makes the file Markdown).
_FRAGMENTS: dict[str, tuple[str, str]] = {
    "underscore": ("# T\n", "_a "),
    "star": ("# T\n", "*a "),
    "double_star": ("# T\n", "**a "),
    "bracket": ("# T\n", "["),
    "image": ("# T\n", "!["),
    "backtick": ("# T\n", "`"),
    "comment": ("# T\n", "<!--"),
    "link_paren": ("# T\n", "[a]((("),
    "autolink": ("# T\n", "<http:"),
    "heading_brace": ("# a", "{"),
    "plain_underscore": ("", "_a "),
    "plain_bracket": ("", "["),
    "voice": ("WEBVTT\n\n00:00.000 --> 00:01.000\n", "<v "),
    "name_colon_lines": ("", "Ana:\n"),
    "stamp_lines": ("", "00:00\n"),
    "srt_cues": ("", "1\n00:00:01,000 --> 00:00:02,000\nx\n\n"),
    "vtt_cues": ("WEBVTT\n\n", "00:00:01.000 --> 00:00:02.000\n<v Ana>x\n\n"),
    "srt_cue_lines": ("1\n00:00:01,000 --> 00:00:02,000\n", "a\n"),
    "sbv_cues": ("", "0:00:01.000,0:00:02.000\nx\n\n"),
    "bracket_speaker": ("", "[Speaker 1] [00:17] "),
    "ttml_spans": ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="0s" end="1s">', "<span>a"),
    "html_cites": ("<cite>Ana:</cite>\n<time>0:00</time>\n", "<p>"),
}


def crafted(size: int) -> dict[str, str]:
    """Every crafted case at about ``size`` characters, plus one line of
    ``size`` characters with no newline at all."""
    cases = {name: head + fragment * (size // len(fragment)) for name, (head, fragment) in _FRAGMENTS.items()}
    cases["one_long_line"] = "word " * (size // 5)
    return cases
