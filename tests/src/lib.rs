//! Harness for end-to-end tests: starts the real `tasker-server` binary on port
//! 0 with its own data directory (and, for PostgreSQL, its own database), waits
//! until it listens, and tears everything down when dropped.
//!
//! The binaries must be built first (`cargo build --bins`, which the test
//! command does); set `TASKER_E2E_BIN_DIR` to use binaries from elsewhere.
//!
//! Servers run with authentication on: the harness configures the HS256
//! secret [`TEST_JWT_SECRET`], reads the admin API key the server prints on
//! its first start, and attaches it to the clients it builds
//! ([`TestServer::channel`], [`TestServer::http`]) and to [`TestWorker`]s.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// HS256 secret every test server is configured with (tests sign their own
/// tokens with it).
pub const TEST_JWT_SECRET: &str = "e2e-7Q2vX9kLmP4rT8wZ1yB6nC3dF5gH0jK";

/// The line a server prints once on its first start, before the key.
pub const ADMIN_KEY_MARKER: &str = "admin API key (shown once): ";

/// Adds an API key (`x-api-key`) to every call.
#[derive(Clone)]
pub struct ApiKeyInterceptor {
    key: Option<tonic::metadata::AsciiMetadataValue>,
}

impl ApiKeyInterceptor {
    /// Sends `key` (none when empty or not ASCII).
    pub fn new(key: &str) -> Self {
        Self {
            key: (!key.is_empty()).then(|| key.parse().ok()).flatten(),
        }
    }
}

impl std::fmt::Debug for ApiKeyInterceptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKeyInterceptor([redacted])")
    }
}

impl tonic::service::Interceptor for ApiKeyInterceptor {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(key) = &self.key {
            request.metadata_mut().insert("x-api-key", key.clone());
        }
        Ok(request)
    }
}

/// A gRPC channel sending the admin API key with every call.
pub type AuthChannel =
    tonic::service::interceptor::InterceptedService<tonic::transport::Channel, ApiKeyInterceptor>;

/// Result type of the harness and the tests.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub mod http1;
pub mod node;
pub mod sdk;

/// Directory holding the workspace binaries.
pub fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TASKER_E2E_BIN_DIR") {
        return PathBuf::from(dir);
    }
    // target/<profile>/deps/<test-binary> → target/<profile>
    let exe = std::env::current_exe().unwrap_or_default();
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Path of a workspace binary, checked to exist.
pub fn binary(name: &str) -> TestResult<PathBuf> {
    let path = bin_dir().join(name);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found: run `cargo build --bins` before the tests",
            path.display()
        )
        .into())
    }
}

/// Root of the repository (for external clients' files).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// URL of the PostgreSQL server used to create per-test databases.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Whether the PostgreSQL half of the suite can run. When the server is not
/// reachable: an error if `TASKER_REQUIRE_POSTGRES` is set (the test command
/// sets it, so CI fails), otherwise a loud warning and `false` (the test then
/// passes without running).
pub async fn postgres_available() -> TestResult<bool> {
    use sqlx::Connection as _;
    match sqlx::PgConnection::connect(&postgres_admin_url()).await {
        Ok(connection) => {
            let _ = connection.close().await;
            Ok(true)
        }
        Err(error) if std::env::var_os("TASKER_REQUIRE_POSTGRES").is_some() => Err(format!(
            "PostgreSQL is required (TASKER_REQUIRE_POSTGRES) but unreachable at {}: {error}",
            postgres_admin_url()
        )
        .into()),
        Err(error) => {
            // Written to the stderr handle rather than with `eprintln!`, which
            // the test harness captures and hides for passing tests.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPING the PostgreSQL half of this test: {} is unreachable ({error}).\n!!! Start PostgreSQL or set TEST_POSTGRES_URL; CI sets TASKER_REQUIRE_POSTGRES and fails instead.\n",
                postgres_admin_url()
            );
            Ok(false)
        }
    }
}

/// Two tests running `scenario(backend)`: one on SQLite, one on PostgreSQL
/// (skipped loudly, or failing under `TASKER_REQUIRE_POSTGRES`, when
/// PostgreSQL is unreachable).
#[macro_export]
macro_rules! on_both_backends {
    ($scenario:ident => $sqlite:ident, $postgres:ident) => {
        #[tokio::test]
        async fn $sqlite() -> $crate::TestResult {
            $scenario($crate::Backend::Sqlite).await
        }

        #[tokio::test]
        async fn $postgres() -> $crate::TestResult {
            if !$crate::postgres_available().await? {
                return Ok(());
            }
            $scenario($crate::Backend::Postgres).await
        }
    };
}

/// Which database a test server uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in the server's temporary data directory.
    Sqlite,
    /// A fresh PostgreSQL database, dropped afterwards.
    Postgres,
}

