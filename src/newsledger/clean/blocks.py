"""What a line of scraped text is, when it is not the outlet's prose.

Each rule looks at one unit (a paragraph or a metadata line) and names its kind
(records.RemovedKind) or returns None for prose. The rules are about the shape
of a line ('READ ALSO …', '… © NAME/AGENCY', 'Via Financial Times'), never
about one site's wording, and are tested on varied cases in tests/clean/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsledger.clean.markdown import strip_markdown
from newsledger.clean.sources import SourceTable
from newsledger.records import EmbeddedPost, RemovedKind

# A caption is a short paragraph: captions run one or two sentences (20-40
# words), prose paragraphs that merely mention a photographer are longer; 60
# leaves room for long wire captions.
CAPTION_MAX_WORDS = 60
# A photo credit names a photographer and an agency or two: '(AP Photo/Sergei
# Grits)', '(FABRICE COFFRINI/AFP/Getty Images)'. A longer parenthesis is prose.
CREDIT_MAX_WORDS = 10
# A related-content line is one teaser headline.
RELATED_MAX_WORDS = 30
# Credit / related / boilerplate lines are short; a longer line is prose that
# happens to start with 'Via' or 'Source'.
SHORT_LINE_MAX_WORDS = 14
# An 'Embed:' marker opens a block that ends at the post's signature line
# ('— name (@handle) date'); without one within this many units only the next
# unit is taken as the post.
EMBED_MAX_UNITS = 6

_WORD = re.compile(r"\w+")

_RELATED = re.compile(
    r"(?i)^\W*(?:read\s+(?:also|more|next)|also\s+read|see\s+also|related(?:\s+(?:article|articles|story|stories"
    r"|content|coverage|news|reading|link|links|video))?|more\s+on\s+this(?:\s+story)?|recommended(?:\s+for\s+you)?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|further\s+reading|most\s+read|trending(?:\s+now)?"
    r"|don'?t\s+miss|editor'?s\s+picks?|see\s+more|also\s+on\s+[\w.-]+\.\w{2,})\b(?P<sep>\s*[:|»>\-–—]|\s+(?=(?-i:[A-Z\"'“‘\[]))|\W*$)"
)
# Weak openers ('Watch', 'Listen') are related-content only with an explicit colon.
_RELATED_COLON = re.compile(r"(?i)^\W*(?:watch|listen|more|also|explore|video|podcast|opinion|analysis)\s*:(?:\s*\S|\s*$)")
# Teaser headlines tagged by section: 'Plague warning: CDC names EIGHT diseases [WARNING]'.
_TEASER_TAG = re.compile(
    r"\[(?:INSIGHT|VIDEO|VIDEOS|PICS|PICTURES|PHOTOS|GALLERY|REACTION|NEWS|WARNING|REVEAL|POLL|LATEST|LIVE"
    r"|ANALYSIS|OPINION|UPDATE|COMMENT|EXCLUSIVE)\]\W*$"
)
_ONLY_LINKS = re.compile(r"^\s*(?:[-*•]\s*)?(?:\[[^\]]+\]\([^)]*\)\s*[|,;]?\s*)+$")

_PHOTO_WORDS = (
    r"photo(?:graph)?s?|image|picture|pic|credit|caption|getty(?:\s+images)?|shutterstock|alamy|"
    r"ap\s+photo|afp\s+photo|reuters\s+photo|epa(?:-efe)?|sipa|anadolu|pool|handout|file\s+photo|"
    r"courtesy"
)
# 'Photo: X', 'Image copyright Getty Images', 'Credit: ...'
_CAPTION_PREFIX = re.compile(
    r"(?i)^\W*(?:" + _PHOTO_WORDS + r")(?:\s+(?:copyright|credit|caption|by|source))?\s*[:|/,]"
    r"|^\W*(?:getty\s+images|shutterstock|alamy(?:\s+stock\s+photo)?|afp\s+photo|ap\s+photo)\W*$"
)
# '… on Friday © TATYANA ZENKOVICH/EPA-EFE/Shutterstock': a mark and a short credit at the end.
_COPYRIGHT_MARK = re.compile(r"(?:©|\((?i:c)\))\s*(?P<credit>[^©\n]{2,80})$")
# A trailing credit: '… care. **Tatyana Zenkovich / TASS**', '(AP Photo/Sergei Grits)',
# 'REUTERS/Vasily Fedosenko', 'Sergei Gapon / AFP via Getty Images'.
_TRAILING_BOLD = re.compile(r"\*\*(?P<credit>[^*\n]{2,80})\*\*\s*$")
_SLASH_CREDIT = re.compile(
    r"(?:\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*/\s*[A-Z][\w.&'-]*(?:[\s-]+[A-Z][\w.&'-]*){0,3}"
    r"(?:\s+via\s+Getty\s+Images)?)\s*\)?\s*$"
)
# '(AP Photo/Sergei Grits)', '(Getty Images)': at least two words or a slash, so
# an acronym such as '(ePA)' is not a credit.
_PAREN_PHOTO = re.compile(r"(?i)\((?=[^()]*[/\s])(?:[^()]*\b(?:" + _PHOTO_WORDS + r")\b[^()]*)\)\s*$")

_FOOTER = re.compile(
    r"(?i)^\W*(?:original\s+(?:url|link|article|source)|source\s+(?:url|link)|url\s+source|canonical\s+url|permalink"
    r"|(?:source|url|link)\s*:\s*<?https?://"
    r"|read\s+(?:the\s+)?(?:original|full)\s+(?:article|story)(?:\s+(?:here|at|on))?"
    r"|originally\s+published\s+(?:at|on)|this\s+(?:article|story)\s+is\s+available\s+at)\s*:?"
)
_COPYRIGHT_LINE = re.compile(
    r"(?i)^\W*(?:(?:©|\(c\)|copyright)\s*(?:\d{4}\b)?|all\s+rights\s+reserved|this\s+material\s+may\s+not\s+be"
    r"\s+published|no\s+part\s+of\s+this)"
)
_BOILERPLATE = re.compile(
    r"(?i)^\W*(?:advertisement|advertising|sponsored(?:\s+content)?|share\s+(?:this|on|via)\b|share\s*$|tweet\s*$"
    r"|email\s*$|print\s*$|comments?\s*(?:\(\d+\))?\s*$|subscribe\b|sign\s+up\b|follow\s+us\b|follow\s+\w+\s+on\b"
    r"|click\s+here\b|download\s+(?:our|the)\s+app|get\s+(?:the|our)\s+(?:latest|newsletter)|newsletter\b"
    r"|join\s+(?:us|our)\b|support\s+(?:us|our|independent)\b|donate\b|listen\s+to\s+this\s+article"
    r"|skip\s+(?:to|advert)|cookies?\b|loading\b|continue\s+reading|back\s+to\s+top|(?:\d+\s+)?min(?:ute)?s?\s+read\s*$"
    r"|we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|updated\s*$|image\s*$|video\s*$|(?:order\s+)?reprints?\s*$"
    r"|print\s+(?:this\s+)?(?:article|story|page)\s*$|like\s+this\s+(?:story|article)\?"
    r"|this\s+(?:article|story)\s+is\s+more\s+than\s+\w+\s+\w+\s+old|(?:story|article)\s+continues\s+below"
    r"|(?:published|updated|posted|last\s+updated|first\s+published)\s*:?\s*$|our\s+standards\s*:"
    r"|copy\s+link|view\s+comments|open\s+in\s+app|markdown\s+content\s*:?\s*$)"
)
# A heading over a list of tags or links: 'Topics', 'Related Topics', 'More on this story'.
LIST_HEADING = re.compile(
    r"(?i)^\W*(?:topics|tags|related\s+topics|related\s+stories|related\s+articles|related\s+content|more\s+on\s+this"
    r"\s+story|categories|filed\s+under|see\s+also|related|more\s+from\s+[\w ]{1,30}|explore\s+more)\s*:?\s*$"
)
# The items under such a heading are short: a tag or a headline.
LIST_ITEM_MAX_WORDS = 12
# Lines that sit beside prose but are not the story, at any length up to a
# caption's: tags, contributor notes, contact lines, calls to action.
_TAGS_LINE = re.compile(r"(?i)^\W*(?:filed\s+under|tags?|tagged(?:\s+with)?|topics?|categories|category|keywords)\b\s*(?::|\||$)")
_CONTRIBUTORS = re.compile(
    r"(?i)^\W*(?:(?:additional|with)\s+reporting|reporting|writing|editing|compiled|edited|reported|produced)\s+by\b"
)
_CONTRIBUTED = re.compile(r"(?i)\bcontributed\s+(?:reporting|research|to\s+this\s+(?:report|story|article))\b[^.]{0,60}\.?\s*$")
_CONTACT_START = re.compile(
    r"(?i)^\W*(?:follow|email|e-mail|contact|reach|write\s+to|have\s+a\s+(?:news\s+)?tip|send\s+(?:us\s+)?(?:a\s+)?tips?)\b"
    r"[^.]*(?:@|https?://|\btwitter\b|\bfacebook\b|\binstagram\b|\be-?mail\b|\bcoverage\b)"
)
_FOLLOW_ON = re.compile(r"(?i)\bfollow\s+(?:him|her|them|us|me|@\w+|\w+)\s+on\s+(?:twitter|facebook|instagram|linkedin|x)\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_CALL_TO_ACTION = re.compile(
    r"(?i)\b(?:(?:our|free|daily|weekly)\s+(?:\w+\s+)?newsletters?\b|sign\s+up\s+(?:now|today|here|free)|subscrib(?:e|ing)\s+"
    r"(?:to\s+(?:our|the)|now|today|here)|click\s+here|delivered\s+(?:to|through)\s+your\s+(?:inbox|letterbox|door)"
    r"|share\s+it\s+with\s+a\s+friend|for\s+your\s+personal,?\s+non-commercial\s+use"
    r"|^if\s+you\s+(?:enjoyed|liked|value|appreciate)\s+(?:this|our)\b)"
)
# Contact lines and calls to action are one or two sentences.
ASIDE_MAX_WORDS = 40
_CREDIT = re.compile(
    r"(?i)^\W*(?P<verb>via|source|sources|courtesy(?:\s+of)?|distributed\s+by|syndicated\s+(?:from|by)|republished\s+"
    r"(?:from|with\s+permission\s+(?:from|of))|reprinted\s+(?:from|with\s+permission)|content\s+from"
    r"|this\s+(?:article|story|report|piece)\s+(?:was\s+)?(?:first|originally)\s+(?:appeared|published|ran)"
    r"(?:\s+(?:in|on|by|at))?|(?:first|originally)\s+published\s+(?:in|on|by))\b\s*:?\s*(?P<name>.*?)\W*$"
)
# 'The Daily Bugle', 'Radio Free Asia', 'Le Monde diplomatique': capitalised
# words with a few lowercase connectors, at most six words.
_NAME_LIKE = re.compile(
    r"^(?:[A-Z0-9][\w&.'’-]*|of|the|and|de|du|la|le|el|al|for|on|in)(?:\s+(?:[A-Z0-9][\w&.'’-]*|of|the|and|de|du|la"
    r"|le|el|al|for|on|in|&)){0,5}$"
)
_SIGN_OFF = re.compile(r"^\s*(?:[—–-]{1,2}|\()\s*(?P<name>[A-Z][\w&.' -]{0,40}?)\s*\)?\s*$")

_EMBED_MARKER = re.compile(
    r"(?i)^\W*(?:embed(?:ded)?(?:\s+(?:tweet|post|content|video|media|code))?|tweet|twitter(?:\s+post)?"
    r"|instagram(?:\s+post)?|facebook\s+post|tiktok(?:\s+video)?|telegram(?:\s+post)?)\s*:?\s*$"
)
_EMBED_SIGNATURE = re.compile(
    r"^\s*[—–-]{1,2}\s*(?P<name>[^()\n]{1,80}?)\s*\(\s*(?P<handle>@\w{1,30})\s*\)\s*(?P<date>.*?)\s*$"
)
_INLINE_TWEET = re.compile(
    r"^(?P<text>.+?)\s*[—–]\s*(?P<name>[^()\n—–]{1,80}?)\s*\(\s*(?P<handle>@\w{1,30})\s*\)\s*(?P<date>[^()\n]{0,40}?)\s*$"
)
# Markup some scrapers leave around a post ('<tweet id="…" author="@x">…</tweet>').
_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>")
_INSTAGRAM = re.compile(
    r"(?i)^\s*a\s+post\s+shared\s+by\s+(?P<name>.+?)\s*\((?P<handle>@[\w.]+)\)(?:\s+on\s+(?P<date>.+?))?\s*$"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph or metadata line of the decoded input, with its offset."""

    text: str
    offset: int


