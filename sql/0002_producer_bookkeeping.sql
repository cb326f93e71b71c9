-- Bookkeeping for `produce poll` and `--replay --since`, without changing the seed's tables.
-- The producer's single offset row exists from the start, so it can be locked and updated.
INSERT INTO "producer_offsets" ("id", "last_id", "last_created_at") VALUES (1, 0, '1970-01-01')
  ON CONFLICT ("id") DO NOTHING;
-- `produce poll --replay --since TIMESTAMP` finds its starting row by time.
CREATE INDEX IF NOT EXISTS "livedb_created_at_idx" ON "livedb" ("created_at");
