//! Health and reflection over gRPC, on both backends.

use tasker_e2e::{Backend, TestResult, TestServer};
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
