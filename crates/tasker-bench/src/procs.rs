//! Real processes on loopback: the server (or the bench's own `serve` mode),
//! workers, per-run databases, and what `/proc` says about them.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

/// Where the sibling binaries live and how to reach PostgreSQL.
#[derive(Debug, Clone)]
pub(crate) struct Env {
    /// `tasker-server` binary.
    pub(crate) server_bin: PathBuf,
    /// `tasker-worker` binary.
    pub(crate) worker_bin: PathBuf,
    /// This program (for its hidden `serve` mode).
    pub(crate) bench_bin: PathBuf,
    /// Admin URL of PostgreSQL (a fresh database is created per run).
    pub(crate) postgres_url: String,
    /// The run's JWT secret and token.
    pub(crate) auth: crate::auth::RunAuth,
}

/// One build of the programs under test, for comparing two in one run.
#[derive(Debug, Clone)]
pub(crate) struct Build {
    /// Label of its rows; empty for the build under test.
    pub(crate) label: String,
    /// Its binaries.
    pub(crate) env: Env,
}

impl Build {
    /// The row label of `backend` on this build: `sqlite`, `sqlite before`.
    pub(crate) fn row(&self, backend: Backend) -> String {
        if self.label.is_empty() {
            backend.as_str().to_owned()
        } else {
            format!("{} {}", backend.as_str(), self.label)
        }
    }
}

/// Storage backend of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Backend {
    /// SQLite file in a temporary directory.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

impl Backend {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// The bench templates (namespace `bench`, handler `noop`), written into each
/// server's template directory.
const TEMPLATES: [(&str, &str); 2] = [
    (
        "bench_linear4.yaml",
        include_str!("../templates/bench_linear4.yaml"),
    ),
    (
        "bench_diamond.yaml",
        include_str!("../templates/bench_diamond.yaml"),
    ),
];

/// A database for one server: a SQLite file or a PostgreSQL database that is
/// dropped afterwards.
#[derive(Debug)]
pub(crate) struct Database {
    /// The URL the server is given.
    pub(crate) url: String,
    pg_name: Option<(String, String)>,
}

impl Database {
    /// A fresh database of `backend`, under `dir` for SQLite.
    pub(crate) async fn create(env: &Env, backend: Backend, dir: &Path) -> Result<Self> {
        match backend {
            Backend::Sqlite => Ok(Self {
                url: format!("sqlite://{}", dir.join("tasker.db").display()),
                pg_name: None,
            }),
            Backend::Postgres => {
                let name = format!("tasker_bench_{}", uuid::Uuid::now_v7().simple());
                let pool = sqlx::PgPool::connect(&env.postgres_url)
                    .await
                    .with_context(|| format!("PostgreSQL at {}", env.postgres_url))?;
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&pool)
                    .await?;
                pool.close().await;
                let base = env
                    .postgres_url
                    .rsplit_once('/')
                    .map_or(env.postgres_url.as_str(), |(base, _)| base);
                Ok(Self {
                    url: format!("{base}/{name}"),
                    pg_name: Some((env.postgres_url.clone(), name)),
                })
            }
        }
    }

    /// Drops the PostgreSQL database (nothing for SQLite).
    pub(crate) async fn drop_now(&mut self) {
        if let Some((admin, name)) = self.pg_name.take()
            && let Ok(pool) = sqlx::PgPool::connect(&admin).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&pool)
            .await;
            pool.close().await;
        }
    }
}

/// Whether PostgreSQL answers at `url`.
pub(crate) async fn postgres_reachable(url: &str) -> bool {
    use sqlx::Connection as _;
    match tokio::time::timeout(Duration::from_secs(3), sqlx::PgConnection::connect(url)).await {
        Ok(Ok(connection)) => {
            let _ = connection.close().await;
            true
        }
        _ => false,
    }
}

/// Which program serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ServerKind {
    /// The `tasker-server` binary.
    Binary,
    /// `tasker-bench serve`: the server library plus the hand-written JSON
    /// baseline on a second port, in one process.
    WithBaseline,
}

