//! Per-task change subscriptions: a commit wakes only the watchers of the
//! tasks it touched, not every watcher of the process.
//!
//! Each watched task has one `watch` channel carrying a change counter; a
//! watcher holds a receiver, so a change that lands between its read and
//! its wait is never missed (the counter moved), and any number of changes
//! while it reads collapse into one wake-up. The channel is dropped with
//! its last subscriber.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::watch;

/// Every task watched in this process, with its change counter.
#[derive(Debug, Default)]
pub(crate) struct TaskChanges {
    tasks: Mutex<HashMap<String, watch::Sender<u64>>>,
}

impl TaskChanges {
    fn tasks(&self) -> std::sync::MutexGuard<'_, HashMap<String, watch::Sender<u64>>> {
        self.tasks.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts watching `task_uuid`.
    pub(crate) fn subscribe(self: &Arc<Self>, task_uuid: &str) -> TaskSubscription {
        let changes = self
            .tasks()
            .entry(task_uuid.to_owned())
            .or_insert_with(|| watch::channel(0).0)
            .subscribe();
        TaskSubscription {
            changes,
            task_uuid: task_uuid.to_owned(),
            registry: Arc::clone(self),
        }
    }

    /// Wakes the watchers of `task_uuid`, if any.
    pub(crate) fn announce(&self, task_uuid: &str) {
        if let Some(sender) = self.tasks().get(task_uuid) {
            sender.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Wakes every watcher (changes may have been missed: a lost
    /// PostgreSQL LISTEN connection).
    pub(crate) fn announce_all(&self) {
        for sender in self.tasks().values() {
            sender.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Number of tasks watched now.
    #[cfg(test)]
    fn watched(&self) -> usize {
        self.tasks().len()
    }
}

/// A subscription to one task's changes; see [`TaskChanges`].
#[derive(Debug)]
pub struct TaskSubscription {
    changes: watch::Receiver<u64>,
    task_uuid: String,
    registry: Arc<TaskChanges>,
}

impl TaskSubscription {
    /// Waits for the next change of the task since the last call (or since
    /// the subscription, for the first). Cancellation-safe.
    pub async fn changed(&mut self) {
        // The sender lives while this receiver does (removed only with the
        // last subscriber), so this cannot fail; if it did, never wake.
        if self.changes.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for TaskSubscription {
    fn drop(&mut self) {
        let mut tasks = self.registry.tasks();
        // Ours is still counted: the last subscriber sees 1.
        if tasks
            .get(&self.task_uuid)
            .is_some_and(|sender| sender.receiver_count() <= 1)
        {
            tasks.remove(&self.task_uuid);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn only_the_tasks_watchers_wake_and_nothing_is_missed() {
        let registry = Arc::new(TaskChanges::default());
        let mut a = registry.subscribe("a");
        let mut b = registry.subscribe("b");
        // A change before the wait is kept.
        registry.announce("a");
        tokio::time::timeout(Duration::from_secs(1), a.changed())
            .await
            .unwrap();
        // b was not woken by a's change.
        assert!(
            tokio::time::timeout(Duration::from_millis(20), b.changed())
                .await
                .is_err()
        );
        registry.announce_all();
        tokio::time::timeout(Duration::from_secs(1), b.changed())
            .await
            .unwrap();
        // Announcing an unwatched task is a no-op.
        registry.announce("nobody");
        assert_eq!(registry.watched(), 2);
    }

    #[tokio::test]
    async fn the_last_subscriber_removes_the_channel() {
        let registry = Arc::new(TaskChanges::default());
        let first = registry.subscribe("t");
        let second = registry.subscribe("t");
        assert_eq!(registry.watched(), 1);
        drop(first);
        assert_eq!(registry.watched(), 1);
        drop(second);
        assert_eq!(registry.watched(), 0);
    }
}
