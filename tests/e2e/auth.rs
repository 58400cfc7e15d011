//! Authentication and permissions against a real server, derived from the
//! schema: every RPC of `tasker.v1` with a non-public rule is called over
//! gRPC, gRPC-Web and REST (its `google.api.http` binding) with each kind of
//! bad credential, and must be refused with the right code and without
//! effect; each permission admits exactly the RPCs that declare it.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::{Buf as _, BufMut as _};
use futures_util::future::join_all;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tasker_auth::{AccessTable, Permission, Requirement};
use tasker_e2e::{Backend, TEST_JWT_SECRET, TestResult, TestServer, TestWorker, repo_root};
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;
use tonic::Code;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};

const RSA_KID: &str = "e2e-rsa";
const RSA_PRIVATE: &str = include_str!("../../crates/tasker-auth/tests/fixtures/rsa_private.pem");
const RSA_PUBLIC: &str = include_str!("../../crates/tasker-auth/tests/fixtures/rsa_public.pem");
const ISSUER: &str = "tasker";
const AUDIENCE: &str = "tasker";

/// A server with the harness's HS256 secret and the fixture RS256 public key.
pub(crate) async fn auth_server(
    dir: &tempfile::TempDir,
    extra: &[(&str, &str)],
) -> TestResult<TestServer> {
    let file = dir.path().join("auth.toml");
    let pem = repo_root().join("crates/tasker-auth/tests/fixtures/rsa_public.pem");
    std::fs::write(
        &file,
        format!(
            "[auth]\nleeway_seconds = 5\n[[auth.public_keys]]\nkid = \"{RSA_KID}\"\nalgorithm = \"RS256\"\npem_file = {:?}\n",
            pem.display().to_string()
        ),
    )?;
    let file = file.to_string_lossy().into_owned();
    let mut env = vec![("TASKER_CONFIG", file.as_str())];
    env.extend_from_slice(extra);
    TestServer::start_with(Backend::Sqlite, &env).await
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Valid claims carrying `permissions` (and `namespaces`).
fn claims(permissions: &[String]) -> Value {
    let now = now();
    json!({
        "sub": "user:e2e",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "nbf": now - 10,
        "exp": now + 600,
        "permissions": permissions,
    })
}

fn sign(alg: Algorithm, kid: Option<&str>, claims: &Value, key: &EncodingKey) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, key).unwrap_or_default()
}

fn hs256(claims: &Value) -> String {
    sign(
        Algorithm::HS256,
        None,
        claims,
        &EncodingKey::from_secret(TEST_JWT_SECRET.as_bytes()),
    )
}

fn rs256(claims: &Value, kid: &str) -> String {
    match EncodingKey::from_rsa_pem(RSA_PRIVATE.as_bytes()) {
        Ok(key) => sign(Algorithm::RS256, Some(kid), claims, &key),
        Err(_) => String::new(),
    }
}

/// A token with the given header, unsigned.
fn unsigned(header: &Value, claims: &Value) -> String {
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

fn bearer(token: &str) -> Vec<(String, String)> {
    vec![("authorization".into(), format!("Bearer {token}"))]
}

pub(crate) fn api_key(key: &str) -> Vec<(String, String)> {
    vec![("x-api-key".into(), key.into())]
}

/// An RPC of the schema with its rule, streaming kind and REST binding.
#[derive(Debug, Clone)]
pub(crate) struct Rpc {
    /// `/tasker.v1.Service/Method`.
    pub(crate) path: String,
    /// `Method`.
    pub(crate) name: String,
    requirement: Requirement,
    server_streaming: bool,
    route: Option<&'static tasker_gateway::RouteSpec>,
    /// Served on a worker's own port (package `tasker.worker.v1`), not by
    /// the server.
    pub(crate) worker_process: bool,
}

/// The RPCs one kind of process serves: the server's (`worker: false`) or a
/// worker's own port's.
fn rpcs_of(worker: bool) -> TestResult<Vec<Rpc>> {
    let rpcs: Vec<Rpc> = rpcs()?
        .into_iter()
        .filter(|r| r.worker_process == worker)
        .collect();
    if rpcs.is_empty() {
        return Err(format!(
            "no RPC served by {}",
            if worker { "workers" } else { "the server" }
        )
        .into());
    }
    Ok(rpcs)
}

/// Every RPC of `tasker.v1` and of a worker port's `tasker.worker.v1`, from
/// the descriptor sets, each with the rule of the process that serves it.
pub(crate) fn rpcs() -> TestResult<Vec<Rpc>> {
    let pool = tasker_proto::all_descriptor_pool()?;
    let server = AccessTable::tasker_v1()?;
    let worker = AccessTable::tasker_worker_v1()?;
    let mut rpcs = Vec::new();
    for service in pool.services() {
        let worker_process = match service.package_name() {
            "tasker.v1" => false,
            "tasker.worker.v1" => true,
            _ => continue,
        };
        let table = if worker_process { &worker } else { &server };
        for method in service.methods() {
            let path = tasker_proto::auth::grpc_path(&method);
            let full_name = method.full_name().to_owned();
            rpcs.push(Rpc {
                requirement: table.requirement(&path),
                name: method.name().to_owned(),
                server_streaming: method.is_server_streaming(),
                route: tasker_proto::ROUTES
                    .iter()
                    .chain(tasker_proto::worker::ROUTES)
                    .find(|r| r.method == full_name),
                worker_process,
                path,
            });
        }
    }
    Ok(rpcs)
}

/// Passes protobuf bytes through unchanged, so any RPC can be called.
#[derive(Debug, Clone, Copy, Default)]
struct RawCodec;

#[derive(Debug, Clone, Copy, Default)]
struct RawEncoder;

#[derive(Debug, Clone, Copy, Default)]
struct RawDecoder;

impl Codec for RawCodec {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = RawEncoder;
    type Decoder = RawDecoder;

    fn encoder(&mut self) -> Self::Encoder {
        RawEncoder
    }

    fn decoder(&mut self) -> Self::Decoder {
        RawDecoder
    }
}

impl Encoder for RawEncoder {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn encode(&mut self, item: Vec<u8>, dst: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for RawDecoder {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, tonic::Status> {
        let mut bytes = vec![0; src.remaining()];
        src.copy_to_slice(&mut bytes);
        Ok(Some(bytes))
    }
}

/// The three doors of the one port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protocol {
    Grpc,
    GrpcWeb,
    Rest,
    /// Connect with protobuf bodies: unary, or enveloped for streams.
    Connect,
}

pub(crate) const PROTOCOLS: [Protocol; 4] = [
    Protocol::Grpc,
    Protocol::GrpcWeb,
    Protocol::Rest,
    Protocol::Connect,
];

/// What an RPC answered.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub(crate) code: Code,
    pub(crate) message: String,
    www_authenticate: Option<String>,
    http_status: Option<u16>,
}

/// One request: protobuf bytes for gRPC / gRPC-Web and the same message as
/// proto3 JSON for REST.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub(crate) proto: Vec<u8>,
    pub(crate) json: Value,
}

fn body<M: prost::Message + serde::Serialize>(message: &M) -> Body {
    Body {
        proto: message.encode_to_vec(),
        json: serde_json::to_value(message).unwrap_or(Value::Null),
    }
}

/// Connections shared by every call of a suite.
pub(crate) struct Doors {
    base: String,
    channel: tonic::transport::Channel,
    http: reqwest::Client,
}

impl Doors {
    async fn new(server: &TestServer) -> TestResult<Self> {
        Self::at(server.url()).await
    }

