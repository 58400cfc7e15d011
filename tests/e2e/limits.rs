//! Resource limits against a real server: each configured limit is crossed
//! once, answered with its documented code, and the server keeps serving
//! other requests afterwards.

use std::time::Duration;

use serde_json::{Value, json};
use tasker_e2e::{Backend, TestResult, TestServer};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::*;
use tonic::Code;

const TEMPLATE: &str = "namespace: limits\nname: job\nversion: 1.0.0\nsteps:\n  - {name: only, handler: nobody_serves_this}\n";

/// Registers the template and creates `count` tasks; returns their uuids.
async fn tasks(server: &TestServer, count: usize) -> TestResult<Vec<String>> {
    let channel = server.channel().await?;
    TemplateServiceClient::new(channel.clone())
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(TEMPLATE.into())),
        })
        .await?;
    let mut uuids = Vec::new();
    for i in 0..count {
        let task = TaskServiceClient::new(channel.clone())
            .create_task(CreateTaskRequest {
                namespace: "limits".into(),
                name: "job".into(),
                idempotency_key: format!("limits-{i}"),
                ..CreateTaskRequest::default()
            })
            .await?
            .into_inner()
            .task
            .ok_or("no task")?;
        uuids.push(task.task_uuid);
    }
    Ok(uuids)
}

/// The server still answers an authenticated call and a health check.
async fn still_serving(server: &TestServer) -> TestResult {
    let listed = TaskServiceClient::new(server.channel().await?)
        .list_tasks(ListTasksRequest::default())
        .await?;
    drop(listed);
    let health = server
        .http()?
        .get(format!("{}/health", server.url()))
        .send()
        .await?;
    assert_eq!(health.status().as_u16(), 200);
    Ok(())
}

#[tokio::test]
async fn rest_body_cap_is_413() -> TestResult {
    let server =
        TestServer::start_with(Backend::Sqlite, &[("TASKER_REST__MAX_BODY_BYTES", "2048")]).await?;
    let response = server
        .http()?
        .post(format!("{}/v1/templates:validate", server.url()))
        .json(&json!({"yaml": "x".repeat(8192)}))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 413);
    still_serving(&server).await
}

#[tokio::test]
async fn json_nesting_cap_is_400() -> TestResult {
    let server =
        TestServer::start_with(Backend::Sqlite, &[("TASKER_REST__MAX_JSON_DEPTH", "8")]).await?;
    tasks(&server, 0).await?;
    let mut context = json!(1);
    for _ in 0..20 {
        context = json!({ "a": context });
    }
    let response = server
        .http()?
        .post(format!("{}/v1/tasks", server.url()))
        .json(&json!({"namespace": "limits", "name": "job", "context": context}))
        .send()
        .await?;
    let status = response.status().as_u16();
    let body: Value = response.json().await?;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("deep") || m.contains("nest")),
        "{body}"
    );
    still_serving(&server).await
}

#[tokio::test]
async fn oversized_headers_are_refused() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__MAX_HEADER_BYTES", "8192")],
    )
    .await?;
    // HTTP/1.1: 431, or the connection is closed on the oversized head.
    let big = "x".repeat(64 * 1024);
    let answer = reqwest::Client::new()
        .get(format!("{}/health", server.url()))
        .header("x-padding", &big)
        .send()
        .await;
    if let Ok(response) = answer {
        assert_eq!(response.status().as_u16(), 431);
    }
    // HTTP/2 (gRPC): the stream is refused; the call fails.
    let mut request = tonic::Request::new(ListTasksRequest::default());
    request.metadata_mut().insert("x-padding", big.parse()?);
    let refused = TaskServiceClient::new(server.channel().await?)
        .list_tasks(request)
        .await;
    assert!(refused.is_err(), "an oversized header block was accepted");
    still_serving(&server).await
}

