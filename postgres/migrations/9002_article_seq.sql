-- PostgreSQL only: the input order of articles. Events are listed by date, then in the order
-- their articles were read (seq) and their own order: the order SQLite lists them in after an
-- ingest (by date, then storage order), also when many workers stored them in another order.
-- An ingest numbers articles as it stores them; enqueue numbers records as it queues them.
CREATE SEQUENCE article_seq;
ALTER TABLE articles ADD COLUMN seq BIGINT NOT NULL DEFAULT nextval('article_seq');
ALTER TABLE queue ADD COLUMN seq BIGINT NOT NULL DEFAULT nextval('article_seq');
