-- Event arguments (as sqlite/migrations/0005_event_args.sql; replaces 0004's event_keys): args
-- lists the distinct event arguments (canonical name and text, lower case, spaces collapsed;
-- Wikidata id; actor code), and every event points to the argument of its source and of its
-- target, so that an actor query resolves to argument ids and each event matches once. Filled
-- by the store (keys.go); events stored before this migration get theirs when it runs.
CREATE TABLE args (
	id   BIGSERIAL PRIMARY KEY,
	name TEXT COLLATE "C" NOT NULL,
	text TEXT COLLATE "C" NOT NULL,
	kb   TEXT COLLATE "C" NOT NULL,
	code TEXT COLLATE "C" NOT NULL,
	UNIQUE (name, text, kb, code)
);
CREATE INDEX args_text ON args(text);
CREATE INDEX args_kb ON args(kb);
CREATE INDEX args_code ON args(code);

ALTER TABLE events ADD COLUMN source_arg BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN target_arg BIGINT NOT NULL DEFAULT 0;
CREATE INDEX events_by_source ON events(source_arg, date_start);
CREATE INDEX events_by_target ON events(target_arg, date_start);
CREATE INDEX events_by_pair ON events(source_arg, target_arg, date_start);

DROP TABLE event_keys;
DROP TABLE arg_names;
