//! `infra up | status | down | logs` against real PostgreSQL, tansu and Redis, checked
//! with psql, redis-cli and an independent Kafka client.
//!
//! The shared stack in `shared_stack`; a profile of the test's own in `lifecycle`;
//! PostgreSQL's OS user and files in `postgres_user`; Flink in `flink`.

mod flink;
mod lifecycle;
mod postgres_user;
mod shared_stack;
