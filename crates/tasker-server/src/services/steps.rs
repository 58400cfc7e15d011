//! `tasker.v1.StepService`.

use std::sync::Arc;

use tasker_core::NamespaceScope;
use tasker_proto::v1::step_service_server::StepService;
use tasker_proto::v1::{
    GetStepAuditRequest, GetStepAuditResponse, GetStepRequest, GetStepResponse, ListStepsRequest,
    ListStepsResponse, ManualResolutionAction, ResolveStepRequest, ResolveStepResponse,
};
use tasker_store::Resolution;
use tonic::Request;

use crate::convert::{from_proto, step_state_from_proto, task_state_to_proto, to_proto};
use crate::error::grpc_service;
use crate::services::{decode_token, encode_token, page_error, page_size, subject, uuid};
use crate::{AppState, ServerError, scope};

/// Implementation of `tasker.v1.StepService`.
#[derive(Debug, Clone)]
pub struct Steps {
    state: Arc<AppState>,
}

impl Steps {
    /// A step service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }

    /// Fails with NOT_FOUND unless the task exists in `scope`.
    async fn task_exists(
        &self,
        scope: &NamespaceScope,
        task_uuid: &str,
    ) -> Result<(), ServerError> {
        match self.state.store.task_namespace(task_uuid).await? {
            Some(namespace) if scope.contains(&namespace) => Ok(()),
            _ => Err(ServerError::NotFound(format!("task {task_uuid}"))),
        }
    }

    /// The step, when it exists in `scope` (NOT_FOUND alike otherwise).
    async fn visible_step(
        &self,
        scope: &NamespaceScope,
        task_uuid: &str,
        step_uuid: &str,
    ) -> Result<tasker_store::StepRecord, ServerError> {
        let not_found = || format!("step {step_uuid} of task {task_uuid}");
        let step = self
            .state
            .store
            .get_step(task_uuid, step_uuid)
            .await?
            .ok_or_else(|| ServerError::NotFound(not_found()))?;
        scope::visible(scope, &step.namespace, not_found)?;
        Ok(step)
    }
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Steps {
    async fn list_steps(
        &self,
        request: Request<ListStepsRequest>,
    ) -> Result<ListStepsResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let task_uuid = uuid("task_uuid", &request.task_uuid)?;
        let limit = usize::try_from(page_size(
            request.page_size,
            self.state.config.server.max_page_size,
        )?)
        .unwrap_or(usize::MAX);
        let states = request
            .states
            .iter()
            .map(|s| step_state_from_proto(*s))
            .collect::<Result<Vec<_>, _>>()?;
        let after: i64 = tasker_proto::page::decode_number("steps", &request.page_token)
            .map_err(page_error)?
            .unwrap_or(-1);
        self.task_exists(&scope, &task_uuid).await?;
        let steps: Vec<_> = self
            .state
            .store
            .list_steps(&task_uuid)
            .await?
            .into_iter()
            .filter(|s| s.position > after && (states.is_empty() || states.contains(&s.state)))
            .collect();
        let more = steps.len() > limit;
        let page: Vec<_> = steps.into_iter().take(limit).collect();
        let next_page_token = match (more, page.last()) {
            (true, Some(last)) => encode_token("steps", &last.position.to_string()),
            _ => String::new(),
        };
        Ok(ListStepsResponse {
            steps: page.iter().map(to_proto::step).collect(),
            next_page_token,
        })
    }

    async fn get_step(
        &self,
        request: Request<GetStepRequest>,
    ) -> Result<GetStepResponse, ServerError> {
        let task_uuid = uuid("task_uuid", &request.get_ref().task_uuid)?;
        let step_uuid = uuid("step_uuid", &request.get_ref().step_uuid)?;
        let step = self
            .visible_step(&scope::caller(&request), &task_uuid, &step_uuid)
            .await?;
        Ok(GetStepResponse {
            step: Some(to_proto::step(&step)),
        })
    }

