//! Hints for the consumers and the pipeline (seed, produce).

use super::one;
use super::postgres::pg;
use crate::consumers::ConsumerError;
use crate::pipeline::PipelineError;

pub fn consumer(e: &ConsumerError) -> Vec<String> {
    match e {
        ConsumerError::UpsertKeyNotAColumn { columns, .. } => one(format!(
            "--upsert-key names columns of the table; its columns: {}",
            columns.join(", ")
        )),
        ConsumerError::NoUniqueIndex { table, key } => one(format!(
            "--upsert-key needs a unique index on exactly those columns: CREATE UNIQUE INDEX ON {} ({})",
            crate::consumers::sink::qualified(table),
            key.iter()
                .map(|k| crate::pg::ident(k))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        ConsumerError::MappedColumnUnknown { columns, .. } => one(format!(
            "--map COLUMN=PATH names a writable column; its columns: {}",
            columns.join(", ")
        )),
        ConsumerError::BadRule(_) | ConsumerError::RuleWithoutField(_) => {
            one("--when takes FIELD=VALUE or FIELD!=VALUE, e.g. --when priority=high")
        }
        ConsumerError::StateLost { group, topic, .. } => vec![
            "the counts of the windows open at that moment are gone (Redis restarted without persistence, or its keys were deleted); counting on would be silently wrong, so nothing more is counted".into(),
            format!("to count again from what Kafka still holds: `livedbctl group seek {group} --topic {topic} --to start --yes` (or --to @TIME), then start the aggregate again"),
            "where counts must survive a Redis restart, run Redis with persistence (appendonly yes)".into(),
        ],
        ConsumerError::UnknownTopic { topic, .. } => {
            one(format!("create it: `livedbctl topic create {topic}`"))
        }
        ConsumerError::CommitFailed { .. } => one(
            "the batch was written; it will be read again after a restart (idempotent writes make that harmless)",
        ),
        ConsumerError::ForwardFailed { .. } | ConsumerError::DeadLetterFailed { .. } => {
            one("offsets were not committed: the batch will be read again")
        }
        ConsumerError::NoTable(_) => one(
            "create it first (or name it as schema.table); `consume sink` writes into an existing table",
        ),
        ConsumerError::PrepareInsert { upsert_key, source } => {
            let mut hints = pg(source);
            if source.sqlstate() == Some("42P10") {
                hints.push(format!(
                    "an upsert needs a unique index or primary key on ({})",
                    upsert_key.join(", ")
                ));
            }
            hints
        }
    }
}

pub fn pipeline(e: &PipelineError) -> Vec<String> {
    match e {
        PipelineError::BadTimestamp { .. } => {
            one("--since takes e.g. 2026-11-22T04:00:00Z or '2026-11-22 04:00'")
        }
        PipelineError::SeedFile { .. } => one("pass an existing file with --file"),
        PipelineError::NoSeedRows(_) => one("add rows with org, amount and region"),
        PipelineError::InvalidSeed { .. } => one(
            "fix the lines above; each row needs org and region (1-255 characters) and amount (a number with at most 8 digits before and 2 after the point)",
        ),
        PipelineError::NoTopic { topic, .. } => one(format!(
            "create it: `livedbctl topic create {topic}` (or `livedbctl topic create`, which creates the profile's topics and kafka.topic)"
        )),
        PipelineError::Unreconciled { .. } => {
            one("is the broker healthy? `livedbctl infra status`")
        }
        PipelineError::ProducerRunning { .. } => one(
            "only one producer may advance the offsets: stop the other one first (or wait for it to finish)",
        ),
        PipelineError::PublishedPastOffset { .. } => one(
            "run `livedbctl produce poll --once` first (it records what is already on the topic), then `livedbctl verify --repair` again",
        ),
    }
}
