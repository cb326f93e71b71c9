-- The seed system's tables, exactly as its documentation defines them.
CREATE TABLE IF NOT EXISTS "livedb" (
  "id" SERIAL PRIMARY KEY,
  "org" VARCHAR(255) NOT NULL,
  "amount" DECIMAL(10, 2) NOT NULL,
  "region" VARCHAR(255) NOT NULL,
  "created_at" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS "producer_offsets" (
  "id" INTEGER PRIMARY KEY DEFAULT 1,
  "last_id" INTEGER NOT NULL DEFAULT 0,
  "last_created_at" TIMESTAMP NOT NULL DEFAULT '1970-01-01',
  "updated_at" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
