//! Scenario 5, "growth": read and claim latency with a small and a large
//! store. The stores are seeded with synthetic finished tasks (one complete
//! step each) by bulk SQL into the store's own schema before the servers
//! start; both servers then run side by side and samples alternate.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::{
    ClaimStepsRequest, GetTaskRequest, ListTasksRequest, RegisterWorkerRequest,
};

use crate::client::{self, Credentials, Grpc};
use crate::load::{Latencies, ratio};
use crate::procs::{Backend, Database, Env, ServerKind, ServerProcess};
use crate::report::{Section, fmt};

/// Sizes of the scenario.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Backends to run.
    pub(crate) backends: Vec<Backend>,
    /// Tasks in the small store.
    pub(crate) small: u64,
    /// Tasks in the large store.
    pub(crate) large: u64,
    /// Samples per operation and store.
    pub(crate) samples: usize,
}

const OPS: [&str; 4] = [
    "GetTask",
    "ListTasks first page",
    "ListTasks deep page",
    "ClaimSteps",
];

/// The uuid of seeded task `x` (UUIDv7 layout, timestamp 0: older than any
/// task the API creates).
fn seeded_uuid(x: u64) -> String {
    format!("00000000-0000-7000-8000-{x:012x}")
}

/// Creates the store's schema (by opening it with `tasker-store`) and
/// inserts `count` finished tasks with one complete step each.
async fn seed(database: &Database, backend: Backend, count: u64) -> Result<Duration> {
    let started = Instant::now();
    let store =
        tasker_store::Store::connect(&database.url, &tasker_store::ConnectOptions::default())
            .await
            .context("create the schema")?;
    store.close().await;
    let count = i64::try_from(count)?;
    const TASK_COLUMNS: &str = "task_uuid, namespace, name, version, state, context, correlation_id, \
        parent_correlation_id, initiator, source_system, reason, priority, tags, idempotency_key, \
        identity_hash, created_by, created_at, updated_at, state_entered_at, completed_at";
    const STEP_COLUMNS: &str = "step_uuid, task_uuid, position, name, handler, namespace, priority, \
        state, depends_on, attempts, max_attempts, retry_policy, timeout_ms, handler_config, results, \
        created_at, updated_at, last_attempted_at, completed_at";
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&database.url).await?;
            let tasks = format!(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $1) \
                 INSERT INTO tasks ({TASK_COLUMNS}) \
                 SELECT printf('00000000-0000-7000-8000-%012x', x), 'bench', 'linear4', '1.0.0', \
                 'complete', '{{}}', '', '', '', '', '', 0, '[]', '', 'seed:' || x, 'seed', \
                 x, x, x, x FROM c"
            );
            let steps = format!(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $1) \
                 INSERT INTO steps ({STEP_COLUMNS}) \
                 SELECT printf('00000000-0000-7000-9000-%012x', x), \
                 printf('00000000-0000-7000-8000-%012x', x), 0, 'a', 'noop', 'bench', 0, \
                 'complete', '[]', 1, 3, '{{}}', 30000, '{{}}', '{{}}', x, x, x, x FROM c"
            );
            sqlx::query(sqlx::AssertSqlSafe(tasks))
                .bind(count)
                .execute(&pool)
                .await?;
            sqlx::query(sqlx::AssertSqlSafe(steps))
                .bind(count)
                .execute(&pool)
                .await?;
            sqlx::query("ANALYZE").execute(&pool).await?;
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&database.url).await?;
            let tasks = format!(
                "INSERT INTO tasks ({TASK_COLUMNS}) \
                 SELECT '00000000-0000-7000-8000-' || lpad(to_hex(x), 12, '0'), 'bench', 'linear4', \
                 '1.0.0', 'complete', '{{}}', '', '', '', '', '', 0, '[]', '', 'seed:' || x, 'seed', \
                 x, x, x, x FROM generate_series(1::bigint, $1) AS x"
            );
            let steps = format!(
                "INSERT INTO steps ({STEP_COLUMNS}) \
                 SELECT '00000000-0000-7000-9000-' || lpad(to_hex(x), 12, '0'), \
                 '00000000-0000-7000-8000-' || lpad(to_hex(x), 12, '0'), 0, 'a', 'noop', 'bench', 0, \
                 'complete', '[]', 1, 3, '{{}}', 30000, '{{}}', '{{}}', x, x, x, x \
                 FROM generate_series(1::bigint, $1) AS x"
            );
            sqlx::query(sqlx::AssertSqlSafe(tasks))
                .bind(count)
                .execute(&pool)
                .await?;
            sqlx::query(sqlx::AssertSqlSafe(steps))
                .bind(count)
                .execute(&pool)
                .await?;
            sqlx::query("ANALYZE").execute(&pool).await?;
            pool.close().await;
        }
    }
    Ok(started.elapsed())
}

struct Store {
    size: u64,
    server: ServerProcess,
    tasks: TaskServiceClient<Grpc>,
    workers: WorkerServiceClient<Grpc>,
    worker_uuid: String,
    seconds_to_seed: f64,
    latencies: [Latencies; 4],
}

