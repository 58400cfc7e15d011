//! `TaskService.StreamTaskStatus`: a task's transitions, pushed as they commit.
//!
//! Each commit that touches a task wakes that task's watchers only (a
//! per-task subscription; on PostgreSQL, LISTEN/NOTIFY from every server on
//! the database). A woken watcher reads the task's history in one consistent
//! snapshot and sends every transition it has not sent yet, in order — one
//! message per task or step transition, none skipped, none repeated — and
//! ends with the task's transition to a terminal state (sent after the step
//! transitions committed with it).

use std::collections::HashSet;
use std::pin::Pin;
use std::sync::Arc;

use tasker_core::TaskState;
use tasker_proto::v1::{StepStateChange, StreamTaskStatusResponse};
use tasker_store::{Change, HistoryEntry, TaskRecord};
use tokio::sync::mpsc;
use tokio_stream::Stream;
use tonic::Status;

use crate::auth::WatchSlot;
use crate::convert::{step_state_to_proto, task_state_to_proto, to_proto};
use crate::{AppState, ServerError};

/// The stream a watch answers with.
pub(crate) type StatusStream =
    Pin<Box<dyn Stream<Item = Result<StreamTaskStatusResponse, Status>> + Send>>;

/// Transitions are re-read from this far behind the newest one sent, so one
/// that committed late (its transaction began earlier) is still found.
const LATE_COMMIT_WINDOW_US: i64 = 60_000_000;

/// Starts watching `task_uuid`: the first message is the task now. `slot`
/// (the credential's share of its watch cap) is held until the stream ends.
///
/// # Errors
/// [`ServerError::NotFound`] when the task does not exist.
pub(crate) async fn watch(
    state: Arc<AppState>,
    task_uuid: String,
    slot: WatchSlot,
) -> Result<StatusStream, ServerError> {
    // Subscribe before reading, so no change between the two is missed.
    let mut changes = state.store.subscribe_task(&task_uuid);
    let (task, history) = state
        .store
        .task_history(&task_uuid, 0)
        .await?
        .ok_or_else(|| ServerError::NotFound(format!("task {task_uuid}")))?;
    let (tx, rx) = mpsc::channel(64);
    tokio::spawn(async move {
        let _slot = slot;
        let mut watcher = Watcher {
            state,
            task_uuid,
            sent: history.iter().map(|e| e.transition_uuid.clone()).collect(),
            newest: history.last().map_or(0, |e| e.occurred_at),
            task_state: task.state,
        };
        let first = watcher.message(&task, None, task.state.is_terminal());
        if tx.send(Ok(first)).await.is_err() || task.state.is_terminal() {
            return;
        }
        loop {
            tokio::select! {
                () = changes.changed() => {}
                () = tx.closed() => return,
                () = watcher.state.draining() => {
                    let _ = tx.send(Err(ServerError::Draining(
                        "server shutting down; reconnect to resume watching",
                    ).into())).await;
                    return;
                }
            };
            match watcher.catch_up().await {
                Ok(messages) => {
                    for message in messages {
                        let last = message.terminal;
                        if tx.send(Ok(message)).await.is_err() || last {
                            return;
                        }
                    }
                }
                Err(error) => {
                    let _ = tx.send(Err(error.into())).await;
                    return;
                }
            }
        }
    });
    Ok(Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx)))
}

struct Watcher {
    state: Arc<AppState>,
    task_uuid: String,
    /// Transitions already sent (or reflected in the first message).
    sent: HashSet<String>,
    /// `occurred_at` of the newest transition sent.
    newest: i64,
    /// The task's state as of the last message.
    task_state: TaskState,
}

impl Watcher {
    /// Messages for the transitions committed since the last read.
    async fn catch_up(&mut self) -> Result<Vec<StreamTaskStatusResponse>, ServerError> {
        let since = self.newest.saturating_sub(LATE_COMMIT_WINDOW_US);
        let Some((task, history)) = self
            .state
            .store
            .task_history(&self.task_uuid, since)
            .await?
        else {
            return Err(ServerError::NotFound(format!("task {}", self.task_uuid)));
        };
        let mut fresh: Vec<HistoryEntry> = history
            .into_iter()
            .filter(|e| !self.sent.contains(&e.transition_uuid))
            .collect();
        // The task's final transition closes the stream, so it goes after the
        // step transitions committed with it (cancelled steps, say).
        if let Some(at) = fresh
            .iter()
            .position(|e| matches!(e.change, Change::Task { to, .. } if to.is_terminal()))
        {
            let last = fresh.remove(at);
            fresh.push(last);
        }
        let count = fresh.len();
        let mut messages = Vec::with_capacity(count.max(1));
        for (index, entry) in fresh.into_iter().enumerate() {
            let terminal = index + 1 == count && task.state.is_terminal();
            messages.push(self.message(&task, Some(&entry), terminal));
            self.newest = self.newest.max(entry.occurred_at);
            self.sent.insert(entry.transition_uuid);
        }
        if count == 0 && task.state.is_terminal() && task.state != self.task_state {
            // The final transition fell outside the window: close anyway.
            messages.push(self.message(&task, None, true));
        }
        Ok(messages)
    }

    /// A message for `entry` (or, without one, for the task as it is).
    fn message(
        &mut self,
        task: &TaskRecord,
        entry: Option<&HistoryEntry>,
        terminal: bool,
    ) -> StreamTaskStatusResponse {
        let mut previous_state = 0;
        let mut step_change = None;
        let mut occurred_at = task.updated_at;
        match entry.map(|e| (&e.change, e.occurred_at)) {
            Some((Change::Task { from, to }, at)) => {
                previous_state = from.map_or(0, |s| task_state_to_proto(s).into());
                self.task_state = *to;
                occurred_at = at;
            }
            Some((
                Change::Step {
                    step_uuid,
                    step_name,
                    from,
                    to,
                },
                at,
            )) => {
                step_change = Some(StepStateChange {
                    step_uuid: step_uuid.clone(),
                    step_name: step_name.clone(),
                    from_state: from.map_or(0, |s| step_state_to_proto(s).into()),
                    to_state: step_state_to_proto(*to).into(),
                });
                occurred_at = at;
            }
            None => self.task_state = task.state,
        }
        let mut snapshot = to_proto::task(task, &self.state.staleness);
        // The task as of this transition (later fields are the latest read).
        snapshot.state = task_state_to_proto(if terminal {
            task.state
        } else {
            self.task_state
        })
        .into();
        StreamTaskStatusResponse {
            task: Some(snapshot),
            previous_state,
            step_change,
            occurred_at: Some(to_proto::timestamp(occurred_at)),
            terminal,
        }
    }
}