#[tokio::test]
async fn http2_streams_beyond_the_limit_wait_for_a_free_slot() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__HTTP2_MAX_CONCURRENT_STREAMS", "2")],
    )
    .await?;
    let uuids = tasks(&server, 1).await?;
    let channel = server.channel().await?;
    let mut watches = Vec::new();
    for _ in 0..2 {
        let mut stream = TaskServiceClient::new(channel.clone())
            .stream_task_status(StreamTaskStatusRequest {
                task_uuid: uuids[0].clone(),
            })
            .await?
            .into_inner();
        stream.message().await?.ok_or("no first message")?;
        watches.push(stream);
    }
    // A third stream on the same connection is not opened while two are.
    let waiting = tokio::time::timeout(
        Duration::from_millis(500),
        TaskServiceClient::new(channel.clone()).list_tasks(ListTasksRequest::default()),
    )
    .await;
    assert!(waiting.is_err(), "a third concurrent stream was opened");
    // Another connection is served at once.
    still_serving(&server).await?;
    // Once a slot frees up, the same connection serves again.
    watches.pop();
    tokio::time::timeout(
        Duration::from_secs(5),
        TaskServiceClient::new(channel).list_tasks(ListTasksRequest::default()),
    )
    .await??;
    Ok(())
}

#[tokio::test]
async fn the_request_timeout_is_deadline_exceeded() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__REQUEST_TIMEOUT_SECONDS", "1")],
    )
    .await?;
    let channel = server.channel().await?;
    let mut workers = WorkerServiceClient::new(channel);
    let worker = workers
        .register_worker(RegisterWorkerRequest {
            name: "slow".into(),
            namespaces: vec!["limits".into()],
            handlers: vec!["nobody_serves_this".into()],
            max_concurrency: 1,
            ..RegisterWorkerRequest::default()
        })
        .await?
        .into_inner()
        .worker
        .ok_or("no worker")?;
    // A long poll asking for 10 s is cut at the server's 1 s.
    let started = std::time::Instant::now();
    let error = workers
        .claim_steps(ClaimStepsRequest {
            worker_uuid: worker.worker_uuid.clone(),
            max_steps: 1,
            wait_timeout: Some(pbjson_types::Duration {
                seconds: 10,
                nanos: 0,
            }),
        })
        .await
        .err()
        .ok_or("the long poll outlived the request timeout")?;
    assert_eq!(error.code(), Code::DeadlineExceeded, "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // REST: 504.
    let response = server
        .http()?
        .post(format!(
            "{}/v1/workers/{}:claim",
            server.url(),
            worker.worker_uuid
        ))
        .json(&json!({"maxSteps": 1, "waitTimeout": "10s"}))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 504);
    still_serving(&server).await
}

#[tokio::test]
async fn list_pages_are_capped() -> TestResult {
    let server =
        TestServer::start_with(Backend::Sqlite, &[("TASKER_SERVER__MAX_PAGE_SIZE", "3")]).await?;
    tasks(&server, 5).await?;
    let mut client = TaskServiceClient::new(server.channel().await?);
    let page = client
        .list_tasks(ListTasksRequest {
            page_size: 1000,
            ..ListTasksRequest::default()
        })
        .await?
        .into_inner();
    assert_eq!(page.tasks.len(), 3, "page_size 1000 is capped at 3");
    assert!(!page.next_page_token.is_empty());
    let rest = client
        .list_tasks(ListTasksRequest {
            page_size: 1000,
            page_token: page.next_page_token,
            ..ListTasksRequest::default()
        })
        .await?
        .into_inner();
    assert_eq!(rest.tasks.len(), 2);
    still_serving(&server).await
}