@lru_cache(maxsize=4096)  # every rule asks for the length of the same unit
def words(text: str) -> int:
    return len(_WORD.findall(text))


def is_related(text: str) -> bool:
    if _ONLY_LINKS.match(text):
        return True
    n = words(text)
    if n > RELATED_MAX_WORDS:
        return False
    if _RELATED_COLON.match(text):  # weak openers ('Video:', 'Watch:') only on a short line
        return n <= SHORT_LINE_MAX_WORDS
    return bool(_RELATED.match(text) or _TEASER_TAG.search(text))


def is_caption(text: str, table: SourceTable) -> bool:
    """A photo caption or credit line (not prose that mentions a photo)."""
    if words(text) > CAPTION_MAX_WORDS:
        return False
    if _CAPTION_PREFIX.match(text):
        return True
    plain = strip_markdown(text).strip()
    mark = _COPYRIGHT_MARK.search(plain) if ("©" in plain or "(" in plain) else None
    if mark and words(mark.group("credit")) <= 8 and not _COPYRIGHT_LINE.match(plain):
        # 'People leave … on Friday © NAME/AGENCY': a credit after a description.
        return True
    bold = _TRAILING_BOLD.search(text) if "**" in text else None
    if bold and words(bold.group("credit")) <= 8 and _looks_like_credit(bold.group("credit"), table):
        return True
    paren = _PAREN_PHOTO.search(plain) if plain.endswith(")") else None
    if paren and words(paren.group(0)) <= CREDIT_MAX_WORDS:
        return True
    tail = _SLASH_CREDIT.search(plain) if "/" in plain else None
    return bool(tail and _looks_like_credit(tail.group(0), table))


