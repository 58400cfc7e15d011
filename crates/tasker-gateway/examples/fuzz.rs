//! Fuzzing the gateway's input paths: a benchmark-style program, not part of
//! the default test run (a 2,000-case smoke of it is: `tests/it/fuzz.rs`).
//!
//! ```text
//! cargo run -p tasker-gateway --example fuzz -- --cases 1000000 --seed 2026
//! ```
//!
//! Three targets, in turn, each fed inputs mutated (fastrand, seeded) from the
//! corpus in `crates/tasker-gateway/fuzz/corpus/`:
//!
//! - **path**: `PathTemplate::parse` on mutated templates and
//!   `PathTemplate::match_path` of mutated request paths;
//! - **rest**: the REST binder end to end (`Transcoder::handle`: routing,
//!   content type, body, query, path values, JSON → message) against a stub
//!   service that answers every call with an empty message;
//! - **grpc**: gRPC, gRPC-Web and gRPC-Web-text bodies through `OnePort`
//!   (tonic-web, `GrpcCheck`) to a stub that decodes the request the way
//!   tonic does (prost decoding errors → INTERNAL, as tonic-prost answers).
//!
//! Bad input must never panic, nor be answered 5xx or INTERNAL. The program
//! prints figures per target and exits non-zero when any of these is not 0.
//! It also compares the wire-format walk of `GrpcCheck` with prost-reflect's
//! decoder on every gRPC message: a message the walk refuses for any reason
//! but depth must not be one the decoder accepts.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Request, Response};
use http_body_util::BodyExt as _;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor};
use tasker_gateway::grpc::{FrameDecoder, frame};
use tasker_gateway::{OnePort, PathTemplate, RestOptions, Transcoder, routes_from_pool};
use tower::ServiceExt as _;

/// Figures of one run.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub cases: [u64; 3],
    pub panics: [u64; 3],
    /// REST answers ≥ 500; gRPC answers INTERNAL or HTTP ≥ 500.
    pub server_errors: [u64; 3],
    /// Answers 2xx (REST) / OK (gRPC): inputs that were accepted.
    pub accepted: [u64; 3],
    /// gRPC messages the wire walk refused (not for depth) that the decoder
    /// accepts.
    pub false_refusals: u64,
    /// gRPC messages the wire walk let through that the decoder refused
    /// (answered INVALID_ARGUMENT by the backstop).
    pub walk_missed: u64,
    pub seconds: f64,
    /// One example of each failure kind, for the report.
    pub examples: Vec<String>,
}

impl Report {
    pub fn failures(&self) -> u64 {
        self.panics.iter().sum::<u64>()
            + self.server_errors.iter().sum::<u64>()
            + self.false_refusals
    }
}

const TARGETS: [&str; 3] = ["path", "rest", "grpc"];

/// The corpus shipped with the crate.
pub fn default_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
}

struct Corpus {
    templates: Vec<String>,
    paths: Vec<String>,
    queries: Vec<String>,
    bodies: Vec<String>,
    content_types: Vec<String>,
    messages: Vec<Vec<u8>>,
}

fn lines(dir: &Path, name: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()))
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn load_corpus(dir: &Path, thing: &MessageDescriptor) -> Corpus {
    let bodies = lines(dir, "bodies.jsonl");
    let mut messages: Vec<Vec<u8>> = lines(dir, "grpc.hex")
        .iter()
        .map(|line| {
            (0..line.len() / 2)
                .filter_map(|i| u8::from_str_radix(&line[2 * i..2 * i + 2], 16).ok())
                .collect()
        })
        .collect();
    // Every body that is a valid Thing is a valid gRPC message too.
    for body in &bodies {
        let mut de = serde_json::Deserializer::from_str(body);
        if let Ok(message) = DynamicMessage::deserialize(thing.clone(), &mut de) {
            messages.push(prost::Message::encode_to_vec(&message));
        }
    }
    Corpus {
        templates: lines(dir, "templates.txt"),
        paths: lines(dir, "paths.txt"),
        queries: lines(dir, "queries.txt"),
        bodies,
        content_types: lines(dir, "content_types.txt"),
        messages,
    }
}

/// The gateway's test package (`tests/proto/gateway/test/v1`).
pub fn pool() -> DescriptorPool {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    protox::Compiler::new([root.join("tests/proto"), root.join("../../proto")])
        .expect("includes")
        .include_imports(true)
        .open_files([
            "gateway/test/v1/transcoding.proto",
            "google/rpc/status.proto",
            "google/rpc/error_details.proto",
        ])
        .expect("the test proto compiles")
        .descriptor_pool()
}

// ---------------------------------------------------------------------------
// Mutation.