#[tokio::test]
async fn watch_streams_per_credential_are_capped() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_AUTH__MAX_WATCH_STREAMS_PER_CREDENTIAL", "2")],
    )
    .await?;
    let uuids = tasks(&server, 1).await?;
    let channel = server.channel().await?;
    let watch = || {
        let mut client = TaskServiceClient::new(channel.clone());
        let task_uuid = uuids[0].clone();
        async move {
            client
                .stream_task_status(StreamTaskStatusRequest { task_uuid })
                .await
        }
    };
    let first = watch().await?.into_inner();
    let second = watch().await?.into_inner();
    let third = watch().await.err().ok_or("a third watch was opened")?;
    assert_eq!(third.code(), Code::ResourceExhausted, "{third}");
    // REST: 429.
    let response = server
        .http()?
        .get(format!("{}/v1/tasks/{}:watch", server.url(), uuids[0]))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 429);
    // Another credential is not affected.
    let mut auth = tasker_proto::v1::auth_service_client::AuthServiceClient::new(channel.clone());
    let other = auth
        .create_api_key(CreateApiKeyRequest {
            name: "watcher".into(),
            permissions: vec!["tasks:read".into()],
            ..CreateApiKeyRequest::default()
        })
        .await?
        .into_inner()
        .secret;
    let mut request = tonic::Request::new(StreamTaskStatusRequest {
        task_uuid: uuids[0].clone(),
    });
    request.metadata_mut().insert("x-api-key", other.parse()?);
    let mut others = TaskServiceClient::new(server.raw_channel().await?)
        .stream_task_status(request)
        .await?
        .into_inner();
    others.message().await?.ok_or("no first message")?;
    // Closing a watch frees its slot.
    drop(first);
    let mut reopened = None;
    for _ in 0..50 {
        match watch().await {
            Ok(stream) => {
                reopened = Some(stream);
                break;
            }
            Err(status) if status.code() == Code::ResourceExhausted => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(status) => return Err(status.into()),
        }
    }
    assert!(
        reopened.is_some(),
        "the slot of a closed watch was not freed"
    );
    drop(second);
    still_serving(&server).await
}

/// Runs `curl` with `args`; returns its exit success and standard output.
/// Reads one HTTP/2 frame: (type, flags, payload); `None` at end of stream.
async fn read_frame(stream: &mut tokio::net::TcpStream) -> TestResult<Option<(u8, u8, Vec<u8>)>> {
    use tokio::io::AsyncReadExt as _;
    let mut header = [0u8; 9];
    match stream.read_exact(&mut header).await {
        Ok(_) => {}
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    }
    let len = usize::from(header[0]) << 16 | usize::from(header[1]) << 8 | usize::from(header[2]);
    let mut payload = vec![0u8; len];
    stream.read_exact(&mut payload).await?;
    Ok(Some((header[3], header[4], payload)))
}

#[tokio::test]
async fn http2_keepalive_drops_a_peer_that_stops_answering_pings() -> TestResult {
    use tokio::io::AsyncWriteExt as _;
    const SETTINGS: u8 = 0x4;
    const PING: u8 = 0x6;
    const ACK: u8 = 0x1;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_SERVER__HTTP2_KEEPALIVE_INTERVAL_SECONDS", "1"),
            ("TASKER_SERVER__HTTP2_KEEPALIVE_TIMEOUT_SECONDS", "1"),
        ],
    )
    .await?;
    // A well-behaved client (tonic acknowledges pings) stays connected
    // across several intervals.
    let channel = server.channel().await?;
    TaskServiceClient::new(channel.clone())
        .list_tasks(ListTasksRequest::default())
        .await?;

    // A peer that speaks HTTP/2 but never acknowledges a PING.
    let mut peer = tokio::net::TcpStream::connect(server.addr()).await?;
    peer.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").await?;
    peer.write_all(&[0, 0, 0, SETTINGS, 0, 0, 0, 0, 0]).await?;
    let mut pings = 0;
    let outcome = tokio::time::timeout(Duration::from_secs(15), async {
        while let Some((kind, flags, _)) = read_frame(&mut peer).await? {
            match kind {
                // Acknowledge the server's SETTINGS, as a peer must.
                SETTINGS if flags & ACK == 0 => {
                    peer.write_all(&[0, 0, 0, SETTINGS, ACK, 0, 0, 0, 0])
                        .await?;
                }
                PING if flags & ACK == 0 => pings += 1,
                _ => {}
            }
        }
        TestResult::Ok(())
    })
    .await;
    assert!(
        outcome.is_ok(),
        "the server kept a peer that ignores pings for 15 s"
    );
    outcome??;
    assert!(pings >= 1, "no keep-alive PING was sent");

    tokio::time::sleep(Duration::from_secs(2)).await;
    TaskServiceClient::new(channel)
        .list_tasks(ListTasksRequest::default())
        .await?;
    still_serving(&server).await
}

