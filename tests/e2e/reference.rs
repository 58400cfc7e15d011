//! The API references' examples run as written: every RPC's example request
//! in `proto/tasker/v1/reference.toml` and `proto/tasker/worker/v1/reference.toml`
//! (the ones the generated references show as `buf curl` and `curl` calls)
//! is sent to a fresh server (or worker process) over gRPC and REST with the
//! admin key, and what it
//! answers is either success or an error the reference lists for that RPC
//! (or for every RPC, in its introduction). So an example that stops
//! parsing, a binding that moved, or an error code the reference does not
//! document fails here.

use std::collections::BTreeSet;

use prost::Message as _;
use prost_reflect::DynamicMessage;
use tasker_e2e::{TestResult, TestServer, TestWorker, repo_root};
use tasker_proto::pb::google::rpc::Code as RpcCode;
use tonic::Code;

use crate::auth::{Body, Doors, Protocol, api_key, rpcs};

/// The `CODE`s named in back-quotes in `text` (`` `NOT_FOUND`: … ``).
fn codes_in(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .filter(|word| RpcCode::from_str_name(word).is_some())
        .map(str::to_owned)
        .collect()
}

/// Each API's notes file, package and generated reference.
const REFERENCES: [(&str, &str, &str); 2] = [
    (
        "proto/tasker/v1/reference.toml",
        "tasker.v1",
        "gen/docs/tasker/v1/tasker.v1.md",
    ),
    (
        "proto/tasker/worker/v1/reference.toml",
        "tasker.worker.v1",
        "gen/docs/tasker/worker/v1/tasker.worker.v1.md",
    ),
];

/// The `[methods]` entries of both notes files, by full name.
fn notes_methods() -> TestResult<toml::Table> {
    let mut methods = toml::Table::new();
    for (notes, _, _) in REFERENCES {
        let notes: toml::Value =
            toml::from_str(&std::fs::read_to_string(repo_root().join(notes))?)?;
        methods.extend(notes["methods"].as_table().ok_or("no [methods]")?.clone());
    }
    Ok(methods)
}

/// Every RPC's documented codes (its own and its reference's introduction's,
/// less those that only a broken example would get with the admin key), by
/// full name.
fn documented() -> TestResult<std::collections::BTreeMap<String, BTreeSet<String>>> {
    let mut all = std::collections::BTreeMap::new();
    for (notes, _, _) in REFERENCES {
        let notes: toml::Value =
            toml::from_str(&std::fs::read_to_string(repo_root().join(notes))?)?;
        all.extend(documented_in(&notes)?);
    }
    Ok(all)
}

fn documented_in(
    notes: &toml::Value,
) -> TestResult<std::collections::BTreeMap<String, BTreeSet<String>>> {
    let everywhere: BTreeSet<String> = codes_in(notes["intro"].as_str().unwrap_or_default())
        .into_iter()
        .filter(|c| {
            !matches!(
                c.as_str(),
                "INVALID_ARGUMENT" | "PERMISSION_DENIED" | "UNAUTHENTICATED"
            )
        })
        .collect();
    let methods = notes["methods"].as_table().ok_or("no [methods]")?;
    Ok(methods
        .iter()
        .map(|(method, entry)| {
            let codes = entry
                .get("errors")
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(toml::Value::as_str)
                .flat_map(codes_in)
                .chain(everywhere.iter().cloned())
                .collect();
            (method.clone(), codes)
        })
        .collect())
}

/// The `curl` examples of the generated references, with the RPC each
/// belongs to.
fn curl_examples() -> TestResult<Vec<(String, String)>> {
    let mut examples = Vec::new();
    for (_, package, reference) in REFERENCES {
        curl_examples_in(
            &std::fs::read_to_string(repo_root().join(reference))?,
            package,
            &mut examples,
        );
    }
    Ok(examples)
}

fn curl_examples_in(text: &str, package: &str, examples: &mut Vec<(String, String)>) {
    let mut method = String::new();
    let mut block: Option<Vec<&str>> = None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            method = format!("{package}.{heading}");
        } else if line == "```sh" {
            block = Some(Vec::new());
        } else if line == "```" {
            if let Some(lines) = block.take()
                && lines.first().is_some_and(|l| l.starts_with("curl "))
            {
                examples.push((method.clone(), lines.join("\n")));
            }
        } else if let Some(lines) = block.as_mut() {
            lines.push(line);
        }
    }
}

