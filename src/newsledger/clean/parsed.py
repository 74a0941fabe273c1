"""What the text and HTML cleaners hand to clean(): body, metadata, removed parts.

Internal to the clean package (the public contract is records.Article).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.records import DateHow, EmbeddedPost, RemovedBlock


@dataclass
class Parsed:
    body: str
    title: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    byline_agency: str | None = None  # 'AFP' from 'By X for AFP'
    published: str | None = None
    published_how: DateHow = "unknown"
    url: str | None = None
    sitename: str | None = None
    language: str | None = None
    removed: list[RemovedBlock] = field(default_factory=list)
    embeds: list[EmbeddedPost] = field(default_factory=list)
    # Lines naming who wrote or carried the text: ('credit', 'Financial Times',
    # 'Via Financial Times'), ('signoff', 'Associated Press', '— AP').
    credits: list[tuple[str, str, str]] = field(default_factory=list)
