//! `tasker.v1.TaskService`.

use std::sync::Arc;

use tasker_core::NamespaceScope;
use tasker_proto::v1::task_service_server::TaskService;
use tasker_proto::v1::{
    CancelTaskRequest, CancelTaskResponse, CountTasksRequest, CountTasksResponse,
    CreateTaskRequest, CreateTaskResponse, GetTaskContextRequest, GetTaskContextResponse,
    GetTaskRequest, GetTaskResponse, ListTasksRequest, ListTasksResponse, StreamTaskStatusRequest,
    Task, TaskStateCount,
};
use tasker_store::{NewTask, StoreError, TaskFilter, TaskRecord};
use tonic::Request;

use crate::convert::{from_proto, task_state_from_proto, task_state_to_proto, to_proto};
use crate::error::grpc_service;
use crate::services::{decode_token, encode_token, page_size, subject, uuid};
use crate::{AppState, ServerError, scope};

/// Implementation of `tasker.v1.TaskService`.
#[derive(Debug, Clone)]
pub struct Tasks {
    state: Arc<AppState>,
}

impl Tasks {
    /// A task service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }

    fn to_proto(&self, task: &TaskRecord) -> Task {
        to_proto::task(task, &self.state.staleness)
    }

    async fn load(&self, task_uuid: &str) -> Result<TaskRecord, ServerError> {
        self.state
            .store
            .get_task(task_uuid)
            .await?
            .ok_or_else(|| ServerError::NotFound(format!("task {task_uuid}")))
    }

    /// The task, when it exists in `scope` (NOT_FOUND alike otherwise).
    async fn load_visible(
        &self,
        scope: &NamespaceScope,
        task_uuid: &str,
    ) -> Result<TaskRecord, ServerError> {
        let task = self.load(task_uuid).await?;
        scope::visible(scope, &task.namespace, || format!("task {task_uuid}"))?;
        Ok(task)
    }

    /// The task `request` names by its `task_uuid` (checked), when it
    /// exists in the caller's scope.
    async fn requested<T>(
        &self,
        request: &Request<T>,
        task_uuid: &str,
    ) -> Result<TaskRecord, ServerError> {
        let task_uuid = uuid("task_uuid", task_uuid)?;
        self.load_visible(&scope::caller(request), &task_uuid).await
    }
}

/// The filters ListTasks and CountTasks share, as their requests carry them.
struct Filters<'a> {
    namespace: String,
    name: String,
    states: &'a [i32],
    created_after: Option<&'a pbjson_types::Timestamp>,
    created_before: Option<&'a pbjson_types::Timestamp>,
    tags: Vec<String>,
    correlation_id: String,
}