    async fn resolve_step(
        &self,
        request: Request<ResolveStepRequest>,
    ) -> Result<ResolveStepResponse, ServerError> {
        let caller = subject(&request);
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let task_uuid = uuid("task_uuid", &request.task_uuid)?;
        let step_uuid = uuid("step_uuid", &request.step_uuid)?;
        if !scope.is_all() {
            self.visible_step(&scope, &task_uuid, &step_uuid).await?;
        }
        if request.performed_by.trim().is_empty() {
            return Err(ServerError::InvalidArgument(
                "performed_by: required (who resolves the step)".into(),
            ));
        }
        if request.reason.trim().is_empty() {
            return Err(ServerError::InvalidArgument(
                "reason: required (why the step is resolved by hand)".into(),
            ));
        }
        let resolution = match ManualResolutionAction::try_from(request.action) {
            Ok(ManualResolutionAction::ResetForRetry) => Resolution::ResetForRetry,
            Ok(ManualResolutionAction::ResolveManually) => Resolution::ResolveManually,
            Ok(ManualResolutionAction::CompleteManually) => Resolution::CompleteManually(
                from_proto::object("results", request.results.as_ref())?,
            ),
            _ => {
                return Err(ServerError::InvalidArgument(format!(
                    "action: one of {}, {}, {}",
                    ManualResolutionAction::ResetForRetry.as_str_name(),
                    ManualResolutionAction::ResolveManually.as_str_name(),
                    ManualResolutionAction::CompleteManually.as_str_name(),
                )));
            }
        };
        if request.results.is_some() && !matches!(resolution, Resolution::CompleteManually(_)) {
            return Err(ServerError::InvalidArgument(format!(
                "results: only with {}",
                ManualResolutionAction::CompleteManually.as_str_name()
            )));
        }
        // The credential's subject is the actor recorded in `performed_by`;
        // a different name stated in the request is kept in the reason.
        let reason = if caller == request.performed_by.trim() {
            request.reason.clone()
        } else {
            format!(
                "{} [stated performed_by: {}]",
                request.reason,
                request.performed_by.trim()
            )
        };
        let performed_by = caller;
        let step = self
            .state
            .store
            .resolve_step(&task_uuid, &step_uuid, &resolution, &performed_by, &reason)
            .await?;
        let task = self.state.store.get_task(&task_uuid).await?;
        Ok(ResolveStepResponse {
            step: Some(to_proto::step(&step)),
            task_state: task
                .map(|t| task_state_to_proto(t.state).into())
                .unwrap_or_default(),
        })
    }

    async fn get_step_audit(
        &self,
        request: Request<GetStepAuditRequest>,
    ) -> Result<GetStepAuditResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let task_uuid = uuid("task_uuid", &request.task_uuid)?;
        let step_uuid = uuid("step_uuid", &request.step_uuid)?;
        let limit = page_size(request.page_size, self.state.config.server.max_page_size)?;
        let after = decode_token("audit", &request.page_token)?;
        self.visible_step(&scope, &task_uuid, &step_uuid).await?;
        let mut records = self
            .state
            .store
            .step_audit(&step_uuid, after.as_deref(), limit + 1)
            .await?;
        let more = records.len() as i64 > limit;
        records.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_page_token = match (more, records.last()) {
            (true, Some(last)) => encode_token("audit", &last.transition_uuid),
            _ => String::new(),
        };
        Ok(GetStepAuditResponse {
            records: records.iter().map(to_proto::audit).collect(),
            next_page_token,
        })
    }
}

grpc_service! {
    impl StepService for Steps {
        fn list_steps(ListStepsRequest) -> ListStepsResponse;
        fn get_step(GetStepRequest) -> GetStepResponse;
        fn resolve_step(ResolveStepRequest) -> ResolveStepResponse;
        fn get_step_audit(GetStepAuditRequest) -> GetStepAuditResponse;
    }
}
