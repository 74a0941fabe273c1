-- Across articles: stories, canonical entities, merged events, claims, discrepancies.
CREATE TABLE stories (
    id              TEXT PRIMARY KEY,
    label           TEXT NOT NULL DEFAULT '',
    first_date      TEXT,
    last_date       TEXT,
    article_count   INTEGER NOT NULL DEFAULT 0,
    originator_count INTEGER NOT NULL DEFAULT 0,
    record          TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE story_articles (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id      TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    inferred_date TEXT                          -- a date taken from the story, marked inferred
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE entities (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    label  TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

CREATE TABLE events (
    id                       TEXT PRIMARY KEY,
    story_id                 TEXT REFERENCES stories(id) ON DELETE CASCADE,
    event_type               TEXT NOT NULL,
    modality                 TEXT NOT NULL,
    is_summary               INTEGER NOT NULL DEFAULT 0,
    date_start               TEXT,
    date_end                 TEXT,
    country_code             TEXT,
    place_name               TEXT,
    latitude                 REAL,
    longitude                REAL,
    article_count            INTEGER NOT NULL DEFAULT 0,
    independent_source_count INTEGER NOT NULL DEFAULT 0,
    record                   TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_id);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_country ON events(country_code);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_sources ON events(independent_source_count);

CREATE TABLE event_mentions (
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id, start, end)
);
CREATE INDEX event_mentions_article ON event_mentions(article_id);

CREATE TABLE claims (
    id         TEXT PRIMARY KEY,
    event_id   TEXT REFERENCES events(id) ON DELETE CASCADE,
    story_id   TEXT REFERENCES stories(id) ON DELETE CASCADE,
    attribute  TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    originator TEXT,
    record     TEXT NOT NULL
);
CREATE INDEX claims_event ON claims(event_id);
CREATE INDEX claims_story ON claims(story_id);

CREATE TABLE discrepancies (
    id        TEXT PRIMARY KEY,
    event_id  TEXT REFERENCES events(id) ON DELETE CASCADE,
    story_id  TEXT REFERENCES stories(id) ON DELETE CASCADE,
    attribute TEXT NOT NULL,
    claim_a   TEXT NOT NULL,
    claim_b   TEXT NOT NULL,
    reason    TEXT NOT NULL,
    record    TEXT NOT NULL
);
CREATE INDEX discrepancies_event ON discrepancies(event_id);
CREATE INDEX discrepancies_story ON discrepancies(story_id);

-- Opaque state of incremental stages (e.g. the story index), keyed by name.
CREATE TABLE link_state (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
