//! `tasker-bench`: the Tasker benchmark program. It starts real
//! `tasker-server` and `tasker-worker` processes on loopback (port 0), drives
//! them over the network, reads server CPU and memory from `/proc`, prints
//! tables and writes the figures as JSON (and SVG charts). Comparisons are
//! ratios measured in one run with rounds interleaved, because the build
//! machines are shared and absolute figures are noisy.

mod auth;
mod charts;
mod client;
mod creation;
mod doors;
mod e2e;
mod growth;
mod idle;
mod load;
mod procs;
mod report;
mod sdk;
mod serve;
mod watchers;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::client::Credentials;
use crate::procs::{Backend, Env};
use crate::report::Section;

/// Benchmarks of Tasker: real server and worker processes on loopback.
#[derive(Debug, Parser)]
#[command(name = "tasker-bench", version)]
struct Args {
    #[command(subcommand)]
    command: Command,
    /// Small sizes and short phases (a smoke run of a few seconds per scenario).
    #[arg(long, global = true)]
    quick: bool,
    /// Write the figures as JSON to this file.
    #[arg(long, global = true, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Write SVG charts into this directory.
    #[arg(long, global = true, value_name = "DIR")]
    chart_dir: Option<PathBuf>,
    /// The `tasker-server` binary (default: next to this program).
    #[arg(long, global = true, value_name = "PATH")]
    server_bin: Option<PathBuf>,
    /// The `tasker-worker` binary (default: next to this program).
    #[arg(long, global = true, value_name = "PATH")]
    worker_bin: Option<PathBuf>,
    /// A second `tasker-server` build to compare against (e.g. the previous
    /// release): `e2e` and `creation` then run it too, rounds interleaved
    /// with the main build's, its rows labelled `--baseline-label`.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        requires = "baseline_worker_bin"
    )]
    baseline_server_bin: Option<PathBuf>,
    /// The `tasker-worker` binary of the baseline build.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        requires = "baseline_server_bin"
    )]
    baseline_worker_bin: Option<PathBuf>,
    /// Label of the baseline build's rows.
    #[arg(long, global = true, default_value = "before")]
    baseline_label: String,
    /// PostgreSQL admin URL; a fresh database is created per server and dropped after.
    #[arg(
        long,
        global = true,
        env = "TASKER_BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    postgres_url: String,
    /// SQLite only (otherwise PostgreSQL runs too when reachable).
    #[arg(long, global = true)]
    no_postgres: bool,
    /// Fail instead of skipping PostgreSQL when it is unreachable.
    #[arg(long, global = true)]
    require_postgres: bool,
    /// Interleaved rounds of the comparisons (default: 5, quick: 1).
    #[arg(long, global = true)]
    rounds: Option<usize>,
    /// Watcher stream counts, comma-separated (default: 1000,10000; quick: 50).
    #[arg(long, global = true, value_delimiter = ',')]
    watchers: Option<Vec<usize>>,
    /// Growth store sizes small,large (default: 10000,1000000; quick: 200,2000).
    #[arg(long, global = true, value_delimiter = ',', num_args = 1)]
    growth_sizes: Option<Vec<u64>>,
    /// Tasks per template, backend and round at saturation in the end-to-end
    /// scenario, and per fleet and round in `sdk` (default: 400; quick: 10).
    #[arg(long, global = true)]
    e2e_tasks: Option<usize>,
    /// A fleet of another worker SDK for `sdk`: `LABEL=COMMAND`, a shell
    /// command starting one worker for namespace `bench` with a `noop`
    /// handler, reading `TASKER_ENDPOINT` and `TASKER_API_KEY` (repeatable).
    #[arg(long, global = true, value_name = "LABEL=COMMAND")]
    worker_command: Vec<String>,
    /// `doors` also prices the observability layers: a server with metrics
    /// on and tracing at info against one with both off, rounds
    /// interleaved (section `doors-observability`).
    #[arg(long, global = true)]
    observability: bool,
    /// `doors`: only these doors, comma-separated, by their names in the
    /// table (e.g. `grpc,rest-h2,grpc-web-h2`); default every door.
    #[arg(long, global = true, value_delimiter = ',', value_parser = client::Door::parse)]
    doors: Vec<client::Door>,
    /// `doors`: offered rate of the fixed-rate (latency) phase, requests/s
    /// (default: 200; quick: 100).
    #[arg(long, global = true)]
    rate: Option<f64>,
    /// `doors`: length of the fixed-rate phase per door and round, seconds
    /// (default: 1; quick: 0.2).
    #[arg(long, global = true)]
    rate_seconds: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
