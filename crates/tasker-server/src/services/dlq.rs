//! `tasker.v1.DlqService`: investigations (list, read, update), statistics,
//! the prioritised investigation queue and staleness monitoring; and the
//! staleness check the server runs in the background.

use std::sync::Arc;

use tasker_core::NamespaceScope;
use tasker_core::staleness::staleness_health;
use tasker_proto::v1::dlq_service_server::DlqService;
use tasker_proto::v1::{
    DlqReason, DlqReasonStats, DlqResolutionStatus, GetEntryByTaskRequest, GetEntryByTaskResponse,
    GetInvestigationQueueRequest, GetInvestigationQueueResponse, GetStalenessMonitoringRequest,
    GetStalenessMonitoringResponse, GetStatsRequest, GetStatsResponse, InvestigationQueueItem,
    ListEntriesRequest, ListEntriesResponse, StalenessHealth, StalenessRecord,
    UpdateInvestigationRequest, UpdateInvestigationResponse,
};
use tonic::Request;

use crate::convert::{from_proto, to_proto};
use crate::error::grpc_service;
use crate::services::{decode_token, encode_token, page_error, page_size, subject, uuid};
use crate::{AppState, ServerError, scope};

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

    /// The page of the ranked view `kind` a request asks for.
    fn ranked_page(
        &self,
        kind: &'static str,
        requested_size: i32,
        page_token: &str,
    ) -> Result<RankedPage, ServerError> {
        let limit = usize::try_from(page_size(
            requested_size,
            self.state.config.server.max_page_size,
        )?)
        .unwrap_or(usize::MAX);
        let offset = offset_token(kind, page_token)?;
        Ok(RankedPage {
            kind,
            offset,
            limit,
        })
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

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Dlq {
    async fn list_entries(
        &self,
        request: Request<ListEntriesRequest>,
    ) -> Result<ListEntriesResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let limit = page_size(request.page_size, self.state.config.server.max_page_size)?;
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
                )));
            }
        };
        let after = decode_token("dlq", &request.page_token)?;
        let scope = scope.narrow(Some(request.namespace.as_str()));
        let mut entries = self
            .state
            .store
            .list_dlq_entries(
                status.as_deref(),
                reason.as_deref(),
                &scope,
                after.as_deref(),
                limit + 1,
            )
            .await?;
        let more = entries.len() as i64 > limit;
        entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_page_token = match (more, entries.last()) {
            (true, Some(last)) => encode_token("dlq", &last.dlq_entry_uuid),
            _ => String::new(),
        };
        Ok(ListEntriesResponse {
            entries: entries.iter().map(to_proto::dlq_entry).collect(),
            next_page_token,
        })
    }

    async fn get_entry_by_task(
        &self,
        request: Request<GetEntryByTaskRequest>,
    ) -> Result<GetEntryByTaskResponse, ServerError> {
        let task_uuid = uuid("task_uuid", &request.get_ref().task_uuid)?;
        let not_found = || format!("dead-letter entry of task {task_uuid}");
        let entry = self
            .state
            .store
            .dlq_entry_for_task(&task_uuid)
            .await?
            .ok_or_else(|| ServerError::NotFound(not_found()))?;
        scope::visible(&scope::caller(&request), &entry.namespace, not_found)?;
        Ok(GetEntryByTaskResponse {
            entry: Some(to_proto::dlq_entry(&entry)),
        })
    }

    async fn update_investigation(
        &self,
        request: Request<UpdateInvestigationRequest>,
    ) -> Result<UpdateInvestigationResponse, ServerError> {
        let performed_by = subject(&request);
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let entry = request
            .entry
            .ok_or_else(|| ServerError::InvalidArgument("entry: required".into()))?;
        let entry_uuid = uuid("entry.dlq_entry_uuid", &entry.dlq_entry_uuid)?;
        if !scope.is_all() {
            // An entry's namespace never changes: checked once, before the write.
            let namespace = self.state.store.dlq_entry_namespace(&entry_uuid).await?;
            let not_found = || format!("dead-letter entry {entry_uuid}");
            match namespace {
                Some(namespace) => scope::visible(&scope, &namespace, not_found)?,
                None => return Err(ServerError::NotFound(not_found())),
            }
        }
        let paths = request.update_mask.map(|m| m.paths).unwrap_or_default();
        if paths.is_empty() {
            return Err(ServerError::InvalidArgument(
                "update_mask: name the fields to update".into(),
            ));
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
                "metadata" => {
                    metadata = Some(from_proto::object(
                        "entry.metadata",
                        entry.metadata.as_ref(),
                    )?)
                }
                other => {
                    return Err(ServerError::InvalidArgument(format!(
                        "update_mask: {other:?} cannot be updated (resolution_status, resolution_notes, metadata)"
                    )));
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
            .await?;
        Ok(UpdateInvestigationResponse {
            entry: Some(to_proto::dlq_entry(&updated)),
        })
    }

    async fn get_stats(
        &self,
        request: Request<GetStatsRequest>,
    ) -> Result<GetStatsResponse, ServerError> {
        let scope = scope::caller(&request);
        let since = request
            .get_ref()
            .since
            .as_ref()
            .map(from_proto::micros)
            .unwrap_or(0);
        let stats = self.state.store.dlq_stats(since, &scope).await?;
        let mean = |sum: i64, n: i64| (n > 0).then(|| to_proto::duration_us(sum / n));
        let (mut sum, mut resolved) = (0, 0);
        let by_reason = stats
            .iter()
            .map(|s| {
                sum += s.resolution_us_sum;
                resolved += s.resolved;
                DlqReasonStats {
                    reason: reason_enum(&s.reason).into(),
                    total: s.total,
                    pending: s.pending,
                    manually_resolved: s.manually_resolved,
                    permanently_failed: s.permanently_failed,
                    cancelled: s.cancelled,
                    average_resolution_time: mean(s.resolution_us_sum, s.resolved),
                    oldest_pending_at: to_proto::maybe_timestamp(s.oldest_pending_at),
                }
            })
            .collect::<Vec<_>>();
        Ok(GetStatsResponse {
            total: by_reason.iter().map(|r| r.total).sum(),
            pending: by_reason.iter().map(|r| r.pending).sum(),
            average_resolution_time: mean(sum, resolved),
            by_reason,
        })
    }

    async fn get_investigation_queue(
        &self,
        request: Request<GetInvestigationQueueRequest>,
    ) -> Result<GetInvestigationQueueResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let page = self.ranked_page("queue", request.page_size, &request.page_token)?;
        let now = tasker_store::now_us();
        let mut items: Vec<InvestigationQueueItem> = self
            .state
            .store
            .pending_dlq_entries(10_000, &scope)
            .await?
            .iter()
            .map(|entry| {
                let age_us = (now - entry.created_at).max(0);
                InvestigationQueueItem {
                    priority_score: priority_score(entry.priority, &entry.reason, age_us),
                    age: Some(to_proto::duration_us(age_us)),
                    entry: Some(to_proto::dlq_entry(entry)),
                }
            })
            .collect();
        items.sort_by(|a, b| b.priority_score.total_cmp(&a.priority_score));
        let (items, next_page_token) = page.of(items);
        Ok(GetInvestigationQueueResponse {
            items,
            next_page_token,
        })
    }

    async fn get_staleness_monitoring(
        &self,
        request: Request<GetStalenessMonitoringRequest>,
    ) -> Result<GetStalenessMonitoringResponse, ServerError> {
        let scope = scope::caller(&request);
        let request = request.into_inner();
        let page = self.ranked_page("staleness", request.page_size, &request.page_token)?;
        let min =
            StalenessHealth::try_from(request.min_health).unwrap_or(StalenessHealth::Unspecified);
        let mut records = staleness_records(&self.state, &scope).await?;
        records.retain(|r| r.health >= min as i32);
        let (records, next_page_token) = page.of(records);
        Ok(GetStalenessMonitoringResponse {
            records,
            next_page_token,
        })
    }
}

