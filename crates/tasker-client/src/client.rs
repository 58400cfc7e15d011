//! The typed clients: one method per RPC, encoding requests and decoding
//! answers around an [`RpcTransport`].

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{Stream, StreamExt as _};
use prost::Message;
use tasker_proto::v1;
use tasker_proto::worker::v1 as worker_v1;

use crate::ClientError;
use crate::builder::{ClientBuilder, DEFAULT_ENDPOINT, DEFAULT_WORKER_ENDPOINT};
use crate::transport::{CallOptions, RpcTransport, Transport};

/// A stream of typed response messages; an error ends it.
pub type MessageStream<T> = Pin<Box<dyn Stream<Item = Result<T, ClientError>> + Send>>;

/// What a built client holds.
#[derive(Debug, Clone)]
pub(crate) struct Connection {
    pub(crate) transport: Arc<dyn RpcTransport>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry_unavailable: u32,
    pub(crate) endpoint: String,
}

/// Longest wait between retries of UNAVAILABLE.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);

impl Connection {
    async fn unary<Req: Message, Resp: Message + Default>(
        &self,
        method: &str,
        request: Req,
    ) -> Result<Resp, ClientError> {
        let body = bytes::Bytes::from(request.encode_to_vec());
        let options = CallOptions {
            timeout: self.timeout,
        };
        let mut attempt = 0;
        loop {
            match self.transport.unary(method, body.clone(), &options).await {
                Ok(bytes) => {
                    return Resp::decode(bytes).map_err(|e| {
                        ClientError::transport(format!("malformed response to {method}: {e}"))
                    });
                }
                Err(ClientError::Unavailable { retry_after, .. })
                    if attempt < self.retry_unavailable =>
                {
                    attempt += 1;
                    let delay = retry_after
                        .unwrap_or(Duration::from_secs(1))
                        .min(MAX_RETRY_DELAY);
                    tokio::time::sleep(delay).await;
                }
                Err(error) => return Err(error),
            }
        }
    }

    async fn server_streaming<Req: Message, Resp: Message + Default + 'static>(
        &self,
        method: &str,
        request: Req,
    ) -> Result<MessageStream<Resp>, ClientError> {
        let body = bytes::Bytes::from(request.encode_to_vec());
        let stream = self
            .transport
            .server_streaming(method, body, &CallOptions::default())
            .await?;
        let method = method.to_owned();
        Ok(stream
            .map(move |item| {
                item.and_then(|bytes| {
                    Resp::decode(bytes).map_err(|e| {
                        ClientError::transport(format!("malformed message from {method}: {e}"))
                    })
                })
            })
            .boxed())
    }
}

/// Built from a connection by [`ClientBuilder::build`].
pub trait FromConnection: Sized + sealed::Sealed {
    #[doc(hidden)]
    #[allow(private_interfaces)]
    fn from_connection(connection: Connection) -> Self;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::OrchestrationClient {}
    impl Sealed for super::WorkerClient {}
}

