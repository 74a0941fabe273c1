-- What the readers found in each article: the whole ArticleExtraction as JSON,
-- plus one flat row per mention so evidence can be highlighted and queried.
CREATE TABLE extractions (
    article_id     TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    schema_version TEXT NOT NULL,
    extractors     TEXT NOT NULL,             -- JSON list of name@version
    record         TEXT NOT NULL,
    extracted_at   TEXT NOT NULL
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                 -- entity | time | place | quantity | quote | event
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    label      TEXT,                          -- entity label, event type, hedge, quote kind ...
    value      TEXT,                          -- normalised value (key, ISO date, geonameid ...)
    extractor  TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, start, end, label)
);