impl Filters<'_> {
    /// The store's filter, for `scope`, `limit` rows after `after`.
    fn task_filter(
        self,
        scope: NamespaceScope,
        limit: i64,
        after: Option<String>,
    ) -> Result<TaskFilter, ServerError> {
        let states = self
            .states
            .iter()
            .map(|s| task_state_from_proto(*s))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TaskFilter {
            namespace: Some(self.namespace).filter(|s| !s.is_empty()),
            scope,
            name: Some(self.name).filter(|s| !s.is_empty()),
            states,
            created_after: self.created_after.map(from_proto::micros),
            created_before: self.created_before.map(from_proto::micros),
            tags: self.tags,
            correlation_id: Some(self.correlation_id).filter(|s| !s.is_empty()),
            limit,
            after,
        })
    }
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Tasks {
    async fn create_task(
        &self,
        request: Request<CreateTaskRequest>,
    ) -> Result<CreateTaskResponse, ServerError> {
        self.state.admit_new_work()?;
        let created_by = subject(&request);
        let scope = scope::caller(&request);
        // Handed to the workers of the task's steps, so their spans join
        // this request's trace.
        let traceparent =
            tasker_telemetry::traceparent(&tracing::Span::current(), request.metadata().as_ref());
        let request = request.into_inner();
        if request.namespace.is_empty() || request.name.is_empty() {
            return Err(ServerError::InvalidArgument(
                "namespace and name: required (the template to run)".into(),
            ));
        }
        // Decided before the template is looked up: whether it exists in a
        // namespace the caller cannot reach is not revealed.
        scope::require(&scope, &request.namespace)?;
        let template = self
            .state
            .store
            .get_template(&request.namespace, &request.name, &request.version)
            .await?
            .ok_or_else(|| {
                super::templates::not_found(&request.namespace, &request.name, &request.version)
            })?;
        let context = from_proto::object("context", request.context.as_ref())?;
        if let Some(schema) = &template.template.context_schema {
            crate::schema::validate_context(&template.content_hash, schema, &context)?;
        }
        let new_task = NewTask {
            namespace: request.namespace,
            name: request.name,
            version: template.template.version.clone(),
            context,
            correlation_id: request.correlation_id,
            parent_correlation_id: request.parent_correlation_id,
            initiator: request.initiator,
            source_system: request.source_system,
            reason: request.reason,
            priority: i64::from(request.priority),
            tags: request.tags,
            idempotency_key: request.idempotency_key,
            created_by,
            traceparent,
        };
        match self.state.store.create_task(&new_task, &template).await {
            Ok(task) => {
                self.state.tasks_created.add(&task.namespace, &task.name, 1);
                Ok(CreateTaskResponse {
                    task: Some(self.to_proto(&task)),
                })
            }
            Err(StoreError::DuplicateTask { existing }) => {
                let task = self.load(&existing).await?;
                Err(ServerError::DuplicateTask(Box::new(self.to_proto(&task))))
            }
            Err(other) => Err(other.into()),
        }
    }

    async fn get_task(
        &self,
        request: Request<GetTaskRequest>,
    ) -> Result<GetTaskResponse, ServerError> {
        let task = self
            .requested(&request, &request.get_ref().task_uuid)
            .await?;
        Ok(GetTaskResponse {
            task: Some(self.to_proto(&task)),
        })
    }

    async fn list_tasks(
        &self,
        request: Request<ListTasksRequest>,
    ) -> Result<ListTasksResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let limit = page_size(request.page_size, self.state.config.server.max_page_size)?;
        let after = decode_token("tasks", &request.page_token)?;
        if let Some(after) = &after {
            uuid("page_token", after)?;
        }
        let filter = Filters {
            namespace: request.namespace,
            name: request.name,
            states: &request.states,
            created_after: request.created_after.as_ref(),
            created_before: request.created_before.as_ref(),
            tags: request.tags,
            correlation_id: request.correlation_id,
        }
        .task_filter(scope, limit + 1, after)?;
        let mut tasks = self.state.store.list_tasks(&filter).await?;
        let more = tasks.len() as i64 > limit;
        tasks.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_page_token = match (more, tasks.last()) {
            (true, Some(last)) => encode_token("tasks", &last.task_uuid),
            _ => String::new(),
        };
        Ok(ListTasksResponse {
            tasks: tasks.iter().map(|t| self.to_proto(t)).collect(),
            next_page_token,
        })
    }

    async fn count_tasks(
        &self,
        request: Request<CountTasksRequest>,
    ) -> Result<CountTasksResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let filter = Filters {
            namespace: request.namespace,
            name: request.name,
            states: &request.states,
            created_after: request.created_after.as_ref(),
            created_before: request.created_before.as_ref(),
            tags: request.tags,
            correlation_id: request.correlation_id,
        }
        .task_filter(scope, 0, None)?;
        let counts = self.state.store.count_tasks(&filter).await?;
        Ok(CountTasksResponse {
            total: counts.iter().map(|(_, n)| n).sum(),
            counts: counts
                .into_iter()
                .map(|(state, count)| TaskStateCount {
                    state: task_state_to_proto(state).into(),
                    count,
                })
                .collect(),
        })
    }

    async fn cancel_task(
        &self,
        request: Request<CancelTaskRequest>,
    ) -> Result<CancelTaskResponse, ServerError> {
        let performed_by = subject(&request);
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let task_uuid = uuid("task_uuid", &request.task_uuid)?;
        scope::task_visible(&self.state.store, &scope, &task_uuid).await?;
        let task = self
            .state
            .store
            .cancel_task(&task_uuid, &performed_by, &request.reason)
            .await?;
        Ok(CancelTaskResponse {
            task: Some(self.to_proto(&task)),
        })
    }

    async fn get_task_context(
        &self,
        request: Request<GetTaskContextRequest>,
    ) -> Result<GetTaskContextResponse, ServerError> {
        let task = self
            .requested(&request, &request.get_ref().task_uuid)
            .await?;
        let results = self.state.store.step_results(&task.task_uuid).await?;
        Ok(GetTaskContextResponse {
            task_uuid: task.task_uuid,
            context: Some(to_proto::structure(&task.context)),
            step_results: results
                .iter()
                .map(|(name, r)| (name.clone(), to_proto::structure(r)))
                .collect(),
        })
    }

    async fn stream_task_status(
        &self,
        request: Request<StreamTaskStatusRequest>,
    ) -> Result<super::watch::StatusStream, ServerError> {
        let task_uuid = uuid("task_uuid", &request.get_ref().task_uuid)?;
        scope::task_visible(&self.state.store, &scope::caller(&request), &task_uuid).await?;
        let slot = self.state.auth.watch_slot(&subject(&request))?;
        let stream = super::watch::watch(Arc::clone(&self.state), task_uuid, slot).await?;
        Ok(stream)
    }
}

grpc_service! {
    impl TaskService for Tasks {
        type StreamTaskStatusStream = super::watch::StatusStream;
        fn create_task(CreateTaskRequest) -> CreateTaskResponse;
        fn get_task(GetTaskRequest) -> GetTaskResponse;
        fn list_tasks(ListTasksRequest) -> ListTasksResponse;
        fn count_tasks(CountTasksRequest) -> CountTasksResponse;
        fn cancel_task(CancelTaskRequest) -> CancelTaskResponse;
        fn get_task_context(GetTaskContextRequest) -> GetTaskContextResponse;
        fn stream_task_status(StreamTaskStatusRequest) -> Self::StreamTaskStatusStream;
    }
}