fn curl(args: &[&str]) -> TestResult<(bool, String)> {
    let output = std::process::Command::new("curl")
        .args(["-s", "--max-time", "10"])
        .args(args)
        .output()?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

#[tokio::test]
async fn tls_is_served_on_the_one_listener_when_configured() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (cert, key) = tasker_e2e::self_signed_certificate(dir.path())?;
    let (cert_path, key_path) = (
        cert.to_string_lossy().into_owned(),
        key.to_string_lossy().into_owned(),
    );
    let templates = tasker_e2e::repo_root().join("config/templates");
    let templates = templates.to_string_lossy();
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_SERVER__TLS__CERT_PATH", &cert_path),
            ("TASKER_SERVER__TLS__KEY_PATH", &key_path),
            ("TASKER_TEMPLATES__DIRECTORY", &templates),
        ],
    )
    .await?;
    let https = format!("https://127.0.0.1:{}", server.addr().port());
    for version in ["--http1.1", "--http2"] {
        let (ok, body) = curl(&[version, "--cacert", &cert_path, &format!("{https}/health")])?;
        assert!(ok, "{version}: {body}");
        assert!(body.contains("HEALTH_STATUS_HEALTHY"), "{version}: {body}");
        let header = format!("x-api-key: {}", server.admin_key());
        let (ok, body) = curl(&[
            version,
            "--cacert",
            &cert_path,
            "-H",
            &header,
            &format!("{https}/v1/auth/whoami"),
        ])?;
        assert!(ok && body.contains("api_key:"), "{version}: {body}");
        let (_, body) = curl(&[
            version,
            "--cacert",
            &cert_path,
            &format!("{https}/v1/tasks"),
        ])?;
        assert!(
            body.contains("\"code\":16"),
            "unauthenticated over TLS: {body}"
        );
    }
    // Plain HTTP on the TLS port gets no answer.
    let (ok, _) = curl(&[&format!("{}/health", server.url())])?;
    assert!(!ok, "plain HTTP was served on the TLS listener");
    // A worker process reaches the server over TLS, trusting its
    // certificate (ca_file), and runs a task to completion.
    let orchestrator = format!("https://localhost:{}", server.addr().port());
    let worker = tasker_e2e::TestWorker::start_with(
        &server,
        "[examples]",
        &[
            ("TASKER_WORKER_ORCHESTRATOR__URL", &orchestrator),
            ("TASKER_WORKER_ORCHESTRATOR__CA_FILE", &cert_path),
            ("TASKER_WORKER_SERVER__TLS__CERT_PATH", &cert_path),
            ("TASKER_WORKER_SERVER__TLS__KEY_PATH", &key_path),
        ],
    )
    .await?;
    // Its own port is TLS too: REST over h1 and h2, and no plain HTTP.
    let worker_https = format!("https://127.0.0.1:{}", worker.addr().port());
    for version in ["--http1.1", "--http2"] {
        let (ok, body) = curl(&[
            version,
            "--cacert",
            &cert_path,
            &format!("{worker_https}/worker/health"),
        ])?;
        assert!(
            ok && body.contains("HEALTH_STATUS_HEALTHY"),
            "{version}: {body}"
        );
        let (_, body) = curl(&[
            version,
            "--cacert",
            &cert_path,
            &format!("{worker_https}/worker/v1/config"),
        ])?;
        assert!(body.contains("\"code\":16"), "{version}: {body}");
    }
    let (ok, _) = curl(&[&format!("{}/worker/health", worker.url())])?;
    assert!(!ok, "plain HTTP was served on the worker's TLS listener");
    let key = format!("x-api-key: {}", server.admin_key());
    let (ok, created) = curl(&[
        "--cacert",
        &cert_path,
        "-H",
        &key,
        "-H",
        "content-type: application/json",
        "--data",
        r#"{"namespace": "examples", "name": "linear", "context": {"value": 1}}"#,
        &format!("{https}/v1/tasks"),
    ])?;
    assert!(ok, "{created}");
    let created: Value = serde_json::from_str(&created)?;
    let uuid = created["task"]["taskUuid"]
        .as_str()
        .ok_or_else(|| format!("no task uuid: {created}"))?
        .to_owned();
    let mut state = String::new();
    for _ in 0..100 {
        let (_, task) = curl(&[
            "--cacert",
            &cert_path,
            "-H",
            &key,
            &format!("{https}/v1/tasks/{uuid}"),
        ])?;
        let task: Value = serde_json::from_str(&task)?;
        state = task["task"]["state"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if state == "TASK_STATE_COMPLETE" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        state,
        "TASK_STATE_COMPLETE",
        "worker output:\n{}",
        worker.output()
    );
    drop(worker);
    // Without the authority, the certificate is not trusted: the worker
    // never registers.
    let untrusting = tasker_e2e::TestWorker::start_with(
        &server,
        "[examples]",
        &[("TASKER_WORKER_ORCHESTRATOR__URL", &orchestrator)],
    )
    .await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let output = untrusting.output();
    assert!(
        !output.contains("\"registered\"") && output.contains("cannot register"),
        "registered without trusting the certificate:\n{output}"
    );

    // A missing certificate file stops the server at start.
    let output = tasker_e2e::server_command(dir.path())?
        .env(
            "TASKER_SERVER__TLS__CERT_PATH",
            dir.path().join("absent.pem"),
        )
        .env("TASKER_SERVER__TLS__KEY_PATH", &key_path)
        .output()?;
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("server.tls"));
    Ok(())
}