/// Declares typed methods, one per RPC, and the list of the RPCs covered.
macro_rules! rpcs {
    (
        $client:ident {
            $(
                $(#[$doc:meta])*
                $kind:ident $fn_name:ident($method:literal, $req:ty) -> $resp:ty;
            )*
        }
    ) => {
        impl $client {
            /// Fully-qualified names of every RPC this client calls.
            pub const METHODS: &'static [&'static str] = &[$($method),*];

            /// (method, request type, response type) of every RPC, for the
            /// schema test.
            #[cfg(test)]
            fn rpc_types() -> Vec<(&'static str, String, String)> {
                vec![$(($method, <$req as prost::Name>::full_name(), <$resp as prost::Name>::full_name())),*]
            }

            $(
                rpcs!(@method $kind, $(#[$doc])* $fn_name, $method, $req, $resp);
            )*
        }
    };
    (@method unary, $(#[$doc:meta])* $fn_name:ident, $method:literal, $req:ty, $resp:ty) => {
        $(#[$doc])*
        #[doc = ""]
        #[doc = concat!("`", $method, "`.")]
        ///
        /// # Errors
        /// [`ClientError`] with the server's answer or the transport failure.
        pub async fn $fn_name(&self, request: $req) -> Result<$resp, ClientError> {
            self.connection.unary($method, request).await
        }
    };
    (@method stream, $(#[$doc:meta])* $fn_name:ident, $method:literal, $req:ty, $resp:ty) => {
        $(#[$doc])*
        #[doc = ""]
        #[doc = concat!("`", $method, "` (server streaming).")]
        ///
        /// # Errors
        /// [`ClientError`] when the stream cannot start; later errors end the
        /// stream as its last item.
        pub async fn $fn_name(&self, request: $req) -> Result<MessageStream<$resp>, ClientError> {
            self.connection.server_streaming($method, request).await
        }
    };
}

/// A client of an orchestrator (`tasker-server`): every `tasker.v1` RPC.
#[derive(Debug, Clone)]
pub struct OrchestrationClient {
    connection: Connection,
}

impl FromConnection for OrchestrationClient {
    #[allow(private_interfaces)]
    fn from_connection(connection: Connection) -> Self {
        Self { connection }
    }
}

impl OrchestrationClient {
    /// A builder for a client of an orchestrator (default endpoint
    /// [`DEFAULT_ENDPOINT`]).
    pub fn builder() -> ClientBuilder<Self> {
        ClientBuilder::new(DEFAULT_ENDPOINT, "TASKER_ENDPOINT")
    }

    /// The transport this client speaks.
    pub fn transport(&self) -> Transport {
        self.connection.transport.kind()
    }

    /// The endpoint this client calls.
    pub fn endpoint(&self) -> &str {
        &self.connection.endpoint
    }
}

rpcs! {
    OrchestrationClient {
        /// Creates a task from a template.
        unary create_task("tasker.v1.TaskService.CreateTask", v1::CreateTaskRequest) -> v1::CreateTaskResponse;
        /// Reads a task.
        unary get_task("tasker.v1.TaskService.GetTask", v1::GetTaskRequest) -> v1::GetTaskResponse;
        /// Lists tasks, one page at a time.
        unary list_tasks("tasker.v1.TaskService.ListTasks", v1::ListTasksRequest) -> v1::ListTasksResponse;
        /// Counts tasks by state with the filters of ListTasks.
        unary count_tasks("tasker.v1.TaskService.CountTasks", v1::CountTasksRequest) -> v1::CountTasksResponse;
        /// Cancels a task.
        unary cancel_task("tasker.v1.TaskService.CancelTask", v1::CancelTaskRequest) -> v1::CancelTaskResponse;
        /// Reads a task's context and step results.
        unary get_task_context("tasker.v1.TaskService.GetTaskContext", v1::GetTaskContextRequest) -> v1::GetTaskContextResponse;
        /// Watches a task until it reaches a terminal state.
        stream stream_task_status("tasker.v1.TaskService.StreamTaskStatus", v1::StreamTaskStatusRequest) -> v1::StreamTaskStatusResponse;
        /// Lists a task's steps.
        unary list_steps("tasker.v1.StepService.ListSteps", v1::ListStepsRequest) -> v1::ListStepsResponse;
        /// Reads a step.
        unary get_step("tasker.v1.StepService.GetStep", v1::GetStepRequest) -> v1::GetStepResponse;
        /// Resolves a step by hand.
        unary resolve_step("tasker.v1.StepService.ResolveStep", v1::ResolveStepRequest) -> v1::ResolveStepResponse;
        /// Reads a step's audit trail.
        unary get_step_audit("tasker.v1.StepService.GetStepAudit", v1::GetStepAuditRequest) -> v1::GetStepAuditResponse;
        /// Lists templates.
        unary list_templates("tasker.v1.TemplateService.ListTemplates", v1::ListTemplatesRequest) -> v1::ListTemplatesResponse;
        /// Reads a template.
        unary get_template("tasker.v1.TemplateService.GetTemplate", v1::GetTemplateRequest) -> v1::GetTemplateResponse;
        /// Registers a template.
        unary register_template("tasker.v1.TemplateService.RegisterTemplate", v1::RegisterTemplateRequest) -> v1::RegisterTemplateResponse;
        /// Validates a template without registering it.
        unary validate_template("tasker.v1.TemplateService.ValidateTemplate", v1::ValidateTemplateRequest) -> v1::ValidateTemplateResponse;
        /// Performance metrics over a time window.
        unary get_performance_metrics("tasker.v1.AnalyticsService.GetPerformanceMetrics", v1::GetPerformanceMetricsRequest) -> v1::GetPerformanceMetricsResponse;
        /// Slow steps, slow tasks and resource use.
        unary get_bottleneck_analysis("tasker.v1.AnalyticsService.GetBottleneckAnalysis", v1::GetBottleneckAnalysisRequest) -> v1::GetBottleneckAnalysisResponse;
        /// Lists dead-letter entries.
        unary list_dlq_entries("tasker.v1.DlqService.ListEntries", v1::ListEntriesRequest) -> v1::ListEntriesResponse;
        /// The dead-letter entry of a task.
        unary get_dlq_entry_by_task("tasker.v1.DlqService.GetEntryByTask", v1::GetEntryByTaskRequest) -> v1::GetEntryByTaskResponse;
        /// Updates a dead-letter investigation.
        unary update_dlq_investigation("tasker.v1.DlqService.UpdateInvestigation", v1::UpdateInvestigationRequest) -> v1::UpdateInvestigationResponse;
        /// Dead-letter statistics.
        unary get_dlq_stats("tasker.v1.DlqService.GetStats", v1::GetStatsRequest) -> v1::GetStatsResponse;
        /// The investigation queue, most urgent first.
        unary get_dlq_investigation_queue("tasker.v1.DlqService.GetInvestigationQueue", v1::GetInvestigationQueueRequest) -> v1::GetInvestigationQueueResponse;
        /// Staleness of running tasks.
        unary get_dlq_staleness_monitoring("tasker.v1.DlqService.GetStalenessMonitoring", v1::GetStalenessMonitoringRequest) -> v1::GetStalenessMonitoringResponse;
        /// Overall health.
        unary health_check("tasker.v1.HealthService.Check", v1::CheckRequest) -> v1::CheckResponse;
        /// Liveness probe.
        unary health_liveness("tasker.v1.HealthService.Liveness", v1::LivenessRequest) -> v1::LivenessResponse;
        /// Readiness probe.
        unary health_readiness("tasker.v1.HealthService.Readiness", v1::ReadinessRequest) -> v1::ReadinessResponse;
        /// Health of every component.
        unary detailed_health("tasker.v1.HealthService.DetailedHealth", v1::DetailedHealthRequest) -> v1::DetailedHealthResponse;
        /// The server's configuration, secrets redacted.
        unary get_config("tasker.v1.ConfigService.GetConfig", v1::GetConfigRequest) -> v1::GetConfigResponse;
        /// Exchanges an API key for a short-lived JWT.
        unary issue_token("tasker.v1.AuthService.IssueToken", v1::IssueTokenRequest) -> v1::IssueTokenResponse;
        /// The caller's identity and permissions.
        unary who_am_i("tasker.v1.AuthService.WhoAmI", v1::WhoAmIRequest) -> v1::WhoAmIResponse;
        /// Creates an API key (its secret is shown once).
        unary create_api_key("tasker.v1.AuthService.CreateApiKey", v1::CreateApiKeyRequest) -> v1::CreateApiKeyResponse;
        /// Lists API keys.
        unary list_api_keys("tasker.v1.AuthService.ListApiKeys", v1::ListApiKeysRequest) -> v1::ListApiKeysResponse;
        /// Revokes an API key.
        unary revoke_api_key("tasker.v1.AuthService.RevokeApiKey", v1::RevokeApiKeyRequest) -> v1::RevokeApiKeyResponse;
        /// Registers a worker.
        unary register_worker("tasker.v1.WorkerService.RegisterWorker", v1::RegisterWorkerRequest) -> v1::RegisterWorkerResponse;
        /// Deregisters a worker.
        unary deregister_worker("tasker.v1.WorkerService.DeregisterWorker", v1::DeregisterWorkerRequest) -> v1::DeregisterWorkerResponse;
        /// Claims ready steps.
        unary claim_steps("tasker.v1.WorkerService.ClaimSteps", v1::ClaimStepsRequest) -> v1::ClaimStepsResponse;
        /// Extends the leases of claimed steps.
        unary heartbeat("tasker.v1.WorkerService.Heartbeat", v1::HeartbeatRequest) -> v1::HeartbeatResponse;
        /// Streams the worker's claims that end while they run (task cancelled).
        stream watch_claims("tasker.v1.WorkerService.WatchClaims", v1::WatchClaimsRequest) -> v1::WatchClaimsResponse;
        /// Reports several attempts' outcomes, optionally claiming the next steps.
        unary report_results("tasker.v1.WorkerService.ReportResults", v1::ReportResultsRequest) -> v1::ReportResultsResponse;
        /// Reports a step's success.
        unary complete_step("tasker.v1.WorkerService.CompleteStep", v1::CompleteStepRequest) -> v1::CompleteStepResponse;
        /// Reports a step's failure.
        unary fail_step("tasker.v1.WorkerService.FailStep", v1::FailStepRequest) -> v1::FailStepResponse;
    }
}

/// A client of a worker process's own port (`tasker-worker`): its health,
/// template and configuration services (`tasker.worker.v1`).
#[derive(Debug, Clone)]
pub struct WorkerClient {
    connection: Connection,
}

impl FromConnection for WorkerClient {
    #[allow(private_interfaces)]
    fn from_connection(connection: Connection) -> Self {
        Self { connection }
    }
}

impl WorkerClient {
    /// A builder for a client of a worker process: the endpoint given, else
    /// `TASKER_WORKER_ENDPOINT`, else [`DEFAULT_WORKER_ENDPOINT`].
    pub fn builder() -> ClientBuilder<Self> {
        ClientBuilder::new(DEFAULT_WORKER_ENDPOINT, "TASKER_WORKER_ENDPOINT")
    }

    /// The transport this client speaks.
    pub fn transport(&self) -> Transport {
        self.connection.transport.kind()
    }
}

rpcs! {
    WorkerClient {
        /// The worker's health.
        unary worker_health("tasker.worker.v1.WorkerHealthService.GetWorkerHealth", worker_v1::GetWorkerHealthRequest) -> worker_v1::GetWorkerHealthResponse;
        /// The worker's readiness.
        unary worker_readiness("tasker.worker.v1.WorkerHealthService.GetWorkerReadiness", worker_v1::GetWorkerReadinessRequest) -> worker_v1::GetWorkerReadinessResponse;
        /// The templates the worker can run.
        unary list_worker_templates("tasker.worker.v1.WorkerTemplateService.ListWorkerTemplates", worker_v1::ListWorkerTemplatesRequest) -> worker_v1::ListWorkerTemplatesResponse;
        /// The worker's configuration, secrets redacted.
        unary worker_config("tasker.worker.v1.WorkerConfigService.GetWorkerConfig", worker_v1::GetWorkerConfigRequest) -> worker_v1::GetWorkerConfigResponse;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::transport::ByteStream;

    /// Answers UNAVAILABLE (asking for `delay`) `failures` times, then an
    /// empty message; counts the calls.
    #[derive(Debug)]
    struct Overloaded {
        failures: u32,
        delay: Option<Duration>,
        calls: std::sync::atomic::AtomicU32,
    }

    #[async_trait::async_trait]
    impl RpcTransport for Overloaded {
        fn kind(&self) -> Transport {
            Transport::Grpc
        }

        async fn unary(
            &self,
            _method: &str,
            _request: bytes::Bytes,
            _options: &CallOptions,
        ) -> Result<bytes::Bytes, ClientError> {
            let call = self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if call < self.failures {
                return Err(ClientError::Unavailable {
                    message: "busy".into(),
                    retry_after: self.delay,
                });
            }
            Ok(bytes::Bytes::new())
        }

        async fn server_streaming(
            &self,
            _method: &str,
            _request: bytes::Bytes,
            _options: &CallOptions,
        ) -> Result<ByteStream, ClientError> {
            Err(ClientError::transport("not here"))
        }
    }

    fn overloaded(
        failures: u32,
        delay: Option<Duration>,
        retries: u32,
    ) -> (Arc<Overloaded>, OrchestrationClient) {
        let transport = Arc::new(Overloaded {
            failures,
            delay,
            calls: 0.into(),
        });
        let client = OrchestrationClient::from_connection(Connection {
            transport: transport.clone(),
            timeout: None,
            retry_unavailable: retries,
            endpoint: "test".into(),
        });
        (transport, client)
    }

    #[tokio::test]
    async fn unavailable_is_retried_after_the_delay_the_server_asks_for() {
        let delay = Duration::from_millis(150);
        let (transport, client) = overloaded(2, Some(delay), 3);
        let started = tokio::time::Instant::now();
        client.health_check(v1::CheckRequest {}).await.unwrap();
        assert_eq!(transport.calls.load(std::sync::atomic::Ordering::SeqCst), 3);
        assert!(started.elapsed() >= delay * 2, "{:?}", started.elapsed());

        // Out of attempts: the last UNAVAILABLE, with its delay.
        let (transport, client) = overloaded(5, Some(Duration::from_millis(10)), 2);
        let error = client.health_check(v1::CheckRequest {}).await.unwrap_err();
        assert_eq!(transport.calls.load(std::sync::atomic::Ordering::SeqCst), 3);
        assert!(
            matches!(error, ClientError::Unavailable { retry_after: Some(d), .. } if d == Duration::from_millis(10)),
            "{error:?}"
        );

        // Not asked to retry (the default): one call.
        let (transport, client) = overloaded(1, None, 0);
        assert!(client.health_check(v1::CheckRequest {}).await.is_err());
        assert_eq!(transport.calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    /// Every RPC in the schema is reachable through exactly one client:
    /// the orchestrator's through `OrchestrationClient`, a worker port's
    /// through `WorkerClient`.
    #[test]
    fn the_clients_cover_every_rpc_of_the_schema() {
        let pool = tasker_proto::all_descriptor_pool().unwrap();
        for (client, package) in [
            (OrchestrationClient::METHODS, "tasker.v1."),
            (WorkerClient::METHODS, "tasker.worker.v1."),
        ] {
            assert!(client.iter().all(|m| m.starts_with(package)), "{client:?}");
        }
        let mut schema: Vec<String> = pool
            .services()
            .filter(|s| matches!(s.package_name(), "tasker.v1" | "tasker.worker.v1"))
            .flat_map(|s| {
                s.methods()
                    .map(|m| m.full_name().to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut covered: Vec<String> = OrchestrationClient::METHODS
            .iter()
            .chain(WorkerClient::METHODS)
            .map(|m| (*m).to_owned())
            .collect();
        schema.sort();
        covered.sort();
        assert_eq!(schema, covered);
        for method in &covered {
            let (service, name) = method.rsplit_once('.').unwrap();
            let descriptor = pool
                .get_service_by_name(service)
                .and_then(|s| s.methods().find(|m| m.name() == name))
                .unwrap();
            let (_, request, response) = OrchestrationClient::rpc_types()
                .into_iter()
                .chain(WorkerClient::rpc_types())
                .find(|(m, _, _)| *m == method)
                .unwrap();
            assert_eq!(descriptor.input().full_name(), request, "{method}");
            assert_eq!(descriptor.output().full_name(), response, "{method}");
            assert_eq!(
                descriptor.is_server_streaming(),
                method == "tasker.v1.TaskService.StreamTaskStatus"
                    || method == "tasker.v1.WorkerService.WatchClaims",
                "{method}"
            );
        }
    }
}
