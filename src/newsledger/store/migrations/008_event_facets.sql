-- Totals and bounds for filtered event lists under load (benchmarks/load_api.py,
-- 100k events), kept in step with `events` by triggers so the read side never
-- scans for them.
--
-- event_facets: events per (type, country, modality, independent sources,
-- summary). The total of any filter on these columns alone is a sum over a few
-- thousand rows instead of a walk over every matching event ('modality=occurred
-- with 2+ sources': 30k index entries, ~25 ms; the sum ~0.2 ms).
-- event_span: an upper bound on the longest event (date_end - date_start, days),
-- which turns 'ends on or after date_from' into an index range on date_start
-- (store/queries.py); computing it exactly scanned every event (~80 ms).
--
-- INSERT OR REPLACE of an existing event id deletes the old row without firing
-- delete triggers (recursive_triggers is off, SQLite's default, and the store
-- never turns it on), so the BEFORE INSERT trigger takes the old row out;
-- deletes, including ON DELETE CASCADE from stories, fire events_facets_delete.
CREATE TABLE event_facets (
    event_type               TEXT NOT NULL,
    country_code             TEXT NOT NULL,       -- '' for none
    modality                 TEXT NOT NULL,
    independent_source_count INTEGER NOT NULL,
    is_summary               INTEGER NOT NULL,
    n                        INTEGER NOT NULL,
    PRIMARY KEY (event_type, country_code, modality, independent_source_count, is_summary)
) WITHOUT ROWID;

CREATE TABLE event_span (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    days INTEGER NOT NULL
);

CREATE TRIGGER events_facets_replace BEFORE INSERT ON events BEGIN
    UPDATE event_facets SET n = n - 1
        WHERE (event_type, country_code, modality, independent_source_count, is_summary) IN
            (SELECT event_type, coalesce(country_code, ''), modality, independent_source_count, is_summary
             FROM events WHERE id = new.id);
END;

CREATE TRIGGER events_facets_insert AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO event_facets VALUES
        (new.event_type, coalesce(new.country_code, ''), new.modality, new.independent_source_count,
         new.is_summary, 0);
    UPDATE event_facets SET n = n + 1
        WHERE event_type = new.event_type AND country_code = coalesce(new.country_code, '')
          AND modality = new.modality AND independent_source_count = new.independent_source_count
          AND is_summary = new.is_summary;
    UPDATE event_span
        SET days = max(days, coalesce(cast(julianday(new.date_end) - julianday(new.date_start) + 1 AS INTEGER), 0))
        WHERE new.date_end IS NOT NULL;
END;

CREATE TRIGGER events_facets_delete AFTER DELETE ON events BEGIN
    UPDATE event_facets SET n = n - 1
        WHERE event_type = old.event_type AND country_code = coalesce(old.country_code, '')
          AND modality = old.modality AND independent_source_count = old.independent_source_count
          AND is_summary = old.is_summary;
END;

CREATE TRIGGER events_facets_update AFTER UPDATE ON events BEGIN
    UPDATE event_facets SET n = n - 1
        WHERE event_type = old.event_type AND country_code = coalesce(old.country_code, '')
          AND modality = old.modality AND independent_source_count = old.independent_source_count
          AND is_summary = old.is_summary;
    INSERT OR IGNORE INTO event_facets VALUES
        (new.event_type, coalesce(new.country_code, ''), new.modality, new.independent_source_count,
         new.is_summary, 0);
    UPDATE event_facets SET n = n + 1
        WHERE event_type = new.event_type AND country_code = coalesce(new.country_code, '')
          AND modality = new.modality AND independent_source_count = new.independent_source_count
          AND is_summary = new.is_summary;
    UPDATE event_span
        SET days = max(days, coalesce(cast(julianday(new.date_end) - julianday(new.date_start) + 1 AS INTEGER), 0))
        WHERE new.date_end IS NOT NULL;
END;

INSERT INTO event_facets
    SELECT event_type, coalesce(country_code, ''), modality, independent_source_count, is_summary, count(*)
    FROM events GROUP BY 1, 2, 3, 4, 5;
INSERT INTO event_span VALUES (1, (
    SELECT coalesce(cast(max(julianday(date_end) - julianday(date_start)) + 1 AS INTEGER), 0)
    FROM events WHERE date_end IS NOT NULL));