def _looks_like_credit(credit: str, table: SourceTable) -> bool:
    """'Tatyana Zenkovich / TASS', 'REUTERS/Name', 'AFP via Getty Images'."""
    if re.search(r"(?i)\b(?:" + _PHOTO_WORDS + r")\b", credit):
        return True
    parts = [p.strip(" ()") for p in re.split(r"\s*/\s*", credit) if p.strip(" ()")]
    return len(parts) >= 2 and any(table.by_name(p) or table.find(p) for p in parts)


def footer_kind(text: str) -> RemovedKind | None:
    if _FOOTER.match(text) or _COPYRIGHT_LINE.match(strip_markdown(text)):
        return "footer"
    n = words(text)
    if n <= SHORT_LINE_MAX_WORDS and (_BOILERPLATE.match(text) or _TAGS_LINE.match(text)):
        return "boilerplate"
    if n <= ASIDE_MAX_WORDS and _is_aside(text, n):
        return "boilerplate"
    return None


# Cheap substring gates before the regexes (most units are prose and fail them).
_ASIDE_HINTS = ("newsletter", "sign up", "subscrib", "click here", "delivered", "share it", "non-commercial", "if you")


def _is_aside(text: str, n: int) -> bool:
    """A contact line or a call to action: 'Follow her on Twitter @x', 'Sign up now'."""
    lower = text.lower()
    if _CONTACT_START.match(text):
        return True
    if "follow" in lower and _FOLLOW_ON.search(text):
        return True
    if "@" in text and n <= SHORT_LINE_MAX_WORDS and _EMAIL.search(text):
        return True
    return any(h in lower for h in _ASIDE_HINTS) and bool(_CALL_TO_ACTION.search(text))