/// Reads from `stream` until the peer closes it or `within` passes; returns
/// what was read and whether it was closed.
async fn read_until_closed(
    stream: &mut tokio::net::TcpStream,
    within: Duration,
) -> TestResult<(String, bool)> {
    use tokio::io::AsyncReadExt as _;
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Err(_) => return Ok((String::from_utf8_lossy(&seen).into_owned(), false)),
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Ok((String::from_utf8_lossy(&seen).into_owned(), true));
            }
            Ok(Ok(n)) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}

/// Reads one HTTP/1.1 response head (up to the blank line).
async fn read_head(stream: &mut tokio::net::TcpStream, within: Duration) -> TestResult<String> {
    use tokio::io::AsyncReadExt as _;
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    tokio::time::timeout(within, async {
        while !seen.ends_with(b"\r\n\r\n") {
            if stream.read(&mut byte).await? == 0 {
                break;
            }
            seen.push(byte[0]);
        }
        TestResult::Ok(())
    })
    .await??;
    Ok(String::from_utf8_lossy(&seen).into_owned())
}

#[tokio::test]
async fn idle_connections_are_closed_after_the_idle_timeout() -> TestResult {
    use tokio::io::AsyncWriteExt as _;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__LIMITS__IDLE_TIMEOUT_SECONDS", "1")],
    )
    .await?;
    // A connection that never sends a byte.
    let mut silent = tokio::net::TcpStream::connect(server.addr()).await?;
    let (_, closed) = read_until_closed(&mut silent, Duration::from_secs(5)).await?;
    assert!(
        closed,
        "a silent connection outlived the 1 s idle timeout by 4 s"
    );
    // A keep-alive HTTP/1.1 connection after its request.
    let mut kept = tokio::net::TcpStream::connect(server.addr()).await?;
    kept.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n")
        .await?;
    let head = read_head(&mut kept, Duration::from_secs(5)).await?;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let (_, closed) = read_until_closed(&mut kept, Duration::from_secs(5)).await?;
    assert!(
        closed,
        "an idle keep-alive connection outlived the idle timeout"
    );
    // HTTP/2 with no stream open, from a peer that acknowledges SETTINGS
    // and PINGs: closed too (GOAWAY, then EOF).
    let mut h2 = tokio::net::TcpStream::connect(server.addr()).await?;
    h2.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").await?;
    h2.write_all(&[0, 0, 0, 0x4, 0, 0, 0, 0, 0]).await?;
    let mut goaway = false;
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some((kind, flags, payload)) = read_frame(&mut h2).await? {
            match kind {
                0x4 if flags & 1 == 0 => h2.write_all(&[0, 0, 0, 0x4, 1, 0, 0, 0, 0]).await?,
                0x6 if flags & 1 == 0 => {
                    h2.write_all(&[0, 0, 8, 0x6, 1, 0, 0, 0, 0]).await?;
                    h2.write_all(&payload).await?;
                }
                0x7 => goaway = true,
                _ => {}
            }
        }
        TestResult::Ok(())
    })
    .await
    .is_ok();
    assert!(goaway, "no GOAWAY on an idle HTTP/2 connection");
    assert!(
        closed,
        "an idle HTTP/2 connection outlived the idle timeout"
    );
    // A busy stream is not idle: a watch outlives the idle timeout.
    let channel = server.channel().await?;
    let uuids = tasks(&server, 1).await?;
    let mut watch = TaskServiceClient::new(channel)
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: uuids[0].clone(),
        })
        .await?
        .into_inner();
    watch.message().await?.ok_or("no first message")?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let cancelled = TaskServiceClient::new(server.channel().await?)
        .cancel_task(CancelTaskRequest {
            task_uuid: uuids[0].clone(),
            ..CancelTaskRequest::default()
        })
        .await;
    cancelled?;
    let next = tokio::time::timeout(Duration::from_secs(5), watch.message()).await??;
    assert!(next.is_some(), "the watch was cut while in progress");
    still_serving(&server).await
}