    /// Doors of the process listening at `base` (`http://addr`).
    pub(crate) async fn at(base: String) -> TestResult<Self> {
        Ok(Self {
            channel: tonic::transport::Endpoint::from_shared(base.clone())?
                .connect()
                .await?,
            base,
            http: reqwest::Client::new(),
        })
    }

    pub(crate) async fn call(
        &self,
        protocol: Protocol,
        rpc: &Rpc,
        body: &Body,
        credential: &[(String, String)],
    ) -> TestResult<Answer> {
        match protocol {
            Protocol::Grpc => self.grpc(rpc, body, credential).await,
            Protocol::GrpcWeb => self.grpc_web(rpc, body, credential).await,
            Protocol::Rest => self.rest(rpc, body, credential).await,
            Protocol::Connect => self.connect(rpc, body, credential).await,
        }
    }

    /// A Connect call with a protobuf body. A unary answer's error is
    /// Connect error JSON with its HTTP status; a stream's is in its
    /// end-of-stream message, which a refused stream sends at once (an
    /// admitted one may stay open: nothing within a few seconds is success).
    async fn connect(
        &self,
        rpc: &Rpc,
        body: &Body,
        credential: &[(String, String)],
    ) -> TestResult<Answer> {
        let (content_type, payload) = if rpc.server_streaming {
            let mut frame = Vec::with_capacity(body.proto.len() + 5);
            frame.push(0u8);
            frame.extend_from_slice(&u32::try_from(body.proto.len())?.to_be_bytes());
            frame.extend_from_slice(&body.proto);
            ("application/connect+proto", frame)
        } else {
            ("application/proto", body.proto.clone())
        };
        let mut request = self
            .http
            .post(format!("{}{}", self.base, rpc.path))
            .header("content-type", content_type)
            .header("connect-protocol-version", "1")
            .timeout(Duration::from_secs(10))
            .body(payload);
        for (name, value) in credential {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = request.send().await?;
        let http_status = response.status().as_u16();
        let mut www_authenticate = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let error = if !rpc.server_streaming || http_status != 200 {
            if http_status == 200 {
                None
            } else {
                Some(response.json::<Value>().await.unwrap_or(Value::Null))
            }
        } else {
            // The first envelope, if one comes soon.
            let mut bytes = Vec::new();
            let first = tokio::time::timeout(Duration::from_secs(3), async {
                while let Some(chunk) = response.chunk().await? {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() >= 5 {
                        let len = usize::try_from(u32::from_be_bytes([
                            bytes[1], bytes[2], bytes[3], bytes[4],
                        ]))?;
                        if bytes.len() >= 5 + len {
                            return Ok::<_, Box<dyn std::error::Error + Send + Sync>>(Some((
                                bytes[0],
                                bytes[5..5 + len].to_vec(),
                            )));
                        }
                    }
                }
                Ok(None)
            })
            .await;
            match first {
                Ok(Ok(Some((flags, message)))) if flags & 0x02 != 0 => {
                    let end: Value = serde_json::from_slice(&message).unwrap_or(Value::Null);
                    if let Some(value) = end["metadata"]["www-authenticate"]
                        .get(0)
                        .and_then(Value::as_str)
                    {
                        www_authenticate = Some(value.to_owned());
                    }
                    end.get("error").cloned()
                }
                Ok(Ok(Some(_)) | Ok(None)) | Err(_) => None,
                Ok(Err(e)) => return Err(format!("Connect stream {}: {e}", rpc.path).into()),
            }
        };
        let Some(error) = error else {
            return Ok(Answer {
                code: Code::Ok,
                message: String::new(),
                www_authenticate,
                http_status: (!rpc.server_streaming).then_some(http_status),
            });
        };
        let name = error["code"].as_str().unwrap_or("unknown");
        let code = match name {
            "canceled" => Code::Cancelled,
            name => tasker_proto::pb::google::rpc::Code::from_str_name(&name.to_ascii_uppercase())
                .map_or(Code::Unknown, |c| Code::from(c as i32)),
        };
        Ok(Answer {
            code,
            message: error["message"].as_str().unwrap_or_default().to_owned(),
            www_authenticate,
            http_status: (!rpc.server_streaming).then_some(http_status),
        })
    }

    async fn grpc(
        &self,
        rpc: &Rpc,
        body: &Body,
        credential: &[(String, String)],
    ) -> TestResult<Answer> {
        let mut grpc = tonic::client::Grpc::new(self.channel.clone());
        grpc.ready().await?;
        let mut request = tonic::Request::new(body.proto.clone());
        request.set_timeout(Duration::from_secs(10));
        for (name, value) in credential {
            let name: tonic::metadata::AsciiMetadataKey = name.parse()?;
            match value.parse() {
                Ok(value) => {
                    request.metadata_mut().append(name, value);
                }
                Err(_) => return Err(format!("credential {value:?} is not ASCII").into()),
            }
        }
        let path: tonic::codegen::http::uri::PathAndQuery = rpc.path.parse()?;
        let result = if rpc.server_streaming {
            grpc.server_streaming(request, path, RawCodec)
                .await
                .map(|_| ())
        } else {
            grpc.unary(request, path, RawCodec).await.map(|_| ())
        };
        Ok(match result {
            Ok(()) => Answer {
                code: Code::Ok,
                message: String::new(),
                www_authenticate: None,
                http_status: None,
            },
            Err(status) => Answer {
                code: status.code(),
                message: status.message().to_owned(),
                www_authenticate: status
                    .metadata()
                    .get("www-authenticate")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
                http_status: None,
            },
        })
    }

    async fn grpc_web(
        &self,
        rpc: &Rpc,
        body: &Body,
        credential: &[(String, String)],
    ) -> TestResult<Answer> {
        let mut frame = Vec::with_capacity(body.proto.len() + 5);
        frame.push(0u8);
        frame.extend_from_slice(&u32::try_from(body.proto.len())?.to_be_bytes());
        frame.extend_from_slice(&body.proto);
        let mut request = self
            .http
            .post(format!("{}{}", self.base, rpc.path))
            .header("content-type", "application/grpc-web+proto")
            .header("x-grpc-web", "1")
            .timeout(Duration::from_secs(10))
            .body(frame);
        for (name, value) in credential {
            request = request.header(name.as_str(), value.as_str());
        }
        let response = request.send().await?;
        let headers = response.headers().clone();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut status = header("grpc-status");
        let mut message = header("grpc-message");
        if status.is_none() {
            // Trailers travel in the body, in a frame flagged 0x80.
            let mut bytes = response.bytes().await?;
            while bytes.len() >= 5 {
                let flag = bytes.get_u8();
                let len = usize::try_from(bytes.get_u32())?;
                let payload = bytes.split_to(len.min(bytes.len()));
                if flag & 0x80 != 0 {
                    for line in String::from_utf8_lossy(&payload).split("\r\n") {
                        if let Some((name, value)) = line.split_once(':') {
                            match name.trim().to_ascii_lowercase().as_str() {
                                "grpc-status" => status = Some(value.trim().to_owned()),
                                "grpc-message" => message = Some(value.trim().to_owned()),
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
        let code = status
            .and_then(|s| s.parse::<i32>().ok())
            .map(Code::from)
            .ok_or_else(|| format!("gRPC-Web {}: no grpc-status", rpc.path))?;
        Ok(Answer {
            code,
            message: message.unwrap_or_default(),
            www_authenticate: header("www-authenticate"),
            http_status: None,
        })
    }

    async fn rest(
        &self,
        rpc: &Rpc,
        body: &Body,
        credential: &[(String, String)],
    ) -> TestResult<Answer> {
        let route = rpc
            .route
            .ok_or_else(|| format!("{} has no REST binding", rpc.path))?;
        let (path, bound) = fill_path(&route.path, &body.json);
        let method = reqwest::Method::from_bytes(route.http_method.as_str().as_bytes())?;
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .timeout(Duration::from_secs(10));
        match route.body.as_ref() {
            "" => {}
            "*" => {
                let mut json = match &body.json {
                    Value::Object(map) => map.clone(),
                    _ => serde_json::Map::new(),
                };
                for field in &bound {
                    json.remove(field);
                }
                request = request.json(&json);
            }
            field => {
                let camel = camel(field);
                request = request.json(body.json.get(&camel).unwrap_or(&json!({})));
            }
        }
        for (name, value) in credential {
            request = request.header(name.as_str(), value.as_str());
        }
        let response = request.send().await?;
        let http_status = response.status().as_u16();
        let www_authenticate = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let code = match http_status {
            200 => Code::Ok,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            _ => Code::Unknown,
        };
        let text = if rpc.server_streaming && code == Code::Ok {
            String::new()
        } else {
            response.text().await.unwrap_or_default()
        };
        let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let code = match (code, json.get("code").and_then(Value::as_i64)) {
            (Code::Unknown, Some(c)) => Code::from(i32::try_from(c).unwrap_or(2)),
            (code, _) => code,
        };
        Ok(Answer {
            code,
            message: json
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            www_authenticate,
            http_status: Some(http_status),
        })
    }
}

fn camel(field: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The path with its variables filled from the message (a placeholder UUID
/// where the message has no value), and the JSON fields bound by the path.
fn fill_path(template: &str, json: &Value) -> (String, Vec<String>) {
    const PLACEHOLDER: &str = "0190d2a4-0000-7000-8000-000000000000";
    let mut path = String::new();
    let mut bound = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        path.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let variable = &rest[start + 1..start + end];
        let field = variable.split('=').next().unwrap_or_default();
        let camel_field = camel(field);
        let value = json
            .get(&camel_field)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_owned);
        match value {
            Some(value) => {
                path.push_str(&value);
                bound.push(camel_field);
            }
            None if ["namespace", "name", "version"].contains(&field) => path.push('x'),
            None => path.push_str(PLACEHOLDER),
        }
        rest = &rest[start + end + 1..];
    }
    path.push_str(rest);
    (path, bound)
}

/// Every declared permission, from the schema.
fn declared_permissions(rpcs: &[Rpc]) -> BTreeSet<Permission> {
    rpcs.iter()
        .filter_map(|r| match &r.requirement {
            Requirement::Permission(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

fn token_with(permissions: &[String]) -> Vec<(String, String)> {
    bearer(&hs256(&claims(permissions)))
}

/// Credentials that must each be refused with UNAUTHENTICATED.
fn bad_credentials(
    revoked_key: &str,
    expired_key: &str,
) -> Vec<(&'static str, Vec<(String, String)>)> {
    let all = vec!["*".to_owned()];
    let good = claims(&all);
    let now = now();
    let with = |key: &str, value: Value| {
        let mut claims = good.clone();
        claims[key] = value;
        claims
    };
    let mut expired = with("exp", json!(now - 3600));
    expired["iat"] = json!(now - 7200);
    expired["nbf"] = json!(now - 7200);
    vec![
        ("no credentials", vec![]),
        ("malformed token", bearer("not-a-jwt")),
        (
            "bad signature",
            bearer(&sign(
                Algorithm::HS256,
                None,
                &good,
                &EncodingKey::from_secret(b"another-secret-of-enough-length-0123456789"),
            )),
        ),
        ("expired", bearer(&hs256(&expired))),
        (
            "not yet valid",
            bearer(&hs256(&with("nbf", json!(now + 3600)))),
        ),
        (
            "wrong iss",
            bearer(&hs256(&with("iss", json!("someone-else")))),
        ),
        (
            "wrong aud",
            bearer(&hs256(&with("aud", json!("another-api")))),
        ),
        (
            "alg none",
            bearer(&unsigned(&json!({"alg": "none", "typ": "JWT"}), &good)),
        ),
        (
            "HS256 signed with the RS256 public key",
            bearer(&sign(
                Algorithm::HS256,
                Some(RSA_KID),
                &good,
                &EncodingKey::from_secret(RSA_PUBLIC.as_bytes()),
            )),
        ),
        ("unknown kid", bearer(&rs256(&good, "no-such-kid"))),
        ("revoked API key", api_key(revoked_key)),
        ("expired API key", api_key(expired_key)),
    ]
}

/// What the negative suite's calls could change, read with the admin key.
#[derive(Debug, PartialEq)]
struct Effects {
    tasks: usize,
    templates: usize,
    api_keys: Vec<(String, bool)>,
    victim_task_state: i32,
    victim_step_state: i32,
}

/// Objects the mutating RPCs are aimed at.
struct Victims {
    task_uuid: String,
    step_uuid: String,
    api_key_uuid: String,
}

async fn effects(server: &TestServer, victims: &Victims) -> TestResult<Effects> {
    let channel = server.channel().await?;
    let tasks = TaskServiceClient::new(channel.clone())
        .list_tasks(ListTasksRequest {
            page_size: 500,
            ..ListTasksRequest::default()
        })
        .await?
        .into_inner()
        .tasks;
    let templates = TemplateServiceClient::new(channel.clone())
        .list_templates(ListTemplatesRequest {
            page_size: 500,
            ..ListTemplatesRequest::default()
        })
        .await?
        .into_inner()
        .templates
        .len();
    let api_keys = AuthServiceClient::new(channel.clone())
        .list_api_keys(ListApiKeysRequest {
            page_size: 500,
            include_inactive: true,
            ..ListApiKeysRequest::default()
        })
        .await?
        .into_inner()
        .api_keys
        .into_iter()
        .map(|k| (k.api_key_uuid, k.revoked_at.is_some()))
        .collect();
    let step = tasker_proto::v1::step_service_client::StepServiceClient::new(channel)
        .get_step(GetStepRequest {
            task_uuid: victims.task_uuid.clone(),
            step_uuid: victims.step_uuid.clone(),
        })
        .await?
        .into_inner()
        .step
        .ok_or("no step")?;
    Ok(Effects {
        tasks: tasks.len(),
        templates,
        api_keys,
        victim_task_state: tasks
            .iter()
            .find(|t| t.task_uuid == victims.task_uuid)
            .map(|t| t.state)
            .unwrap_or_default(),
        victim_step_state: step.state,
    })
}

const VICTIM_TEMPLATE: &str = "namespace: authz\nname: victim\nversion: 1.0.0\nsteps:\n  - {name: only, handler: nobody_serves_this}\n";

/// Registers the victim template, creates the victim task and API key, and
/// a revoked and an expired key. Returns the victims and the two keys.
async fn prepare(server: &TestServer) -> TestResult<(Victims, String, String)> {
    let channel = server.channel().await?;
    TemplateServiceClient::new(channel.clone())
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(
                VICTIM_TEMPLATE.into(),
            )),
        })
        .await?;
    let task = TaskServiceClient::new(channel.clone())
        .create_task(CreateTaskRequest {
            namespace: "authz".into(),
            name: "victim".into(),
            ..CreateTaskRequest::default()
        })
        .await?
        .into_inner()
        .task
        .ok_or("no task")?;
    let steps = tasker_proto::v1::step_service_client::StepServiceClient::new(channel.clone())
        .list_steps(ListStepsRequest {
            task_uuid: task.task_uuid.clone(),
            ..ListStepsRequest::default()
        })
        .await?
        .into_inner()
        .steps;
    let mut auth = AuthServiceClient::new(channel);
    let create = |name: &str, expires_at: Option<pbjson_types::Timestamp>| {
        let request = CreateApiKeyRequest {
            name: name.into(),
            permissions: vec!["*".into()],
            namespaces: vec![],
            expires_at,
        };
        let mut auth = auth.clone();
        async move {
            let created = auth.create_api_key(request).await?.into_inner();
            let uuid = created.api_key.map(|k| k.api_key_uuid).unwrap_or_default();
            TestResult::Ok((uuid, created.secret))
        }
    };
    let soon = SystemTime::now() + Duration::from_millis(1500);
    let soon = soon.duration_since(UNIX_EPOCH)?;
    let (victim_uuid, _) = create("victim", None).await?;
    let (revoked_uuid, revoked) = create("revoked", None).await?;
    let (_, expired) = create(
        "expires",
        Some(pbjson_types::Timestamp {
            seconds: i64::try_from(soon.as_secs())?,
            nanos: i32::try_from(soon.subsec_nanos())?,
        }),
    )
    .await?;
    auth.revoke_api_key(RevokeApiKeyRequest {
        api_key_uuid: revoked_uuid,
    })
    .await?;
    // Let the short-lived key expire.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    Ok((
        Victims {
            task_uuid: task.task_uuid,
            step_uuid: steps
                .first()
                .map(|s| s.step_uuid.clone())
                .unwrap_or_default(),
            api_key_uuid: victim_uuid,
        },
        revoked,
        expired,
    ))
}

/// A request that would change something if it got through.
fn request_for(rpc: &Rpc, victims: &Victims) -> Body {
    match rpc.name.as_str() {
        "CreateTask" => body(&CreateTaskRequest {
            namespace: "authz".into(),
            name: "victim".into(),
            idempotency_key: "must-not-exist".into(),
            ..CreateTaskRequest::default()
        }),
        "CancelTask" => body(&CancelTaskRequest {
            task_uuid: victims.task_uuid.clone(),
            reason: "must not happen".into(),
        }),
        "RegisterTemplate" => body(&RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(
                VICTIM_TEMPLATE.replace("victim", "intruder"),
            )),
        }),
        "CreateApiKey" => body(&CreateApiKeyRequest {
            name: "intruder".into(),
            permissions: vec!["*".into()],
            ..CreateApiKeyRequest::default()
        }),
        "RevokeApiKey" => body(&RevokeApiKeyRequest {
            api_key_uuid: victims.api_key_uuid.clone(),
        }),
        "ResolveStep" => body(&ResolveStepRequest {
            task_uuid: victims.task_uuid.clone(),
            step_uuid: victims.step_uuid.clone(),
            action: ManualResolutionAction::ResolveManually.into(),
            performed_by: "intruder".into(),
            reason: "must not happen".into(),
            ..ResolveStepRequest::default()
        }),
        "RegisterWorker" => body(&RegisterWorkerRequest {
            name: "intruder".into(),
            namespaces: vec!["authz".into()],
            handlers: vec!["nobody_serves_this".into()],
            ..RegisterWorkerRequest::default()
        }),
        _ => Body::default(),
    }
}

fn doors_of(rpc: &Rpc) -> Vec<Protocol> {
    PROTOCOLS
        .into_iter()
        .filter(|p| *p != Protocol::Rest || rpc.route.is_some())
        .collect()
}

/// Calls every guarded RPC of `rpcs` over every protocol with each bad
/// credential, and with a valid one lacking the RPC's permission (every
/// other permission in `declared`). Returns the calls answered wrongly.
async fn refusals(
    doors: &Doors,
    rpcs: &[Rpc],
    declared: &BTreeSet<Permission>,
    victims: &Victims,
    revoked: &str,
    expired: &str,
) -> TestResult<Vec<String>> {
    let guarded: Vec<&Rpc> = rpcs
        .iter()
        .filter(|r| r.requirement != Requirement::Public)
        .collect();
    if guarded.iter().any(|r| r.requirement == Requirement::Deny) {
        return Err("an RPC declares no rule".into());
    }
    let mut cases = Vec::new();
    for rpc in &guarded {
        let request = request_for(rpc, victims);
        for protocol in doors_of(rpc) {
            for (what, credential) in bad_credentials(revoked, expired) {
                cases.push((*rpc, protocol, request.clone(), what, credential, None));
            }
            if let Requirement::Permission(required) = &rpc.requirement {
                // Everything the API declares except what this RPC needs.
                let others: Vec<String> = declared
                    .iter()
                    .filter(|p| *p != required)
                    .map(ToString::to_string)
                    .collect();
                cases.push((
                    *rpc,
                    protocol,
                    request.clone(),
                    "valid credential lacking the permission",
                    token_with(&others),
                    Some(required.to_string()),
                ));
            }
        }
    }
    let total = cases.len();
    let mut failures = Vec::new();
    for chunk in cases.chunks(48) {
        let answers = join_all(
            chunk
                .iter()
                .map(|(rpc, protocol, request, _, credential, _)| {
                    doors.call(*protocol, rpc, request, credential)
                }),
        )
        .await;
        for ((rpc, protocol, _, what, _, missing), answer) in chunk.iter().zip(answers) {
            let answer = answer?;
            let expected = if missing.is_some() {
                Code::PermissionDenied
            } else {
                Code::Unauthenticated
            };
            let mut wrong = answer.code != expected;
            if let Some(permission) = missing {
                wrong |= !answer.message.contains(permission.as_str());
            }
            let http_answer = match protocol {
                Protocol::Rest => true,
                Protocol::Connect => !rpc.server_streaming,
                Protocol::Grpc | Protocol::GrpcWeb => false,
            };
            if http_answer {
                let status = if missing.is_some() { 403 } else { 401 };
                wrong |= answer.http_status != Some(status);
            }
            if expected == Code::Unauthenticated && *protocol != Protocol::GrpcWeb {
                wrong |= !answer
                    .www_authenticate
                    .as_deref()
                    .is_some_and(|v| v.starts_with("Bearer realm=\"tasker\""));
            }
            if wrong {
                failures.push(format!(
                    "{} over {protocol:?} with {what}: {answer:?}",
                    rpc.path
                ));
            }
        }
    }
    if !failures.is_empty() {
        failures.insert(
            0,
            format!("{} of {total} calls answered wrongly:", failures.len()),
        );
    }
    Ok(failures)
}

#[tokio::test]
async fn every_rpc_refuses_bad_credentials_on_every_protocol_without_effect() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = auth_server(&dir, &[]).await?;
    let (victims, revoked, expired) = prepare(&server).await?;
    let before = effects(&server, &victims).await?;
    let doors = Doors::new(&server).await?;
    let declared = declared_permissions(&rpcs()?);
    let rpcs = rpcs_of(false)?;
    let guarded = rpcs
        .iter()
        .filter(|r| r.requirement != Requirement::Public)
        .count();
    assert!(guarded >= 30, "the schema has {guarded} guarded RPCs");
    let failures = refusals(&doors, &rpcs, &declared, &victims, &revoked, &expired).await?;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let after = effects(&server, &victims).await?;
    assert_eq!(before, after, "a refused call changed something");
    Ok(())
}

fn denied(code: Code) -> bool {
    matches!(code, Code::Unauthenticated | Code::PermissionDenied)
}

/// Calls every RPC of `rpcs` that declares a permission with a token
/// holding each permission in `declared` (and each `resource:*`, and `*`):
/// exactly its own permission and the wildcards covering it are admitted;
/// RPCs needing only a credential admit one without permissions. Returns the
/// calls answered wrongly.
async fn permission_matrix(
    doors: &Doors,
    rpcs: &[Rpc],
    declared: &BTreeSet<Permission>,
) -> TestResult<Vec<String>> {
    let guarded: Vec<&Rpc> = rpcs
        .iter()
        .filter(|r| matches!(r.requirement, Requirement::Permission(_)))
        .collect();
    let resources: BTreeSet<String> = declared
        .iter()
        .filter_map(|p| p.resource().map(str::to_owned))
        .collect();

    // (granted, rpc, protocol, admitted?)
    let mut cases: Vec<(String, &Rpc, Protocol, bool)> = Vec::new();
    for rpc in &guarded {
        let Requirement::Permission(required) = &rpc.requirement else {
            continue;
        };
        for granted in declared {
            // The full matrix over gRPC; the diagonal (and one miss) over
            // gRPC-Web and REST too.
            let protocols = if granted == required {
                doors_of(rpc)
            } else {
                vec![Protocol::Grpc]
            };
            for protocol in protocols {
                cases.push((granted.to_string(), rpc, protocol, granted == required));
            }
        }
        for resource in &resources {
            cases.push((
                format!("{resource}:*"),
                rpc,
                Protocol::Grpc,
                required.resource() == Some(resource.as_str()),
            ));
        }
        for protocol in doors_of(rpc) {
            cases.push(("*".into(), rpc, protocol, true));
        }
    }
    let mut failures = Vec::new();
    for chunk in cases.chunks(64) {
        let answers = join_all(chunk.iter().map(|(granted, rpc, protocol, _)| {
            let credential = token_with(std::slice::from_ref(granted));
            async move {
                doors
                    .call(*protocol, rpc, &Body::default(), &credential)
                    .await
            }
        }))
        .await;
        for ((granted, rpc, protocol, admitted), answer) in chunk.iter().zip(answers) {
            let answer = answer?;
            let ok = if *admitted {
                !denied(answer.code)
            } else {
                answer.code == Code::PermissionDenied
            };
            if !ok {
                failures.push(format!(
                    "{} over {protocol:?} with `{granted}` (admitted: {admitted}): {answer:?}",
                    rpc.path
                ));
            }
        }
    }
    // RPCs needing only a valid credential: one without any permission.
    for rpc in rpcs
        .iter()
        .filter(|r| r.requirement == Requirement::Authenticated)
    {
        for protocol in doors_of(rpc) {
            let answer = doors
                .call(protocol, rpc, &Body::default(), &token_with(&[]))
                .await?;
            if answer.code != Code::Ok {
                failures.push(format!("{} over {protocol:?}: {answer:?}", rpc.path));
            }
        }
    }
    Ok(failures)
}

#[tokio::test]
async fn each_permission_admits_exactly_its_rpcs_and_wildcards_work() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = auth_server(&dir, &[]).await?;
    let doors = Doors::new(&server).await?;
    let declared = declared_permissions(&rpcs()?);
    let failures = permission_matrix(&doors, &rpcs_of(false)?, &declared).await?;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[tokio::test]
async fn public_rpcs_need_no_credential() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = auth_server(&dir, &[]).await?;
    let doors = Doors::new(&server).await?;
    let failures = public_calls(&doors, &rpcs_of(false)?).await?;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    standard_public_services(server.raw_channel().await?).await
}

/// Calls every public RPC of `rpcs` over every protocol without a
/// credential; returns those that were refused.
async fn public_calls(doors: &Doors, rpcs: &[Rpc]) -> TestResult<Vec<String>> {
    let mut failures = Vec::new();
    for rpc in rpcs.iter().filter(|r| r.requirement == Requirement::Public) {
        for protocol in doors_of(rpc) {
            let answer = doors.call(protocol, rpc, &Body::default(), &[]).await?;
            if denied(answer.code) {
                failures.push(format!("{} over {protocol:?}: {answer:?}", rpc.path));
            }
        }
    }
    Ok(failures)
}

/// The standard health check and reflection answer without a credential.
async fn standard_public_services(channel: tonic::transport::Channel) -> TestResult {
    let health = tonic_health::pb::health_client::HealthClient::new(channel.clone())
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await?;
    assert_eq!(health.into_inner().status, 1);
    let mut reflection =
        tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient::new(channel);
    let request = tonic_reflection::pb::v1::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            tonic_reflection::pb::v1::server_reflection_request::MessageRequest::ListServices(
                String::new(),
            ),
        ),
    };
    let mut responses = reflection
        .server_reflection_info(tokio_stream::iter([request]))
        .await?
        .into_inner();
    assert!(responses.message().await?.is_some());
    Ok(())
}

