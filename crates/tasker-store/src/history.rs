//! A task's history as watchers see it: the task and every transition of it
//! and its steps, read in one consistent snapshot.

use sqlx::Row;
use tasker_core::{StepCounts, StepState, TaskState};

use crate::engine::{TASK_COLUMNS, task_from_row};
use crate::model::TaskRecord;
use crate::{Backend, Store, StoreError};

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
        let mut tx = self.read.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(self.read.sql().on(&mut *tx))
                .await?;
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE task_uuid = $1"
        )))
        .bind(task_uuid)
        .fetch_optional(self.read.sql().on(&mut *tx))
        .await?;
        let Some(row) = row else {
            self.read.sql().control();
            tx.rollback().await?;
            return Ok(None);
        };
        let mut counts = StepCounts::default();
        for step in sqlx::query("SELECT state FROM steps WHERE task_uuid = $1")
            .bind(task_uuid)
            .fetch_all(self.read.sql().on(&mut *tx))
            .await?
        {
            counts.add(step.try_get::<String, _>("state")?.parse()?);
        }
        let task = task_from_row(&row, counts)?;
        let mut entries = Vec::new();
        for row in sqlx::query(
            "SELECT transition_uuid, from_state, to_state, occurred_at FROM task_transitions \
             WHERE task_uuid = $1 AND occurred_at >= $2",
        )
        .bind(task_uuid)
        .bind(since_us)
        .fetch_all(self.read.sql().on(&mut *tx))
        .await?
        {
            let from: Option<String> = row.try_get("from_state")?;
            entries.push(HistoryEntry {
                transition_uuid: row.try_get("transition_uuid")?,
                occurred_at: row.try_get("occurred_at")?,
                change: Change::Task {
                    from: from.map(|s| s.parse()).transpose()?,
                    to: row.try_get::<String, _>("to_state")?.parse()?,
                },
            });
        }
        for row in sqlx::query(
            "SELECT t.transition_uuid, t.step_uuid, s.name, t.from_state, t.to_state, t.occurred_at \
             FROM step_transitions t JOIN steps s ON s.step_uuid = t.step_uuid \
             WHERE t.task_uuid = $1 AND t.occurred_at >= $2",
        )
        .bind(task_uuid)
        .bind(since_us)
        .fetch_all(self.read.sql().on(&mut *tx))
        .await?
        {
            let from: Option<String> = row.try_get("from_state")?;
            entries.push(HistoryEntry {
                transition_uuid: row.try_get("transition_uuid")?,
                occurred_at: row.try_get("occurred_at")?,
                change: Change::Step {
                    step_uuid: row.try_get("step_uuid")?,
                    step_name: row.try_get("name")?,
                    from: from.map(|s| s.parse()).transpose()?,
                    to: row.try_get::<String, _>("to_state")?.parse()?,
                },
            });
        }
        self.read.sql().control();
        tx.commit().await?;
        entries.sort_by(|a, b| {
            (a.occurred_at, &a.transition_uuid).cmp(&(b.occurred_at, &b.transition_uuid))
        });
        Ok(Some((task, entries)))
    }
}
