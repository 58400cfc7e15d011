//! Answers given before the request body was read: the client still gets
//! them after writing its whole body, and on HTTP/1.1 the connection stays
//! usable (or is closed cleanly once the client has finished writing).

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use serde_json::Value;
use tasker_gateway::grpc::frame;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use tasker_gateway::{DrainLimits, RestOptions};

use crate::fixture::{Server, h2_client};

/// A JSON body of about `size` bytes.
fn big_json(size: usize) -> Vec<u8> {
    let mut body = b"{\"name\": \"".to_vec();
    body.resize(size - 2, b'x');
    body.extend_from_slice(b"\"}");
    body
}

/// One answer read off an HTTP/1.1 connection.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// A client on one HTTP/1.1 connection that writes each request whole
/// before it reads anything, as Python's urllib does.
struct Raw {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Raw {
    async fn connect(server: &Server) -> Self {
        Self {
            stream: TcpStream::connect(server.addr).await.unwrap(),
            buffer: Vec::new(),
        }
    }

    /// Writes a request with a `Content-Length` body.
    async fn send(&mut self, head: &str, body: &[u8]) -> std::io::Result<()> {
        let head = format!(
            "{head}\r\nhost: test\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        self.stream.write_all(head.as_bytes()).await?;
        self.stream.write_all(body).await?;
        self.stream.flush().await
    }

    /// Writes a request with a chunked body, in chunks of 64 KiB.
    async fn send_chunked(&mut self, head: &str, body: &[u8]) -> std::io::Result<()> {
        let head = format!("{head}\r\nhost: test\r\ntransfer-encoding: chunked\r\n\r\n");
        self.stream.write_all(head.as_bytes()).await?;
        for chunk in body.chunks(64 * 1024) {
            self.stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            self.stream.write_all(chunk).await?;
            self.stream.write_all(b"\r\n").await?;
        }
        self.stream.write_all(b"0\r\n\r\n").await?;
        self.stream.flush().await
    }

    /// Reads until `buffer` holds `n` bytes; false at the end of the stream.
    async fn fill(&mut self, n: usize) -> bool {
        while self.buffer.len() < n {
            let mut chunk = vec![0u8; 64 * 1024];
            let read = tokio::time::timeout(Duration::from_secs(30), self.stream.read(&mut chunk))
                .await
                .expect("the server answers")
                .unwrap();
            if read == 0 {
                return false;
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
        true
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        self.buffer.drain(..n).collect()
    }

    /// Reads a line ending in CRLF (without it).
    async fn line(&mut self) -> String {
        loop {
            if let Some(at) = self.buffer.windows(2).position(|w| w == b"\r\n") {
                let line = self.take(at + 2);
                return String::from_utf8_lossy(&line[..at]).into_owned();
            }
            let want = self.buffer.len() + 1;
            assert!(self.fill(want).await, "connection closed mid-answer");
        }
    }

    async fn answer(&mut self) -> Answer {
        let status_line = self.line().await;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("status line {status_line:?}"));
        let mut headers = Vec::new();
        loop {
            let line = self.line().await;
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap();
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        let mut answer = Answer {
            status,
            headers,
            body: Vec::new(),
        };
        if let Some(length) = answer.header("content-length") {
            let length: usize = length.parse().unwrap();
            assert!(self.fill(length).await, "connection closed mid-body");
            answer.body = self.take(length);
        } else if answer.header("transfer-encoding") == Some("chunked") {
            loop {
                let size = usize::from_str_radix(self.line().await.trim(), 16).unwrap();
                if size == 0 {
                    while !self.line().await.is_empty() {}
                    break;
                }
                assert!(self.fill(size + 2).await, "connection closed mid-chunk");
                let chunk = self.take(size + 2);
                answer.body.extend_from_slice(&chunk[..size]);
            }
        } else {
            while self.fill(self.buffer.len() + 1).await {}
            answer.body = std::mem::take(&mut self.buffer);
        }
        answer
    }

    /// Whether the server closed the connection (nothing more to read).
    async fn closed(&mut self) -> bool {
        !self.fill(self.buffer.len() + 1).await
    }

    /// A GET on the same connection is answered.
    async fn still_serves(&mut self) {
        self.send("GET /v1/things/again HTTP/1.1", b"")
            .await
            .unwrap();
        let answer = self.answer().await;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.json()["id"], "again");
    }
}

fn assert_too_large(answer: &Answer) {
    assert_eq!(answer.status, 413, "{answer:?}");
    assert_eq!(answer.header("connection"), Some("close"));
    let json = answer.json();
    assert_eq!(json["code"], 8, "{json}");
    assert!(
        json["message"].as_str().unwrap().contains("limit"),
        "{json}"
    );
}

#[tokio::test]
async fn an_oversized_body_is_answered_413_over_http1() {
    let server = Server::start().await;
    let body = big_json(24 * 1024 * 1024);
    // Refused from its Content-Length; the client writes all of it first.
    let mut raw = Raw::connect(&server).await;
    raw.send(
        "POST /v1/things HTTP/1.1\r\ncontent-type: application/json",
        &body,
    )
    .await
    .expect("the whole body is taken");
    assert_too_large(&raw.answer().await);
    assert!(raw.closed().await);
    // Chunked: refused when the limit is hit mid-body.
    let mut raw = Raw::connect(&server).await;
    raw.send_chunked(
        "POST /v1/things HTTP/1.1\r\ncontent-type: application/json",
        &body,
    )
    .await
    .expect("the whole body is taken");
    assert_too_large(&raw.answer().await);
    assert!(raw.closed().await);
}

#[tokio::test]
async fn an_oversized_body_is_answered_413_over_http2() {
    let server = Server::start().await;
    let body = Bytes::from(big_json(24 * 1024 * 1024));
    let client = h2_client();
    // With a Content-Length.
    let response = client
        .post(server.url("/v1/things"))
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.version(), reqwest::Version::HTTP_2);
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json: Value = response.json().await.unwrap();
    assert_eq!(json["code"], 8, "{json}");
    // Streamed, without one: the limit is hit mid-body.
    let chunks: Vec<Result<Bytes, std::io::Error>> = body
        .chunks(64 * 1024)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let response = client
        .post(server.url("/v1/things"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json: Value = response.json().await.unwrap();
    assert_eq!(json["code"], 8, "{json}");
    // The connection serves on.
    let response = client
        .get(server.url("/v1/things/after"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn early_rest_errors_keep_the_http1_connection() {
    let server = Server::start().await;
    let body = big_json(2 * 1024 * 1024);
    let mut raw = Raw::connect(&server).await;
    for (head, status) in [
        // No route.
        (
            "POST /v1/nothing HTTP/1.1\r\ncontent-type: application/json",
            404,
        ),
        // Wrong method.
        (
            "DELETE /v1/things HTTP/1.1\r\ncontent-type: application/json",
            405,
        ),
        // Wrong content type.
        ("POST /v1/things HTTP/1.1\r\ncontent-type: text/plain", 415),
        // A body on a route that takes none.
        (
            "GET /v1/things/x HTTP/1.1\r\ncontent-type: application/json",
            200,
        ),
    ] {
        raw.send(head, &body)
            .await
            .expect("the whole body is taken");
        let answer = raw.answer().await;
        assert_eq!(answer.status, status, "{head}: {answer:?}");
        assert_eq!(answer.header("connection"), None, "{head}");
        raw.still_serves().await;
    }
    // A chunked body (length unknown) is drained too, then the connection
    // is closed: the client finishes writing and reads the answer.
    let mut raw = Raw::connect(&server).await;
    raw.send_chunked(
        "POST /v1/nothing HTTP/1.1\r\ncontent-type: application/json",
        &body,
    )
    .await
    .expect("the whole body is taken");
    let answer = raw.answer().await;
    assert_eq!(answer.status, 404, "{answer:?}");
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(raw.closed().await);
}

#[tokio::test]
async fn early_grpc_web_errors_keep_the_http1_connection() {
    let server = Server::start().await;
    // A message of 1 MiB to a method the service does not have: answered
    // UNIMPLEMENTED before the body is read.
    let message = vec![0x0a_u8; 1024 * 1024];
    let body = frame(&message);
    let mut raw = Raw::connect(&server).await;
    for _ in 0..2 {
        raw.send(
            "POST /gateway.test.v1.TestService/Nope HTTP/1.1\r\ncontent-type: application/grpc-web+proto\r\nx-grpc-web: 1",
            &body,
        )
        .await
        .expect("the whole body is taken");
        let answer = raw.answer().await;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.header("grpc-status"), Some("12"), "{answer:?}");
        assert_eq!(answer.header("connection"), None);
    }
    raw.still_serves().await;
}

#[tokio::test]
async fn draining_is_bounded_in_time_and_bytes() {
    let options = RestOptions {
        drain: DrainLimits {
            max_bytes: 1024 * 1024,
            timeout: Duration::from_millis(500),
        },
        ..RestOptions::default()
    };
    let server = Server::start_with(options).await;
    // A chunked body that never ends: answered, then closed once the drain
    // gives up.
    let mut raw = Raw::connect(&server).await;
    raw.stream
        .write_all(b"POST /v1/nothing HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n")
        .await
        .unwrap();
    let answer = raw.answer().await;
    assert_eq!(answer.status, 404, "{answer:?}");
    assert_eq!(answer.header("connection"), Some("close"));
    let started = tokio::time::Instant::now();
    assert!(raw.closed().await);
    assert!(started.elapsed() < Duration::from_secs(5));
    // A declared length over the drain limit: answered with
    // `Connection: close`, and not read.
    let mut raw = Raw::connect(&server).await;
    raw.stream
        .write_all(b"POST /v1/nothing HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 2097152\r\n\r\n{")
        .await
        .unwrap();
    let answer = raw.answer().await;
    assert_eq!(answer.status, 404, "{answer:?}");
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(raw.closed().await);
    // A declared length within it: the connection is kept.
    let mut raw = Raw::connect(&server).await;
    raw.send(
        "POST /v1/nothing HTTP/1.1\r\ncontent-type: application/json",
        &big_json(512 * 1024),
    )
    .await
    .unwrap();
    let answer = raw.answer().await;
    assert_eq!(answer.status, 404, "{answer:?}");
    assert_eq!(answer.header("connection"), None);
    raw.still_serves().await;
}

/// The Connect door, like REST: a client that writes a body of tens of MiB
/// whole before reading gets the Connect error (`resource_exhausted`, 429),
/// not a broken pipe, with a declared length or chunked.
#[tokio::test]
async fn an_oversized_connect_body_is_answered_over_http1() {
    let server = Server::start().await;
    let body = big_json(24 * 1024 * 1024);
    let head = "POST /gateway.test.v1.TestService/GetThing HTTP/1.1\r\ncontent-type: application/json\r\nconnect-protocol-version: 1";
    let mut raw = Raw::connect(&server).await;
    raw.send(head, &body)
        .await
        .expect("the whole body is taken");
    let answer = raw.answer().await;
    assert_eq!(answer.status, 429, "{answer:?}");
    assert_eq!(answer.json()["code"], "resource_exhausted", "{answer:?}");
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(raw.closed().await);
    let mut raw = Raw::connect(&server).await;
    raw.send_chunked(head, &body)
        .await
        .expect("the whole body is taken");
    let answer = raw.answer().await;
    assert_eq!(answer.status, 429, "{answer:?}");
    assert_eq!(answer.json()["code"], "resource_exhausted", "{answer:?}");
    // An early Connect error (an unknown method) on a body within the drain
    // limit keeps the connection.
    let mut raw = Raw::connect(&server).await;
    raw.send(
        "POST /gateway.test.v1.TestService/Nope HTTP/1.1\r\ncontent-type: application/proto\r\nconnect-protocol-version: 1",
        &vec![0x0a_u8; 1024 * 1024],
    )
    .await
    .expect("the whole body is taken");
    let answer = raw.answer().await;
    assert!(answer.status >= 400, "{answer:?}");
    assert_eq!(answer.header("connection"), None, "{answer:?}");
    raw.still_serves().await;
}
