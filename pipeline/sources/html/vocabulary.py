"""Words, tags and patterns the HTML reader recognises: headings, furniture,
accordions, calls to action."""
from __future__ import annotations

import re


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


QUESTION_HEADINGS = ("h2", "h3", "h4")


# Never text a reader sees; removed without a record.
INVISIBLE_TAGS = frozenset("script style noscript template iframe svg canvas object embed head title".split())


# Skipped inside answers and questions: media and form controls carry no answer text.
SKIPPED_TAGS = INVISIBLE_TAGS | frozenset(
    "button input select textarea option img picture video audio source track map area meta link base".split())


BLOCK_TAGS = frozenset("""
    address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption
    figure footer form header hgroup hr li main nav p section summary table tbody thead tfoot tr
    td th caption legend
""".split())


STRONG_TAGS = frozenset({"strong", "b"})


EMPHASIS_TAGS = frozenset({"em", "i"})


# Inside a table these make it a layout table, read as blocks rather than as a grid.
LAYOUT_MARKERS = frozenset(("table", "ul", "ol", "dl", "blockquote", "pre", "details") + HEADINGS)


# A heading's answer never runs past the end of the nearest of these.
SECTION_BOUNDS = frozenset("section article main body aside details li dd td th blockquote dialog".split())


# header/footer inside these belong to an article, not to the page.
SECTIONING = frozenset("article section main aside nav".split())


ROLE_FURNITURE = {
    "navigation": "navigation", "banner": "page header", "contentinfo": "page footer",
    "complementary": "sidebar", "search": "search form",
}


# Tokens of class names and ids (split at "-", "_" and camelCase) that mark page chrome.
FURNITURE_TOKENS = {
    **dict.fromkeys(("cookie", "cookies", "consent", "gdpr", "cookiebanner"), "cookie banner"),
    **dict.fromkeys(("banner",), "banner"),
    **dict.fromkeys(("advert", "advertisement", "advertising", "ad", "ads", "adslot", "adsense",
                     "adsbygoogle", "sponsored", "sponsor", "dfp"), "advertisement"),
    **dict.fromkeys(("share", "sharing", "social", "addthis", "sharethis", "sharedaddy"), "share buttons"),
    **dict.fromkeys(("related",), "related links"),
    **dict.fromkeys(("breadcrumb", "breadcrumbs"), "breadcrumb"),
    **dict.fromkeys(("toc",), "table of contents"),
    **dict.fromkeys(("newsletter", "subscribe", "subscription"), "newsletter sign-up"),
    **dict.fromkeys(("sidebar",), "sidebar"),
    **dict.fromkeys(("navbar", "menu"), "navigation"),
    **dict.fromkeys(("pagination", "pager"), "pagination"),
    **dict.fromkeys(("comments", "comment"), "comments"),
    **dict.fromkeys(("popup",), "pop-up"),
    **dict.fromkeys(("footer",), "page footer"),  # not "header": accordion-header holds the question
    **dict.fromkeys(("cta",), "call to action"),
}


FURNITURE_RANK = {token: rank for rank, token in enumerate(FURNITURE_TOKENS)}  # first listed wins


FURNITURE_NAMES = {
    "table-of-contents": "table of contents", "skip-link": "skip link", "skip-to-content": "skip link",
    "post-navigation": "navigation", "nav-links": "navigation", "site-header": "page header",
    "site-footer": "page footer", "global-header": "page header", "global-footer": "page footer",
    "page-footer": "page footer", "masthead": "page header",
}


# A class or id with one of these is the FAQ itself, whatever else it says.
CONTENT_TOKENS = frozenset({"faq", "faqs", "accordion"})


# Text meant for screen readers, and icon fonts: not part of what a question says.
UI_ONLY_NAMES = frozenset({"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
                           "screen-reader-only", "sr-text", "a11y-hidden", "material-icons",
                           "material-symbols-outlined", "glyphicon", "dashicons", "fa", "fas", "far",
                           "fab", "icon", "icons"})


# Class-name tokens that make an element the question or the answer half of an item.
QUESTION_PART_TOKENS = frozenset({"question", "title", "header", "heading", "head", "toggle", "trigger",
                                  "summary", "button", "label", "q", "ques", "handle"})


ANSWER_PART_TOKENS = frozenset({"answer", "content", "body", "panel", "collapse", "text", "response",
                                "desc", "description", "detail", "details", "a", "ans", "inner", "pane"})


# Without one of these near it, a title/body pair is a card or a teaser, not an FAQ item.
QA_CONTEXT_RE = re.compile(r"faq|accordion|question|answer|toggle|collapse|elementor-tab|(?<![a-z])qa(?![a-z])")


FAQ_CONTEXT_RE = re.compile(r"faq|accordion|question|fragen|preguntas|(?<![a-z])qa(?![a-z])")


# Calls to action that close FAQ pages. A question-like one may head a short box;
# the short ones count only as the whole text of a heading, button or link.
CTA_QUESTION_RE = re.compile(r"""^(
    still\ (have|got)\ (a\ |any\ |more\ |other\ )?questions?
  | (have|got)\ (more|other|further|another|additional|any\ other|any\ more)\ questions?
  | (didn't|did\ not|can't|cannot|couldn't|could\ not)\ find\ (what\ you('re|\ are|\ were)\ looking\ for
      | (the|an|your)\ answer(\ to\ your\ question|\ you\ need)? | the\ information\ you\ need)
  | need\ (more\ |further\ |additional\ |some\ )?help
  | (noch|weitere)\ fragen | haben\ sie\ (noch\ |weitere\ )?fragen
  | vous\ avez\ (encore\ |d'autres\ )?(des\ )?questions
  | ¿?(aún|todavía)\ tienes\ (dudas|preguntas)
)\s*([?!.:…]|$)""", re.I | re.X)


CTA_EXACT = frozenset({"contact us", "contact", "get in touch", "contact support", "contact our team",
                       "kontakt", "kontaktieren sie uns", "nous contacter", "contáctanos", "contactanos"})


NAVIGATION_PREFIX_RE = re.compile(r"^(previous|prev|next)\s+(question|article|post|page)\b", re.I)


# Symbols accordions put around their questions (+, chevrons, arrows).
DECORATION = " \t+−–—-▼▲►▶▾▸▴▿›‹×✕✚⌄⌃↓↑→←•·"


LINK_TARGET_RE = re.compile(r"\]\([^)\s]*\)")


TAG_LIKE_RE = re.compile(r"<[A-Za-z/!]|&#?\w+;")


CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


TOKEN_SPLIT_RE = re.compile(r"[^a-z0-9]+")


SIMPLE_ID_RE = re.compile(r"^[A-Za-z][\w-]*$")


MAX_DROPPED = 40


DROPPED_TEXT = 160


TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " · ", " :: ", " » ")
