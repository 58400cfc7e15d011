//! Scenario 4, "watchers": K concurrent StreamTaskStatus streams on tasks
//! that then change state (are cancelled): server memory and the delay from
//! the transition (its timestamp in the streamed message) to receipt.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow};
use tasker_proto::v1::{CancelTaskRequest, StreamTaskStatusRequest, TaskState};
use tokio::sync::Mutex;

use crate::client::{self, Credentials};
use crate::load::Latencies;
use crate::procs::{Backend, Env, ServerKind, ServerProcess, status_kib};
use crate::report::{Section, fmt};

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Stream counts to run (one server each).
    pub(crate) counts: Vec<usize>,
    /// Most watched tasks (streams are spread over them).
    pub(crate) max_tasks: usize,
    /// Streams per HTTP/2 connection.
    pub(crate) streams_per_connection: usize,
    /// Time over which the tasks are cancelled.
    pub(crate) spread: Duration,
}

fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
}

/// Runs the scenario.
pub(crate) async fn run(
    env: &Env,
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let setup = format!(
        "SQLite; per K: a fresh server, min(K, {}) tasks of bench/linear4 (no workers), K \
         StreamTaskStatus streams spread over them ({} streams per HTTP/2 connection); once every \
         stream has its first message the tasks are cancelled one by one over {:.1} s; delay = \
         receipt time − the transition's timestamp in the message (same clock)",
        options.max_tasks,
        options.streams_per_connection,
        options.spread.as_secs_f64()
    );
    let mut section = Section::new(
        "watchers",
        setup,
        &[
            "streams",
            "RSS before MiB",
            "RSS with streams MiB",
            "KiB per stream",
            "delay p50 ms",
            "delay p99 ms",
            "delivered",
        ],
    );
    let mut detail = serde_json::Map::new();
    for &k in &options.counts {
        let server = ServerProcess::start(
            env,
            ServerKind::Binary,
            Backend::Sqlite,
            &[(
                "TASKER_SERVER__HTTP2_MAX_CONCURRENT_STREAMS",
                (options.streams_per_connection + 16).to_string(),
            )],
        )
        .await?;
        let pid = server.pid();
        let connections = k.div_ceil(options.streams_per_connection).max(1);
        let mut channels = Vec::with_capacity(connections);
        for _ in 0..connections {
            channels.push(client::channel(&server.url()).await?);
        }
        let mut control = client::tasks(channels[0].clone(), credentials);
        let task_count = k.min(options.max_tasks).max(1);
        let mut tasks = Vec::with_capacity(task_count);
        for _ in 0..task_count {
            let task = control
                .create_task(client::create_request("linear4"))
                .await?
                .into_inner()
                .task
                .ok_or_else(|| anyhow!("no task"))?;
            tasks.push(task.task_uuid);
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let rss_before = status_kib(pid, "VmRSS")?;

        let delays = Arc::new(Mutex::new(Latencies::new()));
        let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel::<()>(1024);
        let mut handles = Vec::with_capacity(k);
        for i in 0..k {
            let mut client = client::tasks(channels[i % connections].clone(), credentials);
            let task_uuid = tasks[i % task_count].clone();
            let delays = Arc::clone(&delays);
            let ready = ready_tx.clone();
            handles.push(tokio::spawn(async move {
                let mut stream = client
                    .stream_task_status(StreamTaskStatusRequest { task_uuid })
                    .await?
                    .into_inner();
                let mut first = true;
                while let Some(message) = stream.message().await? {
                    if first {
                        first = false;
                        let _ = ready.send(()).await;
                        continue;
                    }
                    let state = message.task.as_ref().map(|t| t.state).unwrap_or_default();
                    if state == TaskState::Cancelled as i32 {
                        let received = now_us();
                        let occurred = message.occurred_at.map_or(received, |t| {
                            t.seconds * 1_000_000 + i64::from(t.nanos) / 1000
                        });
                        let delay = u64::try_from(received - occurred).unwrap_or(0);
                        delays.lock().await.record(Duration::from_micros(delay));
                        return Ok::<bool, anyhow::Error>(true);
                    }
                }
                Ok(false)
            }));
        }
        drop(ready_tx);
        let mut ready = 0;
        let wait = tokio::time::timeout(Duration::from_secs(120), async {
            while ready < k && ready_rx.recv().await.is_some() {
                ready += 1;
            }
        })
        .await;
        if wait.is_err() {
            return Err(anyhow!("only {ready} of {k} streams opened within 120 s"));
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let rss_with = status_kib(pid, "VmRSS")?;

        let pause = options.spread.div_f64(task_count as f64);
        for task_uuid in &tasks {
            control
                .cancel_task(CancelTaskRequest {
                    task_uuid: task_uuid.clone(),
                    reason: "benchmark".into(),
                })
                .await?;
            tokio::time::sleep(pause).await;
        }
        let mut delivered = 0u64;
        let mut failed = 0u64;
        for handle in handles {
            match tokio::time::timeout(Duration::from_secs(60), handle).await {
                Ok(Ok(Ok(true))) => delivered += 1,
                _ => failed += 1,
            }
        }
        server.stop().await;
        let delays = delays.lock().await.clone();
        let per_stream = rss_with.saturating_sub(rss_before) as f64 / k as f64;
        section.row(vec![
            k.to_string(),
            fmt(rss_before as f64 / 1024.0),
            fmt(rss_with as f64 / 1024.0),
            fmt(per_stream),
            fmt(delays.ms(0.5)),
            fmt(delays.ms(0.99)),
            format!("{delivered}/{k}"),
        ]);
        section.figure(format!("k{k}.rss_mib"), rss_with as f64 / 1024.0);
        section.figure(format!("k{k}.delay_p50_ms"), delays.ms(0.5));
        section.figure(format!("k{k}.delay_p99_ms"), delays.ms(0.99));
        section.figure(format!("k{k}.delivered"), delivered as f64);
        detail.insert(
            format!("k{k}"),
            serde_json::json!({
                "streams": k,
                "tasks": task_count,
                "connections": connections,
                "rss_before_kib": rss_before,
                "rss_with_streams_kib": rss_with,
                "delivered": delivered,
                "not_delivered": failed,
                "delay": delays.summary(),
            }),
        );
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}
