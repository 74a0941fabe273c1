-- Articles as cleaned, and every input that failed.
CREATE TABLE articles (
    id             TEXT PRIMARY KEY,          -- hash of normalised text + publisher
    content_hash   TEXT NOT NULL,             -- hash of normalised text alone
    source         TEXT NOT NULL,
    url            TEXT,
    title          TEXT,
    published      TEXT,
    published_how  TEXT NOT NULL,
    outlet         TEXT,
    originator     TEXT,
    originator_kind TEXT NOT NULL DEFAULT 'unknown',
    publisher      TEXT,
    publisher_kind TEXT NOT NULL DEFAULT 'unknown',
    language       TEXT,
    text           TEXT NOT NULL,
    record         TEXT NOT NULL,             -- the full Article record as JSON
    schema_version TEXT NOT NULL,
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_originator ON articles(originator);

-- Which input produced which article: lets a re-run skip inputs already done.
CREATE TABLE inputs (
    source     TEXT PRIMARY KEY,
    article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
    at         TEXT NOT NULL
);

CREATE TABLE failures (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX failures_source ON failures(source);

-- Full-text search over titles and bodies (external content: no second copy).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
