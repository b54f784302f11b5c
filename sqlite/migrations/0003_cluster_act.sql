-- The act of a clustered event (call, meet, … see cluster.Act), also when its mentions carry
-- only a generic code and the act comes from their triggers ("met" coded 040).
ALTER TABLE clusters ADD COLUMN act TEXT NOT NULL DEFAULT '';
