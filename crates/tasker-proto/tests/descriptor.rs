//! Contract checks over the committed descriptor set: every service the design
//! names exists, and every RPC declares an HTTP binding and an access rule, so
//! a new RPC without them fails CI.

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
    "tasker.v1.WorkerHealthService",
    "tasker.v1.WorkerTemplateService",
    "tasker.v1.WorkerConfigService",
];

fn tasker_methods(pool: &DescriptorPool) -> Vec<prost_reflect::MethodDescriptor> {
    pool.services()
        .filter(|s| s.package_name() == "tasker.v1")
        .flat_map(|s| s.methods().collect::<Vec<_>>())
        .collect()
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
    Ok(())
}

#[test]
fn every_rpc_has_an_http_rule() -> TestResult {
    let pool = descriptor_pool()?;
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
    let pool = descriptor_pool()?;
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