const INTERESTING: &[&[u8]] = &[
    b"\xff",
    b"\x80",
    b"\x00",
    b"%FF",
    b"%",
    b"%2F",
    b"%C3%28",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b":",
    b"/",
    b"*",
    b"**",
    b"=",
    b"&",
    b"+",
    b";",
    b".",
    b"1e999",
    b"-0",
    b"NaN",
    b"null",
    b"true",
    b"\xc3\x28",
    b"\xe2\x82",
    b"{\"a\":",
    b"[[[[",
    b"\x0a\xff",
];

fn mutate(rng: &mut fastrand::Rng, input: &[u8], others: &[&[u8]]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.usize(1..=4) {
        let at = rng.usize(0..=out.len());
        match rng.u8(0..9) {
            0 if !out.is_empty() => {
                let i = rng.usize(0..out.len());
                out[i] ^= 1 << rng.u8(0..8);
            }
            1 => out.insert(at, rng.u8(..)),
            2 if !out.is_empty() => {
                let i = rng.usize(0..out.len());
                out.remove(i);
            }
            3 => {
                let piece = INTERESTING[rng.usize(0..INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            4 if !out.is_empty() => {
                let from = rng.usize(0..out.len());
                let to = rng.usize(from..=out.len().min(from + 16));
                let piece = out[from..to].to_vec();
                out.splice(at..at, piece);
            }
            5 => out.truncate(at),
            6 if !others.is_empty() => {
                let other = others[rng.usize(0..others.len())];
                let from = rng.usize(0..=other.len());
                let to = rng.usize(from..=other.len());
                out.splice(at..at, other[from..to].iter().copied());
            }
            7 => {
                // Deep nesting.
                let open: &[u8] = match rng.u8(0..3) {
                    0 => b"[",
                    1 => b"{\"a\":",
                    _ => b"{\"k\":[",
                };
                let n = rng.usize(1..120);
                let piece: Vec<u8> = open.iter().copied().cycle().take(open.len() * n).collect();
                out.splice(at..at, piece);
            }
            _ => {}
        }
    }
    out
}

fn mutate_pick(rng: &mut fastrand::Rng, items: &[String]) -> Vec<u8> {
    let seed = items[rng.usize(0..items.len())].as_bytes();
    mutate(rng, seed, &[])
}

fn mutate_any(rng: &mut fastrand::Rng, items: &[&[u8]]) -> Vec<u8> {
    let seed = items[rng.usize(0..items.len())];
    mutate(rng, seed, items)
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &'a [String]) -> &'a str {
    &items[rng.usize(0..items.len())]
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

// ---------------------------------------------------------------------------
// The stub service behind the gateway.

#[derive(Clone)]
struct Stub {
    pool: DescriptorPool,
}

fn ok_response() -> Response<tonic::body::Body> {
    let mut trailers = HeaderMap::new();
    trailers.insert("grpc-status", HeaderValue::from_static("0"));
    let frames = futures_util::stream::iter([
        Ok::<_, Infallible>(http_body::Frame::data(frame(&[]))),
        Ok(http_body::Frame::trailers(trailers)),
    ]);
    let mut response = Response::new(tonic::body::Body::new(http_body_util::StreamBody::new(
        frames,
    )));
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/grpc"));
    response
}

/// Answers as a tonic service would: the body's error status, INTERNAL for
/// a message prost cannot decode or a missing one, else an empty message.
async fn stub_respond(
    pool: DescriptorPool,
    request: Request<tonic::body::Body>,
) -> Response<tonic::body::Body> {
    let path = request.uri().path().to_owned();
    let Some(method) =
        path.trim_start_matches('/')
            .split_once('/')
            .and_then(|(service, method)| {
                pool.get_service_by_name(service)
                    .and_then(|s| s.methods().find(|m| m.name() == method))
            })
    else {
        return tonic::Status::unimplemented("no such method").into_http();
    };
    let bytes = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(status) => return status.into_http(),
    };
    let mut decoder = FrameDecoder::default();
    decoder.push(&bytes);
    match decoder.next_message() {
        Ok(Some(message)) => match DynamicMessage::decode(method.input(), message) {
            Ok(_) => ok_response(),
            Err(error) => tonic::Status::internal(error.to_string()).into_http(),
        },
        Ok(None) => tonic::Status::internal("Missing request message.").into_http(),
        Err(_) => tonic::Status::internal("protocol error: received message with compressed-flag")
            .into_http(),
    }
}

impl tower::Service<Request<tonic::body::Body>> for Stub {
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<tonic::body::Body>) -> Self::Future {
        let pool = self.pool.clone();
        Box::pin(async move { Ok(stub_respond(pool, request).await) })
    }
}

// ---------------------------------------------------------------------------
// The run.

/// Runs `cases` cases from `seed` over the corpus in `corpus`.
pub fn run(cases: u64, seed: u64, corpus: &Path) -> Report {
    let pool = pool();
    let thing = pool
        .get_message_by_name("gateway.test.v1.Thing")
        .expect("Thing");
    let corpus = load_corpus(corpus, &thing);
    let routes = routes_from_pool(&pool).expect("routes");
    let transcoder =
        Transcoder::new(pool.clone(), &routes, RestOptions::default()).expect("transcoder");
    let stub = Stub { pool: pool.clone() };
    let one_port = OnePort::new(stub.clone(), transcoder.clone(), Vec::new());
    let templates: Vec<PathTemplate> = corpus
        .templates
        .iter()
        .filter_map(|t| PathTemplate::parse(t).ok())
        .collect();
    let grpc_paths: Vec<(String, MessageDescriptor)> = pool
        .services()
        .flat_map(|s| {
            s.methods()
                .map(|m| (format!("/{}/{}", s.full_name(), m.name()), m.input()))
                .collect::<Vec<_>>()
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // Panics are counted, not printed.
    let previous_hook = std::panic::take_hook();
    let last_panic = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let last_panic = std::sync::Arc::clone(&last_panic);
        std::panic::set_hook(Box::new(move |info| {
            if let Ok(mut last) = last_panic.lock() {
                *last = info.to_string();
            }
        }));
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut report = Report::default();
    let bodies: Vec<&[u8]> = corpus.bodies.iter().map(|b| b.as_bytes()).collect();
    let messages: Vec<&[u8]> = corpus.messages.iter().map(Vec::as_slice).collect();
    let started = Instant::now();
    for case in 0..cases {
        let target = (case % 3) as usize;
        report.cases[target] += 1;
        let mut note = String::new();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| match target {
            0 => {
                // Templates: parse a mutated one; match a mutated path.
                let source = text(mutate_pick(&mut rng, &corpus.templates));
                let _ = PathTemplate::parse(&source);
                let path = text(mutate_pick(&mut rng, &corpus.paths));
                note = path.clone();
                let mut matched = false;
                for template in &templates {
                    if let Ok(Some(_)) = template.match_path(&path) {
                        matched = true;
                    }
                }
                (false, matched)
            }
            1 => {
                let method = ["GET", "POST", "PUT", "PATCH", "DELETE"][rng.usize(0..5)];
                let path = text(mutate_pick(&mut rng, &corpus.paths));
                let query = if rng.bool() {
                    text(mutate_pick(&mut rng, &corpus.queries))
                } else {
                    pick(&mut rng, &corpus.queries).to_owned()
                };
                let body = mutate_any(&mut rng, &bodies);
                let content_type = pick(&mut rng, &corpus.content_types).to_owned();
                let uri = format!(
                    "{}?{}",
                    path.replace([' ', '#', '?'], "%20"),
                    query.replace([' ', '#'], "%20")
                );
                note = format!(
                    "{method} {uri} [{content_type}] {}",
                    String::from_utf8_lossy(&body)
                );
                let mut builder = Request::builder().method(method).uri(&uri);
                if content_type != "-" {
                    builder = builder.header("content-type", content_type);
                }
                let Ok(request) = builder.body(http_body_util::Full::new(Bytes::from(body))) else {
                    return (false, false); // not a request hyper would build
                };
                let response = runtime.block_on(transcoder.handle(stub.clone(), request));
                let status = response.status();
                (status.is_server_error(), status.is_success())
            }
            _ => {
                let (path, input) = &grpc_paths[rng.usize(0..grpc_paths.len())];
                let message = mutate_any(&mut rng, &messages);
                // The walk must not refuse what the decoder accepts.
                let walked = tasker_gateway::check::scan_message(input, &message);
                let decoded = DynamicMessage::decode(input.clone(), message.as_slice());
                match (&walked, &decoded) {
                    (Err(reason), Ok(_)) if !reason.contains("nesting") => {
                        report.false_refusals += 1;
                        if report.examples.len() < 10 {
                            report
                                .examples
                                .push(format!("false refusal ({reason}): {}", hex(&message)));
                        }
                    }
                    (Ok(()), Err(_)) => report.walk_missed += 1,
                    _ => {}
                }
                let mut body = match rng.u8(0..8) {
                    0 => mutate(&mut rng, &message, &[]),
                    1 => {
                        let mut two = frame(&message).to_vec();
                        two.extend_from_slice(&frame(&message));
                        two
                    }
                    2 => {
                        let mut f = frame(&message).to_vec();
                        f[0] = rng.u8(0..3);
                        f
                    }
                    3 => {
                        let mut f = frame(&message).to_vec();
                        let cut = rng.usize(0..=f.len());
                        f.truncate(cut);
                        f
                    }
                    _ => frame(&message).to_vec(),
                };
                let content_type = [
                    "application/grpc",
                    "application/grpc-web+proto",
                    "application/grpc-web-text",
                    "application/grpc-web",
                ][rng.usize(0..4)];
                if content_type == "application/grpc-web-text" {
                    body = base64::engine::general_purpose::STANDARD
                        .encode(&body)
                        .into_bytes();
                    if rng.u8(0..4) == 0 {
                        body = mutate(&mut rng, &body, &[]);
                    }
                }
                note = format!("{path} [{content_type}] {}", hex(&body));
                let mut request = Request::builder()
                    .method("POST")
                    .uri(path.as_str())
                    .header("content-type", content_type);
                if content_type == "application/grpc" {
                    request = request
                        .version(http::Version::HTTP_2)
                        .header("te", "trailers");
                }
                if rng.u8(0..16) == 0 {
                    request = request.header(
                        "grpc-encoding",
                        ["gzip", "snappy", "identity"][rng.usize(0..3)],
                    );
                }
                let request = request
                    .body(http_body_util::Full::new(Bytes::from(body)))
                    .expect("request");
                let response = runtime.block_on(async {
                    let response = one_port.clone().oneshot(request).await.expect("infallible");
                    let (parts, body) = response.into_parts();
                    let _ = body.collect().await;
                    parts
                });
                let grpc_status = response
                    .headers
                    .get("grpc-status")
                    .map(|v| v.as_bytes().to_vec());
                // The compression spec's one required INTERNAL (Compressed-Flag
                // without grpc-encoding) is the right answer, not a failure.
                let spec_internal = response
                    .headers
                    .get("grpc-message")
                    .is_some_and(|m| m.to_str().is_ok_and(|m| m.contains("Compressed-Flag")));
                let internal = grpc_status.as_deref() == Some(b"13") && !spec_internal;
                (
                    internal || response.status.is_server_error(),
                    grpc_status.is_none() || grpc_status.as_deref() == Some(b"0"),
                )
            }
        }))
        .map_err(|_| ());
        match outcome {
            Ok((server_error, accepted)) => {
                if server_error {
                    report.server_errors[target] += 1;
                    if report.examples.len() < 10 {
                        report
                            .examples
                            .push(format!("{} 5xx/INTERNAL: {note}", TARGETS[target]));
                    }
                }
                if accepted {
                    report.accepted[target] += 1;
                }
            }
            Err(()) => {
                report.panics[target] += 1;
                if report.examples.len() < 10 {
                    let message = last_panic.lock().map(|m| m.clone()).unwrap_or_default();
                    report
                        .examples
                        .push(format!("{} panic: {message}: {note}", TARGETS[target]));
                }
            }
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    std::panic::set_hook(previous_hook);
    report
}

fn hex(bytes: &[u8]) -> String {
    hex::encode(&bytes[..bytes.len().min(256)])
}

/// Prints the figures.
pub fn print(report: &Report, seed: u64) {
    let total: u64 = report.cases.iter().sum();
    println!(
        "fuzz: {total} cases, seed {seed}, {:.1} s ({:.0} cases/s)",
        report.seconds,
        total as f64 / report.seconds.max(1e-9)
    );
    println!(
        "{:<6} {:>10} {:>8} {:>14} {:>10}",
        "target", "cases", "panics", "5xx/INTERNAL", "accepted"
    );
    for (i, name) in TARGETS.iter().enumerate() {
        println!(
            "{:<6} {:>10} {:>8} {:>14} {:>10}",
            name, report.cases[i], report.panics[i], report.server_errors[i], report.accepted[i]
        );
    }
    println!(
        "wire walk vs decoder: {} false refusals, {} decode errors left to the backstop",
        report.false_refusals, report.walk_missed
    );
    for example in &report.examples {
        println!("  {example}");
    }
}

#[allow(dead_code)]
fn main() {
    let mut cases = 100_000u64;
    let mut seed = 2026u64;
    let mut corpus = default_corpus();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cases" => cases = args.next().and_then(|v| v.parse().ok()).expect("--cases N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--corpus" => corpus = PathBuf::from(args.next().expect("--corpus DIR")),
            other => {
                println!("unknown argument {other:?}; use --cases N --seed N [--corpus DIR]");
                std::process::exit(2);
            }
        }
    }
    let report = run(cases, seed, &corpus);
    print(&report, seed);
    if report.failures() > 0 {
        std::process::exit(1);
    }
}