#[tokio::test]
async fn the_worker_port_has_the_same_limits() -> TestResult {
    let server = TestServer::start_with(Backend::Sqlite, &[]).await?;
    let worker = tasker_e2e::TestWorker::start_with(
        &server,
        "[examples]",
        &[("TASKER_WORKER_SERVER__LIMITS__IDLE_TIMEOUT_SECONDS", "1")],
    )
    .await?;
    let mut silent = tokio::net::TcpStream::connect(worker.addr()).await?;
    let (_, closed) = read_until_closed(&mut silent, Duration::from_secs(5)).await?;
    assert!(
        closed,
        "the worker kept an idle connection past its idle timeout"
    );
    Ok(())
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_within_the_body_timeout() -> TestResult {
    use tokio::io::AsyncWriteExt as _;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__LIMITS__BODY_READ_TIMEOUT_SECONDS", "1")],
    )
    .await?;
    // REST: 408.
    let mut stream = tokio::net::TcpStream::connect(server.addr()).await?;
    let started = std::time::Instant::now();
    stream
        .write_all(
            format!(
                "POST /v1/tasks HTTP/1.1\r\nhost: x\r\nx-api-key: {}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"namespace\":",
                server.admin_key()
            )
            .as_bytes(),
        )
        .await?;
    let head = read_head(&mut stream, Duration::from_secs(10)).await?;
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // gRPC: DEADLINE_EXCEEDED, for a message that never completes.
    let tcp = tokio::net::TcpStream::connect(server.addr()).await?;
    let (client, connection) = h2::client::handshake(tcp).await?;
    let connection = tokio::spawn(connection);
    let mut client = client.ready().await?;
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("{}/tasker.v1.TaskService/ListTasks", server.url()))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("x-api-key", server.admin_key())
        .body(())?;
    let (response, mut send) = client.send_request(request, false)?;
    send.send_data(bytes::Bytes::from_static(&[0, 0, 0, 0, 10, 0x08]), false)?;
    let started = std::time::Instant::now();
    let response = tokio::time::timeout(Duration::from_secs(10), response).await??;
    let (parts, mut body) = response.into_parts();
    let mut status = parts.headers.get("grpc-status").cloned();
    if status.is_none() {
        while let Some(chunk) = body.data().await {
            chunk?;
        }
        status = body
            .trailers()
            .await?
            .and_then(|t| t.get("grpc-status").cloned());
    }
    assert_eq!(status.as_ref().map(|s| s.as_bytes()), Some(&b"4"[..]));
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(send);
    connection.abort();
    still_serving(&server).await
}

