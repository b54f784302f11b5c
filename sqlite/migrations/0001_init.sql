-- chronicle schema, version 1. See doc/schema.md.

CREATE TABLE articles (
	pk          INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,          -- public id (URL-safe)
	key         TEXT NOT NULL UNIQUE,          -- input-record identity (idempotent ingest)
	source      TEXT NOT NULL,
	url         TEXT NOT NULL DEFAULT '',
	outlet      TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL,                 -- YYYY-MM-DD
	date_from   TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,                 -- cleaned text; offsets are code points into it
	status      TEXT NOT NULL DEFAULT 'ok',
	versions    TEXT NOT NULL DEFAULT '{}',    -- JSON {"extractor": "version"}
	diagnostics TEXT NOT NULL DEFAULT '[]',    -- JSON
	ingested_at TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);

CREATE TABLE entities (
	article  INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	eid      TEXT NOT NULL,
	type     TEXT NOT NULL,
	name     TEXT NOT NULL,
	text     TEXT NOT NULL,
	start    INTEGER NOT NULL,
	end      INTEGER NOT NULL,
	role     TEXT NOT NULL DEFAULT '',
	actor    TEXT NOT NULL DEFAULT '',
	kb       TEXT NOT NULL DEFAULT '',
	country  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article, eid)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE INDEX entities_kb ON entities(kb) WHERE kb != '';

CREATE TABLE mentions (
	article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	eid     TEXT NOT NULL,
	start   INTEGER NOT NULL,
	end     INTEGER NOT NULL,
	PRIMARY KEY (article, start, eid)
) WITHOUT ROWID;

CREATE TABLE timexes (
	article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	tid     TEXT NOT NULL,
	type    TEXT NOT NULL,
	value   TEXT NOT NULL,
	mod     TEXT NOT NULL DEFAULT '',
	freq    TEXT NOT NULL DEFAULT '',
	quant   TEXT NOT NULL DEFAULT '',
	anchor  TEXT NOT NULL DEFAULT '',
	text    TEXT NOT NULL,
	start   INTEGER NOT NULL,
	end     INTEGER NOT NULL,
	PRIMARY KEY (article, tid)
) WITHOUT ROWID;

CREATE TABLE quotes (
	pk             INTEGER PRIMARY KEY,
	article        INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	qid            TEXT NOT NULL,
	kind           TEXT NOT NULL,
	content        TEXT NOT NULL,
	content_start  INTEGER NOT NULL,
	content_end    INTEGER NOT NULL,
	cue            TEXT NOT NULL DEFAULT '',
	cue_start      INTEGER NOT NULL DEFAULT 0,
	cue_end        INTEGER NOT NULL DEFAULT 0,
	speaker        TEXT NOT NULL DEFAULT '',
	speaker_start  INTEGER NOT NULL DEFAULT 0,
	speaker_end    INTEGER NOT NULL DEFAULT 0,
	speaker_entity TEXT NOT NULL DEFAULT '',
	speaker_name   TEXT NOT NULL DEFAULT '',     -- the speaker entity's canonical name
	speaker_kb     TEXT NOT NULL DEFAULT '',
	speaker_actor  TEXT NOT NULL DEFAULT '',
	via            TEXT NOT NULL DEFAULT '[]',   -- JSON array
	parts          TEXT NOT NULL DEFAULT '[]',   -- JSON array of the content's pieces when discontinuous
	UNIQUE (article, qid)
);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);

CREATE TABLE events (
	pk             INTEGER PRIMARY KEY,
	article        INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	vid            TEXT NOT NULL,
	code           TEXT NOT NULL,
	root           TEXT NOT NULL,
	plover         TEXT NOT NULL DEFAULT '',
	modality       TEXT NOT NULL,
	source_entity  TEXT NOT NULL DEFAULT '',
	source_actor   TEXT NOT NULL DEFAULT '',
	source_text    TEXT NOT NULL DEFAULT '',
	source_name    TEXT NOT NULL DEFAULT '',
	source_kb      TEXT NOT NULL DEFAULT '',
	target_entity  TEXT NOT NULL DEFAULT '',
	target_actor   TEXT NOT NULL DEFAULT '',
	target_text    TEXT NOT NULL DEFAULT '',
	target_name    TEXT NOT NULL DEFAULT '',
	target_kb      TEXT NOT NULL DEFAULT '',
	date           TEXT NOT NULL,               -- TIMEX3 value at its own granularity
	date_start     TEXT NOT NULL,               -- first and last day the date covers
	date_end       TEXT NOT NULL,
	date_from      TEXT NOT NULL,
	timex          TEXT NOT NULL DEFAULT '',
	place_name     TEXT NOT NULL DEFAULT '',
	place_geonames INTEGER NOT NULL DEFAULT 0,
	place_lat      REAL,
	place_lon      REAL,
	trigger        TEXT NOT NULL DEFAULT '',
	trigger_start  INTEGER NOT NULL DEFAULT 0,
	trigger_end    INTEGER NOT NULL DEFAULT 0,
	sentence_start INTEGER NOT NULL DEFAULT 0,
	sentence_end   INTEGER NOT NULL DEFAULT 0,
	quote          TEXT NOT NULL DEFAULT '',
	confidence     REAL NOT NULL DEFAULT 0,
	why            TEXT NOT NULL DEFAULT '',
	cluster        TEXT NOT NULL DEFAULT '',
	UNIQUE (article, vid)
);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_source ON events(source_name COLLATE NOCASE);
CREATE INDEX events_target ON events(target_name COLLATE NOCASE);
CREATE INDEX events_cluster ON events(cluster) WHERE cluster != '';

-- Full-text search over article titles and text, and over quotes.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk', tokenize='porter unicode61');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, content='quotes', content_rowid='pk', tokenize='porter unicode61');
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
	INSERT INTO quotes_fts(rowid, content, speaker) VALUES (new.pk, new.content, new.speaker_name || ' ' || new.speaker);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker) VALUES ('delete', old.pk, old.content, old.speaker_name || ' ' || old.speaker);
END;

-- Settings: user actor files and the like.
CREATE TABLE settings (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