/// A PostgreSQL database created for one test and dropped with it.
#[derive(Debug)]
pub struct TempDatabase {
    name: String,
    url: String,
}

impl TempDatabase {
    /// Creates a database with a unique name.
    pub async fn create() -> TestResult<Self> {
        let admin = postgres_admin_url();
        let name = format!("tasker_e2e_{}", uuid::Uuid::now_v7().simple());
        let pool = sqlx::PgPool::connect(&admin).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await?;
        pool.close().await;
        let base = admin
            .rsplit_once('/')
            .map(|(base, _)| base)
            .unwrap_or(&admin);
        Ok(Self {
            url: format!("{base}/{name}"),
            name,
        })
    }

    /// URL of the database.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop on a separate thread with its own runtime: Drop may run inside
        // a runtime, where blocking on a future is not allowed.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                if let Ok(pool) = sqlx::PgPool::connect(&postgres_admin_url()).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&pool)
                    .await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// A running `tasker-server`, killed when dropped.
#[derive(Debug)]
pub struct TestServer {
    child: Child,
    addr: SocketAddr,
    logs: Arc<Mutex<Vec<String>>>,
    data_dir: tempfile::TempDir,
    database_url: Option<String>,
    admin_key: String,
    _database: Option<TempDatabase>,
}

impl TestServer {
    /// Starts a server on the embedded SQLite default.
    pub async fn start() -> TestResult<Self> {
        Self::start_with(Backend::Sqlite, &[]).await
    }

    /// Starts a server on `backend` with extra environment variables; an empty
    /// value removes the variable the harness would otherwise set.
    pub async fn start_with(backend: Backend, env: &[(&str, &str)]) -> TestResult<Self> {
        let database = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(TempDatabase::create().await?),
        };
        let url = database.as_ref().map(|d| d.url().to_owned());
        Self::spawn(url, database, env, None).await
    }

    /// Starts two servers at the same moment on one new PostgreSQL database
    /// with the schema in place but no API key (the first owns the
    /// database). Each reads the admin key it printed, if any: of the two,
    /// exactly one should.
    pub async fn start_pair_on_postgres(env: &[(&str, &str)]) -> TestResult<(Self, Self)> {
        let database = TempDatabase::create().await?;
        let url = database.url().to_owned();
        // Migrate first, so the two start-ups meet at the admin key rather
        // than queue behind the migration lock.
        let mut migrator = Self::spawn(
            Some(url.clone()),
            None,
            &[("TASKER_AUTH__BOOTSTRAP_ADMIN_KEY", "false")],
            Some(String::new()),
        )
        .await?;
        migrator.terminate().await?;
        tokio::try_join!(
            Self::spawn(Some(url.clone()), Some(database), env, None),
            Self::spawn(Some(url), None, env, None),
        )
    }

    /// Starts another server on this server's PostgreSQL database (several
    /// instances sharing one database).
    pub async fn start_sibling(&self, env: &[(&str, &str)]) -> TestResult<Self> {
        let url = self
            .database_url
            .clone()
            .ok_or("siblings share a PostgreSQL database; this server has none")?;
        Self::spawn(Some(url), None, env, Some(self.admin_key.clone())).await
    }

