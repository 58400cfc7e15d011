//! The plugin on the real API: run over `tasker_proto::FILE_DESCRIPTOR_SET`
//! (what `buf build` wrote), it reproduces exactly the route table and the
//! OpenAPI document that tasker-proto compiled in, so `cargo test` notices a
//! stale `gen/` as `scripts/make gen-check` does.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use prost_reflect::DescriptorPool;
use protoc_gen_tasker_gateway::markdown::Notes;
use protoc_gen_tasker_gateway::{
    Target, encode_request, generate, generate_with_notes, package_routes, run,
};
use tasker_gateway_routes::RouteSpec;
use tasker_proto::v1::gateway::{OPENAPI_JSON, ROUTES};

fn tasker_files(pool: &DescriptorPool) -> Vec<String> {
    pool.files()
        .filter(|f| f.package_name() == "tasker.v1")
        .map(|f| f.name().to_owned())
        .collect()
}

#[test]
fn committed_openapi_document_is_what_the_plugin_writes() {
    let request = encode_request(
        tasker_proto::FILE_DESCRIPTOR_SET,
        &tasker_files(&tasker_proto::descriptor_pool().unwrap()),
        "target=openapi",
    )
    .unwrap();
    let response = run(&request);
    assert_eq!(response.error, None);
    assert_eq!(response.file.len(), 1);
    let file = &response.file[0];
    assert_eq!(file.name(), "tasker/v1/tasker.v1.openapi.json");
    assert!(
        file.content() == OPENAPI_JSON,
        "gen/openapi is stale: run `scripts/make generate`"
    );
}

#[test]
fn committed_route_table_is_what_the_plugin_writes() {
    let pool = tasker_proto::descriptor_pool().unwrap();
    let files = tasker_files(&pool);
    let generated = generate(&pool, &files, Target::Rust).unwrap();
    assert_eq!(generated.len(), 1);
    assert_eq!(generated[0].name, "tasker/v1/tasker.v1.gateway.rs");
    let packages = package_routes(&pool, &files).unwrap();
    let declared: Vec<_> = packages[0]
        .routes
        .iter()
        .map(|(route, _)| route.route.clone())
        .collect();
    assert_eq!(
        ROUTES, declared,
        "gen/ is stale: run `scripts/make generate`"
    );
    // The same bindings the runtime reads from descriptors, in any order.
    let key = |r: &RouteSpec| (r.method.to_string(), r.path.to_string());
    let mut from_pool: Vec<_> = tasker_gateway_routes::routes_from_pool(&pool)
        .unwrap()
        .into_iter()
        .filter(|r| r.method.starts_with("tasker.v1."))
        .collect();
    let mut compiled = ROUTES.to_vec();
    from_pool.sort_by_key(key);
    compiled.sort_by_key(key);
    assert_eq!(compiled, from_pool);
    for route in ROUTES {
        tasker_gateway_routes::validate_route(&pool, route).unwrap();
    }
}

#[test]
fn the_openapi_document_covers_every_route() {
    let document: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["title"], "tasker.v1");
    let mut operations = 0;
    for item in document["paths"].as_object().unwrap().values() {
        operations += item.as_object().unwrap().len();
    }
    assert_eq!(operations, ROUTES.len());
    let schemas = document["components"]["schemas"].as_object().unwrap();
    assert!(schemas.contains_key("google.rpc.Status"));
    assert!(schemas.contains_key("tasker.v1.Task"));
    assert!(OPENAPI_JSON.ends_with("}\n"));
}

/// What the protos declare beyond types reaches the document: the
/// credential schemes from the `tasker.gateway.v1.document` option, no
/// credential exactly for the RPCs whose access rule is `public`, required
/// fields, uuid formats, page-size bounds, no dotted path parameters.
#[test]
fn the_openapi_document_says_what_the_server_checks() {
    use tasker_proto::auth::{Access, method_access};

    let document: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
    let schemes = document["components"]["securitySchemes"]
        .as_object()
        .unwrap();
    assert_eq!(schemes["apiKey"]["name"], "x-api-key");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(
        document["security"],
        serde_json::json!([{ "apiKey": [] }, { "bearer": [] }])
    );

    let pool = tasker_proto::descriptor_pool().unwrap();
    let mut anonymous = 0;
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().unwrap();
            let (service, method) = id.split_once('_').unwrap();
            let method = method.split('_').next().unwrap();
            let method = pool
                .get_service_by_name(&format!("tasker.v1.{service}"))
                .and_then(|s| s.methods().find(|m| m.name() == method))
                .unwrap();
            let public = method_access(&pool, &method) == Some(Access::Public);
            assert_eq!(
                operation.get("security") == Some(&serde_json::json!([])),
                public,
                "{id}"
            );
            anonymous += usize::from(public);
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                assert!(!parameter["name"].as_str().unwrap().contains('.'), "{id}");
            }
        }
    }
    assert!(anonymous >= 5, "health probes and IssueToken");

    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["tasker.v1.CreateTaskRequest"]["required"],
        serde_json::json!(["namespace", "name"])
    );
    assert_eq!(
        schemas["tasker.v1.Task"]["properties"]["taskUuid"]["format"],
        "uuid"
    );
    assert_eq!(
        schemas["tasker.v1.Task"]["additionalProperties"],
        serde_json::json!(false)
    );
    let list = &document["paths"]["/v1/tasks"]["get"]["parameters"];
    let page_size = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "pageSize")
        .unwrap();
    assert_eq!(page_size["schema"]["minimum"], 0);
    assert!(
        document["paths"]["/v1/dlq/entries/{entry_dlq_entry_uuid}"]["patch"].is_object(),
        "the dotted {{entry.dlq_entry_uuid}} is a plain name"
    );
}

