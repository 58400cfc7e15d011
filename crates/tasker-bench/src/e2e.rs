//! Scenario 2, "end to end": tasks of a 4-step linear and a diamond template
//! run by real `tasker-worker` processes, on each backend, rounds interleaved
//! across backends and templates. Completion is watched with
//! StreamTaskStatus.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::{StreamTaskStatusRequest, TaskState};
use tokio::sync::Semaphore;

use crate::client::{self, Credentials, Grpc};
use crate::load::{Latencies, ratio};
use crate::procs::{
    Backend, Build, CpuMeter, ServerKind, ServerProcess, WorkerProcess, status_kib,
};
use crate::report::{Section, Target, fmt};

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Backends to run.
    pub(crate) backends: Vec<Backend>,
    /// Tasks per template, backend and round at saturation.
    pub(crate) tasks_per_round: usize,
    /// Interleaved rounds.
    pub(crate) rounds: usize,
    /// Tasks in flight at saturation.
    pub(crate) in_flight: usize,
    /// Warm-up tasks per template and backend.
    pub(crate) warm_up: usize,
    /// Tasks run one at a time for the low-load latency.
    pub(crate) low_load_tasks: usize,
    /// Worker processes per server.
    pub(crate) workers: usize,
    /// Concurrency of each worker.
    pub(crate) worker_concurrency: usize,
}

/// Steps per bench template.
const STEPS: usize = 4;
const TEMPLATES: [&str; 2] = ["linear4", "diamond"];

/// Creates one task and waits for it to finish; its create→complete time.
pub(crate) async fn run_one(client: &TaskServiceClient<Grpc>, template: &str) -> Result<Duration> {
    let mut client = client.clone();
    let started = Instant::now();
    let task = client
        .create_task(client::create_request(template))
        .await?
        .into_inner()
        .task
        .ok_or_else(|| anyhow!("no task"))?;
    let mut stream = client
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: task.task_uuid,
        })
        .await?
        .into_inner();
    while let Some(message) = stream.message().await? {
        if message.terminal {
            let state = message.task.map(|t| t.state).unwrap_or_default();
            if state != TaskState::Complete as i32 {
                bail!("task ended in state {state}");
            }
            return Ok(started.elapsed());
        }
    }
    bail!("the watch ended before the task finished")
}

struct Run {
    server: ServerProcess,
    _workers: Vec<WorkerProcess>,
    client: TaskServiceClient<Grpc>,
}

/// What became of tasks run to completion.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Tasks completed.
    pub(crate) tasks: u64,
    /// Tasks that failed or did not complete.
    pub(crate) errors: u64,
    /// The first failure, for the JSON detail.
    pub(crate) first_error: Option<String>,
    /// Create→complete times of the completed tasks.
    pub(crate) latency: Latencies,
}

impl Tally {
    /// Records one task's outcome.
    pub(crate) fn record(&mut self, result: Result<Duration>) {
        match result {
            Ok(d) => {
                self.tasks += 1;
                self.latency.record(d);
            }
            Err(e) => {
                self.errors += 1;
                self.first_error.get_or_insert(format!("{e:#}"));
            }
        }
    }
}

/// Runs `count` tasks of `template`, `in_flight` at a time, each recorded
/// into `tally`.
pub(crate) async fn saturate(
    client: &TaskServiceClient<Grpc>,
    template: &'static str,
    count: usize,
    in_flight: usize,
    tally: &mut Tally,
) -> Result<()> {
    let gate = Arc::new(Semaphore::new(in_flight));
    let mut handles = Vec::with_capacity(count);
    for _ in 0..count {
        let permit = Arc::clone(&gate).acquire_owned().await?;
        let client = client.clone();
        handles.push(tokio::spawn(async move {
            let r = run_one(&client, template).await;
            drop(permit);
            r
        }));
    }
    for handle in handles {
        tally.record(handle.await?);
    }
    Ok(())
}

#[derive(Debug, Default)]
struct Totals {
    saturated: Tally,
    low: Tally,
    wall: Duration,
    cpu_us: u64,
}

