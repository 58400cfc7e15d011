//! Contract checks over the committed descriptor sets: every service the design
//! names exists in the set of the process that serves it and in no other, and
//! every RPC declares an HTTP binding and an access rule, so a new RPC without
//! them fails CI.

use prost_reflect::{DescriptorPool, Value};
use tasker_proto::auth::{Access, method_access};
use tasker_proto::descriptor_pool;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SERVICES: &[&str] = &[
    "tasker.v1.TaskService",
    "tasker.v1.StepService",
    "tasker.v1.TemplateService",
    "tasker.v1.WorkerService",
    "tasker.v1.DlqService",
    "tasker.v1.AnalyticsService",
    "tasker.v1.HealthService",
    "tasker.v1.ConfigService",
    "tasker.v1.AuthService",
];

/// The services of a worker process's own port.
const WORKER_SERVICES: &[&str] = &[
    "tasker.worker.v1.WorkerHealthService",
    "tasker.worker.v1.WorkerTemplateService",
    "tasker.worker.v1.WorkerConfigService",
];

/// Every RPC of both APIs.
fn tasker_methods(pool: &DescriptorPool) -> Vec<prost_reflect::MethodDescriptor> {
    pool.services()
        .filter(|s| matches!(s.package_name(), "tasker.v1" | "tasker.worker.v1"))
        .flat_map(|s| s.methods().collect::<Vec<_>>())
        .collect()
}

fn service_names(pool: &DescriptorPool) -> Vec<String> {
    let mut names: Vec<String> = pool.services().map(|s| s.full_name().to_owned()).collect();
    names.sort();
    names
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    names.sort();
    names
}

/// Each process's descriptor set holds exactly the services it serves: the
/// orchestrator's reflection and Connect routes never list a worker port's
/// services, nor the other way round.
#[test]
fn each_descriptor_set_holds_exactly_its_process_services() -> TestResult {
    assert_eq!(service_names(&descriptor_pool()?), sorted(SERVICES));
    assert_eq!(
        service_names(&tasker_proto::worker::descriptor_pool()?),
        sorted(WORKER_SERVICES)
    );
    let all = tasker_proto::all_descriptor_pool()?;
    let both: Vec<&str> = SERVICES.iter().chain(WORKER_SERVICES).copied().collect();
    assert_eq!(service_names(&all), sorted(&both));
    // The REST tables and OpenAPI documents follow the same split.
    assert!(
        tasker_proto::ROUTES
            .iter()
            .all(|r| r.method.starts_with("tasker.v1."))
    );
    assert!(
        tasker_proto::worker::ROUTES
            .iter()
            .all(|r| r.method.starts_with("tasker.worker.v1."))
    );
    assert_eq!(tasker_proto::worker::ROUTES.len(), 4);
    assert!(!tasker_proto::OPENAPI_JSON.contains("/worker/"));
    assert!(!tasker_proto::OPENAPI_JSON.contains("tasker.worker.v1"));
    assert!(tasker_proto::worker::OPENAPI_JSON.contains("\"/worker/v1/templates\""));
    assert!(!tasker_proto::worker::OPENAPI_JSON.contains("\"/v1/tasks\""));
    Ok(())
}

#[test]
fn every_designed_service_is_present() -> TestResult {
    let pool = descriptor_pool()?;
    for name in SERVICES {
        assert!(
            pool.get_service_by_name(name).is_some(),
            "{name} missing from the descriptor set"
        );
    }
    let declared = pool
        .services()
        .filter(|s| s.package_name() == "tasker.v1")
        .count();
    assert_eq!(
        declared,
        SERVICES.len(),
        "a tasker.v1 service is not listed in this test"
    );
    let worker = tasker_proto::worker::descriptor_pool()?;
    for name in WORKER_SERVICES {
        assert!(
            worker.get_service_by_name(name).is_some(),
            "{name} missing from the worker's descriptor set"
        );
    }
    Ok(())
}

#[test]
fn every_rpc_has_an_http_rule() -> TestResult {
    let pool = tasker_proto::all_descriptor_pool()?;
    let http = pool
        .get_extension_by_name("google.api.http")
        .ok_or("google.api.http extension missing")?;
    let mut missing = Vec::new();
    for method in tasker_methods(&pool) {
        let options = method.options();
        let bound = options.has_extension(&http)
            && matches!(
                options.get_extension(&http).as_ref(),
                Value::Message(rule) if rule.fields().any(|(f, _)| {
                    matches!(f.name(), "get" | "put" | "post" | "delete" | "patch" | "custom")
                })
            );
        if !bound {
            missing.push(method.full_name().to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "RPCs without option (google.api.http): {missing:?}"
    );
    Ok(())
}

#[test]
fn every_rpc_declares_its_access() -> TestResult {
    let pool = tasker_proto::all_descriptor_pool()?;
    let mut missing = Vec::new();
    for method in tasker_methods(&pool) {
        match method_access(&pool, &method) {
            None => missing.push(method.full_name().to_owned()),
            Some(Access::Permission(p)) => {
                let (resource, action) = p
                    .split_once(':')
                    .ok_or(format!("{p}: not resource:action"))?;
                assert!(
                    !resource.is_empty()
                        && !action.is_empty()
                        && !action.contains(':')
                        && p.chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == ':'),
                    "{}: malformed permission {p:?}",
                    method.full_name()
                );
            }
            Some(Access::Public | Access::Authenticated) => {}
        }
    }
    assert!(
        missing.is_empty(),
        "RPCs without option (tasker.v1.auth): {missing:?}"
    );
    Ok(())
}

#[test]
fn descriptor_set_carries_imports_and_comments() -> TestResult {
    let pool = descriptor_pool()?;
    for file in [
        "google/protobuf/struct.proto",
        "google/protobuf/descriptor.proto",
        "google/api/http.proto",
        "google/rpc/status.proto",
        "google/rpc/error_details.proto",
    ] {
        assert!(pool.get_file_by_name(file).is_some(), "{file} missing");
    }
    let task = pool
        .get_message_by_name("tasker.v1.Task")
        .ok_or("Task missing")?;
    let comments = task
        .parent_file()
        .file_descriptor_proto()
        .source_code_info
        .as_ref()
        .map(|info| {
            info.location
                .iter()
                .filter(|l| l.leading_comments.is_some())
                .count()
        })
        .unwrap_or(0);
    assert!(
        comments > 20,
        "source comments were stripped from the descriptor set"
    );
    Ok(())
}

#[test]
fn state_enums_have_exactly_the_designed_values() -> TestResult {
    let pool = descriptor_pool()?;
    let task = pool
        .get_enum_by_name("tasker.v1.TaskState")
        .ok_or("TaskState missing")?;
    let step = pool
        .get_enum_by_name("tasker.v1.StepState")
        .ok_or("StepState missing")?;
    // _UNSPECIFIED plus 12 and 10 states.
    assert_eq!(task.values().count(), 13);
    assert_eq!(step.values().count(), 11);
    assert_eq!(
        task.get_value(0).map(|v| v.name().to_owned()).as_deref(),
        Some("TASK_STATE_UNSPECIFIED")
    );
    assert_eq!(
        step.get_value(0).map(|v| v.name().to_owned()).as_deref(),
        Some("STEP_STATE_UNSPECIFIED")
    );
    Ok(())
}