#[test]
fn committed_reference_is_what_the_plugin_writes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let notes = Notes::parse(
        &std::fs::read_to_string(root.join("proto/tasker/v1/reference.toml")).unwrap(),
    )
    .unwrap();
    let pool = tasker_proto::descriptor_pool().unwrap();
    let generated =
        generate_with_notes(&pool, &tasker_files(&pool), Target::Markdown, Some(&notes)).unwrap();
    assert_eq!(generated.len(), 1);
    assert_eq!(generated[0].name, "tasker/v1/tasker.v1.md");
    let committed = std::fs::read_to_string(root.join("gen/docs/tasker/v1/tasker.v1.md")).unwrap();
    assert!(
        generated[0].content == committed,
        "gen/docs is stale: run `scripts/make generate`"
    );
    // Every RPC is in it, with its permission rule as declared.
    for file in pool.files().filter(|f| f.package_name() == "tasker.v1") {
        for service in file.services() {
            for method in service.methods() {
                assert!(
                    committed.contains(&format!("### {}.{}\n", service.name(), method.name())),
                    "{} is missing",
                    method.full_name()
                );
            }
        }
    }
    assert!(committed.contains("`(tasker.v1.auth) {permission:\"tasks:create\"}`"));
}

/// `runtime_crate=` names the gateway's types under another path, so a
/// project that re-exports or renames the runtime crate can compile the
/// table; nothing of the default path is left.
#[test]
fn the_runtime_crate_path_is_an_option() {
    let pool = tasker_proto::descriptor_pool().unwrap();
    let files = tasker_files(&pool);
    let generated = protoc_gen_tasker_gateway::generate_with_options(
        &pool,
        &files,
        Target::Rust,
        None,
        "::my_app::gateway",
    )
    .unwrap();
    let table = &generated[0].content;
    assert!(table.contains("pub const ROUTES: &[::my_app::gateway::RouteSpec]"));
    assert!(table.contains("::my_app::gateway::HttpMethod::"));
    assert!(!table.contains("tasker_gateway_routes"), "{table}");
    // Through the plugin protocol too.
    let request = encode_request(
        tasker_proto::FILE_DESCRIPTOR_SET,
        &files,
        "target=rust,runtime_crate=::my_app::gateway",
    )
    .unwrap();
    let response = run(&request);
    assert_eq!(response.error, None);
    assert!(!response.file[0].content().contains("tasker_gateway_routes"));
}

/// The orchestrator's API and a worker port's are two packages, each with
/// its own notes file (`package = …`) and its own reference and OpenAPI
/// document; one run of the plugin over both writes both, as `buf generate`
/// does, and refuses notes that leave a package out or name one it does not
/// generate.
#[test]
fn each_package_gets_its_own_reference_from_its_own_notes() {
    use protoc_gen_tasker_gateway::generate_with_notes_set;
    use protoc_gen_tasker_gateway::markdown::NotesSet;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let notes =
        |path: &str| Notes::parse(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap();
    let server_notes = notes("proto/tasker/v1/reference.toml");
    let worker_notes = notes("proto/tasker/worker/v1/reference.toml");
    let pool = tasker_proto::all_descriptor_pool().unwrap();
    let files: Vec<String> = pool
        .files()
        .filter(|f| matches!(f.package_name(), "tasker.v1" | "tasker.worker.v1"))
        .map(|f| f.name().to_owned())
        .collect();
    let set = NotesSet::new(vec![server_notes.clone(), worker_notes.clone()]).unwrap();
    let generated = generate_with_notes_set(
        &pool,
        &files,
        Target::Markdown,
        &set,
        protoc_gen_tasker_gateway::DEFAULT_RUNTIME_CRATE,
    )
    .unwrap();
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tasker/v1/tasker.v1.md",
            "tasker/worker/v1/tasker.worker.v1.md"
        ]
    );
    for file in &generated {
        let committed = std::fs::read_to_string(root.join("gen/docs").join(&file.name)).unwrap();
        assert!(
            file.content == committed,
            "gen/docs/{} is stale: run `scripts/make generate`",
            file.name
        );
    }
    assert!(!generated[0].content.contains("WorkerHealthService"));
    assert!(
        generated[1]
            .content
            .contains("`tasker.worker.v1.WorkerConfigService/GetWorkerConfig`")
    );
    let openapi = generate(&pool, &files, Target::OpenApi).unwrap();
    assert_eq!(
        openapi[1].name,
        "tasker/worker/v1/tasker.worker.v1.openapi.json"
    );
    assert!(
        openapi[1].content == tasker_proto::worker::OPENAPI_JSON,
        "gen/openapi is stale: run `scripts/make generate`"
    );

    // One package's notes alone, for both packages: refused.
    let only_server = NotesSet::new(vec![server_notes.clone()]).unwrap();
    let error = generate_with_notes_set(&pool, &files, Target::Markdown, &only_server, "::x")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no notes file for package tasker.worker.v1"),
        "{error}"
    );
    // Per-package notes that leave a package out, or name another: refused.
    let mut stray = worker_notes.clone();
    stray.package = Some("tasker.nothing.v1".into());
    for notes in [
        vec![server_notes.clone(), stray],
        vec![server_notes.clone(), {
            let mut w = worker_notes.clone();
            w.package = Some("tasker.v1".into());
            w
        }],
    ] {
        let error = NotesSet::new(notes)
            .and_then(|set| {
                generate_with_notes_set(&pool, &files, Target::Markdown, &set, "::x").map(|_| ())
            })
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("not generated") || error.contains("two notes files"),
            "{error}"
        );
    }
    let mut unnamed = worker_notes;
    unnamed.package = None;
    assert!(NotesSet::new(vec![server_notes, unnamed]).is_err());
}
