//! The integration tests: one test binary, so that tests of different areas run side by
//! side and share one stack (PostgreSQL, tansu, Redis) brought up once, each test in a
//! `Scope` of its own (database, topic, key and group names). A test that stops, restarts
//! or reconfigures a server, or does something cluster-wide, takes a stack of its own
//! (`harness::own_stack`), and a module whose tests read the whole server one of the
//! module (`harness::module_stack`); see `harness` for which and why.
//!
//! Run one area with `cargo test --test suite tail::`, one test with its full path.

mod harness;

mod alerts;
mod cdc;
mod cdc_crash;
mod cdc_debezium;
mod cdc_differential;
mod cli;
mod connect;
mod connect_worker;
mod consumers;
mod consumers_crash;
mod dashboard;
mod fault_broker;
mod fault_postgres;
mod fault_redis;
mod group;
mod human;
mod infra;
mod kafka_engines;
mod pg_tls;
mod pipeline;
mod pipeline_crash;
mod profiles;
mod redis_dump;
mod replication;
mod secrets;
mod stream;
mod stream_flink;
mod stream_gateway;
mod stream_run;
mod stream_sinks;
mod tail;
mod topic_delete;
mod topics;
mod trace;
mod verify;
