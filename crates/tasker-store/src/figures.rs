//! Figures for operators' metrics, read from the transition log and the
//! step table: what happened in a time window (tasks finished, step events,
//! how long claimed steps had waited) and the ready backlog per namespace.
//!
//! Transition ids are UUIDv7, so a window of time is a range of the primary
//! key: reading the transitions of the last few seconds touches only those
//! rows, however long the log is.

use sqlx::Row;

use crate::{Store, StoreError};

/// Tasks of one template that reached one final state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedTasks {
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub name: String,
    /// The final state reached (`complete`, `error`, `cancelled`,
    /// `resolved_manually`).
    pub state: String,
    /// How many.
    pub count: i64,
}

/// What the transition log recorded in a window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitionFigures {
    /// Tasks that reached a final state, by template and state.
    pub tasks_finished: Vec<FinishedTasks>,
    /// Step transitions by event name (`complete`, `fail`,
    /// `wait_for_retry`, `lease_expired`, …).
    pub step_events: Vec<(String, i64)>,
    /// For each claim, how long (µs) its step had been ready (enqueued)
    /// before it was claimed.
    pub claim_waits_us: Vec<i64>,
}

/// The smallest UUIDv7 text of millisecond `ms`: every UUIDv7 made earlier
/// sorts before it, every one made at or after it does not.
fn uuid_v7_floor(ms: i64) -> String {
    let ms = u64::try_from(ms).unwrap_or(0) & 0xffff_ffff_ffff;
    format!(
        "{:08x}-{:04x}-0000-0000-000000000000",
        ms >> 16,
        ms & 0xffff
    )
}

impl Store {
    /// The transitions whose ids were made in `[from_ms, to_ms)`
    /// (milliseconds since the Unix epoch), counted.
    ///
    /// A transition is read by the time its id was made, just before its
    /// transaction commits: a caller reading windows that end a little in
    /// the past (a few seconds) sees every commit once.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn transition_figures(
        &self,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<TransitionFigures, StoreError> {
        let (from, to) = (uuid_v7_floor(from_ms), uuid_v7_floor(to_ms));
        let finished = sqlx::query(
            "SELECT t.namespace, t.name, tt.to_state, COUNT(*) AS n \
             FROM task_transitions tt JOIN tasks t ON t.task_uuid = tt.task_uuid \
             WHERE tt.transition_uuid >= $1 AND tt.transition_uuid < $2 \
             AND tt.to_state IN ('complete', 'error', 'cancelled', 'resolved_manually') \
             GROUP BY t.namespace, t.name, tt.to_state",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(self.read.get())
        .await?;
        let tasks_finished = finished
            .iter()
            .map(|row| {
                Ok(FinishedTasks {
                    namespace: row.try_get("namespace")?,
                    name: row.try_get("name")?,
                    state: row.try_get("to_state")?,
                    count: row.try_get("n")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let events = sqlx::query(
            "SELECT event, COUNT(*) AS n FROM step_transitions \
             WHERE transition_uuid >= $1 AND transition_uuid < $2 GROUP BY event",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(self.read.get())
        .await?;
        let step_events = events
            .iter()
            .map(|row| Ok((row.try_get("event")?, row.try_get("n")?)))
            .collect::<Result<_, StoreError>>()?;
        let claim_waits_us = sqlx::query_scalar(
            "SELECT c.occurred_at - (SELECT MAX(e.occurred_at) FROM step_transitions e \
               WHERE e.step_uuid = c.step_uuid AND e.to_state = 'enqueued' \
               AND e.transition_uuid < c.transition_uuid) AS waited \
             FROM step_transitions c \
             WHERE c.transition_uuid >= $1 AND c.transition_uuid < $2 AND c.event = 'claim'",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(self.read.get())
        .await?;
        let claim_waits_us: Vec<Option<i64>> = claim_waits_us;
        Ok(TransitionFigures {
            tasks_finished,
            step_events,
            claim_waits_us: claim_waits_us
                .into_iter()
                .flatten()
                .map(|waited| waited.max(0))
                .collect(),
        })
    }

    /// Steps ready to be claimed now, in every namespace that has a
    /// template (0 where none are).
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn ready_steps_by_namespace(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT t.namespace, (SELECT COUNT(*) FROM steps s \
               WHERE s.state = 'enqueued' AND s.namespace = t.namespace) AS n \
             FROM (SELECT DISTINCT namespace FROM templates) t",
        )
        .fetch_all(self.read.get())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("namespace")?, row.try_get("n")?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_sorts_between_milliseconds() {
        let ms = 1_764_590_000_123;
        let floor = uuid_v7_floor(ms);
        let at = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            1_764_590_000,
            123_000_000,
        ))
        .to_string();
        let before = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            1_764_590_000,
            122_999_999,
        ))
        .to_string();
        assert!(before < floor, "{before} {floor}");
        assert!(floor <= at, "{floor} {at}");
        assert!(at < uuid_v7_floor(ms + 1));
        assert_eq!(floor.len(), 36);
    }
}
