//! Scenario 6, "idle footprint": start-up time to ready (spawn → health
//! Readiness says ready) and resident memory at idle, per backend.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use tasker_proto::v1::ReadinessRequest;
use tasker_proto::v1::health_service_client::HealthServiceClient;

use crate::client::Credentials;
use crate::load::Latencies;
use crate::procs::{Backend, Env, ServerKind, ServerProcess, status_kib};
use crate::report::{Section, fmt};

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Backends to run.
    pub(crate) backends: Vec<Backend>,
    /// Start-ups per backend (interleaved).
    pub(crate) starts: usize,
    /// Idle time before reading RSS.
    pub(crate) idle: Duration,
}

#[derive(Debug, Default)]
struct Totals {
    listening: Latencies,
    ready: Latencies,
    rss_kib: Vec<u64>,
}

/// Runs the scenario.
pub(crate) async fn run(
    env: &Env,
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let mut totals: Vec<(Backend, Totals)> = options
        .backends
        .iter()
        .map(|b| (*b, Totals::default()))
        .collect();
    for _ in 0..options.starts {
        for (backend, t) in &mut totals {
            let server = ServerProcess::start(env, ServerKind::Binary, *backend, &[]).await?;
            t.listening.record(server.listening_after);
            let channel = crate::client::channel(&server.url()).await?;
            let mut health =
                HealthServiceClient::with_interceptor(channel, credentials.interceptor());
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                if let Ok(r) = health.readiness(ReadinessRequest {}).await
                    && r.into_inner().ready
                {
                    break;
                }
                if Instant::now() > deadline {
                    return Err(anyhow!("server not ready within 30 s"));
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            t.ready.record(server.spawned_at.elapsed());
            tokio::time::sleep(options.idle).await;
            t.rss_kib.push(status_kib(server.pid(), "VmRSS")?);
            server.stop().await;
        }
    }
    let setup = format!(
        "{} start(s) per backend, interleaved; ready = spawn → first Readiness answer with ready=true \
         (the database, a fresh one, is created before the spawn); RSS (VmRSS) after {:.1} s idle",
        options.starts,
        options.idle.as_secs_f64()
    );
    let mut section = Section::new(
        "idle",
        setup,
        &[
            "backend",
            "spawn→listening p50 ms",
            "spawn→ready p50 ms",
            "spawn→ready max ms",
            "idle RSS MiB (median)",
        ],
    );
    let mut detail = serde_json::Map::new();
    for (backend, t) in &mut totals {
        detail.insert(
            backend.as_str().into(),
            serde_json::json!({
                "listening": t.listening.summary(),
                "ready": t.ready.summary(),
                "idle_rss_kib": t.rss_kib,
            }),
        );
        t.rss_kib.sort_unstable();
        let rss = t.rss_kib.get(t.rss_kib.len() / 2).copied().unwrap_or(0) as f64 / 1024.0;
        let b = backend.as_str();
        section.row(vec![
            b.into(),
            fmt(t.listening.ms(0.5)),
            fmt(t.ready.ms(0.5)),
            fmt(t.ready.ms(1.0)),
            fmt(rss),
        ]);
        section.figure(format!("{b}.ready_p50_ms"), t.ready.ms(0.5));
        section.figure(format!("{b}.idle_rss_mib"), rss);
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}
