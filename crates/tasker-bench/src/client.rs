//! Clients of the server: gRPC (tonic), REST over HTTP/1.1 and h2 and
//! hand-framed gRPC-Web (hyper), and the hand-written JSON baseline.
//!
//! Every request gets its credentials from [`Credentials`], the one place
//! that knows about them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use bytes::{Buf, BufMut, Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use prost::Message;
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::{CreateApiKeyRequest, CreateTaskRequest, GetTaskRequest, GetTaskResponse};
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

/// Credentials sent with every request, on every protocol: the run's token,
/// unless `TASKER_BENCH_API_KEY` or `TASKER_BENCH_BEARER_TOKEN` name others.
#[derive(Debug, Clone, Default)]
pub(crate) struct Credentials {
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
}

impl Credentials {
    /// From `TASKER_BENCH_API_KEY` (`x-api-key`) and
    /// `TASKER_BENCH_BEARER_TOKEN` (`authorization: Bearer`), else the run's
    /// own token.
    pub(crate) fn for_run(run: &crate::auth::RunAuth) -> Result<Self> {
        let mut credentials = Self::from_env()?;
        if credentials.headers.is_empty() {
            credentials.headers.push((
                http::header::AUTHORIZATION,
                http::HeaderValue::from_str(&format!("Bearer {}", run.token))
                    .context("the run's token")?,
            ));
        }
        Ok(credentials)
    }

    fn from_env() -> Result<Self> {
        let mut headers = Vec::new();
        if let Ok(key) = std::env::var("TASKER_BENCH_API_KEY")
            && !key.is_empty()
        {
            headers.push((
                http::HeaderName::from_static("x-api-key"),
                http::HeaderValue::from_str(&key).context("TASKER_BENCH_API_KEY")?,
            ));
        }
        if let Ok(token) = std::env::var("TASKER_BENCH_BEARER_TOKEN")
            && !token.is_empty()
        {
            headers.push((
                http::header::AUTHORIZATION,
                http::HeaderValue::from_str(&format!("Bearer {token}"))
                    .context("TASKER_BENCH_BEARER_TOKEN")?,
            ));
        }
        Ok(Self { headers })
    }

    /// An API key (`x-api-key`) alone.
    pub(crate) fn api_key(key: &str) -> Result<Self> {
        Ok(Self {
            headers: vec![(
                http::HeaderName::from_static("x-api-key"),
                http::HeaderValue::from_str(key).context("the API key")?,
            )],
        })
    }

    /// Adds the credentials to an HTTP request being built.
    pub(crate) fn http(&self, mut builder: http::request::Builder) -> http::request::Builder {
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        builder
    }

    /// A tonic interceptor adding the credentials as metadata.
    pub(crate) fn interceptor(&self) -> Auth {
        let mut metadata = Vec::new();
        for (name, value) in &self.headers {
            if let (Ok(key), Ok(value)) = (
                tonic::metadata::AsciiMetadataKey::from_bytes(name.as_str().as_bytes()),
                tonic::metadata::AsciiMetadataValue::try_from(value.as_bytes()),
            ) {
                metadata.push((key, value));
            }
        }
        Auth(Arc::new(metadata))
    }
}

/// The credentials interceptor of every gRPC client.
#[derive(Debug, Clone)]
pub(crate) struct Auth(
    Arc<
        Vec<(
            tonic::metadata::AsciiMetadataKey,
            tonic::metadata::AsciiMetadataValue,
        )>,
    >,
);

impl tonic::service::Interceptor for Auth {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        for (key, value) in self.0.iter() {
            request.metadata_mut().insert(key.clone(), value.clone());
        }
        Ok(request)
    }
}

/// A gRPC channel with credentials.
pub(crate) type Grpc = InterceptedService<Channel, Auth>;

/// Connects a gRPC channel to `url`.
pub(crate) async fn channel(url: &str) -> Result<Channel> {
    Ok(tonic::transport::Endpoint::from_shared(url.to_owned())?
        .connect()
        .await?)
}

