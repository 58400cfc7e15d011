//! Records the store reads and writes. Timestamps are microseconds since the
//! Unix epoch; JSON documents are `serde_json` values.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tasker_core::retry::RetryPolicy;
use tasker_core::{StepCounts, StepState, TaskState};

/// A task as stored, with its step counts.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    /// Identifier (UUIDv7 text).
    pub task_uuid: String,
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub name: String,
    /// Template version.
    pub version: String,
    /// Current state.
    pub state: TaskState,
    /// Input context (a JSON object).
    pub context: Map<String, Value>,
    /// Caller's correlation id.
    pub correlation_id: String,
    /// Parent flow's correlation id.
    pub parent_correlation_id: String,
    /// Who asked.
    pub initiator: String,
    /// Where the request came from.
    pub source_system: String,
    /// Why.
    pub reason: String,
    /// Scheduling priority.
    pub priority: i64,
    /// Labels.
    pub tags: Vec<String>,
    /// Idempotency key given at creation.
    pub idempotency_key: String,
    /// Subject of the creating credential.
    pub created_by: String,
    /// Creation time.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// When the current state was entered.
    pub state_entered_at: i64,
    /// When a final state was reached.
    pub completed_at: Option<i64>,
    /// Steps per state.
    pub step_counts: StepCounts,
}

/// What a new task needs.
#[derive(Debug, Clone, Default)]
pub struct NewTask {
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub name: String,
    /// Template version; empty picks the newest registered one.
    pub version: String,
    /// Input context.
    pub context: Map<String, Value>,
    /// Caller's correlation id.
    pub correlation_id: String,
    /// Parent flow's correlation id.
    pub parent_correlation_id: String,
    /// Who asks.
    pub initiator: String,
    /// Where the request comes from.
    pub source_system: String,
    /// Why.
    pub reason: String,
    /// Scheduling priority.
    pub priority: i64,
    /// Labels.
    pub tags: Vec<String>,
    /// Idempotency key; empty uses the hash of template and context.
    pub idempotency_key: String,
    /// Subject of the creating credential.
    pub created_by: String,
    /// W3C `traceparent` of the creating request, handed to the workers
    /// that claim the task's steps.
    pub traceparent: Option<String>,
}

/// Filters and page of a task listing.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Only this namespace.
    pub namespace: Option<String>,
    /// Only namespaces the caller may see (the default reaches all): the
    /// listing is filtered, never refused.
    pub scope: tasker_core::NamespaceScope,
    /// Only this template name.
    pub name: Option<String>,
    /// Only these states (any of).
    pub states: Vec<TaskState>,
    /// Created at or after (µs).
    pub created_after: Option<i64>,
    /// Created before (µs).
    pub created_before: Option<i64>,
    /// Carrying all of these tags.
    pub tags: Vec<String>,
    /// Only this correlation id.
    pub correlation_id: Option<String>,
    /// Page size (already capped by the caller).
    pub limit: i64,
    /// Continue after this task (exclusive), newest first.
    pub after: Option<String>,
}

/// An error reported for a step attempt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepErrorRecord {
    /// Message.
    pub message: String,
    /// Machine-readable class.
    pub error_class: String,
    /// Whether the handler deemed it retryable.
    pub retryable: bool,
    /// Structured details.
    #[serde(default)]
    pub details: Option<Map<String, Value>>,
}

/// A step as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRecord {
    /// Identifier.
    pub step_uuid: String,
    /// Owning task.
    pub task_uuid: String,
    /// Position in the template.
    pub position: i64,
    /// Name in the template.
    pub name: String,
    /// Handler name.
    pub handler: String,
    /// Namespace of the task.
    pub namespace: String,
    /// Current state.
    pub state: StepState,
    /// Names of the steps it depends on.
    pub depends_on: Vec<String>,
    /// Attempts made (including one in flight).
    pub attempts: i64,
    /// Attempts allowed, counting the first.
    pub max_attempts: i64,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Attempt timeout (ms).
    pub timeout_ms: i64,
    /// Static handler configuration.
    pub handler_config: Map<String, Value>,
    /// Results, once reported.
    pub results: Option<Map<String, Value>>,
    /// Error of the last failed attempt.
    pub last_error: Option<StepErrorRecord>,
    /// When it becomes claimable again after a failure.
    pub next_retry_at: Option<i64>,
    /// Current claim.
    pub claim_uuid: Option<String>,
    /// Worker holding the claim.
    pub worker_uuid: Option<String>,
    /// Lease expiry.
    pub lease_expires_at: Option<i64>,
    /// Creation time.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// Start of the last attempt.
    pub last_attempted_at: Option<i64>,
    /// Completion time.
    pub completed_at: Option<i64>,
}

impl StepRecord {
    /// Whether another failure may be retried.
    pub fn retryable(&self) -> bool {
        self.retry.max_attempts > 1
    }
}