enum Command {
    /// The same RPCs through gRPC, REST (h1, h2), gRPC-Web (h1, h2) and a hand-written JSON route.
    Doors,
    /// Tasks of a 4-step linear and a diamond template through real workers.
    E2e,
    /// CreateTask alone at saturation.
    Creation,
    /// Many concurrent StreamTaskStatus watchers.
    Watchers,
    /// Latency with a small and a large store.
    Growth,
    /// Start-up time and idle memory.
    Idle,
    /// Worker SDKs side by side: the Rust worker and each --worker-command,
    /// two processes per fleet (not part of `all`).
    Sdk,
    /// Every scenario.
    All,
    /// Serves the server library plus the hand-written baseline (used by `doors`).
    #[command(hide = true)]
    Serve,
    /// The observability layers on vs off (what `doors --observability` adds).
    #[command(hide = true)]
    DoorsObservability,
}

const ALL: [Command; 6] = [
    Command::Doors,
    Command::E2e,
    Command::Creation,
    Command::Watchers,
    Command::Growth,
    Command::Idle,
];

fn main() -> Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if args.command == Command::Serve {
        return runtime.block_on(serve::run());
    }
    runtime.block_on(run(args))
}

fn sibling(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let dir = exe.parent().context("no directory of this program")?;
    Ok(dir.join(name))
}

fn check_binary(path: &Path) -> Result<()> {
    if !path.exists() {
        bail!(
            "{} not found: build it (`cargo build --release -p tasker-server -p tasker-worker-process`) or pass --server-bin/--worker-bin",
            path.display()
        );
    }
    Ok(())
}

