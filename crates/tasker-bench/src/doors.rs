//! Scenario 1, "four doors": the same RPC through direct gRPC, REST
//! (HTTP/1.1 and h2), gRPC-Web (HTTP/1.1 and h2), Connect (JSON and binary
//! protobuf, HTTP/1.1 and h2) and the hand-written axum + serde baseline,
//! all served by one process, rounds interleaved.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};

use crate::client::{Credentials, Door, Doors, Op};
use crate::load::{self, Call, Latencies, ratio};
use crate::procs::{Backend, CpuMeter, Env, ServerKind, ServerProcess};
use crate::report::{Section, Target, fmt};

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Warm-up calls per door and RPC.
    pub(crate) warm_up: usize,
    /// Interleaved rounds.
    pub(crate) rounds: usize,
    /// Closed-loop (saturation) phase per door and round.
    pub(crate) saturation: Duration,
    /// Concurrent loops in the saturation phase.
    pub(crate) concurrency: usize,
    /// Offered rate of the latency phase (requests/s).
    pub(crate) rate: f64,
    /// Length of the latency phase per door and round.
    pub(crate) rate_phase: Duration,
    /// The doors measured, in table order.
    pub(crate) doors: Vec<Door>,
}

#[derive(Debug, Default)]
struct Totals {
    ok: u64,
    errors: u64,
    cpu_us: u64,
    wall: Duration,
    latency: Latencies,
    per_round_cpu: Vec<f64>,
    first_error: Option<String>,
}