grpc_service! {
    impl DlqService for Dlq {
        fn list_entries(ListEntriesRequest) -> ListEntriesResponse;
        fn get_entry_by_task(GetEntryByTaskRequest) -> GetEntryByTaskResponse;
        fn update_investigation(UpdateInvestigationRequest) -> UpdateInvestigationResponse;
        fn get_stats(GetStatsRequest) -> GetStatsResponse;
        fn get_investigation_queue(GetInvestigationQueueRequest) -> GetInvestigationQueueResponse;
        fn get_staleness_monitoring(GetStalenessMonitoringRequest) -> GetStalenessMonitoringResponse;
    }
}

/// A page of a ranked view: `limit` items from position `offset`.
struct RankedPage {
    kind: &'static str,
    offset: usize,
    limit: usize,
}

impl RankedPage {
    /// The page's items of `ranked` and the token of the next page (empty
    /// after the last).
    fn of<T>(&self, ranked: Vec<T>) -> (Vec<T>, String) {
        let more = ranked.len() > self.offset + self.limit;
        let page = ranked
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .collect();
        let next_page_token = if more {
            tasker_proto::page::encode_offset(self.kind, self.offset + self.limit)
        } else {
            String::new()
        };
        (page, next_page_token)
    }
}

/// Position in a ranked view (the queue and staleness rankings change with
/// time, so they page by position rather than by key).
fn offset_token(kind: &str, token: &str) -> Result<usize, ServerError> {
    Ok(tasker_proto::page::decode_number(kind, token)
        .map_err(page_error)?
        .unwrap_or(0))
}

