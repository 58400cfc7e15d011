//! Raw figures for analytics: the server aggregates them.

use sqlx::Row;
use sqlx::any::AnyRow;
use tasker_core::NamespaceScope;

use crate::scope::ScopeFilter;

use crate::{Store, StoreError};

/// Task counts and durations of a time window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WindowFigures {
    /// Tasks created in the window.
    pub created: i64,
    /// Tasks that completed (or were resolved manually) in the window.
    pub completed: i64,
    /// Tasks that ended in error in the window.
    pub failed: i64,
    /// Tasks cancelled in the window.
    pub cancelled: i64,
    /// Tasks not in a final state now.
    pub active: i64,
    /// Steps completed in the window.
    pub steps_completed: i64,
    /// Create-to-finish times (µs) of the tasks completed in the window.
    pub durations_us: Vec<i64>,
}

/// One reported attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRow {
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub task_name: String,
    /// Step name.
    pub step_name: String,
    /// Handler.
    pub handler: String,
    /// Reported execution time (µs), if any.
    pub execution_us: Option<i64>,
    /// Whether the attempt failed.
    pub failed: bool,
    /// Attempt number.
    pub attempt: i64,
}

/// A finished task's duration.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDurationRow {
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub name: String,
    /// Template version.
    pub version: String,
    /// Create-to-finish time (µs).
    pub duration_us: i64,
}

/// Work in the system now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Steps ready to be claimed.
    pub ready_steps: i64,
    /// Steps claimed and in progress.
    pub in_progress_steps: i64,
    /// Workers seen since the given time.
    pub active_workers: i64,
}

impl Store {
    /// The rows of `sql` for the window `[start, end)` (its `$1` and `$2`)
    /// in the namespaces of `scope`, whose condition on `column` stands for
    /// `{scope}` in `sql`.
    async fn window_rows(
        &self,
        sql: &str,
        column: &str,
        (start, end): (i64, i64),
        scope: &NamespaceScope,
    ) -> Result<Vec<AnyRow>, StoreError> {
        let scope = ScopeFilter::new(scope, column, 3);
        let query = sqlx::query(sqlx::AssertSqlSafe(sql.replace("{scope}", scope.sql())))
            .bind(start)
            .bind(end);
        Ok(scope.bind(query).fetch_all(self.read.get()).await?)
    }

