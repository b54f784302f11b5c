-- Event queries without scans (replaces 0004's event_keys; see doc/schema.md, "Event queries").
--
-- args lists the distinct event arguments: canonical name and text naming it (lower case,
-- spaces collapsed), Wikidata id and actor code. Every event points to the argument of its
-- source and of its target, so an actor query resolves to a set of argument ids (a substring
-- of the name or text through the trigram index args_fts, the Wikidata id, a code prefix) and
-- an event matches when its source or target is in the set: each event once, whatever number
-- of an argument's names match. Filled by the store in Go (sqlite/keys.go); never deleted.
CREATE TABLE args (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	text TEXT NOT NULL,
	kb   TEXT NOT NULL,
	code TEXT NOT NULL,
	UNIQUE (name, text, kb, code)
);
CREATE INDEX args_text ON args(text);
CREATE INDEX args_kb ON args(kb);
CREATE INDEX args_code ON args(code);
CREATE VIRTUAL TABLE args_fts USING fts5(name, text, content='args', content_rowid='id', tokenize='trigram');
CREATE TRIGGER args_ai AFTER INSERT ON args BEGIN
	INSERT INTO args_fts(rowid, name, text) VALUES (new.id, new.name, new.text);
END;

-- source_arg, target_arg: args.id (0 until the store has computed them); span: how long the
-- event's date is, 0 for one day, else the bit length of date_end - date_start in days (63 when
-- unknown), so that "still running on day D" reads, per span, only the events that started at
-- most 2^span days before D.
ALTER TABLE events ADD COLUMN source_arg INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN target_arg INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN span INTEGER NOT NULL DEFAULT 0;
-- tl: what a timeline counts of an event (first day, last day, PLOVER category), kept in the
-- indexes that timelines read.
ALTER TABLE events ADD COLUMN tl TEXT GENERATED ALWAYS AS (date_start || date_end || plover) VIRTUAL;

-- How many events each (source, target) pair of arguments has: a pair query reads only the
-- pairs that exist; counts steer the choice of plan. The spans that occur, likewise.
CREATE TABLE arg_pairs (
	source INTEGER NOT NULL,
	target INTEGER NOT NULL,
	n      INTEGER NOT NULL,
	PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE INDEX arg_pairs_target ON arg_pairs(target, source, n);
CREATE TABLE event_spans (span INTEGER PRIMARY KEY);
CREATE TRIGGER events_args_ai AFTER INSERT ON events BEGIN
	INSERT INTO arg_pairs (source, target, n) VALUES (new.source_arg, new.target_arg, 1)
		ON CONFLICT (source, target) DO UPDATE SET n = n + 1;
	INSERT OR IGNORE INTO event_spans (span) VALUES (new.span);
END;
CREATE TRIGGER events_args_ad AFTER DELETE ON events BEGIN
	UPDATE arg_pairs SET n = n - 1 WHERE source = old.source_arg AND target = old.target_arg;
END;

-- Every index that drives a page of events is ordered by (its key, date_start, pk), the order
-- of the answer, so that a first page reads its rows and stops; the other filter columns
-- follow, so that filters are checked in the index without reading the event.
CREATE INDEX events_by_source ON events(source_arg, date_start, pk, target_arg, date_end, plover, code, modality, place_name, tl);
CREATE INDEX events_by_target ON events(target_arg, date_start, pk, source_arg, date_end, plover, code, modality, place_name, tl);
CREATE INDEX events_by_pair ON events(source_arg, target_arg, date_start, pk, date_end, plover, code, modality, place_name, tl);
CREATE INDEX events_by_day ON events(date_start, pk, date_end, source_arg, target_arg, plover, code, modality, place_name);
CREATE INDEX events_by_span ON events(span, date_start, pk, date_end, source_arg, target_arg, plover, code, modality, place_name) WHERE span > 0;
CREATE INDEX events_by_plover ON events(plover COLLATE NOCASE, date_start, pk, date_end, source_arg, target_arg, code, modality, place_name);
CREATE INDEX events_by_root ON events(substr(code, 1, 2), date_start, pk, date_end, source_arg, target_arg, plover, code, modality, place_name);
CREATE INDEX events_by_modality ON events(modality, date_start, pk, date_end, source_arg, target_arg, plover, code, place_name);
CREATE INDEX events_by_place ON events(place_name COLLATE NOCASE, date_start, pk, date_end, source_arg, target_arg, plover, code, modality);

DROP TABLE event_keys;
DROP TABLE arg_names;
DROP INDEX IF EXISTS events_start;
DROP INDEX IF EXISTS events_plover;
DROP INDEX IF EXISTS events_place;
DROP INDEX IF EXISTS events_end;
DROP INDEX IF EXISTS events_code;