/// One immutable step transition.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTransitionRecord {
    /// Identifier.
    pub transition_uuid: String,
    /// The step.
    pub step_uuid: String,
    /// The task.
    pub task_uuid: String,
    /// Previous state (none for creation).
    pub from_state: Option<StepState>,
    /// New state.
    pub to_state: StepState,
    /// Event name.
    pub event: String,
    /// Who caused it.
    pub performed_by: String,
    /// Worker involved.
    pub worker_uuid: Option<String>,
    /// Attempt number.
    pub attempt: i64,
    /// Reported execution time (µs).
    pub execution_us: Option<i64>,
    /// Results recorded.
    pub results: Option<Map<String, Value>>,
    /// Error recorded.
    pub error: Option<StepErrorRecord>,
    /// Operator's reason.
    pub reason: String,
    /// Commit time.
    pub occurred_at: i64,
}

/// A step handed to a worker.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimedStepRecord {
    /// The claim id.
    pub claim_uuid: String,
    /// The step after claiming.
    pub step: StepRecord,
    /// Task template name.
    pub task_name: String,
    /// Task template version.
    pub task_version: String,
    /// Task context.
    pub task_context: Map<String, Value>,
    /// Results of the dependencies, by step name.
    pub dependency_results: Vec<(String, Map<String, Value>)>,
    /// W3C `traceparent` the task was created under.
    pub traceparent: Option<String>,
}

/// A registered worker.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerRecord {
    /// Identifier.
    pub worker_uuid: String,
    /// Name.
    pub name: String,
    /// Namespaces served.
    pub namespaces: Vec<String>,
    /// Handlers available.
    pub handlers: Vec<String>,
    /// Concurrency.
    pub max_concurrency: i64,
    /// Software version.
    pub version: String,
    /// Subject of the registering credential.
    pub registered_by: String,
    /// Registration time.
    pub registered_at: i64,
    /// Last contact.
    pub last_seen_at: i64,
}

/// Outcome of a heartbeat for one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseRecord {
    /// The claim.
    pub claim_uuid: String,
    /// New expiry when still held.
    pub expires_at: Option<i64>,
    /// Why not held.
    pub reason: String,
}

/// Outcome of a reported failure.
#[derive(Debug, Clone, PartialEq)]
pub struct FailOutcome {
    /// The step afterwards.
    pub step: StepRecord,
    /// Whether it will be retried.
    pub will_retry: bool,
}

/// A registered template version.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRecord {
    /// The template, defaults applied.
    pub template: tasker_core::template::Template,
    /// SHA-256 of its canonical form.
    pub content_hash: String,
    /// Registration time.
    pub created_at: i64,
}

/// A dead-letter entry.
#[derive(Debug, Clone, PartialEq)]
pub struct DlqRecord {
    /// Identifier.
    pub dlq_entry_uuid: String,
    /// The task.
    pub task_uuid: String,
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub name: String,
    /// Template version.
    pub version: String,
    /// Task state when opened.
    pub original_state: TaskState,
    /// Why (`max_retries_exceeded`, `staleness_timeout`, ...).
    pub reason: String,
    /// `pending`, `manually_resolved`, `permanently_failed`, `cancelled`.
    pub resolution_status: String,
    /// Operator's notes.
    pub resolution_notes: String,
    /// Who resolved it.
    pub resolved_by: String,
    /// Investigation metadata.
    pub metadata: Map<String, Value>,
    /// Task and steps when opened.
    pub task_snapshot: Map<String, Value>,
    /// The step that caused it.
    pub step_uuid: Option<String>,
    /// Task priority.
    pub priority: i64,
    /// Opening time.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// When it left `pending`.
    pub resolved_at: Option<i64>,
}

/// A manual action on a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Reset the attempts and make the step claimable.
    ResetForRetry,
    /// Mark resolved without results.
    ResolveManually,
    /// Mark complete with these results.
    CompleteManually(Map<String, Value>),
}

/// An API key as stored: never the key, only its public prefix and the
/// SHA-256 of the whole key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    /// Identifier (UUIDv7).
    pub api_key_uuid: String,
    /// Human-readable name.
    pub name: String,
    /// Public prefix (`tk_` and 8 hex digits); unique.
    pub prefix: String,
    /// SHA-256 of the whole key, 64 lowercase hex digits.
    pub key_hash: String,
    /// Permissions granted.
    pub permissions: Vec<String>,
    /// Namespaces the key is limited to; empty allows all.
    pub namespaces: Vec<String>,
    /// Subject of the credential that created the key.
    pub created_by: String,
    /// Creation time.
    pub created_at: i64,
    /// Expiry; `None` never expires.
    pub expires_at: Option<i64>,
    /// Revocation time; `None` while active.
    pub revoked_at: Option<i64>,
    /// Last use (written at most once a minute).
    pub last_used_at: Option<i64>,
}
