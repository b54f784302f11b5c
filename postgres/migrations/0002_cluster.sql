-- Cross-article state kept by package cluster (as sqlite/migrations/0002_cluster.sql): near-duplicate
-- sketches and links, event clusters (real-world events) and count claims.

-- One MinHash sketch per article; original is the pk of its duplicate group's original.
CREATE TABLE sketches (
	article  BIGINT PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
	shingles INTEGER NOT NULL,
	minhash  BYTEA NOT NULL,                  -- little-endian uint32s
	original BIGINT NOT NULL                 -- articles.pk of the group's original (itself when no copy)
);
CREATE INDEX sketches_original ON sketches(original);

-- Locality-sensitive-hashing bands: articles sharing a band are duplicate candidates.
CREATE TABLE sketch_bands (
	band    BIGINT NOT NULL,
	article BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	PRIMARY KEY (band, article)
);
CREATE INDEX sketch_bands_article ON sketch_bands(article);

-- Verified near-duplicate pairs (a < b).
CREATE TABLE duplicates (
	a          BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	b          BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	similarity DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (a, b)
);

-- The clustering block of each event mention (actor pair and CAMEO root); events.cluster
-- (in 0001) holds the id of the cluster it belongs to.
ALTER TABLE events ADD COLUMN block TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX events_block ON events(block) WHERE block != '';

-- One row per real-world event. Counts (mentions, articles, sources) are computed from the
-- events that name the cluster, so they follow the store.
CREATE TABLE clusters (
	id            TEXT COLLATE "C" PRIMARY KEY,
	block         TEXT COLLATE "C" NOT NULL,
	code          TEXT COLLATE "C" NOT NULL,
	root          TEXT COLLATE "C" NOT NULL,
	plover        TEXT COLLATE "C" NOT NULL DEFAULT '',
	modality      TEXT COLLATE "C" NOT NULL,
	date          TEXT COLLATE "C" NOT NULL,
	date_start    TEXT COLLATE "C" NOT NULL,
	date_end      TEXT COLLATE "C" NOT NULL,
	source_key    TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_actor  TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_name   TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_text   TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_key    TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_actor  TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_name   TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_text   TEXT COLLATE "C" NOT NULL DEFAULT '',
	realized      TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX clusters_block ON clusters(block);
CREATE INDEX clusters_date ON clusters(date_start, date_end);
CREATE INDEX clusters_source ON clusters(source_key);
CREATE INDEX clusters_target ON clusters(target_key);

-- Count claims ("their sixth phone call since January"); checked against clusters on query.
CREATE TABLE claims (
	article    BIGINT NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	cid        TEXT COLLATE "C" NOT NULL,
	text       TEXT COLLATE "C" NOT NULL,
	span       TEXT COLLATE "C" NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	count      INTEGER NOT NULL,
	kind       TEXT COLLATE "C" NOT NULL,
	act        TEXT COLLATE "C" NOT NULL,
	code       TEXT COLLATE "C" NOT NULL,
	actors     TEXT COLLATE "C" NOT NULL DEFAULT '[]',  -- JSON array of names
	keys       TEXT COLLATE "C" NOT NULL DEFAULT '[]',  -- JSON array of identity keys
	date_from  TEXT COLLATE "C" NOT NULL DEFAULT '',
	date_to    TEXT COLLATE "C" NOT NULL DEFAULT '',
	PRIMARY KEY (article, cid)
);