/// A worker against `server` whose own port verifies tokens itself (the
/// server's HS256 secret and RS256 key) when `local_keys`, or has the server
/// verify every credential otherwise.
async fn auth_worker(
    server: &TestServer,
    dir: &tempfile::TempDir,
    local_keys: bool,
) -> TestResult<TestWorker> {
    let file = dir.path().join(if local_keys {
        "local.toml"
    } else {
        "delegating.toml"
    });
    let pem = repo_root().join("crates/tasker-auth/tests/fixtures/rsa_public.pem");
    let auth = if local_keys {
        format!(
            "[auth]\njwt_secret = {TEST_JWT_SECRET:?}\nleeway_seconds = 5\n[[auth.public_keys]]\nkid = \"{RSA_KID}\"\nalgorithm = \"RS256\"\npem_file = {:?}\n",
            pem.display().to_string()
        )
    } else {
        "[auth]\ncache_ttl = \"1s\"\n".to_owned()
    };
    std::fs::write(&file, auth)?;
    let file = file.to_string_lossy().into_owned();
    TestWorker::start_with(
        server,
        "[authz]",
        &[("TASKER_WORKER_CONFIG", file.as_str())],
    )
    .await
}

#[tokio::test]
async fn the_worker_port_enforces_the_schema_on_every_protocol() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = auth_server(&dir, &[]).await?;
    let (victims, revoked, expired) = prepare(&server).await?;
    let all = rpcs()?;
    let declared = declared_permissions(&all);
    let rpcs = rpcs_of(true)?;
    assert!(
        rpcs.iter()
            .any(|r| matches!(r.requirement, Requirement::Permission(_))),
        "the worker's port has guarded RPCs"
    );
    for local_keys in [true, false] {
        let worker = auth_worker(&server, &dir, local_keys).await?;
        let doors = Doors::at(worker.url()).await?;
        let mut failures = refusals(&doors, &rpcs, &declared, &victims, &revoked, &expired).await?;
        failures.extend(permission_matrix(&doors, &rpcs, &declared).await?);
        failures.extend(public_calls(&doors, &rpcs).await?);
        assert!(
            failures.is_empty(),
            "worker verifying tokens {}:\n{}\nworker output:\n{}",
            if local_keys {
                "itself"
            } else {
                "through the server"
            },
            failures.join("\n"),
            worker.output()
        );
        standard_public_services(doors.channel.clone()).await?;
        // A path of the server's API is not served here, whoever asks.
        let create = all
            .iter()
            .find(|r| r.name == "CreateTask")
            .ok_or("no CreateTask")?;
        for protocol in PROTOCOLS {
            let answer = doors
                .call(
                    protocol,
                    create,
                    &request_for(create, &victims),
                    &token_with(&["*".to_owned()]),
                )
                .await?;
            assert_ne!(answer.code, Code::Ok, "{protocol:?}: {answer:?}");
        }
    }

    // Keys are checked by the server, so a revocation reaches the worker
    // (after its verdict cache, 1 s here).
    let worker = auth_worker(&server, &dir, false).await?;
    let doors = Doors::at(worker.url()).await?;
    let list = rpcs
        .iter()
        .find(|r| r.name == "ListWorkerTemplates")
        .ok_or("no ListWorkerTemplates")?;
    let mut admin = AuthServiceClient::new(server.channel().await?);
    let created = admin
        .create_api_key(CreateApiKeyRequest {
            name: "template reader".into(),
            permissions: vec!["templates:read".into()],
            ..CreateApiKeyRequest::default()
        })
        .await?
        .into_inner();
    for protocol in PROTOCOLS {
        let answer = doors
            .call(protocol, list, &Body::default(), &api_key(&created.secret))
            .await?;
        assert_eq!(answer.code, Code::Ok, "{protocol:?}: {answer:?}");
    }
    admin
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: created.api_key.map(|k| k.api_key_uuid).unwrap_or_default(),
        })
        .await?;
    let mut refused = None;
    for _ in 0..50 {
        let answer = doors
            .call(
                Protocol::Rest,
                list,
                &Body::default(),
                &api_key(&created.secret),
            )
            .await?;
        if answer.code != Code::Ok {
            refused = Some(answer);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let refused = refused.ok_or("the revoked key still works on the worker after 5 s")?;
    assert_eq!(refused.code, Code::Unauthenticated, "{refused:?}");
    assert_eq!(refused.http_status, Some(401), "{refused:?}");
    assert!(refused.message.contains("revoked"), "{refused:?}");
    Ok(())
}

#[tokio::test]
async fn api_keys_become_tokens_and_rs256_tokens_are_accepted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = auth_server(&dir, &[]).await?;
    let mut admin = AuthServiceClient::new(server.channel().await?);
    let me = admin.who_am_i(WhoAmIRequest {}).await?.into_inner();
    assert!(me.subject.starts_with("api_key:"), "{me:?}");
    assert_eq!(me.permissions, ["*"]);
    assert_eq!(me.kind, i32::from(CredentialKind::ApiKey));

    let created = admin
        .create_api_key(CreateApiKeyRequest {
            name: "reader".into(),
            permissions: vec!["tasks:read".into(), "tasks:list".into()],
            ..CreateApiKeyRequest::default()
        })
        .await?
        .into_inner();
    let key = created.api_key.ok_or("no key")?;
    assert!(
        created.secret.starts_with(&key.prefix),
        "shown once, with its prefix"
    );
    let unknown = admin
        .create_api_key(CreateApiKeyRequest {
            name: "bad".into(),
            permissions: vec!["tasks:fly".into()],
            ..CreateApiKeyRequest::default()
        })
        .await
        .err()
        .ok_or("an unknown permission was granted")?;
    assert_eq!(unknown.code(), Code::InvalidArgument);

    // Exchange the key for a token (public RPC, no header).
    let mut anonymous = AuthServiceClient::new(server.raw_channel().await?);
    let issued = anonymous
        .issue_token(IssueTokenRequest {
            api_key: created.secret.clone(),
            permissions: vec!["tasks:read".into()],
            ttl: Some(pbjson_types::Duration {
                seconds: 60,
                nanos: 0,
            }),
        })
        .await?
        .into_inner();
    assert_eq!(issued.token_type, "Bearer");
    assert_eq!(issued.permissions, ["tasks:read"]);
    let wider = anonymous
        .issue_token(IssueTokenRequest {
            api_key: created.secret.clone(),
            permissions: vec!["tasks:create".into()],
            ttl: None,
        })
        .await
        .err()
        .ok_or("a token wider than its key was issued")?;
    assert_eq!(wider.code(), Code::PermissionDenied);

    let doors = Doors::new(&server).await?;
    let rpcs = rpcs()?;
    let find = |name: &str| rpcs.iter().find(|r| r.name == name).ok_or(name.to_string());
    let whoami = find("WhoAmI")?;
    let answer = doors
        .call(
            Protocol::Rest,
            whoami,
            &Body::default(),
            &bearer(&issued.access_token),
        )
        .await?;
    assert_eq!(answer.code, Code::Ok, "{answer:?}");
    let list = find("ListTasks")?;
    let answer = doors
        .call(
            Protocol::Grpc,
            list,
            &Body::default(),
            &bearer(&issued.access_token),
        )
        .await?;
    assert_eq!(
        answer.code,
        Code::PermissionDenied,
        "the token carries tasks:read only"
    );

    // An RS256 token under the configured kid.
    let token = rs256(&claims(&["tasks:list".to_owned()]), RSA_KID);
    for protocol in PROTOCOLS {
        let answer = doors
            .call(protocol, list, &Body::default(), &bearer(&token))
            .await?;
        assert_eq!(answer.code, Code::Ok, "{protocol:?}: {answer:?}");
    }

    // Revocation takes effect at once.
    admin
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: key.api_key_uuid.clone(),
        })
        .await?;
    let answer = doors
        .call(
            Protocol::Grpc,
            whoami,
            &Body::default(),
            &api_key(&created.secret),
        )
        .await?;
    assert_eq!(answer.code, Code::Unauthenticated);
    let listed = admin
        .list_api_keys(ListApiKeysRequest::default())
        .await?
        .into_inner();
    assert!(
        listed
            .api_keys
            .iter()
            .all(|k| k.api_key_uuid != key.api_key_uuid),
        "revoked keys are listed only with include_inactive"
    );
    Ok(())
}

