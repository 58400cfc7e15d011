//! A task's history as watchers see it: the task and every transition of it
//! and its steps, read in one consistent snapshot.

use sqlx::Row;
use tasker_core::{StepCounts, StepState, TaskState};

use crate::engine::{TASK_COLUMNS, task_from_row};
use crate::model::TaskRecord;
use crate::{Store, StoreError};

/// What one transition changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The task moved.
    Task {
        /// State before (none at creation).
        from: Option<TaskState>,
        /// State after.
        to: TaskState,
    },
    /// One of its steps moved.
    Step {
        /// The step.
        step_uuid: String,
        /// The step's name in the template.
        step_name: String,
        /// State before (none at creation).
        from: Option<StepState>,
        /// State after.
        to: StepState,
    },
}

/// One transition of a task or of one of its steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The transition row (UUIDv7: time-ordered).
    pub transition_uuid: String,
    /// When it was committed, µs since the epoch.
    pub occurred_at: i64,
    /// What changed.
    pub change: Change,
}

impl Store {
    /// The task and the transitions of it and its steps that occurred at or
    /// after `since_us`, in order (time, then transition uuid), all from one
    /// snapshot of the database; `None` when the task does not exist.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn task_history(
        &self,
        task_uuid: &str,
        since_us: i64,
    ) -> Result<Option<(TaskRecord, Vec<HistoryEntry>)>, StoreError> {
        // One statement, so one snapshot on both backends with no
        // transaction around it: kind 0 rows are the task with one row per
        // state its steps are in (as `get_task` reads it), kind 1 its
        // transitions, kind 2 its steps' transitions.
        let rows = sqlx::query(sqlx::AssertSqlSafe(history_sql()))
            .bind(task_uuid)
            .bind(since_us)
            .fetch_all(self.read.get())
            .await?;
        let mut counts = StepCounts::default();
        let mut task_row = None;
        let mut entries = Vec::new();
        for row in &rows {
            let kind: i64 = row.try_get("kind")?;
            if kind == 0 {
                task_row.get_or_insert(row);
                crate::engine::count_steps_row(&mut counts, row)?;
                continue;
            }
            let from: Option<String> = row.try_get("t_from")?;
            let to: Option<String> = row.try_get("t_to")?;
            let to = to.unwrap_or_default();
            let change = if kind == 1 {
                Change::Task {
                    from: from.map(|s| s.parse()).transpose()?,
                    to: to.parse()?,
                }
            } else {
                Change::Step {
                    step_uuid: row
                        .try_get::<Option<String>, _>("t_step")?
                        .unwrap_or_default(),
                    step_name: row
                        .try_get::<Option<String>, _>("t_name")?
                        .unwrap_or_default(),
                    from: from.map(|s| s.parse()).transpose()?,
                    to: to.parse()?,
                }
            };
            entries.push(HistoryEntry {
                transition_uuid: row
                    .try_get::<Option<String>, _>("t_uuid")?
                    .unwrap_or_default(),
                occurred_at: row.try_get::<Option<i64>, _>("t_at")?.unwrap_or_default(),
                change,
            });
        }
        let Some(task_row) = task_row else {
            return Ok(None);
        };
        let task = task_from_row(task_row, counts)?;
        entries.sort_by(|a, b| {
            (a.occurred_at, &a.transition_uuid).cmp(&(b.occurred_at, &b.transition_uuid))
        });
        Ok(Some((task, entries)))
    }
}

/// The statement behind [`Store::task_history`] (`$1` the task, `$2` the
/// earliest transition time), built once.
fn history_sql() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let no_task = vec!["NULL"; TASK_COLUMNS.split(',').count()].join(", ");
        format!(
            "SELECT CAST(0 AS BIGINT) AS kind, {TASK_COLUMNS}, counts.step_state, counts.steps, \
             CAST(NULL AS TEXT) AS t_uuid, CAST(NULL AS TEXT) AS t_step, CAST(NULL AS TEXT) AS t_name, \
             CAST(NULL AS TEXT) AS t_from, CAST(NULL AS TEXT) AS t_to, CAST(NULL AS BIGINT) AS t_at FROM tasks \
             LEFT JOIN (SELECT state AS step_state, COUNT(*) AS steps FROM steps WHERE task_uuid = $1 GROUP BY state) counts \
             ON 1 = 1 WHERE task_uuid = $1 \
             UNION ALL SELECT CAST(1 AS BIGINT), {no_task}, NULL, NULL, transition_uuid, NULL, NULL, from_state, to_state, occurred_at \
             FROM task_transitions WHERE task_uuid = $1 AND occurred_at >= $2 \
             UNION ALL SELECT CAST(2 AS BIGINT), {no_task}, NULL, NULL, t.transition_uuid, t.step_uuid, s.name, t.from_state, t.to_state, t.occurred_at \
             FROM step_transitions t JOIN steps s ON s.step_uuid = t.step_uuid \
             WHERE t.task_uuid = $1 AND t.occurred_at >= $2"
        )
    });
    &SQL
}