/// A running server process, killed when dropped.
#[derive(Debug)]
pub(crate) struct ServerProcess {
    child: Child,
    /// The one listener (gRPC, gRPC-Web, REST).
    pub(crate) addr: SocketAddr,
    /// The hand-written baseline listener (`WithBaseline` only).
    pub(crate) baseline: Option<SocketAddr>,
    /// When the process was spawned.
    pub(crate) spawned_at: Instant,
    /// Time from spawn to the `listening` line.
    pub(crate) listening_after: Duration,
    /// The database (dropped after the process).
    pub(crate) database: Database,
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts a server on `backend` with the bench templates and extra env.
    pub(crate) async fn start(
        env: &Env,
        kind: ServerKind,
        backend: Backend,
        extra: &[(&str, String)],
    ) -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let database = Database::create(env, backend, dir.path()).await?;
        Self::start_on(env, kind, database, dir, extra).await
    }

    /// Starts a server on an existing database (e.g. a seeded one).
    pub(crate) async fn start_on(
        env: &Env,
        kind: ServerKind,
        database: Database,
        dir: tempfile::TempDir,
        extra: &[(&str, String)],
    ) -> Result<Self> {
        let templates = dir.path().join("templates");
        std::fs::create_dir_all(&templates)?;
        for (name, text) in TEMPLATES {
            std::fs::write(templates.join(name), text)?;
        }
        let mut command = match kind {
            ServerKind::Binary => Command::new(&env.server_bin),
            ServerKind::WithBaseline => {
                let mut c = Command::new(&env.bench_bin);
                c.arg("serve");
                c
            }
        };
        clean_env(&mut command);
        command
            .env("TASKER_ENVIRONMENT", "test")
            .env("TASKER_SERVER__BIND", "127.0.0.1:0")
            .env("TASKER_SERVER__HTTP2_MAX_CONCURRENT_STREAMS", "1024")
            .env("TASKER_LOG__FORMAT", "json")
            // Only the start-up lines (the bound address); nothing per request.
            .env("TASKER_LOG__LEVEL", "warn,tasker_server=info")
            .env("TASKER_STORAGE__DATA_DIR", dir.path())
            .env("TASKER_STORAGE__DATABASE_URL", &database.url)
            .env("TASKER_TEMPLATES__DIRECTORY", &templates)
            .env("TASKER_EXAMPLES__EMBEDDED_WORKER", "false")
            // Authentication stays on, with the run's secret; no admin key
            // is printed, and one token may hold every watch stream.
            .env("TASKER_AUTH__JWT_SECRET", &env.auth.secret)
            .env("TASKER_AUTH__BOOTSTRAP_ADMIN_KEY", "false")
            .env("TASKER_AUTH__MAX_WATCH_STREAMS_PER_CREDENTIAL", "1000000");
        for (key, value) in extra {
            command.env(key, value);
        }
        let started = Instant::now();
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start {:?}", command.get_program()))?;
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let stderr = child.stderr.take().ok_or_else(|| anyhow!("no stderr"))?;
        watch_lines(stdout, Some(tx.clone()));
        watch_lines(stderr, Some(tx));
        let found = tokio::task::spawn_blocking(move || {
            let mut addr = None;
            let mut baseline = None;
            let deadline = Instant::now() + Duration::from_secs(60);
            while addr.is_none() || (kind == ServerKind::WithBaseline && baseline.is_none()) {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(left) {
                    Ok(Found::Listening(a)) => addr = Some(a),
                    Ok(Found::Baseline(a)) => baseline = Some(a),
                    Err(_) => break,
                }
            }
            (addr, baseline)
        })
        .await?;
        let listening_after = started.elapsed();
        let mut process = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            baseline: found.1,
            spawned_at: started,
            listening_after,
            database,
            _dir: dir,
        };
        match found.0 {
            Some(addr) => process.addr = addr,
            None => {
                let _ = process.child.kill();
                bail!("the server did not report its address within 60 s");
            }
        }
        Ok(process)
    }

    /// `http://addr`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Process id (for `/proc`).
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the process and drops its database.
    pub(crate) async fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.database.drop_now().await;
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `tasker-worker` with the example handlers, killed when dropped.
#[derive(Debug)]
pub(crate) struct WorkerProcess {
    child: Child,
}