/// A client of one service sending `key`.
fn with_key(
    channel: &tonic::transport::Channel,
    key: &str,
) -> tonic::service::interceptor::InterceptedService<
    tonic::transport::Channel,
    tasker_e2e::ApiKeyInterceptor,
> {
    tonic::service::interceptor::InterceptedService::new(
        channel.clone(),
        tasker_e2e::ApiKeyInterceptor::new(key),
    )
}

#[tokio::test]
async fn a_worker_credential_serves_only_its_namespaces() -> TestResult {
    use tasker_proto::v1::worker_service_client::WorkerServiceClient;
    let server = TestServer::start().await?;
    let admin = server.channel().await?;
    let mut templates = TemplateServiceClient::new(admin.clone());
    let mut tasks = TaskServiceClient::new(admin.clone());
    let mut auth = AuthServiceClient::new(admin.clone());
    let mut keys = Vec::new();
    for namespace in ["alpha", "beta"] {
        templates
            .register_template(RegisterTemplateRequest {
                source: Some(register_template_request::Source::Yaml(format!(
                    "namespace: {namespace}\nname: job\nversion: 1.0.0\nsteps:\n  - {{name: only, handler: run}}\n"
                ))),
            })
            .await?;
        tasks
            .create_task(CreateTaskRequest {
                namespace: namespace.into(),
                name: "job".into(),
                ..CreateTaskRequest::default()
            })
            .await?;
        let created = auth
            .create_api_key(CreateApiKeyRequest {
                name: format!("worker {namespace}"),
                permissions: vec!["worker:*".into()],
                namespaces: vec![namespace.into()],
                expires_at: None,
            })
            .await?
            .into_inner();
        keys.push(created.secret);
    }
    let raw = server.raw_channel().await?;
    let mut alpha = WorkerServiceClient::new(with_key(&raw, &keys[0]));
    let mut beta = WorkerServiceClient::new(with_key(&raw, &keys[1]));
    let register = |namespace: &str| RegisterWorkerRequest {
        name: format!("w-{namespace}"),
        namespaces: vec![namespace.into()],
        handlers: vec!["run".into()],
        max_concurrency: 1,
        ..RegisterWorkerRequest::default()
    };
    let refused = alpha
        .register_worker(register("beta"))
        .await
        .err()
        .ok_or("alpha's key registered a beta worker")?;
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused}");
    assert!(refused.message().contains("beta"), "{refused}");

    let alpha_worker = alpha
        .register_worker(register("alpha"))
        .await?
        .into_inner()
        .worker
        .ok_or("no worker")?
        .worker_uuid;
    let beta_worker = beta
        .register_worker(register("beta"))
        .await?
        .into_inner()
        .worker
        .ok_or("no worker")?
        .worker_uuid;
    let claim = |worker_uuid: &str| ClaimStepsRequest {
        worker_uuid: worker_uuid.into(),
        max_steps: 10,
        wait_timeout: None,
    };
    // Alpha's key may not claim through beta's worker.
    let refused = alpha
        .claim_steps(claim(&beta_worker))
        .await
        .err()
        .ok_or("alpha's key claimed through beta's worker")?;
    assert_eq!(refused.code(), Code::PermissionDenied);
    let beta_claims = beta
        .claim_steps(claim(&beta_worker))
        .await?
        .into_inner()
        .steps;
    assert_eq!(beta_claims.len(), 1);
    assert_eq!(beta_claims[0].namespace, "beta");
    let alpha_claims = alpha
        .claim_steps(claim(&alpha_worker))
        .await?
        .into_inner()
        .steps;
    assert!(
        alpha_claims.iter().all(|c| c.namespace == "alpha"),
        "{alpha_claims:?}"
    );
    assert_eq!(alpha_claims.len(), 1);

    // Alpha's key cannot report on beta's claim, whatever worker it names.
    let beta_claim = beta_claims[0].claim_uuid.clone();
    let complete = alpha
        .complete_step(CompleteStepRequest {
            worker_uuid: beta_worker.clone(),
            claim_uuid: beta_claim.clone(),
            ..CompleteStepRequest::default()
        })
        .await
        .err()
        .ok_or("alpha completed a beta step")?;
    // Answered as for a claim that does not exist: existence does not leak.
    assert_eq!(complete.code(), Code::FailedPrecondition, "{complete}");
    let fail = alpha
        .fail_step(FailStepRequest {
            worker_uuid: beta_worker.clone(),
            claim_uuid: beta_claim.clone(),
            ..FailStepRequest::default()
        })
        .await
        .err()
        .ok_or("alpha failed a beta step")?;
    assert_eq!(fail.code(), Code::FailedPrecondition, "{fail}");
    let heartbeat = alpha
        .heartbeat(HeartbeatRequest {
            worker_uuid: beta_worker.clone(),
            claim_uuids: vec![beta_claim.clone()],
        })
        .await
        .err()
        .ok_or("alpha extended a beta lease")?;
    assert_eq!(heartbeat.code(), Code::PermissionDenied, "{heartbeat}");

    // Beta's own worker still completes its step.
    let done = beta
        .complete_step(CompleteStepRequest {
            worker_uuid: beta_worker,
            claim_uuid: beta_claim,
            ..CompleteStepRequest::default()
        })
        .await?
        .into_inner();
    assert!(done.step.is_some());
    Ok(())
}

