//! Scenario "sdk": worker SDKs side by side. Each fleet — the Rust
//! `tasker-worker`, and every `--worker-command` (a worker of another
//! language's SDK, started through `sh -c` with `TASKER_ENDPOINT` and
//! `TASKER_API_KEY` set) — runs as N processes against a server of its own
//! on SQLite, and the same diamond tasks of no-op steps are driven through
//! each fleet in interleaved rounds: steps/s at saturation, and the CPU time
//! the worker processes and the server spent per step.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use tasker_proto::v1::CreateApiKeyRequest;
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;

use crate::client::{self, Credentials, Grpc};
use crate::e2e::{Tally, run_one, saturate};
use crate::load::ratio;
use crate::procs::{Backend, CpuMeter, Env, ServerKind, ServerProcess, WorkerProcess, cpu_us};
use crate::report::{Section, fmt};

/// Steps of the diamond template.
const STEPS: usize = 4;
const TEMPLATE: &str = "diamond";

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Interleaved rounds.
    pub(crate) rounds: usize,
    /// Tasks per fleet and round.
    pub(crate) tasks_per_round: usize,
    /// Tasks in flight.
    pub(crate) in_flight: usize,
    /// Warm-up tasks per fleet.
    pub(crate) warm_up: usize,
    /// Worker processes per fleet.
    pub(crate) processes: usize,
    /// Concurrency of each Rust worker (other fleets set theirs in their command).
    pub(crate) rust_concurrency: usize,
    /// Other fleets: `(label, shell command)`.
    pub(crate) commands: Vec<(String, String)>,
}

/// Parses `LABEL=COMMAND`.
pub(crate) fn parse_command(spec: &str) -> Result<(String, String)> {
    match spec.split_once('=') {
        Some((label, command)) if !label.is_empty() && !command.trim().is_empty() => {
            Ok((label.to_owned(), command.to_owned()))
        }
        _ => bail!("--worker-command takes LABEL=COMMAND, got {spec:?}"),
    }
}

/// A worker process of another SDK, killed when dropped.
struct ExternalWorker {
    child: Child,
}

impl ExternalWorker {
    fn start(command: &str, server_url: &str, api_key: &str) -> Result<Self> {
        let mut sh = Command::new("sh");
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TASKER_") {
                sh.env_remove(key);
            }
        }
        let mut child = sh
            // `exec`: the process measured is the worker, not the shell.
            .arg("-c")
            .arg(format!("exec {command}"))
            .env("TASKER_ENDPOINT", server_url)
            .env("TASKER_API_KEY", api_key)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {command:?}"))?;
        std::thread::sleep(Duration::from_millis(200));
        if let Some(status) = child.try_wait()? {
            bail!("{command:?} exited at once ({status})");
        }
        Ok(Self { child })
    }
}

impl Drop for ExternalWorker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

enum Process {
    Rust(WorkerProcess),
    External(ExternalWorker),
}

impl Process {
    fn pid(&self) -> u32 {
        match self {
            Self::Rust(p) => p.pid(),
            Self::External(p) => p.child.id(),
        }
    }
}

struct Fleet {
    label: String,
    server: ServerProcess,
    processes: Vec<Process>,
    client: TaskServiceClient<Grpc>,
}

#[derive(Debug, Default)]
struct Totals {
    tally: Tally,
    wall: Duration,
    server_cpu_us: u64,
    worker_cpu_us: u64,
}

fn workers_cpu_us(fleet: &Fleet, ticks: u64) -> Result<u64> {
    fleet
        .processes
        .iter()
        .map(|p| cpu_us(p.pid(), ticks))
        .sum::<Result<u64>>()
}