fn name(code: Code) -> String {
    RpcCode::try_from(code as i32)
        .map(|c| c.as_str_name().to_owned())
        .unwrap_or_else(|_| format!("{code:?}"))
}

#[tokio::test]
async fn every_reference_example_answers_as_the_reference_says() -> TestResult {
    let methods = notes_methods()?;
    let documented = documented()?;
    let server = TestServer::start().await?;
    let worker = TestWorker::start(&server, "[examples]").await?;
    let (on_server, on_worker) = (
        Doors::at(server.url()).await?,
        Doors::at(worker.url()).await?,
    );
    let credential = api_key(server.admin_key());
    let pool = tasker_proto::all_descriptor_pool()?;
    let mut checked = 0;
    let mut failures = Vec::new();
    for rpc in rpcs()? {
        let full = rpc.path.trim_start_matches('/').replace('/', ".");
        let entry = methods
            .get(&full)
            .ok_or_else(|| format!("{full} has no entry in reference.toml"))?;
        let Some(request) = entry.get("request").and_then(toml::Value::as_str) else {
            continue;
        };
        let method = pool
            .get_service_by_name(full.rsplit_once('.').map_or("", |(s, _)| s))
            .and_then(|s| s.methods().find(|m| m.name() == rpc.name))
            .ok_or_else(|| format!("{full} is not in the descriptor set"))?;
        let mut deserializer = serde_json::Deserializer::from_str(request);
        let message = DynamicMessage::deserialize(method.input(), &mut deserializer)
            .map_err(|e| format!("{full}: the example is not its request message: {e}"))?;
        let body = Body {
            proto: message.encode_to_vec(),
            json: serde_json::from_str(request)?,
        };
        let documented = documented.get(&full).cloned().unwrap_or_default();
        let doors = if rpc.worker_process {
            &on_worker
        } else {
            &on_server
        };
        for protocol in [Protocol::Rest, Protocol::Grpc] {
            let answer = doors.call(protocol, &rpc, &body, &credential).await?;
            if answer.code != Code::Ok && !documented.contains(&name(answer.code)) {
                failures.push(format!(
                    "{full} over {protocol:?}: {} {:?} is not among the documented {documented:?}",
                    name(answer.code),
                    answer.message
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} example calls made");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[tokio::test]
async fn every_curl_line_of_the_reference_runs_as_written() -> TestResult {
    let documented = documented()?;
    let examples = curl_examples()?;
    assert!(examples.len() > 40, "only {} curl examples", examples.len());
    let server = TestServer::start().await?;
    let worker = TestWorker::start(&server, "[examples]").await?;
    let mut failures = Vec::new();
    for (method, command) in &examples {
        let command = command
            .replace("http://127.0.0.1:9090", &server.url())
            .replace("http://127.0.0.1:9091", &worker.url())
            .replacen("curl -s", "curl -s --max-time 10", 1);
        let output = tokio::process::Command::new("bash")
            .arg("-c")
            .arg(&command)
            .env("TASKER_API_KEY", server.admin_key())
            .output()
            .await?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        // One JSON value, or NDJSON lines for a stream.
        let first: serde_json::Value = match stdout.lines().next().map(serde_json::from_str) {
            Some(Ok(value)) => value,
            _ => {
                failures.push(format!("{method}: not JSON: {stdout:?}\n{command}"));
                continue;
            }
        };
        let error = first.get("error").unwrap_or(&first);
        let code = match (
            error.get("code").and_then(serde_json::Value::as_i64),
            error.get("message"),
        ) {
            (Some(code), Some(_)) => Code::from(i32::try_from(code).unwrap_or(2)),
            _ => Code::Ok,
        };
        let allowed = documented.get(method).cloned().unwrap_or_default();
        if code != Code::Ok && !allowed.contains(&name(code)) {
            failures.push(format!(
                "{method}: {} is not among the documented {allowed:?}: {stdout}\n{command}",
                name(code)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}