#[tokio::test]
async fn the_first_start_prints_one_admin_key_stored_only_as_a_hash() -> TestResult {
    let mut server = TestServer::start().await?;
    let printed = server.printed_admin_keys();
    assert_eq!(printed.len(), 1, "{}", server.output());
    let key = printed[0].clone();
    assert_eq!(key, server.admin_key());
    assert!(key.starts_with("tk_"), "{key}");
    let me = AuthServiceClient::new(server.channel().await?)
        .who_am_i(WhoAmIRequest {})
        .await?
        .into_inner();
    assert_eq!(me.permissions, ["*"]);

    server.crash_and_restart(&[]).await?;
    // Give the restarted server's stderr a moment to be read.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        server.printed_admin_keys().len(),
        1,
        "a second start printed a key"
    );
    let me = AuthServiceClient::new(server.channel().await?)
        .who_am_i(WhoAmIRequest {})
        .await?
        .into_inner();
    assert_eq!(me.permissions, ["*"], "the key survives a restart");

    // The database holds the prefix and the SHA-256, never the key.
    let db = server.data_dir().join("tasker.db");
    let url = format!("sqlite://{}?mode=ro", db.display());
    let rows: Vec<(String, String)> = {
        use sqlx::Connection as _;
        let mut connection = sqlx::SqliteConnection::connect(&url).await?;
        let rows = sqlx::query_as("SELECT prefix, key_hash FROM api_keys")
            .fetch_all(&mut connection)
            .await?;
        connection.close().await?;
        rows
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, key[..11]);
    assert_eq!(rows[0].1, tasker_auth::ApiKeyHash::of(&key).to_hex());
    let secret_part = &key[12..];
    for entry in std::fs::read_dir(server.data_dir())? {
        let path = entry?.path();
        let bytes = std::fs::read(&path)?;
        assert!(
            !bytes
                .windows(secret_part.len())
                .any(|w| w == secret_part.as_bytes()),
            "{} contains the key",
            path.display()
        );
    }
    Ok(())
}