def is_contributor_note(text: str) -> bool:
    """'Reporting by X; Editing by Y', 'Jane Doe contributed reporting from Kyiv.'"""
    plain = strip_markdown(text).strip(" ()")
    return words(plain) <= CAPTION_MAX_WORDS and bool(_CONTRIBUTORS.match(plain) or _CONTRIBUTED.search(plain))


def credit_name(text: str, table: SourceTable) -> str | None:
    """The name a credit line gives ('Via Financial Times' -> 'Financial Times'), or
    '' for a credit line naming no one known; None when ``text`` is not a credit line."""
    plain = strip_markdown(text).strip()
    if words(plain) > SHORT_LINE_MAX_WORDS:
        return None
    match = _CREDIT.match(plain)
    if match:
        name = match.group("name").strip()
        known = table.by_name(name)
        if known is not None:
            return known.name
        # 'Source: …' and 'Via …' open prose too ('Via a spokesman, the ministry
        # said…', 'Sources close to…'): an unknown credit must look like a name.
        if not _NAME_LIKE.match(name):
            return None
        # 'Source: NATO' under a chart names where figures came from, not who
        # wrote the article: an unknown name after 'Source' is a credit line
        # naming no one (''), while 'Via X' / 'first appeared in X' name X.
        return "" if match.group("verb").lower().startswith("source") else name
    sign = _SIGN_OFF.match(plain)
    if sign and table.by_name(sign.group("name")):
        return table.by_name(sign.group("name")).name  # type: ignore[union-attr]
    return None