/// Task service client on `channel`.
pub(crate) fn tasks(channel: Channel, credentials: &Credentials) -> TaskServiceClient<Grpc> {
    TaskServiceClient::with_interceptor(channel, credentials.interceptor())
}

/// Worker service client on `channel`.
pub(crate) fn workers(channel: Channel, credentials: &Credentials) -> WorkerServiceClient<Grpc> {
    WorkerServiceClient::with_interceptor(channel, credentials.interceptor())
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A CreateTask request for `bench/<name>` with a context unique in this
/// process (identical contexts would be deduplicated as one task).
pub(crate) fn create_request(name: &str) -> CreateTaskRequest {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut context = pbjson_types::Struct::default();
    context.fields.insert(
        "n".into(),
        pbjson_types::Value {
            kind: Some(pbjson_types::value::Kind::NumberValue(n as f64)),
        },
    );
    CreateTaskRequest {
        namespace: "bench".into(),
        name: name.into(),
        context: Some(context),
        ..CreateTaskRequest::default()
    }
}

/// One of the ways into the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) enum Door {
    /// Direct gRPC (tonic client, h2).
    Grpc,
    /// Direct gRPC authenticated with an API key instead of the run's JWT.
    GrpcApiKey,
    /// REST transcoded by the gateway, HTTP/1.1.
    RestH1,
    /// REST transcoded by the gateway, h2 (prior knowledge).
    RestH2,
    /// gRPC-Web, HTTP/1.1.
    WebH1,
    /// gRPC-Web, h2.
    WebH2,
    /// Connect, JSON, HTTP/1.1.
    ConnectJsonH1,
    /// Connect, JSON, h2.
    ConnectJsonH2,
    /// Connect, binary protobuf, HTTP/1.1.
    ConnectProtoH1,
    /// Connect, binary protobuf, h2.
    ConnectProtoH2,
    /// The hand-written axum + serde JSON route, HTTP/1.1.
    Baseline,
}

impl Door {
    /// Every door, in table order.
    pub(crate) const ALL: [Self; 11] = [
        Self::Grpc,
        Self::GrpcApiKey,
        Self::RestH1,
        Self::RestH2,
        Self::WebH1,
        Self::WebH2,
        Self::ConnectJsonH1,
        Self::ConnectJsonH2,
        Self::ConnectProtoH1,
        Self::ConnectProtoH2,
        Self::Baseline,
    ];

    /// Short name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Grpc => "grpc",
            Self::GrpcApiKey => "grpc-api-key",
            Self::RestH1 => "rest-h1",
            Self::RestH2 => "rest-h2",
            Self::WebH1 => "grpc-web-h1",
            Self::WebH2 => "grpc-web-h2",
            Self::ConnectJsonH1 => "connect-json-h1",
            Self::ConnectJsonH2 => "connect-json-h2",
            Self::ConnectProtoH1 => "connect-proto-h1",
            Self::ConnectProtoH2 => "connect-proto-h2",
            Self::Baseline => "hand-written-h1",
        }
    }

    /// The door named `name` (as [`Door::name`] writes it).
    ///
    /// # Errors
    /// The known names, when `name` is none of them.
    pub(crate) fn parse(name: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|door| door.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|door| door.name()).collect();
                format!("unknown door `{name}`; known: {}", known.join(", "))
            })
    }
}

/// The RPC a door is asked to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) enum Op {
    /// GetTask on an existing task.
    GetTask,
    /// CreateTask of `bench/linear4`.
    CreateTask,
}

impl Op {
    /// Short name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::GetTask => "GetTask",
            Self::CreateTask => "CreateTask",
        }
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Clients for every door of one server process.
#[derive(Debug, Clone)]
pub(crate) struct Doors {
    grpc: TaskServiceClient<Grpc>,
    grpc_api_key: TaskServiceClient<Grpc>,
    h1: HttpClient,
    h2: HttpClient,
    base: String,
    baseline: String,
    credentials: Credentials,
    /// The task GetTask reads.
    pub(crate) task_uuid: String,
}