    /// Starts a server; `admin_key` is the key of a database that already
    /// has one (otherwise the server prints a new one, which is read).
    async fn spawn(
        database_url: Option<String>,
        database: Option<TempDatabase>,
        env: &[(&str, &str)],
        admin_key: Option<String>,
    ) -> TestResult<Self> {
        let data_dir = tempfile::tempdir()?;
        let mut command = server_command(data_dir.path())?;
        if let Some(url) = &database_url {
            command.env("TASKER_STORAGE__DATABASE_URL", url);
        }
        for (key, value) in env {
            if value.is_empty() {
                command.env_remove(key);
            } else {
                command.env(key, value);
            }
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (addr_tx, addr_rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        collect_lines(stdout, Arc::clone(&logs), Some(addr_tx), None);
        collect_lines(stderr, Arc::clone(&logs), None, None);
        let addr =
            tokio::task::spawn_blocking(move || addr_rx.recv_timeout(Duration::from_secs(30)))
                .await?;
        let mut server = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            logs,
            data_dir,
            database_url,
            admin_key: admin_key.clone().unwrap_or_default(),
            _database: database,
        };
        match addr {
            Ok(addr) => {
                server.addr = addr;
                if admin_key.is_none() {
                    server.admin_key = server.wait_for_admin_key().await.unwrap_or_default();
                }
                Ok(server)
            }
            Err(_) => Err(format!(
                "server did not start listening; output:\n{}",
                server.output()
            )
            .into()),
        }
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://addr`, for clients.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The PostgreSQL database URL, when the server runs on one.
    pub fn database_url(&self) -> Option<&str> {
        self.database_url.as_deref()
    }

    /// The server's data directory.
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// The admin API key the server printed on its first start (empty when
    /// it printed none, e.g. with `TASKER_AUTH__BOOTSTRAP_ADMIN_KEY=false`).
    pub fn admin_key(&self) -> &str {
        &self.admin_key
    }

    /// The admin key lines printed so far (one per first start).
    pub fn printed_admin_keys(&self) -> Vec<String> {
        self.logs
            .lock()
            .map(|logs| logs.iter().filter_map(|l| admin_key_in(l)).collect())
            .unwrap_or_default()
    }

    /// Waits (briefly) for the admin key line: stderr is read on its own
    /// thread and may trail the `listening` line on stdout.
    async fn wait_for_admin_key(&self) -> Option<String> {
        for _ in 0..100 {
            if let Some(key) = self.printed_admin_keys().into_iter().next() {
                return Some(key);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    /// A gRPC channel to the server sending the admin API key.
    pub async fn channel(&self) -> TestResult<AuthChannel> {
        Ok(tonic::service::interceptor::InterceptedService::new(
            self.raw_channel().await?,
            ApiKeyInterceptor::new(&self.admin_key),
        ))
    }

    /// A gRPC channel to the server without any credential.
    pub async fn raw_channel(&self) -> TestResult<tonic::transport::Channel> {
        Ok(tonic::transport::Endpoint::from_shared(self.url())?
            .connect()
            .await?)
    }

    /// An HTTP client sending the admin API key (`x-api-key`) with every
    /// request.
    pub fn http(&self) -> TestResult<reqwest::Client> {
        let mut headers = reqwest::header::HeaderMap::new();
        if !self.admin_key.is_empty() {
            headers.insert("x-api-key", self.admin_key.parse()?);
        }
        Ok(reqwest::Client::builder()
            .default_headers(headers)
            .build()?)
    }

    /// Everything the server printed so far.
    pub fn output(&self) -> String {
        self.logs.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// Everything the server printed, once a line for which `wanted` holds
    /// was printed (or 5 s passed): a log line may trail the answer it
    /// belongs to, since lines are read from the process's pipe.
    pub async fn output_with(&self, wanted: impl Fn(&str) -> bool) -> String {
        for _ in 0..100 {
            let output = self.output();
            if output.lines().any(&wanted) {
                return output;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.output()
    }

    /// Kills the server with SIGKILL (no shutdown at all) and starts it again
    /// on the same data directory and database.
    pub async fn crash_and_restart(&mut self, env: &[(&str, &str)]) -> TestResult {
        self.child.kill()?;
        self.child.wait()?;
        let mut command = server_command(self.data_dir.path())?;
        if let Some(url) = &self.database_url {
            command.env("TASKER_STORAGE__DATABASE_URL", url);
        }
        command.envs(env.iter().copied());
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (addr_tx, addr_rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        collect_lines(stdout, Arc::clone(&self.logs), Some(addr_tx), None);
        collect_lines(stderr, Arc::clone(&self.logs), None, None);
        self.child = child;
        let addr =
            tokio::task::spawn_blocking(move || addr_rx.recv_timeout(Duration::from_secs(30)))
                .await?;
        self.addr =
            addr.map_err(|_| format!("server did not restart; output:\n{}", self.output()))?;
        Ok(())
    }

    /// Sends SIGTERM and waits for the process to exit, without blocking the
    /// runtime (client connections of the test keep being driven).
    pub async fn terminate(&mut self) -> TestResult<ExitStatus> {
        match terminate_child(&mut self.child, Duration::from_secs(10)).await? {
            Some(status) => Ok(status),
            None => Err(format!(
                "server did not exit after SIGTERM; output:\n{}",
                self.output()
            )
            .into()),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `tasker-worker` process with the example handlers, killed when
/// dropped.
#[derive(Debug)]
pub struct TestWorker {
    child: Child,
    addr: SocketAddr,
    logs: Arc<Mutex<Vec<String>>>,
}

impl TestWorker {
    /// Starts a worker against `server` serving `namespaces`, on port 0.
    pub async fn start(server: &TestServer, namespaces: &str) -> TestResult<Self> {
        Self::start_with(server, namespaces, &[]).await
    }

    /// Starts a worker with extra environment variables, and waits until
    /// its own port listens.
    pub async fn start_with(
        server: &TestServer,
        namespaces: &str,
        env: &[(&str, &str)],
    ) -> TestResult<Self> {
        let mut command = Command::new(binary("tasker-worker")?);
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TASKER_") {
                command.env_remove(key);
            }
        }
        command
            .env("TASKER_WORKER_ORCHESTRATOR__URL", server.url())
            .env("TASKER_WORKER_ORCHESTRATOR__API_KEY", server.admin_key())
            .env("TASKER_WORKER_EXECUTION__NAMESPACES", namespaces)
            .env("TASKER_WORKER_EXECUTION__LONG_POLL_WAIT", "1s")
            .env("TASKER_WORKER_SERVER__BIND", "127.0.0.1:0")
            .env(
                "TASKER_WORKER_TEMPLATES__DIR",
                repo_root().join("config/templates"),
            )
            .env("TASKER_WORKER_LOG__FORMAT", "json")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn()?;
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (addr_tx, addr_rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        collect_lines(stdout, Arc::clone(&logs), Some(addr_tx), None);
        collect_lines(stderr, Arc::clone(&logs), None, None);
        let addr =
            tokio::task::spawn_blocking(move || addr_rx.recv_timeout(Duration::from_secs(30)))
                .await?;
        let mut worker = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            logs,
        };
        worker.addr = addr.map_err(|_| {
            format!(
                "worker did not start listening; output:\n{}",
                worker.output()
            )
        })?;
        Ok(worker)
    }

    /// The address of the worker's own port.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://addr` of the worker's own port (gRPC, gRPC-Web, REST).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Everything the worker printed so far.
    pub fn output(&self) -> String {
        self.logs.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// Kills the worker at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for TestWorker {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A self-signed server certificate for `localhost` and 127.0.0.1 (ECDSA
/// P-256, valid one day), written by `openssl` into `dir`: `(cert, key)`
/// PEM files.
pub fn self_signed_certificate(dir: &Path) -> TestResult<(PathBuf, PathBuf)> {
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    let generated = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt"])
        .arg("ec_paramgen_curve:prime256v1")
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        // A server certificate, not an authority: rustls refuses a CA
        // certificate as the peer's own.
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()?;
    if !generated.status.success() {
        return Err(format!("openssl: {}", String::from_utf8_lossy(&generated.stderr)).into());
    }
    Ok((cert, key))
}

/// A `tasker-server` command with a clean `TASKER_*` environment, JSON logs,
/// port 0 and the given data directory.
pub fn server_command(data_dir: &Path) -> TestResult<Command> {
    let mut command = Command::new(binary("tasker-server")?);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TASKER_") {
            command.env_remove(key);
        }
    }
    command
        .env("TASKER_ENVIRONMENT", "test")
        .env("TASKER_SERVER__BIND", "127.0.0.1:0")
        .env("TASKER_LOG__FORMAT", "json")
        .env("TASKER_LOG__LEVEL", "info")
        .env("TASKER_STORAGE__DATA_DIR", data_dir)
        .env("TASKER_AUTH__JWT_SECRET", TEST_JWT_SECRET)
        .stdin(Stdio::null());
    Ok(command)
}

/// Sends SIGTERM to `child` and waits up to `wait` for it to exit, without
/// blocking the runtime; `None` when it is still running then.
async fn terminate_child(child: &mut Child, wait: Duration) -> TestResult<Option<ExitStatus>> {
    sigterm(child)?;
    wait_for_exit(child, wait).await
}

/// Sends SIGTERM to `child`.
fn sigterm(child: &Child) -> TestResult {
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err("kill -TERM failed".into())
    }
}

/// Waits up to `wait` for `child` to exit, without blocking the runtime;
/// `None` when it is still running then.
async fn wait_for_exit(child: &mut Child, wait: Duration) -> TestResult<Option<ExitStatus>> {
    let deadline = tokio::time::Instant::now() + wait;
    while tokio::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(None)
}

/// Reads `stream` line by line on a thread of its own into `logs`; sends the
/// address of a `listening` line to `addr_tx` and every line to `lines_tx`.
fn collect_lines(
    stream: impl std::io::Read + Send + 'static,
    logs: Arc<Mutex<Vec<String>>>,
    addr_tx: Option<mpsc::Sender<SocketAddr>>,
    lines_tx: Option<mpsc::Sender<String>>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(tx) = &addr_tx
                && let Some(addr) = listening_addr(&line)
            {
                let _ = tx.send(addr);
            }
            if let Some(tx) = &lines_tx {
                let _ = tx.send(line.clone());
            }
            if let Ok(mut logs) = logs.lock() {
                logs.push(line);
            }
        }
    });
}

/// The key of an admin key line.
fn admin_key_in(line: &str) -> Option<String> {
    let (_, rest) = line.split_once(ADMIN_KEY_MARKER)?;
    rest.split_whitespace().next().map(str::to_owned)
}

/// The address of a JSON `listening` log line.
fn listening_addr(line: &str) -> Option<SocketAddr> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let fields = value.get("fields")?;
    if fields.get("message")?.as_str()? != "listening" {
        return None;
    }
    fields.get("addr")?.as_str()?.parse().ok()
}