#[tokio::test]
async fn servers_starting_together_on_an_empty_database_print_one_admin_key() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    for round in 0..4 {
        let (a, b) = TestServer::start_pair_on_postgres(&[]).await?;
        let printed: Vec<String> = a
            .printed_admin_keys()
            .into_iter()
            .chain(b.printed_admin_keys())
            .collect();
        assert_eq!(
            printed.len(),
            1,
            "round {round}: {} keys printed\n--- a:\n{}\n--- b:\n{}",
            printed.len(),
            a.output(),
            b.output()
        );
        let key = &printed[0];
        for server in [&a, &b] {
            let me = AuthServiceClient::new(with_key(&server.raw_channel().await?, key))
                .who_am_i(WhoAmIRequest {})
                .await?
                .into_inner();
            assert_eq!(me.permissions, ["*"], "round {round}");
        }
        let listed = AuthServiceClient::new(with_key(&a.raw_channel().await?, key))
            .list_api_keys(ListApiKeysRequest {
                include_inactive: true,
                ..ListApiKeysRequest::default()
            })
            .await?
            .into_inner();
        assert_eq!(listed.api_keys.len(), 1, "round {round}: one key stored");
    }
    Ok(())
}

#[tokio::test]
async fn weak_or_missing_secrets_and_disabled_auth_are_refused_outside_development() -> TestResult {
    let data_dir = tempfile::tempdir()?;
    for (env, named) in [
        (
            vec![("TASKER_AUTH__JWT_SECRET", "changeme")],
            "auth.jwt_secret",
        ),
        (
            vec![(
                "TASKER_AUTH__JWT_SECRET",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            )],
            "auth.jwt_secret",
        ),
        (vec![("TASKER_AUTH__ENABLED", "false")], "auth.enabled"),
    ] {
        let mut command = tasker_e2e::server_command(data_dir.path())?;
        command.env("TASKER_ENVIRONMENT", "production");
        for (key, value) in &env {
            command.env(key, value);
        }
        let output = command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .output()?;
        assert!(!output.status.success(), "{env:?} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(named), "{env:?}: {stderr}");
        assert!(
            !stderr.contains("changeme"),
            "the secret was printed: {stderr}"
        );
    }
    let mut command = tasker_e2e::server_command(data_dir.path())?;
    command
        .env("TASKER_ENVIRONMENT", "staging")
        .env_remove("TASKER_AUTH__JWT_SECRET");
    let output = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .output()?;
    assert!(!output.status.success(), "a missing secret was accepted");
    assert!(String::from_utf8_lossy(&output.stderr).contains("auth.jwt_secret"));
    Ok(())
}

#[tokio::test]
async fn config_service_redacts_the_auth_secret() -> TestResult {
    let server = TestServer::start().await?;
    let config =
        tasker_proto::v1::config_service_client::ConfigServiceClient::new(server.channel().await?)
            .get_config(GetConfigRequest {})
            .await?
            .into_inner();
    assert!(
        config
            .redacted_fields
            .iter()
            .any(|f| f == "auth.jwt_secret"),
        "{:?}",
        config.redacted_fields
    );
    assert_eq!(
        config.redacted_fields,
        ["auth.jwt_secret"],
        "only secrets are redacted, whatever the other settings are called"
    );
    let text = serde_json::to_string(&config.config)?;
    assert!(!text.contains(TEST_JWT_SECRET), "{text}");
    assert!(!server.output().contains(TEST_JWT_SECRET));
    // Over REST too, with the settings named like secrets shown as they are.
    let rest: serde_json::Value = server
        .http()?
        .get(format!("{}/v1/config", server.url()))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(rest["config"]["auth"]["jwt_secret"], "[REDACTED]", "{rest}");
    assert!(
        rest["config"]["auth"]["token_ttl_seconds"].is_number(),
        "{rest}"
    );
    let mentions = server
        .output()
        .lines()
        .filter(|l| l.contains(server.admin_key()))
        .count();
    assert_eq!(
        mentions, 1,
        "the admin key is printed once and never logged"
    );
    Ok(())
}

#[tokio::test]
async fn audit_records_name_the_credential() -> TestResult {
    use tasker_proto::v1::step_service_client::StepServiceClient;
    let server = TestServer::start().await?;
    let channel = server.channel().await?;
    let subject = AuthServiceClient::new(channel.clone())
        .who_am_i(WhoAmIRequest {})
        .await?
        .into_inner()
        .subject;
    TemplateServiceClient::new(channel.clone())
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(
                VICTIM_TEMPLATE.into(),
            )),
        })
        .await?;
    let mut tasks = TaskServiceClient::new(channel.clone());
    let mut steps = StepServiceClient::new(channel);
    let create = |key: &str| {
        let request = CreateTaskRequest {
            namespace: "authz".into(),
            name: "victim".into(),
            idempotency_key: key.into(),
            ..CreateTaskRequest::default()
        };
        let mut tasks = tasks.clone();
        async move { TestResult::Ok(tasks.create_task(request).await?.into_inner().task) }
    };
    let resolved = create("resolved").await?.ok_or("no task")?;
    let cancelled = create("cancelled").await?.ok_or("no task")?;
    assert_eq!(
        resolved.created_by, subject,
        "created_by is the credential's subject"
    );

    let reader = steps.clone();
    let audit = |task_uuid: String| {
        let mut steps = reader.clone();
        async move {
            let step_uuid = steps
                .list_steps(ListStepsRequest {
                    task_uuid: task_uuid.clone(),
                    ..ListStepsRequest::default()
                })
                .await?
                .into_inner()
                .steps
                .first()
                .map(|s| s.step_uuid.clone())
                .unwrap_or_default();
            let records = steps
                .get_step_audit(GetStepAuditRequest {
                    task_uuid,
                    step_uuid: step_uuid.clone(),
                    ..GetStepAuditRequest::default()
                })
                .await?
                .into_inner()
                .records;
            TestResult::Ok((step_uuid, records))
        }
    };
    let (step_uuid, _) = audit(resolved.task_uuid.clone()).await?;
    steps
        .resolve_step(ResolveStepRequest {
            task_uuid: resolved.task_uuid.clone(),
            step_uuid,
            action: ManualResolutionAction::ResolveManually.into(),
            performed_by: "ops-oncall".into(),
            reason: "fixed upstream".into(),
            results: None,
        })
        .await?;
    let (_, records) = audit(resolved.task_uuid.clone()).await?;
    let last = records.last().ok_or("no audit record")?;
    assert_eq!(last.performed_by, subject, "{last:?}");
    assert!(
        last.reason.contains("fixed upstream")
            && last.reason.contains("[stated performed_by: ops-oncall]"),
        "{last:?}"
    );

    tasks
        .cancel_task(CancelTaskRequest {
            task_uuid: cancelled.task_uuid.clone(),
            reason: "no longer needed".into(),
        })
        .await?;
    let (_, records) = audit(cancelled.task_uuid).await?;
    let last = records.last().ok_or("no audit record")?;
    assert_eq!(last.performed_by, subject, "{last:?}");
    Ok(())
}