def is_embed_marker(text: str) -> bool:
    return bool(_EMBED_MARKER.match(text))


def embed_signature(text: str) -> re.Match[str] | None:
    """'— max seddon (@maxseddon) [August 14, 2020](#)' ends an embedded post."""
    plain = strip_markdown(text)
    return _EMBED_SIGNATURE.match(plain) or _INSTAGRAM.match(plain)


def inline_post(text: str) -> EmbeddedPost | None:
    """A one-paragraph embedded tweet: 'text — Name (@handle) August 14, 2020'."""
    if "(@" not in text.replace("( @", "(@"):
        return None
    plain = strip_markdown(text)
    match = _INLINE_TWEET.match(plain)
    if not match or not _is_post_date(match.group("date")):
        return None
    return EmbeddedPost(
        text=_MARKUP_TAG.sub("", match.group("text")).strip(),
        author=match.group("name").strip() or None,
        handle=match.group("handle"),
        platform="twitter",
        date=_post_date(match.group("date")),
    )


def post_from(units: list[Unit], signature: re.Match[str] | None) -> EmbeddedPost:
    """An EmbeddedPost from the units of an embed block and its signature line."""
    from newsledger.clean.dates import find_date

    body = _MARKUP_TAG.sub("", " ".join(strip_markdown(u.text).strip() for u in units)).strip()
    url = _first_url(" ".join(u.text for u in units))
    if signature is None:
        return EmbeddedPost(text=body, url=url)
    instagram = signature.re is _INSTAGRAM
    date_text = signature.group("date") or ""
    found = find_date(date_text)
    return EmbeddedPost(
        text=body,
        author=signature.group("name").strip() or None,
        handle=signature.group("handle"),
        platform="instagram" if instagram else _platform(url) or "twitter",
        url=url,
        date=found[0] if found else (date_text.strip() or None),
    )


def _is_post_date(text: str) -> bool:
    from newsledger.clean.dates import find_date

    return not text.strip() or find_date(text) is not None


def _post_date(text: str) -> str | None:
    from newsledger.clean.dates import find_date

    found = find_date(text)
    return found[0] if found else None


def _first_url(text: str) -> str | None:
    match = re.search(r"https?://[^\s)>\]]+", text)
    return match.group(0) if match else None


def _platform(url: str | None) -> str | None:
    if not url:
        return None
    for host, name in (("twitter.com", "twitter"), ("x.com", "twitter"), ("instagram.com", "instagram"),
                       ("facebook.com", "facebook"), ("t.me", "telegram"), ("tiktok.com", "tiktok")):  # fmt: skip
        if host in url:
            return name
    return None


def classify(text: str, table: SourceTable, out) -> RemovedKind | None:
    """The kind of a body unit that is not prose, recording embeds and credits
    on ``out`` (a parsed.Parsed); None for prose."""
    post = inline_post(text)
    if post is not None:
        out.embeds.append(post)
        return "embed"
    if is_related(text):
        return "related"
    if is_caption(text, table):
        return "caption"
    name = credit_name(text, table)
    if name is not None:
        out.credits.append(("credit", name, strip_markdown(text).strip()))
        return "credit"
    if is_contributor_note(text):
        return "credit"
    return footer_kind(text)
