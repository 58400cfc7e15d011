//! Scenario 3, "creation": CreateTask alone at saturation (every
//! acknowledged task durably committed), per backend, rounds interleaved.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;

use crate::client::{self, Credentials};
use crate::load::{self, Call, Latencies, ratio};
use crate::procs::{Backend, Build, CpuMeter, ServerKind, ServerProcess};
use crate::report::{Section, Target, fmt};

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Backends to run.
    pub(crate) backends: Vec<Backend>,
    /// Interleaved rounds.
    pub(crate) rounds: usize,
    /// Length of each round per backend.
    pub(crate) phase: Duration,
    /// Concurrent callers.
    pub(crate) concurrency: usize,
}

#[derive(Debug, Default)]
struct Totals {
    ok: u64,
    errors: u64,
    wall: Duration,
    cpu_us: u64,
    latency: Latencies,
    first_error: Option<String>,
}

/// Runs the scenario.
pub(crate) async fn run(
    builds: &[Build],
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let ticks = crate::procs::clock_ticks();
    let mut servers = Vec::new();
    for (build, backend) in builds
        .iter()
        .flat_map(|b| options.backends.iter().map(move |backend| (b, backend)))
    {
        let server = ServerProcess::start(&build.env, ServerKind::Binary, *backend, &[]).await?;
        let client = client::tasks(client::channel(&server.url()).await?, credentials);
        for _ in 0..20 {
            client
                .clone()
                .create_task(client::create_request("linear4"))
                .await?;
        }
        servers.push((build.row(*backend), server, client));
    }
    let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
    for _round in 0..options.rounds {
        for (backend, server, client) in &servers {
            let client = client.clone();
            let call: Call = load::call(move || {
                let mut client = client.clone();
                async move {
                    client
                        .create_task(client::create_request("linear4"))
                        .await?;
                    Ok(())
                }
            });
            let meter = CpuMeter::start(server.pid(), ticks)?;
            let outcome = load::saturate(call, options.concurrency, options.phase).await;
            let t = totals.entry(backend.clone()).or_default();
            t.cpu_us += meter.elapsed_us()?;
            t.ok += outcome.ok;
            t.errors += outcome.errors;
            t.wall += outcome.wall;
            t.latency.add(&outcome.latencies);
            if t.first_error.is_none() {
                t.first_error = outcome.first_error;
            }
        }
    }
    for (_, server, _) in servers {
        server.stop().await;
    }
    let setup = format!(
        "CreateTask of bench/linear4 (task + 4 steps + transitions, one durable transaction) over \
         gRPC, {} concurrent callers, {} interleaved rounds of {:.1} s per backend; no workers",
        options.concurrency,
        options.rounds,
        options.phase.as_secs_f64()
    );
    let mut section = Section::new(
        "creation",
        setup,
        &[
            "backend",
            "tasks/s",
            "p50 ms",
            "p99 ms",
            "server CPU µs/task",
            "errors",
        ],
    );
    let mut detail = serde_json::Map::new();
    for (backend, t) in &totals {
        let rate = ratio(t.ok as f64, t.wall.as_secs_f64());
        let cpu = ratio(t.cpu_us as f64, t.ok as f64);
        section.row(vec![
            backend.clone(),
            fmt(rate),
            fmt(t.latency.ms(0.5)),
            fmt(t.latency.ms(0.99)),
            fmt(cpu),
            t.errors.to_string(),
        ]);
        section.figure(format!("{backend}.tasks_per_s"), rate);
        section.figure(format!("{backend}.p50_ms"), t.latency.ms(0.5));
        section.figure(format!("{backend}.p99_ms"), t.latency.ms(0.99));
        section.figure(format!("{backend}.cpu_us_per_task"), cpu);
        // Targets hold the build under test (baseline rows carry a label).
        if !backend.contains(' ') {
            let postgres = backend.starts_with("postgres");
            section.targets.push(Target::at_least(
                format!("{backend}: tasks/s"),
                rate,
                if postgres { 2000.0 } else { 3000.0 },
            ));
            section.targets.push(Target::at_most(
                format!("{backend}: server CPU µs/task"),
                cpu,
                250.0,
            ));
        }
        detail.insert(
            backend.clone(),
            serde_json::json!({
                "tasks": t.ok,
                "errors": t.errors,
                "first_error": t.first_error,
                "latency": t.latency.summary(),
            }),
        );
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}