/// A gRPC-Web frame holding `message`.
fn grpc_web_frame(message: &[u8]) -> TestResult<Vec<u8>> {
    let mut frame = Vec::with_capacity(message.len() + 5);
    frame.push(0u8);
    frame.extend_from_slice(&u32::try_from(message.len())?.to_be_bytes());
    frame.extend_from_slice(message);
    Ok(frame)
}

#[tokio::test]
async fn refused_requests_with_a_body_keep_the_http1_connection() -> TestResult {
    use prost::Message as _;
    use tasker_e2e::http1::Http1;
    let server = TestServer::start().await?;
    // A request message of 1 MiB: refused before any of it is read.
    let create = CreateTaskRequest {
        namespace: "nowhere".into(),
        name: "nothing".into(),
        idempotency_key: "k".repeat(1024 * 1024),
        ..CreateTaskRequest::default()
    };
    let frame = grpc_web_frame(&create.encode_to_vec())?;
    let mut connection = Http1::connect(server.addr()).await?;
    for credential in ["", "x-api-key: tk_wrong_key\r\n"] {
        connection
            .send(
                &format!(
                    "POST /tasker.v1.TaskService/CreateTask HTTP/1.1\r\n{credential}content-type: application/grpc-web+proto\r\nx-grpc-web: 1"
                ),
                &frame,
            )
            .await?;
        let answer = connection.answer().await?;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.header("grpc-status"), Some("16"), "{answer:?}");
        assert_eq!(answer.header("connection"), None, "{answer:?}");
    }
    // REST, on the same connection.
    let body = serde_json::to_vec(&json!({
        "namespace": "nowhere",
        "name": "nothing",
        "idempotencyKey": "k".repeat(1024 * 1024),
    }))?;
    connection
        .send(
            "POST /v1/tasks HTTP/1.1\r\ncontent-type: application/json",
            &body,
        )
        .await?;
    let answer = connection.answer().await?;
    assert_eq!(answer.status, 401, "{answer:?}");
    assert_eq!(answer.json()["code"], 16, "{answer:?}");
    // And the next request on it is answered.
    connection
        .send(
            &format!(
                "GET /v1/tasks HTTP/1.1\r\nx-api-key: {}",
                server.admin_key()
            ),
            b"",
        )
        .await?;
    let answer = connection.answer().await?;
    assert_eq!(answer.status, 200, "{answer:?}");
    Ok(())
}
