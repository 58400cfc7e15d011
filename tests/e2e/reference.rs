//! The API reference's examples run as written: every RPC's example request
//! in `proto/tasker/v1/reference.toml` (the one the generated reference
//! shows as `buf curl` and `curl` calls) is sent to a fresh server (or
//! worker process) over gRPC and REST with the admin key, and what it
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

fn name(code: Code) -> String {
    RpcCode::try_from(code as i32)
        .map(|c| c.as_str_name().to_owned())
        .unwrap_or_else(|_| format!("{code:?}"))
}

#[tokio::test]
async fn every_reference_example_answers_as_the_reference_says() -> TestResult {
    let notes: toml::Value = toml::from_str(&std::fs::read_to_string(
        repo_root().join("proto/tasker/v1/reference.toml"),
    )?)?;
    let intro = notes["intro"].as_str().unwrap_or_default();
    let everywhere = codes_in(intro);
    assert!(
        everywhere.contains("UNAVAILABLE"),
        "the introduction lists the codes every RPC may return: {everywhere:?}"
    );
    // With the admin key and well-formed examples, these would mean a
    // broken example, unless the RPC's own entry lists them.
    let everywhere: BTreeSet<String> = everywhere
        .into_iter()
        .filter(|c| {
            !matches!(
                c.as_str(),
                "INVALID_ARGUMENT" | "PERMISSION_DENIED" | "UNAUTHENTICATED"
            )
        })
        .collect();
    let methods = notes["methods"].as_table().ok_or("no [methods]")?;
    let server = TestServer::start().await?;
    let worker = TestWorker::start(&server, "[examples]").await?;
    let (on_server, on_worker) = (
        Doors::at(server.url()).await?,
        Doors::at(worker.url()).await?,
    );
    let credential = api_key(server.admin_key());
    let pool = tasker_proto::descriptor_pool()?;
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
        let documented: BTreeSet<String> = entry
            .get("errors")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_str)
            .flat_map(codes_in)
            .chain(everywhere.iter().cloned())
            .collect();
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
