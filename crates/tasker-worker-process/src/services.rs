//! The worker process's own services, package `tasker.worker.v1`:
//! `WorkerHealthService`, `WorkerTemplateService` and `WorkerConfigService`,
//! served together with the standard `grpc.health.v1.Health` and reflection
//! by [`serve`] on one port, as gRPC, gRPC-Web, Connect and REST (transcoded
//! from their `google.api.http` bindings by `tasker-gateway`), behind the
//! same per-RPC enforcement point as the server (`tasker_auth::AuthLayer`).
//! The port advertises exactly these: its reflection, Connect routes and REST
//! table come from the worker's own descriptor set
//! (`tasker_proto::worker`), which holds no orchestrator service.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use tasker_auth::{AccessTable, AuthLayer};
use tasker_gateway::{
    ConnectionLimits, GrpcTimeoutLayer, OnePort, RestOptions, ServeOptions, Tls, Transcoder,
};
use tasker_proto::v1::{ComponentHealth, HealthStatus};
use tasker_proto::worker::v1::worker_config_service_server::{
    WorkerConfigService, WorkerConfigServiceServer,
};
use tasker_proto::worker::v1::worker_health_service_server::{
    WorkerHealthService, WorkerHealthServiceServer,
};
use tasker_proto::worker::v1::worker_template_service_server::{
    WorkerTemplateService, WorkerTemplateServiceServer,
};
use tasker_proto::worker::v1::{
    GetWorkerConfigRequest, GetWorkerConfigResponse, GetWorkerHealthRequest,
    GetWorkerHealthResponse, GetWorkerReadinessRequest, GetWorkerReadinessResponse,
    ListWorkerTemplatesRequest, ListWorkerTemplatesResponse,
};
use tokio::net::TcpListener;
use tonic::{Request, Response, Status};

use tasker_runtime::metrics::Exposition;
use tasker_worker::{StatusHandle, convert};

use crate::ProcessError;
use crate::auth::WorkerAuthenticator;
use crate::config::WorkerConfig;
use crate::templates::TemplateCatalog;

/// Page size of `ListWorkerTemplates` when the request asks for none.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// Largest page of `ListWorkerTemplates`.
pub const MAX_PAGE_SIZE: usize = 500;

/// `tasker.worker.v1.WorkerHealthService`: liveness and readiness from the worker's
/// status.
#[derive(Debug, Clone)]
pub struct WorkerHealth {
    status: StatusHandle,
    started: Instant,
    version: String,
}

impl WorkerHealth {
    /// Health of the worker behind `status`, reporting `version`.
    pub fn new(status: StatusHandle, version: impl Into<String>) -> Self {
        Self {
            status,
            started: Instant::now(),
            version: version.into(),
        }
    }
}

#[tonic::async_trait]
impl WorkerHealthService for WorkerHealth {
    async fn get_worker_health(
        &self,
        _request: Request<GetWorkerHealthRequest>,
    ) -> Result<Response<GetWorkerHealthResponse>, Status> {
        let status = self.status.snapshot();
        let health = if status.stopped {
            HealthStatus::Unhealthy
        } else if status.shutting_down {
            HealthStatus::Degraded
        } else {
            HealthStatus::Healthy
        };
        Ok(Response::new(GetWorkerHealthResponse {
            status: health.into(),
            version: self.version.clone(),
            uptime: Some(self.started.elapsed().into()),
            checked_at: Some(convert::timestamp(SystemTime::now())),
        }))
    }

    async fn get_worker_readiness(
        &self,
        _request: Request<GetWorkerReadinessRequest>,
    ) -> Result<Response<GetWorkerReadinessResponse>, Status> {
        let s = self.status.snapshot();
        let orchestrator = ComponentHealth {
            name: "orchestrator".into(),
            status: if s.registered && s.orchestrator_reachable {
                HealthStatus::Healthy
            } else {
                HealthStatus::Unhealthy
            }
            .into(),
            message: match (&s.last_error, s.registered) {
                (Some(error), _) => error.clone(),
                (None, false) => "not registered".into(),
                (None, true) => String::new(),
            },
            latency: None,
            details: HashMap::from([("registered".to_owned(), s.registered.to_string())]),
        };
        let executor = ComponentHealth {
            name: "executor".into(),
            status: if s.shutting_down {
                HealthStatus::Unhealthy
            } else {
                HealthStatus::Healthy
            }
            .into(),
            message: if s.shutting_down {
                "shutting down".into()
            } else {
                String::new()
            },
            latency: None,
            details: HashMap::from([
                ("in_flight".to_owned(), s.in_flight.to_string()),
                ("concurrency".to_owned(), s.concurrency.to_string()),
                ("steps_completed".to_owned(), s.steps_completed.to_string()),
                ("steps_failed".to_owned(), s.steps_failed.to_string()),
                ("steps_abandoned".to_owned(), s.steps_abandoned.to_string()),
            ]),
        };
        Ok(Response::new(GetWorkerReadinessResponse {
            ready: s.is_ready(),
            worker_uuid: s.worker_uuid.clone().unwrap_or_default(),
            checks: vec![orchestrator, executor],
        }))
    }
}

