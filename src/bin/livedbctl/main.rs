#![deny(clippy::print_stdout, clippy::print_stderr)]

/// jemalloc for the whole process (Cargo.toml says why).
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

mod cli;
mod commands;
mod context;
#[cfg(test)]
mod docs_check;
mod output;
mod present;
mod top;

// The library's modules under the names the commands have always used (`crate::pg`, ...).
use livedbctl::{
    alert_rules, alerts, cdc, consumers, dashboard, error, groups, infra, kafka, pg, pipeline,
    profile, redis_dump, redisdb, sampler, settings, shutdown, stream, trace, verify,
};

use clap::Parser;

use crate::cli::Cli;
use crate::context::Context;
use crate::output::Printer;
use crate::settings::Overrides;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap exits 2 for usage errors and 0 for --help/--version.
        Err(e) => e.exit(),
    };
    let g = cli.global.clone();
    let out = Printer::new(g.output, g.quiet, g.verbose, g.no_progress);
    let env = settings::read_env();
    let resolved = settings::resolve(
        &Overrides {
            // An empty LIVEDB_PROFILE/LIVEDB_CONFIG means "not set".
            profile: g.profile.clone().filter(|p| !p.is_empty()),
            config: g.config.clone().filter(|c| !c.as_os_str().is_empty()),
        },
        &env,
    );
    let ctx = Context::new(out.clone(), g.yes, resolved);

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            out.error(&error::Error::internal(format!(
                "cannot start the async runtime: {e}"
            )));
            std::process::exit(1);
        }
    };
    let result = runtime.block_on(cli::run(&ctx, cli.command));
    // Background tasks (Kafka callbacks, connection drivers) must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(()) => std::process::exit(0),
        Err(e) => {
            let e = commands::errors::explained(e);
            out.error(&e);
            std::process::exit(e.exit_code());
        }
    }
}
