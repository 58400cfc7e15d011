//! `tasker.v1.DlqService`: listing, reading and updating investigations.
//! Statistics, the investigation queue and staleness monitoring answer
//! UNIMPLEMENTED until they are built.

use std::sync::Arc;

use tasker_proto::v1::dlq_service_server::DlqService;
use tasker_proto::v1::{
    DlqReason, DlqResolutionStatus, GetEntryByTaskRequest, GetEntryByTaskResponse,
    GetInvestigationQueueRequest, GetInvestigationQueueResponse, GetStalenessMonitoringRequest,
    GetStalenessMonitoringResponse, GetStatsRequest, GetStatsResponse, ListEntriesRequest,
    ListEntriesResponse, UpdateInvestigationRequest, UpdateInvestigationResponse,
};
use tonic::{Request, Response, Status};

use crate::convert::{from_proto, to_proto};
use crate::services::{decode_token, encode_token, page_size, subject, uuid};
use crate::{AppState, ServerError};

/// Implementation of `tasker.v1.DlqService`.
#[derive(Debug, Clone)]
pub struct Dlq {
    state: Arc<AppState>,
}

impl Dlq {
    /// A dead-letter service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }
}

fn status_name(value: i32) -> Result<Option<String>, ServerError> {
    match DlqResolutionStatus::try_from(value) {
        Ok(DlqResolutionStatus::Unspecified) => Ok(None),
        Ok(status) => Ok(Some(
            status
                .as_str_name()
                .trim_start_matches("DLQ_RESOLUTION_STATUS_")
                .to_lowercase(),
        )),
        Err(_) => Err(ServerError::InvalidArgument(format!(
            "resolution_status: unknown value {value}"
        ))),
    }
}

#[tonic::async_trait]
impl DlqService for Dlq {
    async fn list_entries(
        &self,
        request: Request<ListEntriesRequest>,
    ) -> Result<Response<ListEntriesResponse>, Status> {
        let request = request.into_inner();
        let limit = page_size(request.page_size)?;
        let status = status_name(request.resolution_status)?;
        let reason = match DlqReason::try_from(request.reason) {
            Ok(DlqReason::Unspecified) => None,
            Ok(reason) => Some(
                reason
                    .as_str_name()
                    .trim_start_matches("DLQ_REASON_")
                    .to_lowercase(),
            ),
            Err(_) => {
                return Err(ServerError::InvalidArgument(format!(
                    "reason: unknown value {}",
                    request.reason
                ))
                .into());
            }
        };
        let after = decode_token("dlq", &request.page_token)?;
        let namespace = Some(request.namespace.as_str()).filter(|s| !s.is_empty());
        let mut entries = self
            .state
            .store
            .list_dlq_entries(
                status.as_deref(),
                reason.as_deref(),
                namespace,
                after.as_deref(),
                limit + 1,
            )
            .await
            .map_err(ServerError::from)?;
        let more = entries.len() as i64 > limit;
        entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_page_token = match (more, entries.last()) {
            (true, Some(last)) => encode_token("dlq", &last.dlq_entry_uuid),
            _ => String::new(),
        };
        Ok(Response::new(ListEntriesResponse {
            entries: entries.iter().map(to_proto::dlq_entry).collect(),
            next_page_token,
        }))
    }

    async fn get_entry_by_task(
        &self,
        request: Request<GetEntryByTaskRequest>,
    ) -> Result<Response<GetEntryByTaskResponse>, Status> {
        let task_uuid = uuid("task_uuid", &request.get_ref().task_uuid)?;
        let entry = self
            .state
            .store
            .dlq_entry_for_task(&task_uuid)
            .await
            .map_err(ServerError::from)?
            .ok_or_else(|| {
                ServerError::NotFound(format!("dead-letter entry of task {task_uuid}"))
            })?;
        Ok(Response::new(GetEntryByTaskResponse {
            entry: Some(to_proto::dlq_entry(&entry)),
        }))
    }

    async fn update_investigation(
        &self,
        request: Request<UpdateInvestigationRequest>,
    ) -> Result<Response<UpdateInvestigationResponse>, Status> {
        let performed_by = subject(&request);
        let request = request.into_inner();
        let entry = request
            .entry
            .ok_or_else(|| ServerError::InvalidArgument("entry: required".into()))?;
        let entry_uuid = uuid("entry.dlq_entry_uuid", &entry.dlq_entry_uuid)?;
        let paths = request.update_mask.map(|m| m.paths).unwrap_or_default();
        if paths.is_empty() {
            return Err(ServerError::InvalidArgument(
                "update_mask: name the fields to update".into(),
            )
            .into());
        }
        let mut status = None;
        let mut notes = None;
        let mut metadata = None;
        for path in &paths {
            match path.as_str() {
                "resolution_status" | "resolutionStatus" => {
                    status = Some(status_name(entry.resolution_status)?.ok_or_else(|| {
                        ServerError::InvalidArgument(
                            "entry.resolution_status: must be set when named in update_mask".into(),
                        )
                    })?);
                }
                "resolution_notes" | "resolutionNotes" => {
                    notes = Some(entry.resolution_notes.clone())
                }
                "metadata" => metadata = Some(from_proto::object(entry.metadata.as_ref())),
                other => {
                    return Err(ServerError::InvalidArgument(format!(
                        "update_mask: {other:?} cannot be updated (resolution_status, resolution_notes, metadata)"
                    ))
                    .into());
                }
            }
        }
        let updated = self
            .state
            .store
            .update_dlq_entry(
                &entry_uuid,
                status.as_deref(),
                notes.as_deref(),
                metadata.as_ref(),
                &performed_by,
            )
            .await
            .map_err(ServerError::from)?;
        Ok(Response::new(UpdateInvestigationResponse {
            entry: Some(to_proto::dlq_entry(&updated)),
        }))
    }

    async fn get_stats(
        &self,
        _: Request<GetStatsRequest>,
    ) -> Result<Response<GetStatsResponse>, Status> {
        Err(Status::unimplemented(
            "DLQ statistics are not available yet",
        ))
    }

    async fn get_investigation_queue(
        &self,
        _: Request<GetInvestigationQueueRequest>,
    ) -> Result<Response<GetInvestigationQueueResponse>, Status> {
        Err(Status::unimplemented(
            "the investigation queue is not available yet",
        ))
    }

    async fn get_staleness_monitoring(
        &self,
        _: Request<GetStalenessMonitoringRequest>,
    ) -> Result<Response<GetStalenessMonitoringResponse>, Status> {
        Err(Status::unimplemented(
            "staleness monitoring is not available yet",
        ))
    }
}
