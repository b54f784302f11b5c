-- chronicle schema for PostgreSQL, version 1: the same tables and columns as the SQLite store
-- (sqlite/migrations/0001_init.sql), so that both answer every query alike. Text columns
-- compare and sort by code point (COLLATE "C"), as SQLite's BINARY collation does; "end" is
-- quoted (a reserved word). Full-text search uses tsvector columns with GIN indexes.

CREATE TABLE articles (
	pk          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id          TEXT COLLATE "C" NOT NULL UNIQUE,   -- public id (URL-safe)
	key         TEXT COLLATE "C" NOT NULL UNIQUE,   -- input-record identity (idempotent ingest)
	source      TEXT COLLATE "C" NOT NULL,
	url         TEXT COLLATE "C" NOT NULL DEFAULT '',
	outlet      TEXT COLLATE "C" NOT NULL DEFAULT '',
	date        TEXT COLLATE "C" NOT NULL,          -- YYYY-MM-DD
	date_from   TEXT COLLATE "C" NOT NULL DEFAULT '',
	title       TEXT COLLATE "C" NOT NULL DEFAULT '',
	lang        TEXT COLLATE "C" NOT NULL DEFAULT '',
	text        TEXT COLLATE "C" NOT NULL,          -- cleaned text; offsets are code points into it
	status      TEXT COLLATE "C" NOT NULL DEFAULT 'ok',
	versions    TEXT COLLATE "C" NOT NULL DEFAULT '{}',
	diagnostics TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	ingested_at TEXT COLLATE "C" NOT NULL,
	tsv         tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, text), 'B')) STORED
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE entities (
	article  BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	eid      TEXT COLLATE "C" NOT NULL,
	type     TEXT COLLATE "C" NOT NULL,
	name     TEXT COLLATE "C" NOT NULL,
	text     TEXT COLLATE "C" NOT NULL,
	start    INTEGER NOT NULL,
	"end"    INTEGER NOT NULL,
	role     TEXT COLLATE "C" NOT NULL DEFAULT '',
	actor    TEXT COLLATE "C" NOT NULL DEFAULT '',
	kb       TEXT COLLATE "C" NOT NULL DEFAULT '',
	country  TEXT COLLATE "C" NOT NULL DEFAULT '',
	PRIMARY KEY (article, eid)
);
CREATE INDEX entities_name ON entities(lower(name));
CREATE INDEX entities_name_type ON entities(name, type);
CREATE INDEX entities_kb ON entities(kb) WHERE kb != '';

CREATE TABLE mentions (
	article BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	eid     TEXT COLLATE "C" NOT NULL,
	start   INTEGER NOT NULL,
	"end"   INTEGER NOT NULL,
	PRIMARY KEY (article, start, eid)
);

CREATE TABLE timexes (
	article BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	tid     TEXT COLLATE "C" NOT NULL,
	type    TEXT COLLATE "C" NOT NULL,
	value   TEXT COLLATE "C" NOT NULL,
	mod     TEXT COLLATE "C" NOT NULL DEFAULT '',
	freq    TEXT COLLATE "C" NOT NULL DEFAULT '',
	quant   TEXT COLLATE "C" NOT NULL DEFAULT '',
	anchor  TEXT COLLATE "C" NOT NULL DEFAULT '',
	text    TEXT COLLATE "C" NOT NULL,
	start   INTEGER NOT NULL,
	"end"   INTEGER NOT NULL,
	PRIMARY KEY (article, tid)
);

CREATE TABLE quotes (
	pk             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	article        BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	qid            TEXT COLLATE "C" NOT NULL,
	kind           TEXT COLLATE "C" NOT NULL,
	content        TEXT COLLATE "C" NOT NULL,
	content_start  INTEGER NOT NULL,
	content_end    INTEGER NOT NULL,
	cue            TEXT COLLATE "C" NOT NULL DEFAULT '',
	cue_start      INTEGER NOT NULL DEFAULT 0,
	cue_end        INTEGER NOT NULL DEFAULT 0,
	speaker        TEXT COLLATE "C" NOT NULL DEFAULT '',
	speaker_start  INTEGER NOT NULL DEFAULT 0,
	speaker_end    INTEGER NOT NULL DEFAULT 0,
	speaker_entity TEXT COLLATE "C" NOT NULL DEFAULT '',
	speaker_name   TEXT COLLATE "C" NOT NULL DEFAULT '',
	speaker_kb     TEXT COLLATE "C" NOT NULL DEFAULT '',
	speaker_actor  TEXT COLLATE "C" NOT NULL DEFAULT '',
	via            TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	parts          TEXT COLLATE "C" NOT NULL DEFAULT '[]',
	tsv            tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english'::regconfig, content), 'A') ||
		setweight(to_tsvector('english'::regconfig, speaker_name || ' ' || speaker), 'B')) STORED,
	UNIQUE (article, qid)
);
CREATE INDEX quotes_speaker_name ON quotes(lower(speaker_name));
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);

CREATE TABLE events (
	pk             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	article        BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	vid            TEXT COLLATE "C" NOT NULL,
	code           TEXT COLLATE "C" NOT NULL,
	root           TEXT COLLATE "C" NOT NULL,
	plover         TEXT COLLATE "C" NOT NULL DEFAULT '',
	modality       TEXT COLLATE "C" NOT NULL,
	source_entity  TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_actor   TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_text    TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_name    TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_kb      TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_entity  TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_actor   TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_text    TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_name    TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_kb      TEXT COLLATE "C" NOT NULL DEFAULT '',
	date           TEXT COLLATE "C" NOT NULL,
	date_start     TEXT COLLATE "C" NOT NULL,
	date_end       TEXT COLLATE "C" NOT NULL,
	date_from      TEXT COLLATE "C" NOT NULL,
	timex          TEXT COLLATE "C" NOT NULL DEFAULT '',
	place_name     TEXT COLLATE "C" NOT NULL DEFAULT '',
	place_geonames BIGINT NOT NULL DEFAULT 0,
	place_lat      DOUBLE PRECISION,
	place_lon      DOUBLE PRECISION,
	trigger        TEXT COLLATE "C" NOT NULL DEFAULT '',
	trigger_start  INTEGER NOT NULL DEFAULT 0,
	trigger_end    INTEGER NOT NULL DEFAULT 0,
	sentence_start INTEGER NOT NULL DEFAULT 0,
	sentence_end   INTEGER NOT NULL DEFAULT 0,
	quote          TEXT COLLATE "C" NOT NULL DEFAULT '',
	confidence     DOUBLE PRECISION NOT NULL DEFAULT 0,
	why            TEXT COLLATE "C" NOT NULL DEFAULT '',
	cluster        TEXT COLLATE "C" NOT NULL DEFAULT '',
	UNIQUE (article, vid)
);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_source ON events(lower(source_name));
CREATE INDEX events_target ON events(lower(target_name));
CREATE INDEX events_cluster ON events(cluster) WHERE cluster != '';

CREATE TABLE settings (
	name  TEXT COLLATE "C" PRIMARY KEY,
	value TEXT COLLATE "C" NOT NULL
);
