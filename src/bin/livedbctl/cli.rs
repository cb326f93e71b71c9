//! The command line: global options, the nouns, and the dispatch of a parsed command to
//! its noun. Each noun's verbs live in `commands/<noun>/`; nothing there imports this
//! file (the completions verb is handed the parser).

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands::{
    self, check, completions, connector, consume, dashboard, db, demo, group, infra, produce,
    profile, redis, seed, stream, top, topic, trace, verify,
};
use crate::context::Context;
use crate::error::Result;
use crate::output::OutputMode;

/// Operator toolkit for live-data pipelines: PostgreSQL -> Kafka -> consumers, with Redis
/// and change data capture beside them.
#[derive(Debug, Parser)]
#[command(
    name = "livedbctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)
    #[arg(long, global = true, env = "LIVEDB_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Use this profile file instead of looking one up by name
    #[arg(long, global = true, env = "LIVEDB_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format: human tables or JSON (one document, or one object per line for streams)
    #[arg(
        short = 'o',
        long,
        global = true,
        env = "LIVEDB_OUTPUT",
        value_enum,
        default_value = "human"
    )]
    pub output: OutputMode,
    /// Answer yes to confirmations (required for destructive work without a terminal)
    #[arg(long, global = true)]
    pub yes: bool,
    /// Print only results and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what is being done (on stderr)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)
    #[command(subcommand)]
    Infra(commands::infra::InfraCommand),
    /// List, show, select and create connection profiles
    #[command(subcommand)]
    Profile(commands::profile::ProfileCommand),
    /// Database work: schema migrations and status, replication readiness for CDC
    #[command(subcommand)]
    Db(commands::db::DbCommand),
    /// Insert seed rows into PostgreSQL (the seed's db-burst-writer)
    #[command(subcommand)]
    Seed(commands::seed::SeedCommand),
    /// Publish to Kafka: new PostgreSQL rows (`poll`, the seed's producer) or JSON lines (`send`)
    #[command(subcommand)]
    Produce(commands::produce::ProduceCommand),
    /// Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them
    Demo(commands::demo::DemoArgs),
    /// Change data capture: the built-in engine and its connectors
    #[command(subcommand)]
    Connector(commands::connector::ConnectorCommand),
    /// Inspect the profile's Redis (`redis dump`)
    #[command(subcommand)]
    Redis(commands::redis::RedisCommand),
    /// Create, list, describe, alter and delete Kafka topics
    #[command(subcommand)]
    Topic(commands::topic::TopicCommand),
    /// Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers
    #[command(subcommand)]
    Consume(commands::consume::ConsumeCommand),
    /// Kafka consumer groups: list, describe (lag per partition), seek, delete
    #[command(subcommand)]
    Group(commands::group::GroupCommand),
    /// Serve a live web page of the pipeline (flow, charts, events, results) with /metrics
    Dashboard(commands::dashboard::DashboardArgs),
    /// Watch the pipeline in the terminal, refreshed every second
    Top(commands::top::TopArgs),
    /// Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different
    Verify(commands::verify::VerifyArgs),
    /// Where one row went: row, event, each group's position, what it became downstream
    Trace(commands::trace::TraceArgs),
    /// Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)
    Check(commands::check::CheckArgs),
    /// Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink
    #[command(subcommand)]
    Stream(commands::stream::StreamCommand),
    /// Print a shell completion script
    Completions(commands::completions::CompletionsArgs),
}

impl Command {
    /// Whether the command runs on a runtime of one thread. `produce poll` is one loop
    /// between its PostgreSQL connection and its producer: on one thread, the connection's
    /// task reads the rows on the thread that turns them into events, instead of waking it
    /// from a worker thread for every few rows (10% of its CPU over a 1M-row backlog).
    /// Everything else gets a worker per core.
    pub fn one_thread(&self) -> bool {
        matches!(
            self,
            Command::Produce(commands::produce::ProduceCommand::Poll(_))
        )
    }
}

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Infra(c) => infra::run(ctx, c).await,
        Command::Profile(c) => profile::run(ctx, c).await,
        Command::Db(c) => db::run(ctx, c).await,
        Command::Seed(c) => seed::run(ctx, c).await,
        Command::Produce(c) => produce::run(ctx, c).await,
        Command::Demo(a) => demo::run(ctx, &a).await,
        Command::Connector(c) => connector::run(ctx, c).await,
        Command::Redis(c) => redis::run(ctx, c).await,
        Command::Topic(c) => topic::run(ctx, c).await,
        Command::Consume(c) => consume::run(ctx, c).await,
        Command::Group(c) => group::run(ctx, c).await,
        Command::Dashboard(a) => dashboard::run(ctx, &a).await,
        Command::Top(a) => top::run(ctx, &a).await,
        Command::Trace(a) => trace::run(ctx, &a).await,
        Command::Check(a) => check::run(ctx, &a).await,
        Command::Stream(c) => stream::run(ctx, c).await,
        Command::Verify(a) => verify::run(ctx, &a).await,
        Command::Completions(a) => completions::run(ctx, &a, &mut Cli::command()),
    }
}
