#![deny(clippy::print_stdout, clippy::print_stderr)]

/// jemalloc for the whole process (Cargo.toml says why).
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main` (an operator's `MALLOC_CONF` still goes over
/// them). `lg_extent_max_active_fit:10` lets a freed extent up to 1024 times a request's size
/// serve it (the default is 64): librdkafka allocates one small op per fetched message in
/// its broker thread and the reader frees it in another, and with the default, their pages
/// were handed back and faulted in again: 68,000 page faults for `consume tail -f` of 1M
/// records, against 7,000 for kcat (perf); at 10, 13,000, and half the system time.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[export_name = "malloc_conf"]
static MALLOC_CONF: &[u8; 28] = b"lg_extent_max_active_fit:10\0";

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

    let mut builder = if cli.command.one_thread() {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let runtime = match builder.enable_all().build() {
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