/// Runs the scenario.
pub(crate) async fn run(
    builds: &[Build],
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let ticks = crate::procs::clock_ticks();
    let mut runs = Vec::new();
    for (build, backend) in builds
        .iter()
        .flat_map(|b| options.backends.iter().map(move |backend| (b, backend)))
    {
        let env = &build.env;
        let server = ServerProcess::start(env, ServerKind::Binary, *backend, &[]).await?;
        let mut workers = Vec::new();
        for _ in 0..options.workers {
            workers.push(WorkerProcess::start(
                env,
                &server.url(),
                options.worker_concurrency,
            )?);
        }
        let client = client::tasks(client::channel(&server.url()).await?, credentials);
        // Warm up: the workers register and claim; the first tasks complete.
        for template in TEMPLATES {
            for _ in 0..options.warm_up {
                tokio::time::timeout(Duration::from_secs(30), run_one(&client, template))
                    .await
                    .map_err(|_| anyhow!("warm-up task did not complete in 30 s"))??;
            }
        }
        runs.push((
            build.row(*backend),
            Run {
                server,
                _workers: workers,
                client,
            },
        ));
    }

    let mut totals: BTreeMap<(String, &'static str), Totals> = BTreeMap::new();
    for _round in 0..options.rounds {
        for (backend, run) in &runs {
            for template in TEMPLATES {
                let t = totals.entry((backend.clone(), template)).or_default();
                // Low load: one task at a time.
                let per_round = options.low_load_tasks.div_ceil(options.rounds);
                for _ in 0..per_round {
                    t.low.record(run_one(&run.client, template).await);
                }
                // Saturation: many tasks in flight.
                let meter = CpuMeter::start(run.server.pid(), ticks)?;
                let started = Instant::now();
                saturate(
                    &run.client,
                    template,
                    options.tasks_per_round,
                    options.in_flight,
                    &mut t.saturated,
                )
                .await?;
                t.wall += started.elapsed();
                t.cpu_us += meter.elapsed_us()?;
            }
        }
    }
    let mut rss = BTreeMap::new();
    for (backend, run) in &runs {
        rss.insert(
            backend.clone(),
            status_kib(run.server.pid(), "VmHWM").unwrap_or(0),
        );
    }
    for (_, run) in runs {
        run.server.stop().await;
    }

    let setup = format!(
        "backends {:?}; per backend {} worker process(es) × concurrency {}; {} interleaved rounds of \
         {} tasks per template at saturation ({} in flight) after {} one-at-a-time tasks (low load); \
         create→complete measured by the client (CreateTask sent → terminal StreamTaskStatus message)",
        runs_labels(builds, &options.backends),
        options.workers,
        options.worker_concurrency,
        options.rounds,
        options.tasks_per_round,
        options.in_flight,
        options.low_load_tasks
    );
    let mut section = Section::new(
        "e2e",
        setup,
        &[
            "backend",
            "template",
            "tasks/s",
            "steps/s",
            "low-load p50 ms",
            "low-load p99 ms",
            "saturated p50 ms",
            "saturated p99 ms",
            "server CPU µs/step",
            "server peak RSS MiB",
            "errors",
        ],
    );
    let mut detail = serde_json::Map::new();
    for ((backend, template), t) in &totals {
        let tasks_s = ratio(t.saturated.tasks as f64, t.wall.as_secs_f64());
        let steps_s = tasks_s * STEPS as f64;
        let cpu_step = ratio(t.cpu_us as f64, (t.saturated.tasks as usize * STEPS) as f64);
        let errors = t.saturated.errors + t.low.errors;
        let hwm = rss.get(backend).copied().unwrap_or(0) as f64 / 1024.0;
        section.row(vec![
            backend.clone(),
            (*template).into(),
            fmt(tasks_s),
            fmt(steps_s),
            fmt(t.low.latency.ms(0.5)),
            fmt(t.low.latency.ms(0.99)),
            fmt(t.saturated.latency.ms(0.5)),
            fmt(t.saturated.latency.ms(0.99)),
            fmt(cpu_step),
            fmt(hwm),
            errors.to_string(),
        ]);
        let key = format!("{backend}.{template}");
        section.figure(format!("{key}.tasks_per_s"), tasks_s);
        section.figure(format!("{key}.steps_per_s"), steps_s);
        section.figure(format!("{key}.low_load_p50_ms"), t.low.latency.ms(0.5));
        section.figure(format!("{key}.low_load_p99_ms"), t.low.latency.ms(0.99));
        section.figure(
            format!("{key}.saturated_p50_ms"),
            t.saturated.latency.ms(0.5),
        );
        section.figure(
            format!("{key}.saturated_p99_ms"),
            t.saturated.latency.ms(0.99),
        );
        section.figure(format!("{key}.cpu_us_per_step"), cpu_step);
        section.figure(format!("{key}.peak_rss_mib"), hwm);
        // Targets hold the build under test (baseline rows carry a label).
        if !backend.contains(' ') {
            let postgres = backend.starts_with("postgres");
            section.targets.push(Target::at_least(
                format!("{backend} {template}: steps/s"),
                steps_s,
                if postgres { 1500.0 } else { 2000.0 },
            ));
            section.targets.push(Target::at_most(
                format!("{backend} {template}: server CPU µs/step"),
                cpu_step,
                300.0,
            ));
            if *template == "linear4" {
                section.targets.push(Target::at_most(
                    format!("{backend} linear4: low-load create→complete p50 ms"),
                    t.low.latency.ms(0.5),
                    if postgres { 15.0 } else { 10.0 },
                ));
            }
        }
        detail.insert(
            key,
            serde_json::json!({
                "tasks": t.saturated.tasks,
                "errors": errors,
                "first_error": t.saturated.first_error.as_ref().or(t.low.first_error.as_ref()),
                "wall_s": t.wall.as_secs_f64(),
                "server_cpu_us": t.cpu_us,
                "low_load": t.low.latency.summary(),
                "saturated": t.saturated.latency.summary(),
            }),
        );
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}

/// The row labels of every build × backend, for the setup line.
fn runs_labels(builds: &[Build], backends: &[Backend]) -> Vec<String> {
    builds
        .iter()
        .flat_map(|b| backends.iter().map(|backend| b.row(*backend)))
        .collect()
}
