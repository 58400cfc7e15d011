//! Health and reflection over gRPC, on both backends; what each process
//! advertises.

use tasker_e2e::{Backend, TestResult, TestServer, TestWorker};
use tasker_proto::v1::health_service_client::HealthServiceClient;
use tasker_proto::v1::{
    CheckRequest, DetailedHealthRequest, HealthStatus, LivenessRequest, ReadinessRequest,
};
use tokio_stream::StreamExt;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

async fn tasker_health_answers(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let mut client = HealthServiceClient::new(server.channel().await?);

    let check = client.check(CheckRequest {}).await?.into_inner();
    assert_eq!(check.status(), HealthStatus::Healthy);
    assert_eq!(check.version, env!("CARGO_PKG_VERSION"));
    assert!(check.checked_at.is_some());

    let live = client.liveness(LivenessRequest {}).await?.into_inner();
    assert_eq!(live.status(), HealthStatus::Healthy);

    let ready = client.readiness(ReadinessRequest {}).await?.into_inner();
    assert!(ready.ready, "{ready:?}");
    let database = ready
        .checks
        .iter()
        .find(|c| c.name == "database")
        .ok_or("no database check")?;
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(
        database.details.get("backend").map(String::as_str),
        Some(expected)
    );
    assert!(database.latency.is_some());

    let detailed = client
        .detailed_health(DetailedHealthRequest {})
        .await?
        .into_inner();
    assert_eq!(detailed.status(), HealthStatus::Healthy);
    assert_eq!(detailed.environment, "test");
    assert!(detailed.uptime.is_some());
    assert!(detailed.components.len() >= 2);
    Ok(())
}

#[tokio::test]
async fn tasker_health_on_sqlite() -> TestResult {
    tasker_health_answers(Backend::Sqlite).await
}

#[tokio::test]
async fn tasker_health_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    tasker_health_answers(Backend::Postgres).await
}

#[tokio::test]
async fn sqlite_database_is_created_under_the_data_dir() -> TestResult {
    let server = TestServer::start().await?;
    assert!(
        server.data_dir().join("tasker.db").exists(),
        "{}",
        server.output()
    );
    Ok(())
}

#[tokio::test]
async fn standard_grpc_health_reports_serving() -> TestResult {
    let server = TestServer::start().await?;
    let mut client = HealthClient::new(server.channel().await?);
    for service in ["", "tasker.v1.HealthService"] {
        let response = client
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await?
            .into_inner();
        assert_eq!(
            response.status(),
            ServingStatus::Serving,
            "service {service:?}"
        );
    }
    let unknown = client
        .check(HealthCheckRequest {
            service: "no.such.Service".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), tonic::Code::NotFound);
    Ok(())
}

#[tokio::test]
async fn reflection_v1_lists_services_and_resolves_descriptors() -> TestResult {
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

    let server = TestServer::start().await?;
    let mut client = ServerReflectionClient::new(server.channel().await?);
    let requests = tokio_stream::iter([
        ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::ListServices(String::new())),
        },
        ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::FileContainingSymbol(
                "grpc.health.v1.Health".into(),
            )),
        },
        ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::FileContainingSymbol(
                "tasker.v1.TaskService".into(),
            )),
        },
    ]);
    let mut responses = client.server_reflection_info(requests).await?.into_inner();

    let Some(MessageResponse::ListServicesResponse(list)) = responses
        .next()
        .await
        .transpose()?
        .and_then(|r| r.message_response)
    else {
        return Err("expected a service list".into());
    };
    let names: Vec<_> = list.service.iter().map(|s| s.name.as_str()).collect();
    for expected in [
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "tasker.v1.HealthService",
        "tasker.v1.TaskService",
    ] {
        assert!(names.contains(&expected), "{expected} not in {names:?}");
    }
    for _ in 0..2 {
        let Some(MessageResponse::FileDescriptorResponse(files)) = responses
            .next()
            .await
            .transpose()?
            .and_then(|r| r.message_response)
        else {
            return Err("expected file descriptors".into());
        };
        assert!(!files.file_descriptor_proto.is_empty());
    }
    Ok(())
}

