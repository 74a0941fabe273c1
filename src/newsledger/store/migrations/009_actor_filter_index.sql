-- Actor filters (GET /api/v1/events?actor=...): the slowest queries of the load
-- benchmark (benchmarks/load_api.py, 100k events). The entity's events are read
-- from this index alone (entity, role, event) instead of one table row per
-- event-entity pair through the single-column index of 004.
CREATE INDEX IF NOT EXISTS event_entities_entity_role ON event_entities(entity_id, role, event_id);
DROP INDEX IF EXISTS event_entities_entity;
