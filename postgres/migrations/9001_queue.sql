-- PostgreSQL only (numbers from 9001 on): the work queue.
-- The work queue of `chronicle enqueue` and `chronicle work`: one row per input record. Workers
-- claim rows with FOR UPDATE SKIP LOCKED and hold them for a lease; a row whose lease ran out
-- (its worker died) is claimed again. A row moves pending → running → stored (in the same
-- transaction that stores its article, so every record is stored exactly once) → done or
-- failed (once the cross-article state — duplicates, clusters, claims — includes it).
CREATE TABLE queue (
	pk          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	key         TEXT COLLATE "C" NOT NULL UNIQUE,        -- the record's key (articles.key)
	article     TEXT COLLATE "C" NOT NULL,               -- the article as read, JSON
	state       TEXT COLLATE "C" NOT NULL DEFAULT 'pending', -- pending, running, stored, done, failed
	stored_id   TEXT COLLATE "C" NOT NULL DEFAULT '',    -- the stored article's id (state stored and after)
	attempts    INTEGER NOT NULL DEFAULT 0,              -- claims so far; the claim token
	worker      TEXT COLLATE "C" NOT NULL DEFAULT '',
	lease_until TIMESTAMPTZ,
	error       TEXT COLLATE "C" NOT NULL DEFAULT '',        -- why it failed (or last went wrong)
	enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
	finished_at TIMESTAMPTZ
);
CREATE INDEX queue_open ON queue(pk) WHERE state IN ('pending', 'running', 'stored');
