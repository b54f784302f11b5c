-- Event keys for actor and pair queries (as sqlite/migrations/0004_event_keys.sql): each event
-- argument is indexed under its canonical name and the text naming it (lower case, spaces
-- collapsed), its Wikidata id and its actor code, prefixed by its role ("s:" source, "t:"
-- target); arg_names lists the distinct names and texts. Filled by the store (keys.go); keys
-- are deleted with their event. Events stored before this migration get theirs when it runs.
CREATE TABLE event_keys (
	key        TEXT COLLATE "C" NOT NULL,
	date_start TEXT COLLATE "C" NOT NULL,
	pk         BIGINT NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
	date_end   TEXT COLLATE "C" NOT NULL,
	plover     TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (key, date_start, pk)
);
CREATE INDEX event_keys_pk ON event_keys(pk);

CREATE TABLE arg_names (
	name TEXT COLLATE "C" PRIMARY KEY
);

CREATE INDEX events_article ON events(article);
DROP INDEX IF EXISTS events_date;
CREATE INDEX events_start ON events(date_start);
CREATE INDEX events_plover ON events(plover, date_start);
CREATE INDEX events_place ON events(lower(place_name));
CREATE INDEX events_end ON events(date_end);