fn reason_enum(reason: &str) -> DlqReason {
    DlqReason::from_str_name(&format!("DLQ_REASON_{}", reason.to_uppercase())).unwrap_or_default()
}

/// Urgency of a pending entry: the task's priority, the reason's weight, and
/// one point per hour waiting.
fn priority_score(priority: i64, reason: &str, age_us: i64) -> f64 {
    let reason_weight = match reason {
        "max_retries_exceeded" => 30.0,
        "dependency_cycle_detected" => 25.0,
        "worker_unavailable" => 20.0,
        "staleness_timeout" => 10.0,
        _ => 5.0,
    };
    priority as f64 * 10.0 + reason_weight + age_us as f64 / 3_600_000_000.0
}

/// Every active task in `scope`: its time in state against its threshold,
/// most stale first.
pub async fn staleness_records(
    state: &AppState,
    scope: &NamespaceScope,
) -> Result<Vec<StalenessRecord>, ServerError> {
    let now = tasker_store::now_us();
    let tasks = state.store.active_tasks(10_000, scope).await?;
    let mut records: Vec<StalenessRecord> = tasks
        .iter()
        .filter_map(|task| {
            let thresholds = state.staleness.with_overrides(&task.overrides);
            let threshold = thresholds.threshold_for(task.state)?;
            let in_state = std::time::Duration::from_micros(
                u64::try_from(now - task.state_entered_at).unwrap_or(0),
            );
            let staleness = staleness_health(in_state, threshold);
            Some(StalenessRecord {
                task_uuid: task.task_uuid.clone(),
                namespace: task.namespace.clone(),
                name: task.name.clone(),
                version: task.version.clone(),
                state: crate::convert::task_state_to_proto(task.state).into(),
                state_entered_at: Some(to_proto::timestamp(task.state_entered_at)),
                time_in_state: Some(in_state.into()),
                threshold: Some(threshold.into()),
                threshold_percentage: staleness.percentage,
                health: match staleness.health {
                    tasker_core::staleness::StalenessHealth::Healthy => StalenessHealth::Healthy,
                    tasker_core::staleness::StalenessHealth::Warning => StalenessHealth::Warning,
                    tasker_core::staleness::StalenessHealth::Stale => StalenessHealth::Stale,
                }
                .into(),
                priority: i32::try_from(task.priority).unwrap_or_default(),
            })
        })
        .collect();
    records.sort_by(|a, b| b.threshold_percentage.total_cmp(&a.threshold_percentage));
    Ok(records)
}

/// Opens a `staleness_timeout` entry for every task past its threshold.
/// Returns how many were opened.
pub async fn open_stale_entries(state: &AppState) -> Result<usize, ServerError> {
    let mut opened = 0;
    for record in staleness_records(state, &NamespaceScope::All).await? {
        if record.health == StalenessHealth::Stale as i32 {
            let task_state = crate::convert::task_state_from_proto(record.state)?;
            if state
                .store
                .open_staleness_entry(&record.task_uuid, task_state)
                .await?
            {
                opened += 1;
            }
        }
    }
    Ok(opened)
}