/// `tasker.worker.v1.WorkerTemplateService`: the templates this worker serves.
#[derive(Debug, Clone)]
pub struct WorkerTemplates {
    catalog: Arc<TemplateCatalog>,
}

impl WorkerTemplates {
    /// Serves `catalog`.
    pub fn new(catalog: TemplateCatalog) -> Self {
        Self {
            catalog: Arc::new(catalog),
        }
    }
}

/// The page token after a template: `namespace/name/version` (none of which
/// may contain `/`).
fn page_key(t: &tasker_proto::worker::v1::WorkerTemplate) -> (String, String, String) {
    (t.namespace.clone(), t.name.clone(), t.version.clone())
}

#[tonic::async_trait]
impl WorkerTemplateService for WorkerTemplates {
    async fn list_worker_templates(
        &self,
        request: Request<ListWorkerTemplatesRequest>,
    ) -> Result<Response<ListWorkerTemplatesResponse>, Status> {
        let request = request.into_inner();
        let page_size = match usize::try_from(request.page_size) {
            Ok(0) => DEFAULT_PAGE_SIZE,
            Ok(n) => n.min(MAX_PAGE_SIZE),
            Err(_) => return Err(Status::invalid_argument("page_size: must not be negative")),
        };
        let after = tasker_proto::page::decode_parts("worker_templates", &request.page_token)
            .map_err(|e| Status::invalid_argument(e.to_string()))?
            .map(|[namespace, name, version]| (namespace, name, version));
        let mut matching = self
            .catalog
            .templates()
            .iter()
            .filter(|t| request.namespace.is_empty() || t.namespace == request.namespace)
            .filter(|t| after.as_ref().is_none_or(|after| page_key(t) > *after));
        let templates: Vec<_> = matching.by_ref().take(page_size).cloned().collect();
        let next_page_token = match (templates.last(), matching.next()) {
            (Some(last), Some(_)) => tasker_proto::page::encode_parts(
                "worker_templates",
                &[&last.namespace, &last.name, &last.version],
            ),
            _ => String::new(),
        };
        Ok(Response::new(ListWorkerTemplatesResponse {
            templates,
            next_page_token,
        }))
    }
}

/// `tasker.worker.v1.WorkerConfigService`: the effective configuration, secrets
/// redacted.
#[derive(Debug, Clone)]
pub struct WorkerConfigView {
    response: GetWorkerConfigResponse,
}

impl WorkerConfigView {
    /// Serves `config` (redacted once, here) as of version `version`.
    pub fn new(config: &WorkerConfig, version: impl Into<String>) -> Self {
        let (value, redacted_fields) = config.redacted();
        let config = match &value {
            serde_json::Value::Object(map) => Some(convert::map_to_struct(map)),
            _ => None,
        };
        Self {
            response: GetWorkerConfigResponse {
                version: version.into(),
                config,
                redacted_fields,
            },
        }
    }
}

#[tonic::async_trait]
impl WorkerConfigService for WorkerConfigView {
    async fn get_worker_config(
        &self,
        _request: Request<GetWorkerConfigRequest>,
    ) -> Result<Response<GetWorkerConfigResponse>, Status> {
        Ok(Response::new(self.response.clone()))
    }
}

/// The services of the worker's own port, by full name: every service of
/// `tasker.worker.v1`.
pub const SERVICES: &[&str] = &[
    "tasker.worker.v1.WorkerHealthService",
    "tasker.worker.v1.WorkerTemplateService",
    "tasker.worker.v1.WorkerConfigService",
];

/// The enforcement layer of the worker's port: the schema's access rules of
/// `tasker.worker.v1` (every other RPC refused), checked with
/// `authenticator`.
///
/// # Errors
/// [`ProcessError::Config`] when the schema's rules cannot be read.
pub fn auth_layer(
    authenticator: WorkerAuthenticator,
) -> Result<AuthLayer<WorkerAuthenticator>, ProcessError> {
    let table = AccessTable::tasker_worker_v1()
        .and_then(|table| table.retain_services(SERVICES))
        .map_err(|e| ProcessError::Config(format!("auth: {e}")))?;
    Ok(AuthLayer::new(authenticator, table))
}

