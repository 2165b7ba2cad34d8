"""find_dates tries its pattern only near a month name, a weekday or an ISO date; that must
find exactly what the plain scan of the whole text finds (hypothesis against
``DATE_EXPRESSION.finditer``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.dates import DATE_EXPRESSION, _date_matches, find_dates

PIECE = st.one_of(
    st.sampled_from(["On ", "on ", "By ", "Since ", "Until ", "until ", "last ", "Next ",
                     "this ", "Monday", "Sunday", "Wednesday", ", ", " ", ",", "3", "12",
                     "31st", "2nd", "09", "March", "Sept.", "Sep", "May", "Dec.", "Jan",
                     "Marta", "Decision", "2025", "1999", "2024-05-03", "2019-", "-",
                     "05", ":", ".", "\n", "x", "Mon", "Sat"]),
    st.text(max_size=6),
)
TEXT = st.lists(PIECE, max_size=40).map("".join)


def _plain(text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(match.span(), match.groupdict()) for match in DATE_EXPRESSION.finditer(text)]


@given(TEXT)
def test_windowed_search_finds_what_the_plain_scan_finds(text):
    assert [(match.span(), match.groupdict()) for match in _date_matches(text)] == _plain(text)


def test_dates_far_from_each_other_and_near_a_false_key():
    text = ("The May meeting, Marta said, moved to Until 31st March 2024, then on Monday, "
            "12 May; by 2023-11-02 it was over. Next Tuesday nothing. 10:12 May 5")
    assert [mention.text for mention in find_dates(text)] == [
        match.group(0) for match in DATE_EXPRESSION.finditer(text)]
    assert [mention.text for mention in find_dates(text)] == [
        "Until 31st March 2024", "on Monday, 12 May", "by 2023-11-02", "Next Tuesday",
        "May 5"]
