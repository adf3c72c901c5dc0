"""transcript-reader:// links: made for every exported time, read back exactly,
and a damaged one explained in one sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.links import LinkError, MomentLink, is_link, make_link, parse_link

FINGERPRINT = "207e6be7ec" + "0" * 54


def test_a_link_names_the_episode_the_second_and_the_highlight():
    link = make_link(FINGERPRINT, 754_200, 12)
    assert link == "transcript-reader://open?episode=207e6be7ec000000&t=754.2&highlight=12"
    assert parse_link(link) == MomentLink("207e6be7ec000000", 754_200, 12)
    assert parse_link(link).matches(FINGERPRINT) and not parse_link(link).matches("f" * 64)
    assert is_link(link) and not is_link("/home/ana/episode.txt")


@given(st.integers(min_value=0, max_value=36_000_000), st.one_of(st.none(), st.integers(0, 10**9)))
def test_any_moment_reads_back_to_the_millisecond(ms, highlight):
    assert parse_link(make_link(FINGERPRINT, ms, highlight)) == MomentLink(FINGERPRINT[:16], ms, highlight)


def test_a_fingerprint_that_is_not_a_hash_gets_no_link():
    assert make_link("sha256:9f2c", 1000) == ""


@pytest.mark.parametrize(
    ("link", "fragment"),
    [
        ("https://example.org/?t=3", "is not a Transcript Reader link"),
        ("transcript-reader://delete?episode=207e6be7ec000000", "which this version cannot do"),
        ("transcript-reader://open?t=3", "does not say which episode"),
        ("transcript-reader://open?episode=207e6be7ec000000&t=soon", "is not a number of seconds"),
        ("transcript-reader://open?episode=207e6be7ec000000&t=-4", "is not a moment in an episode"),
        ("transcript-reader://open?episode=207e6be7ec000000&t=nan", "is not a moment in an episode"),
    ],
)
def test_a_damaged_link_is_one_sentence(link, fragment):
    with pytest.raises(LinkError) as caught:
        parse_link(link)
    message = str(caught.value)
    assert fragment in message and message.endswith(".") and "\n" not in message


def test_later_versions_parameters_are_ignored():
    link = "transcript-reader://open?episode=207E6BE7EC000000&t=5&speed=2"
    assert parse_link(link) == MomentLink("207e6be7ec000000", 5000, None)


@pytest.mark.parametrize("highlight", ["²", "x1", "-3"])
def test_a_highlight_that_is_not_a_number_is_left_out_of_the_moment(highlight):
    """The link still opens its moment; a superscript two no longer raised out of parsing."""
    link = f"transcript-reader://open?episode=207e6be7ec000000&t=5&highlight={highlight}"
    assert parse_link(link) == MomentLink("207e6be7ec000000", 5000, None)