/// Serves the three worker-process services, `grpc.health.v1.Health` and
/// reflection (v1 and v1alpha) on `listener` until `shutdown` resolves: gRPC,
/// gRPC-Web, Connect and REST on the one port, the port's OpenAPI document at
/// `/openapi.json`, every request through `auth` (`None`:
/// open to every caller), over TLS when `tls` is given, within `limits`.
///
/// # Errors
/// [`ProcessError::Transport`] when the services cannot be assembled.
pub async fn serve(
    listener: TcpListener,
    services: WorkerServices,
    auth: Option<AuthLayer<WorkerAuthenticator>>,
    tls: Option<Tls>,
    limits: ConnectionLimits,
    metrics: Option<Exposition>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ProcessError> {
    let WorkerServices {
        health,
        templates,
        config,
    } = services;
    // The worker's own descriptor set: reflection lists its services, the
    // standard health and reflection, and no orchestrator service.
    let (reporter, mut routes) =
        tasker_runtime::port::standard_routes(tasker_proto::worker::FILE_DESCRIPTOR_SET)
            .map_err(|e| ProcessError::Transport(e.to_string()))?;
    reporter
        .set_serving::<WorkerHealthServiceServer<WorkerHealth>>()
        .await;
    routes
        .add_service(WorkerHealthServiceServer::new(health))
        .add_service(WorkerTemplateServiceServer::new(templates))
        .add_service(WorkerConfigServiceServer::new(config));
    let routes = routes.routes();
    let grpc = tower::ServiceBuilder::new()
        .layer(GrpcTimeoutLayer)
        .option_layer(auth)
        .service(routes);
    // Connect and REST from the same set: the worker's bindings only, any
    // other path is a 404.
    let pool = tasker_proto::worker::descriptor_pool()
        .map_err(|e| ProcessError::Transport(format!("descriptors: {e}")))?;
    let rest_options = RestOptions {
        body_read_timeout: limits.body_read_timeout(),
        ..RestOptions::default()
    };
    let transcoder = Transcoder::new(pool, tasker_proto::worker::ROUTES, rest_options)
        .map_err(|e| ProcessError::Transport(e.to_string()))?;
    let service = tower::ServiceBuilder::new()
        .option_layer(metrics)
        .service(OnePort::new(
            grpc,
            transcoder,
            // Its OpenAPI document: the worker's services only.
            vec![tasker_runtime::port::openapi_document(
                tasker_proto::worker::OPENAPI_JSON,
            )],
        ));
    let options = ServeOptions {
        tls,
        limits,
        ..ServeOptions::default()
    };
    tasker_gateway::serve(listener, service, options, async move {
        shutdown.await;
        reporter
            .set_not_serving::<WorkerHealthServiceServer<WorkerHealth>>()
            .await;
    })
    .await;
    Ok(())
}

/// The three services of the worker's port.
#[derive(Debug, Clone)]
pub struct WorkerServices {
    /// `WorkerHealthService`.
    pub health: WorkerHealth,
    /// `WorkerTemplateService`.
    pub templates: WorkerTemplates,
    /// `WorkerConfigService`.
    pub config: WorkerConfigView,
}

#[cfg(test)]
mod tests {
    use tasker_core::Template;

    use super::*;

    fn catalog(n: usize) -> TemplateCatalog {
        let templates: Vec<Template> = (0..n)
            .map(|i| {
                Template::load(&format!(
                    "namespace: ns{}\nname: t{i:02}\nversion: '1'\nsteps: [{{name: a, handler: h}}]",
                    i % 2
                ))
                .unwrap()
            })
            .collect();
        TemplateCatalog::new(templates.iter(), &["h".to_owned()])
    }

    async fn list(
        service: &WorkerTemplates,
        page_size: i32,
        token: &str,
        ns: &str,
    ) -> Result<ListWorkerTemplatesResponse, Status> {
        service
            .list_worker_templates(Request::new(ListWorkerTemplatesRequest {
                page_size,
                page_token: token.into(),
                namespace: ns.into(),
            }))
            .await
            .map(Response::into_inner)
    }

    #[tokio::test]
    async fn templates_page_by_key() {
        let service = WorkerTemplates::new(catalog(5));
        let mut seen = Vec::new();
        let mut token = String::new();
        loop {
            let page = list(&service, 2, &token, "").await.unwrap();
            assert!(page.templates.len() <= 2);
            seen.extend(page.templates.into_iter().map(|t| t.name));
            token = page.next_page_token;
            if token.is_empty() {
                break;
            }
        }
        assert_eq!(
            seen,
            ["t00", "t02", "t04", "t01", "t03"],
            "sorted by namespace, then name"
        );
        let ns1 = list(&service, 0, "", "ns1").await.unwrap();
        assert_eq!(ns1.templates.len(), 2);
        assert!(ns1.next_page_token.is_empty());
        assert_eq!(
            list(&service, -1, "", "").await.unwrap_err().code(),
            tonic::Code::InvalidArgument
        );
        assert_eq!(
            list(&service, 1, "garbage", "").await.unwrap_err().code(),
            tonic::Code::InvalidArgument
        );
    }

    #[tokio::test]
    async fn config_is_redacted() {
        use figment::providers::Format as _;
        let defaults = figment::providers::Toml::string(crate::config::DEFAULTS);
        let mut config: WorkerConfig = figment::Figment::from(defaults).extract().unwrap();
        config.orchestrator.api_key = "tk_live_secret".into();
        let view = WorkerConfigView::new(&config, "9.9.9");
        let response = view
            .get_worker_config(Request::new(GetWorkerConfigRequest {}))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(response.version, "9.9.9");
        assert_eq!(response.redacted_fields, ["orchestrator.api_key"]);
        let json = convert::struct_to_json(response.config.as_ref());
        assert_eq!(json["orchestrator"]["api_key"], crate::config::REDACTED);
        assert_eq!(json["execution"]["concurrency"], 8);
        assert!(!json.to_string().contains("tk_live_secret"));
    }
}
