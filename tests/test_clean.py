"""Stage 2, clean: chrome removal, headline and outlet, dateline, blocks, citations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import CORPUS, registries

from generator.clean import (
    DERIVED_TITLE_MAX_CHARS,
    clean,
    derive_title,
    is_headline,
    is_title_cased,
    lift_citations,
    repeated_lines,
    split_outlet,
)
from generator.dates import widget_date
from generator.model import CleanArticle
from generator.read import read_article

LEAD = "Officials in Geneva said on Monday that the talks would resume next week."


def cleaned(text: str, path: str = "a.txt") -> CleanArticle:
    raw, _ = read_article(path, text.encode("utf-8"))
    return clean(raw, registries().boilerplate, registries().organizations)


def shipped(name: str) -> CleanArticle:
    path = CORPUS / "articles" / name
    raw, _ = read_article(name, path.read_bytes())
    return clean(raw, registries().boilerplate, registries().organizations)


# --- chrome -----------------------------------------------------------------------------------


def test_summary_prompt_is_removed():
    article = cleaned(f"Headline of the story\n\nNo time to read?\nGet a summary\n\n{LEAD}\n")
    assert article.text == LEAD
    assert article.removed_chrome == ("No time to read?", "Get a summary")


def test_previous_and_next_article_take_the_following_headline_with_them():
    article = cleaned(
        f"Headline of the story\n{LEAD}\n\nPrevious Article\n"
        "December lineup brings festive fun to subscribers\n"
        "Next Article\n\nTelegram outages across regions: what users need to know\n"
    )
    assert article.text == LEAD
    assert "December lineup brings festive fun to subscribers" in article.removed_chrome
    assert "Telegram outages across regions: what users need to know" in article.removed_chrome


def test_read_more_keeps_following_prose():
    prose = "The minister said the next round would take place in Istanbul in May."
    article = cleaned(f"Headline of the story\n{LEAD}\nRead more:\n{prose}\n")
    assert prose in article.text


def test_related_stories_block_goes_until_prose():
    article = cleaned(
        f"Headline of the story\n{LEAD}\n\nRelated stories:\nEU agrees new sanctions package\n"
        "NATO ministers meet in Brussels\nThe talks ended late on Monday, a diplomat said.\n"
    )
    assert "EU agrees new sanctions package" not in article.text
    assert "NATO ministers meet in Brussels" not in article.text
    assert "The talks ended late on Monday, a diplomat said." in article.text


@pytest.mark.parametrize("line", [
    "Sign up for our daily briefing newsletter",
    "Subscribe",
    "Enter your email address",
    "We use cookies to improve your experience.",
    "This website uses cookies",
    "Accept all cookies",
    "Cookie settings",
    "Photo: Reuters/John Smith",
    "Image caption: Delegates arrive in Geneva",
    "(AP Photo/Evan Vucci)",
    "Delegates arrive in Geneva / Getty Images",
    "Advertisement",
    "Share this article",
    "5 min read",
    "Listen to this article",
    "We value your privacy",
    "Privacy preferences",
    "Do Not Sell My Personal Information",
    "OK, got it",
    "Allow all",
    "Manage my consent",
    "We and our 212 trusted partners store cookies on your device to measure ads.",
    "Discover more from The Harbour Letter",
    "Subscribe to keep reading this post and get full access.",
    "Sponsored by Northwind Solar",
    "Presented by the Acme Foundation",
    "Mon 3 Feb 2025, last update 08:15 GMT",
    "All quotes delayed by 20 minutes.",
    "ab/kl/tr",
    "Oslo 4°C",
    "ePaper",
    "Log in",
    "EUR/CHF 0.9412 ▼0.2%",
    "Gold $2,410.50 ▲1.4%",
])
def test_chrome_lines_are_removed(line):
    article = cleaned(f"Headline of the story\n{LEAD}\n{line}\nSecond paragraph here.\n")
    assert line not in article.text
    assert line in article.removed_chrome
    assert "Second paragraph here." in article.text


def test_a_sentence_that_mentions_cookies_is_kept():
    sentence = "Officials said cookies were served at the reception, we use cookies too."
    article = cleaned(f"Headline of the story\n{LEAD}\n{sentence}\n")
    # A chrome pattern matches whole lines only; this line starts differently.
    assert sentence in article.text


def test_shipped_article_chrome_is_removed():
    article = shipped("000_643b31c5247b039b.txt")
    assert "No time to read?" not in article.text
    assert "Previous Article" not in article.text
    assert "December lineup" not in article.text
    assert "Telegrams Outages" not in article.text


# --- headline, outlet, derived title ----------------------------------------------------------


def test_one_word_headline_talks():
    article = shipped("003_2f7b292f6373f123.txt")
    assert article.title == "Talks"
    assert not article.title_derived
    assert not article.text.startswith("Talks\n")


def test_one_word_headline_in_a_small_article():
    article = cleaned(f"Talks\n{LEAD}\n")
    assert (article.title, article.title_derived, article.text) == ("Talks", False, LEAD)


def test_no_headline_gives_a_short_derived_title():
    article = shipped("001_5cf0cc4e232c5d29.txt")
    lead = article.blocks[0].text
    assert article.title_derived
    assert article.title != lead
    assert len(article.title) <= DERIVED_TITLE_MAX_CHARS + 1
    assert article.title.endswith("…")
    assert lead.startswith(article.title.rstrip("…"))
    # The lead paragraph stays in the body: deriving a title drops no text.
    assert article.text.startswith(lead)


def test_derived_title_of_a_short_first_sentence():
    article = cleaned("Lavrov spoke. Then he left the room and the talks ended.\n")
    assert (article.title, article.title_derived) == ("Lavrov spoke", True)


@pytest.mark.parametrize("lead, title", [
    ("!!! ??? ...", "!!! ??? ..."),
    ("x" * 200, "x" * DERIVED_TITLE_MAX_CHARS + "…"),
    ("A short sentence. Another one.", "A short sentence"),
])
def test_derive_title_is_never_empty(lead, title):
    assert derive_title(lead) == title


def test_derived_title_drops_trailing_stopwords():
    title = derive_title("The foreign minister of the country said on Monday that the talks "
                         "with the neighbouring states would resume in the spring of next year")
    assert title.endswith("…")
    assert title.rstrip("…").split()[-1].lower() not in {"the", "of", "in", "that", "with"}


def test_title_from_header_wins():
    article = cleaned(f"---\ntitle: From the header\n---\nHeadline line\n{LEAD}\n")
    assert article.title == "From the header"
    assert not article.title_derived


def test_single_line_article_is_a_paragraph_with_derived_title():
    article = cleaned("Only one line here\n")
    assert article.text == "Only one line here"
    assert article.title == "Only one line here"
    assert article.title_derived


def test_outlet_is_split_from_the_headline():
    article = shipped("002_42b39f02cca32838.txt")
    assert article.title == "Russia-Ukraine Negotiations Stall Without Peace Agreement"
    assert article.outlet == "POLITICO"


@pytest.mark.parametrize("title, expected", [
    ("Talks resume in Geneva – POLITICO", ("Talks resume in Geneva", "POLITICO")),
    ("Talks resume in Geneva - Reuters", ("Talks resume in Geneva", "Reuters")),
    ("Talks resume in Geneva | Financial Times", ("Talks resume in Geneva", "Financial Times")),
    ("Talks resume in Geneva — BBC NEWS", ("Talks resume in Geneva", "BBC NEWS")),
    ("Russia-Ukraine talks", ("Russia-Ukraine talks", None)),
    ("Ceasefire – what comes next", ("Ceasefire – what comes next", None)),
    ("– POLITICO", ("– POLITICO", None)),
])
def test_split_outlet(title, expected):
    assert split_outlet(title, registries().organizations) == expected


def test_source_header_overrides_outlet():
    article = cleaned(f"---\nsource: Kommersant\n---\nTalks resume – POLITICO\n{LEAD}\n")
    assert article.outlet == "Kommersant"
    assert article.title == "Talks resume"


@pytest.mark.parametrize("line, expected", [
    ("Talks", True),
    ("Переговоры в Стамбуле", True),
    ("A sentence that ends with a full stop.", False),
    ("- a list item", False),
    ("| a | b |", False),
    ("!!! ???", False),
    ("word " * 30, False),
])
def test_is_headline(line, expected):
    assert is_headline(line) is expected


# --- dateline ---------------------------------------------------------------------------------


def test_timestamp_line_is_the_dateline():
    article = cleaned(f"Headline of the story\nUpdated March 3, 2024, 10:15 a.m. ET\n{LEAD}\n")
    assert article.dateline == "Updated March 3, 2024, 10:15 a.m. ET"
    assert article.dateline_date == dt.date(2024, 3, 3)
    assert article.text == LEAD


def test_agency_dateline_in_the_lead_is_recognised_and_kept():
    lead = "GENEVA, March 3, 2024 (Reuters) - Delegations met on Monday for new talks."
    article = cleaned(f"Headline of the story\n{lead}\n")
    assert article.dateline is not None and article.dateline.startswith("GENEVA")
    assert article.dateline_date == dt.date(2024, 3, 3)
    assert article.text == lead


# --- blocks -----------------------------------------------------------------------------------


def test_blocks_headings_lists_tables_sources():
    article = cleaned(
        "Headline of the story\n"
        f"{LEAD}\n\n"
        "Key points\n"
        "- Prisoner exchange agreed\n"
        "- Next round in April\n"
        "1. First step\n"
        "2) Second step\n\n"
        "| Country | Position |\n"
        "|---|:---:|\n"
        "| Russia | Against |\n"
        "| Ukraine |\n\n"
        "Source: https://example.org/story\n"
    )
    kinds = [block.kind for block in article.blocks]
    assert kinds == ["paragraph", "heading", "list", "list", "table", "source"]
    heading, bullets, numbers, table, source = article.blocks[1:]
    assert heading.text == "Key points"
    assert bullets.items == ("Prisoner exchange agreed", "Next round in April")
    assert not bullets.ordered
    assert numbers.items == ("First step", "Second step")
    assert numbers.ordered
    assert table.cells == (("Country", "Position"), ("Russia", "Against"), ("Ukraine",))
    assert source.text == "https://example.org/story"


def test_block_lines_are_file_lines():
    article = cleaned(f"---\ntitle: Headline\n---\nHeadline\n{LEAD}\n\nSecond paragraph.\n")
    assert [block.line for block in article.blocks] == [5, 7]


def test_first_line_differing_from_the_header_title_is_kept():
    article = cleaned(f"---\ntitle: T\n---\nHeadline\n{LEAD}\n\nSecond paragraph.\n")
    assert article.title == "T"
    assert [block.line for block in article.blocks] == [4, 5, 7]
    assert article.blocks[0].text == "Headline"


def test_hard_wrapped_lines_are_joined():
    article = cleaned("Headline of the story\nThe minister said the talks\nwould resume soon.\n")
    assert article.text == "The minister said the talks would resume soon."


def test_citations_are_lifted_and_kept():
    article = cleaned(
        "Headline of the story\n"
        "The envoy said the talks were constructive. [CITATION: Reuters, March 3] "
        "More talks followed. [CITATION: AP]\n"
    )
    (block,) = article.blocks
    assert block.text == "The envoy said the talks were constructive. More talks followed."
    assert [c.text for c in block.citations] == ["Reuters, March 3", "AP"]
    assert block.text[: block.citations[0].offset].endswith("constructive.")
    assert block.citations[1].offset == len(block.text)


def test_citation_at_paragraph_start_does_not_shift_later_offsets():
    text, citations = lift_citations("[CITATION: a] Text here. [CITATION: b] More.")
    assert text == "Text here. More."
    assert [(c.offset, c.text) for c in citations] == [(0, "a"), (len("Text here."), "b")]


def test_paragraph_of_only_a_citation_is_kept():
    article = cleaned(f"Headline of the story\n{LEAD}\n[CITATION: Interfax]\n")
    assert article.blocks[-1].citations[0].text == "Interfax"


def test_russian_text_is_kept_exactly():
    russian = ("«Настанет тот день, когда переговоры возобновятся», — заявил Сергей Лавров "
               "в Москве 3 марта.")
    article = cleaned(f"Переговоры в Стамбуле\n{russian}\n")
    assert article.title == "Переговоры в Стамбуле"
    assert article.text == russian


def test_shipped_russian_quotation_is_kept():
    path = CORPUS / "articles" / "003_2f7b292f6373f123.txt"
    source = path.read_text(encoding="utf-8")
    article = shipped(path.name)
    russian = [line for line in source.splitlines()
               if any("\u0400" <= character <= "\u04ff" for character in line)]
    assert russian
    for line in russian:
        assert line.strip() in article.text


def test_markup_in_text_is_kept_as_written():
    line = 'The banner read <img src=x onerror=alert(1)> and [x](javascript:alert(1)) & *so on*.'
    assert cleaned(f"Headline of the story\n{line}\n").text == line


# --- the head of a pasted page --------------------------------------------------------------


@pytest.mark.parametrize("head", [
    "World\nEurope",                                   # section labels
    "Menu\nSearch\nSign in\nSubscribe",                # widgets
    "Home › World › Asia",                             # breadcrumb
    "English | Français | Español",                    # language switcher
    "News  Sport  Business  Culture  Travel",          # menu row
    "de-DE en-GB fr-FR",                               # locale codes
    "THE DAILY LEDGER",                                # masthead in capitals
])
def test_navigation_above_the_headline_is_chrome(head):
    article = cleaned(f"{head}\nFloods force thousands from their homes in Sindh\n\n{LEAD}\n")
    assert article.title == "Floods force thousands from their homes in Sindh"
    assert article.text == LEAD
    assert all(line.strip() in article.removed_chrome for line in head.split("\n"))


def test_a_short_first_line_before_prose_stays_the_headline():
    article = cleaned(f"Talks in Oslo\n{LEAD}\n")
    assert article.title == "Talks in Oslo"
    assert article.text == LEAD


def test_prose_before_a_headline_shaped_line_is_never_dropped():
    text = f"{LEAD}\nFloods force thousands from their homes in Sindh\n\nMore text here today.\n"
    article = cleaned(text)
    assert LEAD in article.text


def test_a_scraped_date_prefix_is_the_date_not_the_headline():
    article = cleaned(f" date 2025-03-05 Oil output will hold, minister says\n\n{LEAD}\n")
    assert article.title == "Oil output will hold, minister says"
    assert article.dateline_date == dt.date(2025, 3, 5)


def test_a_government_banner_is_chrome():
    article = cleaned("An official website of the United States Government Here's how you "
                      "know\nOfficial websites use .gov\nA .gov website belongs to an official "
                      "government organization in the United States.\n"
                      f"Department Press Briefing on the Sahel\n\n{LEAD}\n")
    assert article.title == "Department Press Briefing on the Sahel"
    assert article.text == LEAD


@pytest.mark.parametrize("line, expected", [
    ("Published: 3 March 2024, 10:12 | Updated: 4 March 2024, 17:45", dt.date(2024, 3, 3)),
    ("Sun 9 June 2024 21.40 CEST", dt.date(2024, 6, 9)),
    ("June 9, 2024 · 38 min", dt.date(2024, 6, 9)),
    ("Published 09.06.2024 – 08:15", dt.date(2024, 6, 9)),
    ("Modified: 19/06/2024 - 20:05", dt.date(2024, 6, 19)),
    ("THURSDAY, 6 JUNE 2024", dt.date(2024, 6, 6)),
    ("  • Last updated: 6 Jun. 2024 19:41", dt.date(2024, 6, 6)),
    ("Posted March 2, 2024 Updated about 5 hours ago", dt.date(2024, 3, 2)),
    ("04/06/2024", None),  # day first or month first cannot be told
    ("Press Briefing (June 6, 2024)", None),  # words of its own: a headline, not a widget
    ("The talks resumed on June 1, 2024", None),
    ("May 2024", None),  # no day: never completed
])
def test_a_date_widget_line_gives_its_first_full_date(line, expected):
    assert widget_date(line) == expected


def test_a_date_widget_is_chrome_and_the_pages_date():
    article = cleaned(f"Grain corridor talks resume in Istanbul\nPublished: 3 March 2024, 10:12 "
                      f"| Updated: 4 March 2024, 17:45\n\n{LEAD}\n")
    assert article.title == "Grain corridor talks resume in Istanbul"
    assert article.dateline_date == dt.date(2024, 3, 3)
    assert article.text == LEAD


def test_a_briefings_headline_gives_its_date():
    article = cleaned(f"Daily Press Briefing – June 6, 2024\n\n{LEAD}\n")
    assert article.dateline_date == dt.date(2024, 6, 6)


def test_a_dated_lead_gives_its_date():
    article = cleaned("Staff visit\n\nLa Paz, Bolivia – May 14, 2024: A staff team visited the "
                      "capital to discuss the programme.\n")
    assert article.dateline_date == dt.date(2024, 5, 14)


def test_the_headline_is_the_one_that_stands_with_the_byline_not_a_tagline():
    article = cleaned("Skip to main content\nTrusted news and analysis for professionals who "
                      "decide\nWorld\nBusiness\nMarkets\nAsia\nFerry strike ends after unions "
                      f"accept the new wage offer\nBy Jane Doe\n4 minute read\n\n{LEAD}\n")
    assert article.title == "Ferry strike ends after unions accept the new wage offer"
    assert "Trusted news" not in article.text


def test_a_headline_comes_before_its_deck():
    article = cleaned("World\nFerry strike ends in Patras\nUnions accepted a wage offer after "
                      f"three weeks of cancelled sailings and empty ports\nBy Jane Doe\n\n{LEAD}\n")
    assert article.title == "Ferry strike ends in Patras"
    assert "three weeks of cancelled sailings" in article.text


def test_a_series_label_and_a_language_switcher_are_not_headlines():
    article = cleaned("English | Français | Español | Русский\nThe Crossing — Episode 41\n"
                      "Why the ferry strike in Patras lasted three weeks\nJune 9, 2024 · 38 min"
                      f"\n\n{LEAD}\n")
    assert article.title == "Why the ferry strike in Patras lasted three weeks"


def test_a_section_label_glued_to_the_headline_is_cut_off():
    article = cleaned(f"Home › News\nECONOMYFerry operators cut fares after the strike\n"
                      f"By Jane Doe\n\n{LEAD}\n")
    assert article.title == "Ferry operators cut fares after the strike"


def test_a_headline_in_capitals_counts_when_there_is_no_other():
    article = cleaned(f"United Nations\nNoon Briefings\nHIGHLIGHTS OF THE DAILY BRIEFING\n"
                      f"BY A SPOKESPERSON FOR THE SECRETARY-GENERAL\n\n{LEAD}\n")
    assert article.title == "HIGHLIGHTS OF THE DAILY BRIEFING"


def test_a_byline_names_the_author_and_leaves_the_text():
    article = cleaned(f"Ferry strike ends in Patras\nBY JANE DOE, Athens correspondent\n\n{LEAD}\n")
    assert article.author == "Jane Doe"
    assert article.text == LEAD


def test_a_briefers_by_line_is_no_author():
    article = cleaned("HIGHLIGHTS OF THE DAILY BRIEFING\nBY JANE DOE, SPOKESPERSON FOR THE "
                      f"SECRETARY-GENERAL\n\n{LEAD}\n")
    assert article.author is None


# --- chrome by named signals (issue 10) -------------------------------------------------------
# Every text below was written for these tests.

SECOND = "The port authority said the ferries would sail again on Friday."
BODY = f"{LEAD}\n\n{SECOND}\n"


def kept_and_removed(text: str, repeated: frozenset[str] = frozenset()) -> tuple[str, tuple]:
    raw, _ = read_article("a.txt", text.encode("utf-8"))
    article = clean(raw, registries().boilerplate, registries().organizations, repeated)
    return article.text, article.removed_chrome


@pytest.mark.parametrize("line", [
    # counters
    "3,410 views", "1.5K Shares", "88 comments", "612", "Join in: 40 comments",
    # reading and listening time
    "Reading time: 9 minutes", "7 min", "Listen to this story · 11 min",
    # teasers for other stories
    "Read more: Harbour strike enters its third week", "ALSO READ | Dockers vote on pay offer",
    "Related: Why the ferry timetable keeps slipping",
    # share widgets and networks
    "Copy link", "Link copied", "LinkedIn", "Embed code", "Share this episode",
    # controls of a live page
    "Auto-refresh is off", "Load more updates", "Show key events only", "Older posts",
    # a widget's bare label
    "Page top", "Font size: A+ A A-", "Print this article", "Table of contents",
    # licensing and standards
    "Purchase Licensing Rights", "Reprints & Permissions", "Our standards: how we report",
])
def test_chrome_by_lexicon_in_the_text_is_removed(line):
    text, removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in removed
    assert LEAD in text and SECOND in text


@pytest.mark.parametrize("line", [
    "© 2024 The Harbour Gazette. All rights reserved.",
    "Subscribe now to keep reading.",
    "You've reached your limit of free articles for this week.",
    "Already a member? Log in here.",
    "This story is only available to paid subscribers.",
    "Support independent reporting. Give what you can today.",
    "Dear reader, our small team depends on you.",
    "Our newsroom runs on the generosity of readers like you.",
    "Become a supporter from £3 a month.",
    "Your donation helps us keep the harbour desk open.",
    "Liked this edition? Forward it to a colleague.",
    "Sign up to get the Harbour Letter in your inbox on Fridays.",
    "Presented by Northwind Ferries: crossing the strait since 1962",
    "**A message from the Port Alliance: cleaner ships, safer quays.**",
    "(Check against delivery)",
    "The following is an unedited transcript of the hearing.",
    "This transcript was generated automatically and may contain mistakes.",
    "Provided for reporters only. Not an official record.",
    "Views in this note do not necessarily reflect the position of the Port Board or its members.",
    "Comments are closed.",
    "Leave a comment below",
    "This video could not be loaded. Try again later.",
    "Subtitles for this video are provided by a volunteer team.",
    "Thanks to editor Rosa Lind and producer Ben Okoro.",
    "FILE - A ferry leaves the harbour at dawn, March 3, 2022.",
    "Harbour Gazette staff writer Ana Paiva in Lisbon contributed to this report.",
])
def test_chrome_written_as_a_sentence_is_removed(line):
    text, removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in removed
    assert SECOND in text


def test_a_reported_sentence_about_reflecting_views_is_kept():
    line = "The figures do not necessarily reflect the views of the union, its leader said."
    text, _removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in text


def test_a_caption_goes_with_the_credit_below_it():
    caption = "Dockers gather at the main gate of the harbour on Tuesday."
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\n{caption}\n(AP Photo/Ines Morel)\n\n{SECOND}\n")
    assert caption in removed and "(AP Photo/Ines Morel)" in removed
    assert SECOND in text


def test_a_paragraph_of_two_sentences_above_a_credit_is_kept():
    paragraph = "Dockers gather at the gate. They have not been paid since May."
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\n{paragraph}\n(AP Photo/Ines Morel)\n\n{SECOND}\n")
    assert paragraph in text and "(AP Photo/Ines Morel)" in removed


@pytest.mark.parametrize("line", ["___", "* * *", "###", "~~~~"])
def test_a_rule_line_is_removed(line):
    text, removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in removed and SECOND in text


def test_a_line_of_mixed_punctuation_is_no_rule():
    text, _removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n?!? ... !!\n\n{SECOND}\n")
    assert "?!? ... !!" in text


def test_a_hashtag_line_is_removed_and_a_sentence_with_a_hashtag_is_kept():
    tagged = "The union used #FairPay on every banner at the gate."
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\n{tagged}\n\n#Harbour #Strike2024\n\n{SECOND}\n")
    assert "#Harbour #Strike2024" in removed and tagged in text


def test_a_post_card_loses_its_name_and_handle_and_keeps_its_text():
    post = "Talks with the port board went well today. More tomorrow."
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\nMarta Quist\n@martaquist\n{post}\n"
        f"9:14 AM · May 2, 2024\n240K Views\n\n{SECOND}\n")
    assert {"Marta Quist", "@martaquist", "240K Views"} <= set(removed)
    assert post in text


@pytest.mark.parametrize("line", ["Start › World › Africa", "Listen · Watch · Read · Shop",
                                  "Tips | Jobs | Contact | About"])
def test_a_separator_row_is_removed(line):
    text, removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in removed and SECOND in text


def test_a_table_row_and_a_sentence_with_a_slash_are_kept():
    table = "| Port | Ships |\n|---|---|\n| North | 4 |"
    sentence = "Ships sail north / south in turn, a captain said."
    text, _removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{table}\n\n"
                                      f"{sentence}\n\n{SECOND}\n")
    assert "North | 4" in text and sentence in text


def test_an_emoji_navigation_row_is_removed_but_an_emoji_headline_stays():
    _text, removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n"
                                     f"🏠 Home 📰 News 🎧 Audio\n\n{SECOND}\n")
    assert "🏠 Home 📰 News 🎧 Audio" in removed
    raw, _ = read_article("a.txt", f"⚓🌊🚢\n{LEAD}\n".encode())
    assert clean(raw, registries().boilerplate).title == "⚓🌊🚢"


@pytest.mark.parametrize("line", [
    "Sign up for the Harbour Letter", "Gift this story", "Catch up on our port coverage",
    "Try it free for a month", "Write a comment...", "Save this article for later",
    "Follow our live coverage of the strike", "Please share this page with a friend",
    "Subscribe wherever you find your podcasts", "Questions about docking? Click here",
])
def test_a_call_to_action_is_removed(line):
    text, removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in removed and SECOND in text


@pytest.mark.parametrize("line", [
    "Support for the strike grew in May as the company cut our members' overtime pay.",
    "Watch the wording of the board's next notice before the vote on Friday.",
    '"Join us at the gate," the union wrote to its members on Monday evening.',
    "HOST: Subscribe and you will hear the next episode first, I promise.",
    "Read together, the two notices say more than either one.",
])
def test_a_sentence_that_only_looks_like_a_call_to_action_is_kept(line):
    text, _removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert line in text


def test_a_question_leading_into_a_call_to_action_goes_with_it():
    _text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\nHave a story for your port?\n"
        f"Send us your tips here\n\n{SECOND}\n")
    assert {"Have a story for your port?", "Send us your tips here"} <= set(removed)


def test_a_short_label_between_two_lines_of_chrome_is_removed():
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\nShare this episode\nNotes\n"
        f"This transcript was edited for clarity by our producers.\n\n{SECOND}\n")
    assert "Notes" in removed and SECOND in text


def test_lines_repeated_across_the_archive_are_found_in_any_order():
    first, second, third = "Ports\nA\nQuay news", "Quay news\nB\nPorts", "Ports\nC"
    assert repeated_lines([first, second, third]) == repeated_lines([third, second, first]) \
        == frozenset({"Ports", "Quay news"})
    assert repeated_lines([first, first]) == frozenset()  # the same text twice is one article


def test_a_repeated_label_next_to_chrome_is_removed_a_repeated_heading_is_kept():
    paste = (f"Harbour strike talks resume\n{LEAD}\n\nPorts\n3,410 views\n\n{SECOND}\n\n"
             "What it means\n\nThe board meets again on Monday, a spokesman said.\n")
    text, removed = kept_and_removed(paste, frozenset({"Ports", "What it means"}))
    assert "Ports" in removed
    assert "What it means" in text


def test_the_pages_tail_goes_and_the_last_paragraph_stays():
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\nTalks resume Monday.\n\nTopics\nShipping\n"
        "Lisbon\nHarbour Gazette Ltd\nAbout us\nOur Principles: The Harbour Charter.\n")
    assert "Talks resume Monday." in text
    assert {"Topics", "Shipping", "Lisbon", "About us",
            "Our Principles: The Harbour Charter."} <= set(removed)


@pytest.mark.parametrize("last", [
    "Quist, 52, told the crowd that “the gate stays shut”.",
    "The strike ends on Friday (the union says so).",
    "“We are going home,” one docker said",
])
def test_the_tail_keeps_a_closing_sentence_however_it_ends(last):
    text, _removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{last}\n")
    assert last in text


def test_the_tail_keeps_a_closing_list_without_full_stops():
    text, _removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\nKey figures\n- 12 ships idle\n- 3 ports shut\n")
    assert "12 ships idle" in text and "3 ports shut" in text


def test_the_tail_keeps_a_list_the_last_paragraph_introduces_and_source_lines():
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\nThe board named three ports:\n- Faro\n- Porto\n\n"
        "Source: https://example.org/notice\nShare\n")
    assert "Faro" in text and "Porto" in text
    assert "Share" in removed
    raw, _ = read_article("a.txt", f"Harbour strike talks resume\n{LEAD}\n\nSource: "
                          "https://example.org/notice\n".encode())
    assert any(block.kind == "source" for block in clean(raw, registries().boilerplate).blocks)


def test_the_tail_keeps_markup_and_a_paste_without_prose():
    text, _removed = kept_and_removed(f"Harbour strike talks resume\n{LEAD}\n\n{{: id=x }}\n")
    assert "{: id=x }" in text
    text, removed = kept_and_removed("Port list\nFaro\nPorto\nSines\n")
    assert "Porto" in text and "Sines" in text and not removed


def test_an_author_bio_among_the_footer_goes_and_a_closing_tagline_stays():
    head = f"Harbour strike talks resume\nBy Ana Paiva\n{LEAD}\n\n"
    bio = "Ana Paiva is a writer on ports and shipping based in Lisbon."
    text, removed = kept_and_removed(f"{head}{bio}\nMore in Ports\nComments (3)\n")
    assert bio in removed and LEAD in text
    text, _removed = kept_and_removed(f"{head}{bio}\n")
    assert bio in text


def test_a_teaser_block_takes_its_question_headlines():
    text, removed = kept_and_removed(
        f"Harbour strike talks resume\n{LEAD}\n\n{SECOND}\n\nRelated analysis\n"
        "Who will pay for the new quay?\n")
    assert "Who will pay for the new quay?" in removed and SECOND in text


def test_a_breadcrumb_between_the_sites_name_and_the_headline_parts_them():
    article = cleaned("Harbour Gazette - News From The Coast\nStart › Ports › Lisbon\n"
                      "Ferry crews vote to return to work after three weeks\n"
                      f"Published: 3 May 2024, 10:12\n\n{LEAD}\n")
    assert article.title == "Ferry crews vote to return to work after three weeks"


@pytest.mark.parametrize("line, expected", [
    ("Office of the Spokesperson", True), ("Our Principles: The Harbour Charter.", True),
    ("Talks resume Monday.", False), ("Harbour", False), ("The ferries sailed", False),
])
def test_a_title_cased_run(line, expected):
    assert is_title_cased(line) is expected


@given(st.lists(st.text(alphabet="ab \n", max_size=12), max_size=6), st.randoms())
def test_repeated_lines_do_not_depend_on_order_or_copies(texts, random):
    shuffled = [*texts, *texts[:1]]
    random.shuffle(shuffled)
    assert repeated_lines(shuffled) == repeated_lines(texts)


def test_a_last_sentence_ending_in_a_quotation_then_a_full_stop_is_the_articles():
    article = cleaned("Count disputed\nThe candidate lost the count.\n\n"
                      "Ortega, 68, said that “the count must be repeated”.\n")
    assert article.removed_chrome == ()


@pytest.mark.parametrize(("byline", "author"), [
    ("Rosa Lindqvist | Meridian", "Rosa Lindqvist"),
    ("Thomas Keller in Lausanne", "Thomas Keller"),
    ("Henrik Dahl", "Henrik Dahl"),
    ("Live coverage by Maria Olsen and Peter Grant", "Maria Olsen"),
    ("Interview by Julia Brandt", "Julia Brandt"),
    ("By Susan Mercer Staff writer", "Susan Mercer"),
    ("By Andrew Lyle in Portree", "Andrew Lyle"),
    ("Coastal Herald Staff", "Coastal Herald Staff"),
])
def test_byline_shapes_below_the_headline(byline, author):
    article = cleaned("Menu\nSign in\nRail strike halts trains across the north of the country\n"
                      f"{byline}\n{LEAD}\n")
    assert article.author == author
    assert byline not in article.text


@pytest.mark.parametrize("line", ["The Borderline — Episode 112", "World News", "Prime Minister"])
def test_lines_near_the_headline_that_are_no_byline(line):
    article = cleaned(f"Rail strike halts trains across the north of the country\n{line}\n{LEAD}\n")
    assert article.author is None


@pytest.mark.parametrize(("line", "date"), [
    ("Wednesday, June 18, 2026, 4:05 p.m. Ministry of Transport", "2026-06-18"),
    ("Aboard the Presidential Jet, En Route Lyon, May 9, 2026, 10:48 A.M. CET", "2026-05-09"),
    ("Friday 13 March 2026 | Issue #88", "2026-03-13"),
])
def test_a_short_dated_line_above_the_text_gives_the_pages_date(line, date):
    article = cleaned(f"Rail strike halts trains across the north of the country\n{line}\n"
                      f"{LEAD}\n")
    assert article.dateline_date.isoformat() == date


def test_no_date_from_a_line_below_the_first_paragraph():
    article = cleaned("Rail strike halts trains across the north of the country\n"
                      "Officials in Geneva said on Monday that the talks would resume next week "
                      "after a long pause in the negotiations over the border and the trade "
                      "route.\nFriday 13 March 2026 | Issue #88\n")
    assert article.dateline_date is None


@pytest.mark.parametrize("line", ["Tue 25 Nov 2026, last update 19:05 CET",
                                  "May 14, 2026 7:32 PM GMT-3 · Updated 2 hours ago",
                                  "Dec 16, 2026 Updated 6 hrs ago"])
def test_relative_update_times_are_part_of_a_date_widget(line):
    assert widget_date(line) is not None


def test_a_last_update_stamp_is_a_date_widget():
    assert widget_date("Mon 3 Feb 2025, last update 08:15 GMT") == dt.date(2025, 2, 3)


def test_also_read_block_goes_until_prose():
    article = cleaned(
        f"Headline of the story\n{LEAD}\n\nAlso read\nFerry strike enters third week\n"
        "The port authority said talks would resume on Friday.\n")
    assert "Ferry strike enters third week" not in article.text
    assert "The port authority said talks would resume on Friday." in article.text
