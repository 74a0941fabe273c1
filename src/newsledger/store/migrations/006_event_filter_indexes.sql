-- Filtered event lists under load (benchmarks/load_api.py, 100k events): each
-- filter index leads with its equality column, then the list order
-- (date_start, id), then every other filter column, so both the page and its
-- total are answered from the index alone; the wide `record` rows are read only
-- for the 50 events of the page. Replaces the narrower indexes of 004.
DROP INDEX IF EXISTS events_type_date;
DROP INDEX IF EXISTS events_country_date;
DROP INDEX IF EXISTS events_modality_date;
DROP INDEX IF EXISTS events_date_id;
CREATE INDEX IF NOT EXISTS events_f_type ON events(event_type, date_start, id, country_code, modality,
    independent_source_count, is_summary, date_end);
CREATE INDEX IF NOT EXISTS events_f_country ON events(country_code, date_start, id, event_type, modality,
    independent_source_count, is_summary, date_end);
CREATE INDEX IF NOT EXISTS events_f_modality ON events(modality, date_start, id, event_type, country_code,
    independent_source_count, is_summary, date_end);
CREATE INDEX IF NOT EXISTS events_f_date ON events(date_start, id, date_end, event_type, country_code, modality,
    independent_source_count, is_summary);
-- Actor filter: aliases are matched case-insensitively.
CREATE INDEX IF NOT EXISTS entity_aliases_nocase ON entity_aliases(alias COLLATE NOCASE);