#[tokio::test]
async fn a_huge_declared_body_is_413_before_it_is_sent() -> TestResult {
    use tokio::io::AsyncWriteExt as _;
    let server = TestServer::start().await?;
    let mut stream = tokio::net::TcpStream::connect(server.addr()).await?;
    stream
        .write_all(
            format!(
                "POST /v1/tasks HTTP/1.1\r\nhost: x\r\nx-api-key: {}\r\ncontent-type: application/json\r\ncontent-length: 10737418240\r\n\r\n",
                server.admin_key()
            )
            .as_bytes(),
        )
        .await?;
    let head = read_head(&mut stream, Duration::from_secs(5)).await?;
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    still_serving(&server).await
}

#[tokio::test]
async fn connections_beyond_the_cap_are_refused_while_others_keep_working() -> TestResult {
    use tokio::io::AsyncWriteExt as _;
    const CAP: usize = 4;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__LIMITS__MAX_CONNECTIONS", "4")],
    )
    .await?;
    // Let the connections of the start-up checks close.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let request = b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n";
    let mut open = Vec::new();
    let mut refused = None;
    for i in 0..CAP + 2 {
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await?;
        let _ = stream.write_all(request).await;
        let answer = read_head(&mut stream, Duration::from_secs(5)).await;
        match answer {
            Ok(head) if head.starts_with("HTTP/1.1 200") => open.push(stream),
            Ok(head) => {
                assert!(
                    head.is_empty() || head.starts_with("HTTP/1.1 503"),
                    "{head}"
                );
                refused = Some(i);
                break;
            }
            Err(_) => {
                refused = Some(i);
                break;
            }
        }
    }
    let refused = refused.ok_or("no connection was refused")?;
    assert!(
        refused <= CAP,
        "connection {refused} was refused, the cap is {CAP}"
    );
    // The open ones keep working.
    for stream in &mut open {
        stream.write_all(request).await?;
        // (After the unread body of the previous response.)
        let head = read_head(stream, Duration::from_secs(5)).await?;
        assert!(head.contains("HTTP/1.1 200"), "{head}");
    }
    // A closed one frees its slot.
    open.pop();
    let mut served = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await?;
        let _ = stream.write_all(request).await;
        if read_head(&mut stream, Duration::from_secs(2))
            .await
            .is_ok_and(|head| head.starts_with("HTTP/1.1 200"))
        {
            served = true;
            break;
        }
    }
    assert!(served, "the slot of a closed connection was not freed");
    Ok(())
}

#[tokio::test]
async fn an_oversized_rest_body_written_whole_is_answered_413() -> TestResult {
    use tasker_e2e::http1::Http1;
    let server = TestServer::start().await?;
    // 20 MiB against the default 4 MiB cap, written whole before reading.
    let body = serde_json::to_vec(&json!({
        "namespace": "limits",
        "name": "job",
        "idempotencyKey": "k".repeat(20 * 1024 * 1024),
    }))?;
    let head = format!(
        "POST /v1/tasks HTTP/1.1\r\nx-api-key: {}\r\ncontent-type: application/json",
        server.admin_key()
    );
    for chunked in [false, true] {
        let mut connection = Http1::connect(server.addr()).await?;
        if chunked {
            connection.send_chunked(&head, &body).await?;
        } else {
            connection.send(&head, &body).await?;
        }
        let answer = connection.answer().await?;
        assert_eq!(answer.status, 413, "chunked {chunked}: {answer:?}");
        assert_eq!(answer.header("connection"), Some("close"));
        assert_eq!(answer.json()["code"], 8, "{answer:?}");
        assert!(connection.closed().await?);
    }
    still_serving(&server).await
}