impl Doors {
    /// Connects to `addr` (one port) and `baseline`.
    pub(crate) async fn connect(
        addr: std::net::SocketAddr,
        baseline: std::net::SocketAddr,
        credentials: Credentials,
    ) -> Result<Self> {
        let base = format!("http://{addr}");
        let mut grpc = tasks(channel(&base).await?, &credentials);
        let created = grpc
            .create_task(create_request("linear4"))
            .await?
            .into_inner();
        let task_uuid = created
            .task
            .map(|t| t.task_uuid)
            .ok_or_else(|| anyhow!("CreateTask returned no task"))?;
        // An API key with every permission, created with the run's token,
        // for the API-key door (its own connection).
        let secret =
            AuthServiceClient::with_interceptor(channel(&base).await?, credentials.interceptor())
                .create_api_key(CreateApiKeyRequest {
                    name: "bench".into(),
                    permissions: vec!["*".into()],
                    ..CreateApiKeyRequest::default()
                })
                .await?
                .into_inner()
                .secret;
        let grpc_api_key = tasks(channel(&base).await?, &Credentials::api_key(&secret)?);
        // TCP_NODELAY as tonic's channel sets it: without it, Nagle's
        // algorithm holds a small frame written behind another until the
        // peer's delayed ACK (tens of ms on h2, where callers share one
        // connection).
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let h1 = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(1024)
            .build(connector.clone());
        let h2 = Client::builder(TokioExecutor::new())
            .http2_only(true)
            .build(connector);
        Ok(Self {
            grpc,
            grpc_api_key,
            h1,
            h2,
            base,
            baseline: format!("http://{baseline}"),
            credentials,
            task_uuid,
        })
    }

    /// The statuses REST over HTTP/1.1 and the baseline answer a GetTask
    /// sent without credentials (both refuse it when the server
    /// authenticates).
    pub(crate) async fn anonymous_get(&self) -> Result<[http::StatusCode; 2]> {
        let mut statuses = [http::StatusCode::OK; 2];
        for (status, url) in statuses.iter_mut().zip([
            format!("{}/v1/tasks/{}", self.base, self.task_uuid),
            format!("{}/bench/tasks/{}", self.baseline, self.task_uuid),
        ]) {
            let request = http::Request::get(url).body(Full::new(Bytes::new()))?;
            *status = self.h1.request(request).await?.status();
        }
        Ok(statuses)
    }

    /// Makes one call of `op` through `door`; an error if it did not succeed.
    pub(crate) async fn call(&self, door: Door, op: Op) -> Result<()> {
        match door {
            Door::Grpc | Door::GrpcApiKey => {
                let mut client = if door == Door::Grpc {
                    self.grpc.clone()
                } else {
                    self.grpc_api_key.clone()
                };
                match op {
                    Op::GetTask => {
                        client
                            .get_task(GetTaskRequest {
                                task_uuid: self.task_uuid.clone(),
                            })
                            .await?;
                    }
                    Op::CreateTask => {
                        client.create_task(create_request("linear4")).await?;
                    }
                }
                Ok(())
            }
            Door::RestH1 | Door::RestH2 => {
                let client = if door == Door::RestH1 {
                    &self.h1
                } else {
                    &self.h2
                };
                self.json(client, &self.base, "/v1/tasks", op).await
            }
            Door::Baseline => {
                self.json(&self.h1, &self.baseline, "/bench/tasks", op)
                    .await
            }
            Door::WebH1 | Door::WebH2 => {
                let client = if door == Door::WebH1 {
                    &self.h1
                } else {
                    &self.h2
                };
                self.grpc_web(client, op).await
            }
            Door::ConnectJsonH1 | Door::ConnectJsonH2 => {
                let client = if door == Door::ConnectJsonH1 {
                    &self.h1
                } else {
                    &self.h2
                };
                self.connect_call(client, op, false).await
            }
            Door::ConnectProtoH1 | Door::ConnectProtoH2 => {
                let client = if door == Door::ConnectProtoH1 {
                    &self.h1
                } else {
                    &self.h2
                };
                self.connect_call(client, op, true).await
            }
        }
    }