#[tokio::test]
async fn reflection_v1alpha_is_served_too() -> TestResult {
    use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse;

    let server = TestServer::start().await?;
    let mut client = ServerReflectionClient::new(server.channel().await?);
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses = client
        .server_reflection_info(tokio_stream::once(request))
        .await?
        .into_inner();
    let Some(MessageResponse::ListServicesResponse(list)) = responses
        .next()
        .await
        .transpose()?
        .and_then(|r| r.message_response)
    else {
        return Err("expected a service list".into());
    };
    assert!(
        list.service
            .iter()
            .any(|s| s.name == "tasker.v1.HealthService"),
        "{list:?}"
    );
    Ok(())
}

/// The services a gRPC reflection endpoint lists (v1), sorted.
async fn listed_services(channel: tonic::transport::Channel) -> TestResult<Vec<String>> {
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses = ServerReflectionClient::new(channel)
        .server_reflection_info(tokio_stream::once(request))
        .await?
        .into_inner();
    let Some(MessageResponse::ListServicesResponse(list)) = responses
        .next()
        .await
        .transpose()?
        .and_then(|r| r.message_response)
    else {
        return Err("expected a service list".into());
    };
    let mut names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    names.sort();
    Ok(names)
}

/// Every service of `pool`, sorted, plus `extra`.
fn services_of(pool: &prost_reflect::DescriptorPool, extra: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = pool
        .services()
        .map(|s| s.full_name().to_owned())
        .chain(extra.iter().map(|s| (*s).to_owned()))
        .collect();
    names.sort();
    names
}

/// Each process advertises exactly what it serves: the orchestrator's
/// reflection and `/openapi.json` hold none of a worker port's services
/// (`tasker.worker.v1`), and a worker's reflection and `/openapi.json` hold
/// its own services, the standard health check and reflection, and nothing
/// of the orchestrator's API.
#[tokio::test]
async fn each_process_advertises_exactly_the_services_it_serves() -> TestResult {
    let standard = [
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
    ];
    let server = TestServer::start().await?;
    let worker = TestWorker::start(&server, "[examples]").await?;

    let on_server = listed_services(server.raw_channel().await?).await?;
    assert_eq!(
        on_server,
        services_of(&tasker_proto::descriptor_pool()?, &standard),
        "the server's reflection"
    );
    assert!(on_server.iter().any(|s| s == "tasker.v1.TaskService"));
    assert!(
        !on_server.iter().any(|s| s.starts_with("tasker.worker.")),
        "{on_server:?}"
    );

    let worker_channel = tonic::transport::Endpoint::from_shared(worker.url())?
        .connect()
        .await?;
    let on_worker = listed_services(worker_channel).await?;
    let mut expected: Vec<String> = [
        "tasker.worker.v1.WorkerConfigService",
        "tasker.worker.v1.WorkerHealthService",
        "tasker.worker.v1.WorkerTemplateService",
    ]
    .iter()
    .chain(&standard)
    .map(|s| (*s).to_owned())
    .collect();
    expected.sort();
    assert_eq!(on_worker, expected, "the worker's reflection");

    let http = reqwest::Client::new();
    let paths = |document: serde_json::Value| -> Vec<String> {
        document["paths"]
            .as_object()
            .map(|paths| paths.keys().cloned().collect())
            .unwrap_or_default()
    };
    let server_paths = paths(
        http.get(format!("{}/openapi.json", server.url()))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?,
    );
    assert!(
        server_paths.iter().any(|p| p == "/v1/tasks"),
        "{server_paths:?}"
    );
    assert!(
        !server_paths.iter().any(|p| p.starts_with("/worker")),
        "{server_paths:?}"
    );
    let worker_paths = paths(
        http.get(format!("{}/openapi.json", worker.url()))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?,
    );
    let mut worker_paths_sorted = worker_paths.clone();
    worker_paths_sorted.sort();
    assert_eq!(
        worker_paths_sorted,
        [
            "/worker/health",
            "/worker/health/ready",
            "/worker/v1/config",
            "/worker/v1/templates"
        ],
        "the worker's /openapi.json"
    );

    // The old names of the worker's services are not routes of either port.
    for url in [server.url(), worker.url()] {
        let answer = http
            .post(format!(
                "{url}/tasker.v1.WorkerHealthService/GetWorkerHealth"
            ))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await?;
        assert_eq!(answer.status(), reqwest::StatusCode::NOT_FOUND, "{url}");
    }
    Ok(())
}