/// Runs the scenario.
pub(crate) async fn run(
    env: &Env,
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let ticks = crate::procs::clock_ticks();
    let server = ServerProcess::start(env, ServerKind::WithBaseline, Backend::Sqlite, &[]).await?;
    let baseline = server
        .baseline
        .ok_or_else(|| anyhow!("the serve mode did not announce its baseline"))?;
    let doors = Arc::new(Doors::connect(server.addr, baseline, credentials.clone()).await?);
    let pid = server.pid();
    // The baseline authenticates as the port does, so REST / baseline
    // prices transcoding, not authentication.
    let anonymous = doors.anonymous_get().await?;
    if anonymous != [http::StatusCode::UNAUTHORIZED; 2] {
        bail!(
            "without credentials, REST and the baseline must both answer 401: {} and {}",
            anonymous[0],
            anonymous[1]
        );
    }

    // Warm every door (connections, caches) before measuring.
    for &door in &options.doors {
        for op in [Op::GetTask, Op::CreateTask] {
            for _ in 0..options.warm_up {
                doors.call(door, op).await?;
            }
        }
    }

    let mut totals: HashMap<(Door, &'static str), Totals> = HashMap::new();
    for op in [Op::GetTask, Op::CreateTask] {
        for _round in 0..options.rounds {
            for &door in &options.doors {
                let doors_ = Arc::clone(&doors);
                let call: Call = load::call(move || {
                    let doors = Arc::clone(&doors_);
                    async move { doors.call(door, op).await }
                });
                let meter = CpuMeter::start(pid, ticks)?;
                let outcome =
                    load::saturate(Arc::clone(&call), options.concurrency, options.saturation)
                        .await;
                let cpu = meter.elapsed_us()?;
                let latency = load::fixed_rate(call, options.rate, options.rate_phase).await;
                let t = totals.entry((door, op.name())).or_default();
                t.ok += outcome.ok;
                t.errors += outcome.errors + latency.errors;
                t.cpu_us += cpu;
                t.wall += outcome.wall;
                t.latency.add(&latency.latencies);
                t.per_round_cpu.push(ratio(cpu as f64, outcome.ok as f64));
                if t.first_error.is_none() {
                    t.first_error = outcome.first_error.or(latency.first_error);
                }
            }
        }
    }
    server.stop().await;

    let setup = format!(
        "one `tasker-bench serve` process (server library + hand-written axum route, which runs \
         the server's own credential check) on SQLite; {} interleaved rounds per RPC; per door \
         and round: {:.1} s closed loop with {} concurrent callers (server CPU from /proc, \
         throughput), then {:.1} s open loop at {} req/s (latency)",
        options.rounds,
        options.saturation.as_secs_f64(),
        options.concurrency,
        options.rate_phase.as_secs_f64(),
        options.rate
    );
    let mut section = Section::new(
        "doors",
        setup,
        &[
            "rpc",
            "door",
            "server CPU µs/req",
            "vs gRPC",
            "throughput req/s",
            "p50 ms @rate",
            "p99 ms @rate",
            "errors",
        ],
    );
    let mut detail = serde_json::Map::new();
    for op in [Op::GetTask, Op::CreateTask] {
        let cpu_of = |door: Door| {
            totals
                .get(&(door, op.name()))
                .map_or(0.0, |t| ratio(t.cpu_us as f64, t.ok as f64))
        };
        let grpc_cpu = cpu_of(Door::Grpc);
        for door in Door::ALL {
            let Some(t) = totals.get(&(door, op.name())) else {
                continue;
            };
            let cpu = cpu_of(door);
            let throughput = ratio(t.ok as f64, t.wall.as_secs_f64());
            section.row(vec![
                op.name().into(),
                door.name().into(),
                fmt(cpu),
                fmt(ratio(cpu, grpc_cpu)),
                fmt(throughput),
                fmt(t.latency.ms(0.5)),
                fmt(t.latency.ms(0.99)),
                t.errors.to_string(),
            ]);
            let key = format!("{}.{}", op.name(), door.name());
            section.figure(format!("{key}.cpu_us_per_req"), cpu);
            section.figure(format!("{key}.throughput_rps"), throughput);
            section.figure(format!("{key}.p50_ms"), t.latency.ms(0.5));
            section.figure(format!("{key}.p99_ms"), t.latency.ms(0.99));
            detail.insert(
                key,
                serde_json::json!({
                    "requests": t.ok,
                    "errors": t.errors,
                    "first_error": t.first_error,
                    "server_cpu_us": t.cpu_us,
                    "cpu_us_per_req_by_round": t.per_round_cpu,
                    "latency_at_rate": t.latency.summary(),
                }),
            );
        }
        let name = op.name();
        if op == Op::GetTask && totals.contains_key(&(Door::Grpc, name)) {
            section.targets.push(Target::at_most(
                "GetTask: gRPC server CPU µs/req".to_owned(),
                grpc_cpu,
                60.0,
            ));
        }
        // Each ratio of server CPU, when both of its doors were measured.
        for (door, over, label, bound) in COMPARISONS {
            if !totals.contains_key(&(door, name)) || !totals.contains_key(&(over, name)) {
                continue;
            }
            let measured = ratio(cpu_of(door), cpu_of(over));
            let key = format!("{}_over_{}", figure_name(door), figure_name(over));
            section.figure(format!("{name}.ratio.{key}"), measured);
            section.targets.push(Target::at_most(
                format!("{name}: {label} server CPU"),
                measured,
                bound,
            ));
        }
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}

/// The targets on ratios of server CPU: door, the door it is compared
/// with, how the report names the ratio, and its bound.
const COMPARISONS: [(Door, Door, &str, f64); 10] = [
    (
        Door::ConnectJsonH1,
        Door::Grpc,
        "connect-json-h1 / gRPC",
        1.10,
    ),
    (
        Door::ConnectJsonH2,
        Door::Grpc,
        "connect-json-h2 / gRPC",
        1.10,
    ),
    (
        Door::ConnectProtoH1,
        Door::Grpc,
        "connect-proto-h1 / gRPC",
        1.10,
    ),
    (
        Door::ConnectProtoH2,
        Door::Grpc,
        "connect-proto-h2 / gRPC",
        1.10,
    ),
    (
        Door::GrpcApiKey,
        Door::Grpc,
        "gRPC with an API key / gRPC with a JWT",
        1.10,
    ),
    (Door::RestH2, Door::Grpc, "REST-h2 / gRPC", 1.15),
    (Door::RestH1, Door::Grpc, "REST-h1 / gRPC", 1.15),
    (Door::WebH2, Door::Grpc, "gRPC-Web-h2 / gRPC", 1.05),
    (Door::WebH1, Door::Grpc, "gRPC-Web-h1 / gRPC", 1.05),
    (
        Door::RestH1,
        Door::Baseline,
        "REST-h1 / hand-written-h1 (both authenticated)",
        1.05,
    ),
];

/// A door's name in the keys of the ratio figures.
fn figure_name(door: Door) -> String {
    match door {
        Door::Baseline => "hand_written".to_owned(),
        door => door.name().replace('-', "_"),
    }
}

/// What `observability` compares: a server as shipped (metrics on, the
/// request span at info) and one with both off.
const SETTINGS: [(&str, &[(&str, &str)]); 2] = [
    (
        "on",
        &[
            ("TASKER_METRICS__ENABLED", "true"),
            ("TASKER_LOG__LEVEL", "info"),
        ],
    ),
    (
        "off",
        &[
            ("TASKER_METRICS__ENABLED", "false"),
            // The start-up lines only (the bound address): the request
            // span (tasker_server::observe, info) is disabled.
            (
                "TASKER_LOG__LEVEL",
                "warn,tasker_server=info,tasker_server::observe=warn",
            ),
        ],
    ),
];

/// The doors the observability comparison measures.
const OBSERVED_DOORS: [Door; 3] = [Door::Grpc, Door::RestH1, Door::WebH1];

/// Prices the observability layers: two `serve` processes, one with metrics
/// on and the request span at info (the default), one with metrics off and
/// tracing at warn (the request span disabled), each RPC and door measured
/// on both with rounds interleaved, so the ratio is within one run.
pub(crate) async fn observability(
    env: &Env,
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let ticks = crate::procs::clock_ticks();
    let mut servers = Vec::new();
    for (label, settings) in SETTINGS {
        let extra: Vec<(&str, String)> = settings
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect();
        let server =
            ServerProcess::start(env, ServerKind::WithBaseline, Backend::Sqlite, &extra).await?;
        let baseline = server
            .baseline
            .ok_or_else(|| anyhow!("the serve mode did not announce its baseline"))?;
        let doors = Arc::new(Doors::connect(server.addr, baseline, credentials.clone()).await?);
        for door in OBSERVED_DOORS {
            for op in [Op::GetTask, Op::CreateTask] {
                for _ in 0..options.warm_up {
                    doors.call(door, op).await?;
                }
            }
        }
        servers.push((label, server, doors));
    }
    let mut totals: HashMap<(&'static str, Door, &'static str), Totals> = HashMap::new();
    for op in [Op::GetTask, Op::CreateTask] {
        for _round in 0..options.rounds {
            for door in OBSERVED_DOORS {
                for (label, server, doors) in &servers {
                    let doors_ = Arc::clone(doors);
                    let call: Call = load::call(move || {
                        let doors = Arc::clone(&doors_);
                        async move { doors.call(door, op).await }
                    });
                    let meter = CpuMeter::start(server.pid(), ticks)?;
                    let outcome =
                        load::saturate(call, options.concurrency, options.saturation).await;
                    let cpu = meter.elapsed_us()?;
                    let t = totals.entry((label, door, op.name())).or_default();
                    t.ok += outcome.ok;
                    t.errors += outcome.errors;
                    t.cpu_us += cpu;
                    t.wall += outcome.wall;
                    t.per_round_cpu.push(ratio(cpu as f64, outcome.ok as f64));
                    if t.first_error.is_none() {
                        t.first_error = outcome.first_error;
                    }
                }
            }
        }
    }
    for (_, server, _) in servers {
        server.stop().await;
    }

    let setup = format!(
        "two `tasker-bench serve` processes on SQLite, one with metrics on and tracing at info \
         (the request span recorded), one with metrics off and tracing at warn; {} interleaved \
         rounds per RPC; per door, server and round: {:.1} s closed loop with {} concurrent \
         callers (server CPU from /proc)",
        options.rounds,
        options.saturation.as_secs_f64(),
        options.concurrency,
    );
    let mut section = Section::new(
        "doors-observability",
        setup,
        &[
            "rpc",
            "door",
            "CPU µs/req on",
            "CPU µs/req off",
            "on / off",
            "req/s on",
            "req/s off",
            "errors",
        ],
    );
    let mut detail = serde_json::Map::new();
    for op in [Op::GetTask, Op::CreateTask] {
        for door in OBSERVED_DOORS {
            let (Some(on), Some(off)) = (
                totals.get(&("on", door, op.name())),
                totals.get(&("off", door, op.name())),
            ) else {
                continue;
            };
            let cpu_on = ratio(on.cpu_us as f64, on.ok as f64);
            let cpu_off = ratio(off.cpu_us as f64, off.ok as f64);
            let cost = ratio(cpu_on, cpu_off);
            section.row(vec![
                op.name().into(),
                door.name().into(),
                fmt(cpu_on),
                fmt(cpu_off),
                fmt(cost),
                fmt(ratio(on.ok as f64, on.wall.as_secs_f64())),
                fmt(ratio(off.ok as f64, off.wall.as_secs_f64())),
                (on.errors + off.errors).to_string(),
            ]);
            let key = format!("{}.{}", op.name(), door.name());
            section.figure(format!("{key}.cpu_us_per_req.on"), cpu_on);
            section.figure(format!("{key}.cpu_us_per_req.off"), cpu_off);
            section.figure(format!("{key}.ratio.on_over_off"), cost);
            section.targets.push(Target::at_most(
                format!(
                    "{}: {} server CPU, observability on / off",
                    op.name(),
                    door.name()
                ),
                cost,
                1.05,
            ));
            detail.insert(
                key,
                serde_json::json!({
                    "on": {"requests": on.ok, "errors": on.errors, "first_error": on.first_error,
                           "cpu_us_per_req_by_round": on.per_round_cpu},
                    "off": {"requests": off.ok, "errors": off.errors, "first_error": off.first_error,
                            "cpu_us_per_req_by_round": off.per_round_cpu},
                }),
            );
        }
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}