    /// A unary Connect call, in binary protobuf or JSON.
    async fn connect_call(&self, client: &HttpClient, op: Op, proto: bool) -> Result<()> {
        let (method, body) = match (op, proto) {
            (Op::GetTask, true) => (
                "GetTask",
                GetTaskRequest {
                    task_uuid: self.task_uuid.clone(),
                }
                .encode_to_vec(),
            ),
            (Op::GetTask, false) => (
                "GetTask",
                serde_json::to_vec(&serde_json::json!({"taskUuid": self.task_uuid}))?,
            ),
            (Op::CreateTask, true) => ("CreateTask", create_request("linear4").encode_to_vec()),
            (Op::CreateTask, false) => (
                "CreateTask",
                serde_json::to_vec(&create_request("linear4"))?,
            ),
        };
        let content_type = if proto {
            "application/proto"
        } else {
            "application/json"
        };
        let request = self
            .credentials
            .http(http::Request::post(format!(
                "{}/tasker.v1.TaskService/{method}",
                self.base
            )))
            .header(http::header::CONTENT_TYPE, content_type)
            .header("connect-protocol-version", "1")
            .body(Full::new(Bytes::from(body)))?;
        let response = client.request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if !status.is_success() {
            bail!("HTTP {status}: {}", String::from_utf8_lossy(&body));
        }
        match (op, proto) {
            (Op::GetTask, true) => {
                GetTaskResponse::decode(body)?;
            }
            (_, false) => {
                let _: serde_json::Value = serde_json::from_slice(&body)?;
            }
            (Op::CreateTask, true) => {}
        }
        Ok(())
    }

    async fn json(&self, client: &HttpClient, base: &str, path: &str, op: Op) -> Result<()> {
        let request = match op {
            Op::GetTask => self
                .credentials
                .http(http::Request::get(format!(
                    "{base}{path}/{}",
                    self.task_uuid
                )))
                .body(Full::new(Bytes::new()))?,
            Op::CreateTask => self
                .credentials
                .http(http::Request::post(format!("{base}{path}")))
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(Full::new(Bytes::from(serde_json::to_vec(
                    &create_request("linear4"),
                )?)))?,
        };
        let response = client.request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        if !status.is_success() {
            bail!("HTTP {status}: {}", String::from_utf8_lossy(&body));
        }
        let _: serde_json::Value = serde_json::from_slice(&body)?;
        Ok(())
    }

    async fn grpc_web(&self, client: &HttpClient, op: Op) -> Result<()> {
        let (method, message) = match op {
            Op::GetTask => (
                "GetTask",
                GetTaskRequest {
                    task_uuid: self.task_uuid.clone(),
                }
                .encode_to_vec(),
            ),
            Op::CreateTask => ("CreateTask", create_request("linear4").encode_to_vec()),
        };
        let mut body = BytesMut::with_capacity(message.len() + 5);
        body.put_u8(0);
        body.put_u32(u32::try_from(message.len())?);
        body.put_slice(&message);
        let request = self
            .credentials
            .http(http::Request::post(format!(
                "{}/tasker.v1.TaskService/{method}",
                self.base
            )))
            .header(http::header::CONTENT_TYPE, "application/grpc-web+proto")
            .header("x-grpc-web", "1")
            .body(Full::new(body.freeze()))?;
        let response = client.request(request).await?;
        let header_status = response
            .headers()
            .get("grpc-status")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = response.into_body().collect().await?.to_bytes();
        let mut status = header_status;
        while body.len() >= 5 {
            let flag = body.get_u8();
            let len = usize::try_from(body.get_u32())?;
            if body.len() < len {
                bail!("truncated gRPC-Web frame");
            }
            let frame = body.split_to(len);
            if flag & 0x80 != 0 {
                let text = String::from_utf8_lossy(&frame);
                for line in text.split("\r\n") {
                    if let Some((name, value)) = line.split_once(':')
                        && name.trim().eq_ignore_ascii_case("grpc-status")
                    {
                        status = Some(value.trim().to_owned());
                    }
                }
            } else if op == Op::GetTask {
                GetTaskResponse::decode(frame)?;
            }
        }
        match status.as_deref() {
            Some("0") => Ok(()),
            other => Err(anyhow!("gRPC-Web status {other:?}")),
        }
    }
}
