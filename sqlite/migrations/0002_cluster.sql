-- Cross-article state kept by package cluster: near-duplicate sketches and links, event
-- clusters (real-world events) and count claims. See doc/schema.md, "Events across articles".

-- One MinHash sketch per article; original is the pk of its duplicate group's original.
CREATE TABLE sketches (
	article  INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
	shingles INTEGER NOT NULL,
	minhash  BLOB NOT NULL,                  -- little-endian uint32s
	original INTEGER NOT NULL                -- articles.pk of the group's original (itself when no copy)
);
CREATE INDEX sketches_original ON sketches(original);

-- Locality-sensitive-hashing bands: articles sharing a band are duplicate candidates.
CREATE TABLE sketch_bands (
	band    INTEGER NOT NULL,
	article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	PRIMARY KEY (band, article)
) WITHOUT ROWID;
CREATE INDEX sketch_bands_article ON sketch_bands(article);

-- Verified near-duplicate pairs (a < b).
CREATE TABLE duplicates (
	a          INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	b          INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	similarity REAL NOT NULL,
	PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- The clustering block of each event mention (actor pair and CAMEO root); events.cluster
-- (in 0001) holds the id of the cluster it belongs to.
ALTER TABLE events ADD COLUMN block TEXT NOT NULL DEFAULT '';
CREATE INDEX events_block ON events(block) WHERE block != '';

-- One row per real-world event. Counts (mentions, articles, sources) are computed from the
-- events that name the cluster, so they follow the store.
CREATE TABLE clusters (
	id            TEXT PRIMARY KEY,
	block         TEXT NOT NULL,
	code          TEXT NOT NULL,
	root          TEXT NOT NULL,
	plover        TEXT NOT NULL DEFAULT '',
	modality      TEXT NOT NULL,
	date          TEXT NOT NULL,
	date_start    TEXT NOT NULL,
	date_end      TEXT NOT NULL,
	source_key    TEXT NOT NULL DEFAULT '',
	source_actor  TEXT NOT NULL DEFAULT '',
	source_name   TEXT NOT NULL DEFAULT '',
	source_text   TEXT NOT NULL DEFAULT '',
	target_key    TEXT NOT NULL DEFAULT '',
	target_actor  TEXT NOT NULL DEFAULT '',
	target_name   TEXT NOT NULL DEFAULT '',
	target_text   TEXT NOT NULL DEFAULT '',
	realized      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX clusters_block ON clusters(block);
CREATE INDEX clusters_date ON clusters(date_start, date_end);
CREATE INDEX clusters_source ON clusters(source_key);
CREATE INDEX clusters_target ON clusters(target_key);

-- Count claims ("their sixth phone call since January"); checked against clusters on query.
CREATE TABLE claims (
	article    INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	cid        TEXT NOT NULL,
	text       TEXT NOT NULL,
	span       TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	count      INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	act        TEXT NOT NULL,
	code       TEXT NOT NULL,
	actors     TEXT NOT NULL DEFAULT '[]',  -- JSON array of names
	keys       TEXT NOT NULL DEFAULT '[]',  -- JSON array of identity keys
	date_from  TEXT NOT NULL DEFAULT '',
	date_to    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article, cid)
) WITHOUT ROWID;