/// Runs the scenario.
pub(crate) async fn run(
    env: &Env,
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let ticks = crate::procs::clock_ticks();
    let mut specs = vec![("rust".to_owned(), None)];
    specs.extend(
        options
            .commands
            .iter()
            .map(|(label, command)| (label.clone(), Some(command.clone()))),
    );
    let mut fleets = Vec::new();
    for (label, command) in specs {
        let server = ServerProcess::start(env, ServerKind::Binary, Backend::Sqlite, &[]).await?;
        let url = server.url();
        let secret = AuthServiceClient::with_interceptor(
            client::channel(&url).await?,
            credentials.interceptor(),
        )
        .create_api_key(CreateApiKeyRequest {
            name: format!("{label} workers"),
            permissions: vec!["worker:*".into()],
            namespaces: vec!["bench".into()],
            ..CreateApiKeyRequest::default()
        })
        .await?
        .into_inner()
        .secret;
        let mut processes = Vec::new();
        for _ in 0..options.processes {
            processes.push(match &command {
                None => Process::Rust(WorkerProcess::start(env, &url, options.rust_concurrency)?),
                Some(command) => Process::External(ExternalWorker::start(command, &url, &secret)?),
            });
        }
        let client = client::tasks(client::channel(&url).await?, credentials);
        for _ in 0..options.warm_up {
            tokio::time::timeout(Duration::from_secs(60), run_one(&client, TEMPLATE))
                .await
                .map_err(|_| anyhow!("{label}: a warm-up task did not complete in 60 s"))??;
        }
        fleets.push(Fleet {
            label,
            server,
            processes,
            client,
        });
    }

    let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
    for _round in 0..options.rounds {
        for fleet in &fleets {
            let t = totals.entry(fleet.label.clone()).or_default();
            let server = CpuMeter::start(fleet.server.pid(), ticks)?;
            let workers_before = workers_cpu_us(fleet, ticks)?;
            let started = Instant::now();
            saturate(
                &fleet.client,
                TEMPLATE,
                options.tasks_per_round,
                options.in_flight,
                &mut t.tally,
            )
            .await?;
            t.wall += started.elapsed();
            t.server_cpu_us += server.elapsed_us()?;
            t.worker_cpu_us += workers_cpu_us(fleet, ticks)?.saturating_sub(workers_before);
        }
    }
    let labels: Vec<String> = fleets.iter().map(|f| f.label.clone()).collect();
    for fleet in fleets {
        drop(fleet.processes);
        fleet.server.stop().await;
    }

    let setup = format!(
        "fleets {labels:?}, each {} worker process(es) against a SQLite server of its own (Rust: \
         concurrency {}; others: as their command says); {} interleaved rounds of {} `{TEMPLATE}` \
         tasks of no-op steps per fleet ({} in flight) after {} warm-up tasks",
        options.processes,
        options.rust_concurrency,
        options.rounds,
        options.tasks_per_round,
        options.in_flight,
        options.warm_up,
    );
    let mut section = Section::new(
        "sdk",
        setup,
        &[
            "fleet",
            "steps/s",
            "tasks/s",
            "saturated p50 ms",
            "saturated p99 ms",
            "worker CPU µs/step",
            "server CPU µs/step",
            "errors",
        ],
    );
    let mut detail = serde_json::Map::new();
    for (label, t) in &totals {
        let tasks_s = ratio(t.tally.tasks as f64, t.wall.as_secs_f64());
        let steps_s = tasks_s * STEPS as f64;
        let steps = (t.tally.tasks as usize * STEPS) as f64;
        let worker_step = ratio(t.worker_cpu_us as f64, steps);
        let server_step = ratio(t.server_cpu_us as f64, steps);
        section.row(vec![
            label.clone(),
            fmt(steps_s),
            fmt(tasks_s),
            fmt(t.tally.latency.ms(0.5)),
            fmt(t.tally.latency.ms(0.99)),
            fmt(worker_step),
            fmt(server_step),
            t.tally.errors.to_string(),
        ]);
        section.figure(format!("{label}.steps_per_s"), steps_s);
        section.figure(format!("{label}.worker_cpu_us_per_step"), worker_step);
        section.figure(format!("{label}.server_cpu_us_per_step"), server_step);
        detail.insert(
            label.clone(),
            serde_json::json!({
                "tasks": t.tally.tasks,
                "errors": t.tally.errors,
                "first_error": t.tally.first_error,
                "wall_s": t.wall.as_secs_f64(),
                "server_cpu_us": t.server_cpu_us,
                "worker_cpu_us": t.worker_cpu_us,
                "saturated": t.tally.latency.summary(),
            }),
        );
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}