impl WorkerProcess {
    /// Starts a worker for namespace `bench` against `server_url`.
    pub(crate) fn start(env: &Env, server_url: &str, concurrency: usize) -> Result<Self> {
        let mut command = Command::new(&env.worker_bin);
        clean_env(&mut command);
        let child = command
            .env("TASKER_WORKER_ORCHESTRATOR__URL", server_url)
            .env("TASKER_WORKER_ORCHESTRATOR__BEARER_TOKEN", &env.auth.token)
            .env("TASKER_WORKER_EXECUTION__NAMESPACES", "[\"bench\"]")
            .env(
                "TASKER_WORKER_EXECUTION__CONCURRENCY",
                concurrency.to_string(),
            )
            .env(
                "TASKER_WORKER_EXECUTION__CLAIM_BATCH_SIZE",
                concurrency.to_string(),
            )
            .env("TASKER_WORKER_EXECUTION__LONG_POLL_WAIT", "1s")
            .env("TASKER_WORKER_SERVER__BIND", "127.0.0.1:0")
            .env("TASKER_WORKER_TEMPLATES__DIR", "/nonexistent")
            .env("TASKER_WORKER_LOG__LEVEL", "warn")
            .env("TASKER_WORKER_LOG__FORMAT", "json")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start {}", env.worker_bin.display()))?;
        let mut child = child;
        let stderr = child.stderr.take().ok_or_else(|| anyhow!("no stderr"))?;
        // A worker that refuses its configuration exits at once: say why.
        std::thread::sleep(Duration::from_millis(200));
        if let Some(status) = child.try_wait()? {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut text);
            bail!("tasker-worker exited ({status}): {}", text.trim());
        }
        watch_lines(stderr, None);
        Ok(Self { child })
    }

    /// Process id (for `/proc`).
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clean_env(command: &mut Command) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TASKER_") {
            command.env_remove(key);
        }
    }
}

enum Found {
    Listening(SocketAddr),
    Baseline(SocketAddr),
}

/// Reads a child's output on a thread, reporting the addresses it announces
/// (the server's JSON `listening` line; the `serve` mode's baseline line).
fn watch_lines(stream: impl std::io::Read + Send + 'static, tx: Option<mpsc::Sender<Found>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let Some(tx) = &tx else { continue };
            if let Some(addr) = line.strip_prefix(crate::serve::BASELINE_LINE) {
                if let Ok(addr) = addr.trim().parse() {
                    let _ = tx.send(Found::Baseline(addr));
                }
                continue;
            }
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let Some(fields) = value.get("fields") else {
                continue;
            };
            if fields.get("message").and_then(|m| m.as_str()) == Some("listening")
                && let Some(addr) = fields
                    .get("addr")
                    .and_then(|a| a.as_str())
                    .and_then(|a| a.parse().ok())
            {
                let _ = tx.send(Found::Listening(addr));
            }
        }
    });
}

/// Clock ticks per second of `/proc/<pid>/stat` times.
pub(crate) fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .filter(|t| *t > 0)
        .unwrap_or(100)
}

/// CPU time (user + system) of process `pid` so far, in microseconds.
pub(crate) fn cpu_us(pid: u32, ticks: u64) -> Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the parenthesised command name: state is field 3; utime
    // and stime are fields 14 and 15.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| anyhow!("unexpected /proc/{pid}/stat"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11).ok_or_else(|| anyhow!("no utime"))?.parse()?;
    let stime: u64 = fields.get(12).ok_or_else(|| anyhow!("no stime"))?.parse()?;
    Ok((utime + stime) * 1_000_000 / ticks)
}

/// A `/proc/<pid>/status` size in KiB (`VmRSS`, `VmHWM`).
pub(crate) fn status_kib(pid: u32, key: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| anyhow!("{key} missing in /proc/{pid}/status"))
}

/// Server CPU over a span: take one reading before and one after.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CpuMeter {
    pid: u32,
    ticks: u64,
    start: u64,
}

impl CpuMeter {
    /// Starts measuring `pid`.
    pub(crate) fn start(pid: u32, ticks: u64) -> Result<Self> {
        Ok(Self {
            pid,
            ticks,
            start: cpu_us(pid, ticks)?,
        })
    }

    /// CPU microseconds since the start.
    pub(crate) fn elapsed_us(&self) -> Result<u64> {
        Ok(cpu_us(self.pid, self.ticks)?.saturating_sub(self.start))
    }
}