async fn run(args: Args) -> Result<()> {
    let env = Env {
        server_bin: match &args.server_bin {
            Some(p) => p.clone(),
            None => sibling("tasker-server")?,
        },
        worker_bin: match &args.worker_bin {
            Some(p) => p.clone(),
            None => sibling("tasker-worker")?,
        },
        bench_bin: std::env::current_exe()?,
        postgres_url: args.postgres_url.clone(),
        auth: auth::RunAuth::new()?,
    };
    check_binary(&env.server_bin)?;
    check_binary(&env.worker_bin)?;
    let mut builds = vec![procs::Build {
        label: String::new(),
        env: env.clone(),
    }];
    if let (Some(server_bin), Some(worker_bin)) =
        (&args.baseline_server_bin, &args.baseline_worker_bin)
    {
        check_binary(server_bin)?;
        check_binary(worker_bin)?;
        builds.push(procs::Build {
            label: args.baseline_label.clone(),
            env: Env {
                server_bin: server_bin.clone(),
                worker_bin: worker_bin.clone(),
                ..env.clone()
            },
        });
    }
    let credentials = Credentials::for_run(&env.auth)?;
    let mut out = std::io::stdout().lock();

    let mut backends = vec![Backend::Sqlite];
    if !args.no_postgres {
        if procs::postgres_reachable(&env.postgres_url).await {
            backends.push(Backend::Postgres);
        } else if args.require_postgres {
            bail!("PostgreSQL unreachable at {}", env.postgres_url);
        } else {
            writeln!(
                out,
                "!!! PostgreSQL unreachable at {}: SQLite only",
                env.postgres_url
            )?;
        }
    }
    let quick = args.quick;
    let rounds = args.rounds.unwrap_or(if quick { 1 } else { 5 });
    let mut scenarios: Vec<Command> = if args.command == Command::All {
        ALL.to_vec()
    } else {
        vec![args.command]
    };
    if args.observability
        && let Some(doors) = scenarios.iter().position(|c| *c == Command::Doors)
    {
        scenarios.insert(doors + 1, Command::DoorsObservability);
    }
    let doors_options = doors::Options {
        warm_up: if quick { 3 } else { 50 },
        rounds,
        saturation: if quick {
            Duration::from_millis(300)
        } else {
            Duration::from_secs(2)
        },
        concurrency: 16,
        rate: args.rate.unwrap_or(if quick { 100.0 } else { 200.0 }),
        rate_phase: match args.rate_seconds {
            Some(seconds) => Duration::try_from_secs_f64(seconds)
                .context("--rate-seconds: a positive number of seconds")?,
            None if quick => Duration::from_millis(200),
            None => Duration::from_secs(1),
        },
        doors: if args.doors.is_empty() {
            client::Door::ALL.to_vec()
        } else {
            client::Door::ALL
                .into_iter()
                .filter(|door| args.doors.contains(door))
                .collect()
        },
    };
    let started = std::time::Instant::now();
    let mut sections: Vec<Section> = Vec::new();
    for scenario in scenarios {
        let section_started = std::time::Instant::now();
        let section = match scenario {
            Command::Doors => doors::run(&env, &credentials, &doors_options).await,
            Command::DoorsObservability => {
                doors::observability(&env, &credentials, &doors_options).await
            }
            Command::E2e => {
                let options = e2e::Options {
                    warm_up: if quick { 1 } else { 5 },
                    backends: backends.clone(),
                    tasks_per_round: args.e2e_tasks.unwrap_or(if quick { 10 } else { 400 }),
                    rounds,
                    in_flight: if quick { 16 } else { 128 },
                    low_load_tasks: if quick { 3 } else { 100 },
                    workers: if quick { 1 } else { 2 },
                    worker_concurrency: 16,
                };
                e2e::run(&builds, &credentials, &options).await
            }
            Command::Creation => {
                let options = creation::Options {
                    backends: backends.clone(),
                    rounds,
                    phase: if quick {
                        Duration::from_millis(300)
                    } else {
                        Duration::from_secs(3)
                    },
                    concurrency: 64,
                };
                creation::run(&builds, &credentials, &options).await
            }
            Command::Watchers => {
                let options = watchers::Options {
                    counts: args
                        .watchers
                        .clone()
                        .unwrap_or_else(|| if quick { vec![50] } else { vec![1000, 10_000] }),
                    max_tasks: if quick { 10 } else { 200 },
                    streams_per_connection: 500,
                    spread: if quick {
                        Duration::from_millis(200)
                    } else {
                        Duration::from_secs(2)
                    },
                };
                watchers::run(&env, &credentials, &options).await
            }
            Command::Growth => {
                let sizes = args.growth_sizes.clone().unwrap_or_else(|| {
                    if quick {
                        vec![200, 2_000]
                    } else {
                        vec![10_000, 1_000_000]
                    }
                });
                let [small, large] = sizes[..] else {
                    bail!("--growth-sizes takes two sizes: small,large");
                };
                let options = growth::Options {
                    backends: backends.clone(),
                    small,
                    large,
                    samples: if quick { 10 } else { 300 },
                };
                growth::run(&env, &credentials, &options).await
            }
            Command::Idle => {
                let options = idle::Options {
                    backends: backends.clone(),
                    starts: if quick { 1 } else { 5 },
                    idle: if quick {
                        Duration::from_millis(300)
                    } else {
                        Duration::from_secs(2)
                    },
                };
                idle::run(&env, &credentials, &options).await
            }
            Command::Sdk => {
                let options = sdk::Options {
                    rounds,
                    tasks_per_round: args.e2e_tasks.unwrap_or(if quick { 10 } else { 400 }),
                    in_flight: if quick { 16 } else { 128 },
                    warm_up: if quick { 1 } else { 5 },
                    processes: if quick { 1 } else { 2 },
                    rust_concurrency: 16,
                    commands: args
                        .worker_command
                        .iter()
                        .map(|spec| sdk::parse_command(spec))
                        .collect::<Result<_>>()?,
                };
                sdk::run(&env, &credentials, &options).await
            }
            Command::All | Command::Serve => continue,
        };
        let mut section = section.with_context(|| format!("scenario {scenario:?}"))?;
        if let serde_json::Value::Object(map) = &mut section.detail {
            map.insert(
                "scenario_seconds".into(),
                section_started.elapsed().as_secs_f64().into(),
            );
        }
        writeln!(
            out,
            "\n== {} ==\n{}\n{}",
            section.name,
            section.setup,
            section.table()
        )?;
        if let Some(targets) = section.target_table() {
            writeln!(out, "{targets}")?;
        }
        out.flush()?;
        sections.push(section);
    }

    if let Some(dir) = &args.chart_dir {
        let written = charts::write(dir, &sections)?;
        writeln!(out, "\ncharts: {} in {}", written.join(", "), dir.display())?;
    }
    if let Some(path) = &args.json {
        let document = serde_json::json!({
            "date": chrono::Utc::now().to_rfc3339(),
            "command": std::env::args().collect::<Vec<_>>().join(" "),
            "quick": quick,
            "rounds": rounds,
            "backends": backends,
            "host": {
                "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
                "clock_ticks_per_second": procs::clock_ticks(),
            },
            "seconds": started.elapsed().as_secs_f64(),
            "scenarios": sections
                .iter()
                .map(|s| (s.name.clone(), serde_json::to_value(s).unwrap_or_default()))
                .collect::<serde_json::Map<_, _>>(),
        });
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(&document)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(out, "figures: {}", path.display())?;
    }
    Ok(())
}