async fn start(
    env: &Env,
    credentials: &Credentials,
    backend: Backend,
    size: u64,
    claims: usize,
) -> Result<Store> {
    let dir = tempfile::tempdir()?;
    let database = Database::create(env, backend, dir.path()).await?;
    let seconds_to_seed = seed(&database, backend, size).await?.as_secs_f64();
    let server = ServerProcess::start_on(env, ServerKind::Binary, database, dir, &[]).await?;
    let channel = client::channel(&server.url()).await?;
    let mut tasks = client::tasks(channel.clone(), credentials);
    let mut workers = client::workers(channel, credentials);
    let worker_uuid = workers
        .register_worker(RegisterWorkerRequest {
            name: format!("bench-growth-{size}"),
            namespaces: vec!["bench".into()],
            handlers: vec!["noop".into()],
            max_concurrency: 1,
            version: "bench".into(),
        })
        .await?
        .into_inner()
        .worker
        .map(|w| w.worker_uuid)
        .ok_or_else(|| anyhow!("RegisterWorker returned no worker"))?;
    // One claimable step per ClaimSteps sample (step a of each new task).
    for _ in 0..claims {
        tasks.create_task(client::create_request("linear4")).await?;
    }
    Ok(Store {
        size,
        server,
        tasks,
        workers,
        worker_uuid,
        seconds_to_seed,
        latencies: Default::default(),
    })
}

impl Store {
    async fn sample(&mut self, op: usize, i: usize) -> Result<Duration> {
        let x = (i as u64).wrapping_mul(2_654_435_761) % self.size + 1;
        let started = Instant::now();
        match op {
            0 => {
                self.tasks
                    .get_task(GetTaskRequest {
                        task_uuid: seeded_uuid(x),
                    })
                    .await?;
            }
            1 | 2 => {
                let page_token = if op == 2 {
                    tasker_server::services::encode_token("tasks", &seeded_uuid(self.size / 2))
                } else {
                    String::new()
                };
                let page = self
                    .tasks
                    .list_tasks(ListTasksRequest {
                        page_size: 50,
                        page_token,
                        ..ListTasksRequest::default()
                    })
                    .await?
                    .into_inner();
                if page.tasks.is_empty() {
                    return Err(anyhow!("empty page"));
                }
            }
            _ => {
                let claimed = self
                    .workers
                    .claim_steps(ClaimStepsRequest {
                        worker_uuid: self.worker_uuid.clone(),
                        max_steps: 1,
                        wait_timeout: Some(pbjson_types::Duration {
                            seconds: 1,
                            nanos: 0,
                        }),
                    })
                    .await?
                    .into_inner();
                if claimed.steps.is_empty() {
                    return Err(anyhow!("nothing claimed"));
                }
            }
        }
        Ok(started.elapsed())
    }
}

/// Runs the scenario.
pub(crate) async fn run(
    env: &Env,
    credentials: &Credentials,
    options: &Options,
) -> Result<Section> {
    let setup = format!(
        "backends {:?}; stores of {} and {} tasks (synthetic finished tasks with one complete step \
         each, bulk-inserted with SQL into the store's schema before start), both servers running; \
         {} samples per operation, alternating small/large; ListTasks pages of 50, the deep page's \
         token points at the middle of the store (keyset); ClaimSteps claims one freshly enqueued step",
        options
            .backends
            .iter()
            .map(|b| b.as_str())
            .collect::<Vec<_>>(),
        options.small,
        options.large,
        options.samples
    );
    let mut section = Section::new(
        "growth",
        setup,
        &[
            "backend",
            "operation",
            "small p50 ms",
            "large p50 ms",
            "large/small p50",
            "small p99 ms",
            "large p99 ms",
            "large/small p99",
        ],
    );
    let mut detail = serde_json::Map::new();
    for backend in &options.backends {
        let mut stores = [
            start(env, credentials, *backend, options.small, options.samples).await?,
            start(env, credentials, *backend, options.large, options.samples).await?,
        ];
        for (op, _) in OPS.iter().enumerate() {
            // Warm-up.
            for store in &mut stores {
                for i in 0..5 {
                    if op != 3 {
                        store.sample(op, i).await?;
                    }
                }
            }
            for i in 0..options.samples {
                for store in &mut stores {
                    let d = store.sample(op, i).await?;
                    store.latencies[op].record(d);
                }
            }
        }
        let b = backend.as_str();
        for (op, name) in OPS.iter().enumerate() {
            let small = &stores[0].latencies[op];
            let large = &stores[1].latencies[op];
            let r50 = ratio(large.ms(0.5), small.ms(0.5));
            let r99 = ratio(large.ms(0.99), small.ms(0.99));
            section.row(vec![
                b.into(),
                (*name).into(),
                fmt(small.ms(0.5)),
                fmt(large.ms(0.5)),
                fmt(r50),
                fmt(small.ms(0.99)),
                fmt(large.ms(0.99)),
                fmt(r99),
            ]);
            let key = format!("{b}.{}", name.replace(' ', "_"));
            section.figure(format!("{key}.small_p50_ms"), small.ms(0.5));
            section.figure(format!("{key}.large_p50_ms"), large.ms(0.5));
            section.figure(format!("{key}.ratio_p50"), r50);
            section.figure(format!("{key}.ratio_p99"), r99);
        }
        for store in &stores {
            detail.insert(
                format!("{b}.{}", store.size),
                serde_json::json!({
                    "tasks": store.size,
                    "seed_seconds": store.seconds_to_seed,
                    "operations": OPS.iter().enumerate().map(|(i, name)| {
                        ((*name).to_owned(), store.latencies[i].summary())
                    }).collect::<serde_json::Map<_, _>>(),
                }),
            );
        }
        let [small, large] = stores;
        small.server.stop().await;
        large.server.stop().await;
    }
    section.detail = serde_json::Value::Object(detail);
    Ok(section)
}