    /// Counts and durations for `[start, end)` in the namespaces of `scope`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn window_figures(
        &self,
        start: i64,
        end: i64,
        scope: &NamespaceScope,
    ) -> Result<WindowFigures, StoreError> {
        let scope = ScopeFilter::new(scope, "namespace", 3);
        let counts = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT \
             COALESCE(SUM(CASE WHEN created_at >= $1 AND created_at < $2 THEN 1 ELSE 0 END), 0) AS created, \
             COALESCE(SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND state IN ('complete', 'resolved_manually') THEN 1 ELSE 0 END), 0) AS completed, \
             COALESCE(SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND state = 'error' THEN 1 ELSE 0 END), 0) AS failed, \
             COALESCE(SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND state = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancelled, \
             COALESCE(SUM(CASE WHEN completed_at IS NULL THEN 1 ELSE 0 END), 0) AS active \
             FROM tasks WHERE {}",
            scope.sql()
        )))
        .bind(start)
        .bind(end);
        let counts = scope.bind(counts).fetch_one(self.read.get()).await?;
        let steps_completed = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM steps WHERE state = 'complete' AND completed_at >= $1 AND completed_at < $2 AND {}",
            scope.sql()
        )))
        .bind(start)
        .bind(end);
        let steps_completed: i64 = scope
            .bind_scalar(steps_completed)
            .fetch_one(self.read.get())
            .await?;
        let durations_us = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT completed_at - created_at FROM tasks WHERE state IN ('complete', 'resolved_manually') \
             AND completed_at >= $1 AND completed_at < $2 AND {} LIMIT 200000",
            scope.sql()
        )))
        .bind(start)
        .bind(end);
        let durations_us: Vec<i64> = scope
            .bind_scalar(durations_us)
            .fetch_all(self.read.get())
            .await?;
        Ok(WindowFigures {
            created: counts.try_get("created")?,
            completed: counts.try_get("completed")?,
            failed: counts.try_get("failed")?,
            cancelled: counts.try_get("cancelled")?,
            active: counts.try_get("active")?,
            steps_completed,
            durations_us,
        })
    }

    /// Reported attempts in `[start, end)` in the namespaces of `scope`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn attempts(
        &self,
        start: i64,
        end: i64,
        scope: &NamespaceScope,
    ) -> Result<Vec<AttemptRow>, StoreError> {
        let rows = self
            .window_rows(
                "SELECT t.namespace, t.name AS task_name, s.name AS step_name, s.handler, st.execution_us, st.event, st.attempt \
                 FROM step_transitions st JOIN steps s ON s.step_uuid = st.step_uuid JOIN tasks t ON t.task_uuid = st.task_uuid \
                 WHERE st.event IN ('report_success', 'report_failure') AND st.occurred_at >= $1 AND st.occurred_at < $2 \
                 AND {scope} LIMIT 500000",
                "t.namespace",
                (start, end),
                scope,
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(AttemptRow {
                    namespace: row.try_get("namespace")?,
                    task_name: row.try_get("task_name")?,
                    step_name: row.try_get("step_name")?,
                    handler: row.try_get("handler")?,
                    execution_us: row.try_get("execution_us")?,
                    failed: row.try_get::<String, _>("event")? == "report_failure",
                    attempt: row.try_get("attempt")?,
                })
            })
            .collect()
    }

    /// Durations of tasks finished in `[start, end)` in the namespaces of
    /// `scope`, with their template.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn task_durations(
        &self,
        start: i64,
        end: i64,
        scope: &NamespaceScope,
    ) -> Result<Vec<TaskDurationRow>, StoreError> {
        let rows = self
            .window_rows(
                "SELECT namespace, name, version, completed_at - created_at AS duration FROM tasks \
                 WHERE state IN ('complete', 'resolved_manually') AND completed_at >= $1 AND completed_at < $2 \
                 AND {scope} LIMIT 200000",
                "namespace",
                (start, end),
                scope,
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(TaskDurationRow {
                    namespace: row.try_get("namespace")?,
                    name: row.try_get("name")?,
                    version: row.try_get("version")?,
                    duration_us: row.try_get("duration")?,
                })
            })
            .collect()
    }

    /// Steps ready to be claimed and not yet claimed.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn ready_steps(&self) -> Result<u64, StoreError> {
        let ready: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM steps WHERE state = 'enqueued'")
            .fetch_one(self.read.get())
            .await?;
        Ok(u64::try_from(ready).unwrap_or(0))
    }

    /// Ready and in-progress steps in the namespaces of `scope`, and workers
    /// seen since `seen_since` that serve one of them.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn backlog(
        &self,
        seen_since: i64,
        scope: &NamespaceScope,
    ) -> Result<Backlog, StoreError> {
        let filter = ScopeFilter::new(scope, "namespace", 1);
        let count = |state: &'static str| {
            let query = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM steps WHERE state = '{state}' AND {}",
                filter.sql()
            )));
            filter.bind_scalar(query).fetch_one(self.read.get())
        };
        let ready: i64 = count("enqueued").await?;
        let in_progress: i64 = count("in_progress").await?;
        let workers = if scope.is_all() {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM workers WHERE deregistered_at IS NULL AND last_seen_at >= $1",
            )
            .bind(seen_since)
            .fetch_one(self.read.get())
            .await?
        } else {
            // A worker's namespaces are a JSON list: matched here, not in SQL.
            let lists: Vec<String> = sqlx::query_scalar(
                "SELECT namespaces FROM workers WHERE deregistered_at IS NULL AND last_seen_at >= $1",
            )
            .bind(seen_since)
            .fetch_all(self.read.get())
            .await?;
            let mut serving = 0;
            for list in lists {
                let namespaces: Vec<String> = serde_json::from_str(&list)?;
                if namespaces.iter().any(|n| scope.contains(n)) {
                    serving += 1;
                }
            }
            serving
        };
        Ok(Backlog {
            ready_steps: ready,
            in_progress_steps: in_progress,
            active_workers: workers,
        })
    }
}
