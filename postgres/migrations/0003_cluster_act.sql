-- The act of a clustered event (as sqlite/migrations/0003_cluster_act.sql).
ALTER TABLE clusters ADD COLUMN act TEXT COLLATE "C" NOT NULL DEFAULT '';
