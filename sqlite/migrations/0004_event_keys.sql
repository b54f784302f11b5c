-- Fast event queries by actor. Every event's source and target is indexed under its canonical
-- name, the text naming it, its Wikidata id and its actor code, with the columns that first
-- pages and counts need; arg_names lists the distinct names and texts, so that an actor query
-- first finds the few names it matches and then reads their index ranges instead of scanning
-- events. Filled by the store in Go (sqlite/keys.go); keys are deleted with their event.
CREATE TABLE event_keys (
	key        TEXT NOT NULL,     -- "s:" or "t:" (source, target) + "n:lower name or text" | "k:QID" | "c:CODE"
	date_start TEXT NOT NULL,
	pk         INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
	date_end   TEXT NOT NULL,
	plover     TEXT NOT NULL,
	PRIMARY KEY (key, date_start, pk)
) WITHOUT ROWID;
CREATE INDEX event_keys_pk ON event_keys(pk);

CREATE TABLE arg_names (
	name TEXT PRIMARY KEY         -- lower case, spaces collapsed
) WITHOUT ROWID;

CREATE INDEX events_article ON events(article);
DROP INDEX IF EXISTS events_date;
CREATE INDEX events_start ON events(date_start);
CREATE INDEX events_plover ON events(plover, date_start);
CREATE INDEX events_place ON events(place_name COLLATE NOCASE);
CREATE INDEX events_end ON events(date_end);
