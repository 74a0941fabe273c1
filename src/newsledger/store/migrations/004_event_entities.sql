-- Which entities take part in which event (actors and targets), so the API can
-- filter events by actor without parsing every event's JSON. Kept in step with
-- `events` by triggers: writers need not know this table exists.
CREATE TABLE event_entities (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,                  -- actor | target
    PRIMARY KEY (event_id, role, entity_id)
);
CREATE INDEX event_entities_entity ON event_entities(entity_id);

CREATE TRIGGER event_entities_insert AFTER INSERT ON events BEGIN
    DELETE FROM event_entities WHERE event_id = new.id;
    INSERT OR IGNORE INTO event_entities(event_id, entity_id, role)
        SELECT new.id, value, 'actor' FROM json_each(new.record, '$.actors');
    INSERT OR IGNORE INTO event_entities(event_id, entity_id, role)
        SELECT new.id, value, 'target' FROM json_each(new.record, '$.targets');
END;
CREATE TRIGGER event_entities_delete AFTER DELETE ON events BEGIN
    DELETE FROM event_entities WHERE event_id = old.id;
END;

INSERT OR IGNORE INTO event_entities(event_id, entity_id, role)
    SELECT events.id, j.value, 'actor' FROM events, json_each(events.record, '$.actors') j;
INSERT OR IGNORE INTO event_entities(event_id, entity_id, role)
    SELECT events.id, j.value, 'target' FROM events, json_each(events.record, '$.targets') j;

-- List pages sort newest first within a filter: these make the common filters
-- index-only walks (measured with benchmarks/load_api.py on 100k events).
CREATE INDEX events_type_date ON events(event_type, date_start);
CREATE INDEX events_country_date ON events(country_code, date_start);
CREATE INDEX events_modality_date ON events(modality, date_start);
CREATE INDEX events_date_id ON events(date_start, id);
CREATE INDEX stories_order ON stories(article_count, first_date, id);
CREATE INDEX entities_label_name ON entities(label, name);
CREATE INDEX claims_article ON claims(article_id);
