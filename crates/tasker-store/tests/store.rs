//! The storage suite, run on SQLite and on PostgreSQL (each test in its own
//! database, dropped afterwards).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use serde_json::{Map, json};
use tasker_core::template::Template;
use tasker_core::{NamespaceScope, StepState, TaskState};
use tasker_store::{
    ConnectOptions, NewTask, Resolution, StepErrorRecord, Store, StoreError, TaskFilter,
    WorkerRecord,
};

struct Db {
    store: Store,
    drop_pg: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some(name) = self.drop_pg.take() {
            let admin = admin_url();
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&pool)
                        .await;
                    }
                });
            })
            .join()
            .unwrap();
        }
    }
}

fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

async fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    Db {
        store: Store::connect(&url, &ConnectOptions::default())
            .await
            .unwrap(),
        drop_pg: None,
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database, or `None` (after a loud warning) when no
/// server is reachable and `TASKER_REQUIRE_POSTGRES` is not set.
async fn postgres() -> Option<Db> {
    let admin = admin_url();
    let name = format!("tasker_store_{}", uuid::Uuid::now_v7().simple());
    // A single connection attempt fails fast; a pool would retry for its acquire timeout.
    let probe = {
        use sqlx::Connection as _;
        sqlx::PgConnection::connect(&admin).await
    };
    let pool = match probe.map(|_| ()) {
        Ok(()) => sqlx::PgPool::connect(&admin).await.unwrap(),
        Err(error) if std::env::var_os("TASKER_REQUIRE_POSTGRES").is_some() => {
            panic!(
                "PostgreSQL is required (TASKER_REQUIRE_POSTGRES) but unreachable at {admin}: {error}"
            )
        }
        Err(error) => {
            // The stderr handle, not `eprintln!`: the harness hides captured
            // output of passing tests.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPING the PostgreSQL half of the storage suite: {admin} is unreachable ({error}).\n"
            );
            return None;
        }
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap().to_owned();
    let store = Store::connect(&format!("{base}/{name}"), &ConnectOptions::default())
        .await
        .unwrap();
    Some(Db {
        store,
        drop_pg: Some(name),
        _dir: None,
    })
}

const DIAMOND: &str = r#"
namespace: test
name: diamond
version: 1.0.0
steps:
  - name: a
    handler: noop
  - name: b
    handler: noop
    depends_on: [a]
  - name: c
    handler: flaky
    depends_on: [a]
    retry:
      max_attempts: 2
      initial_backoff: 1ms
      max_backoff: 1ms
  - name: d
    handler: noop
    depends_on: [b, c]
"#;

async fn setup(store: &Store) -> tasker_store::TemplateRecord {
    let template = Template::load(DIAMOND).unwrap();
    let (record, created) = store.register_template(&template).await.unwrap();
    assert!(created);
    let (_, again) = store.register_template(&template).await.unwrap();
    assert!(!again, "identical content is a no-op");
    record
}

fn new_task(key: &str) -> NewTask {
    let mut context = Map::new();
    context.insert("n".into(), json!(1));
    NewTask {
        namespace: "test".into(),
        name: "diamond".into(),
        context,
        idempotency_key: key.into(),
        created_by: "tester".into(),
        tags: vec!["t1".into()],
        ..NewTask::default()
    }
}

async fn worker(store: &Store) -> String {
    let uuid = tasker_core::new_uuid().to_string();
    store
        .register_worker(&WorkerRecord {
            worker_uuid: uuid.clone(),
            name: "w".into(),
            namespaces: vec!["test".into()],
            handlers: vec!["noop".into(), "flaky".into()],
            max_concurrency: 4,
            version: "1".into(),
            registered_by: "tester".into(),
            registered_at: tasker_store::now_us(),
            last_seen_at: tasker_store::now_us(),
        })
        .await
        .unwrap();
    uuid
}

async fn diamond_completes_with_a_retry(store: &Store) {
    let template = setup(store).await;
    let task = store.create_task(&new_task("k1"), &template).await.unwrap();
    assert_eq!(task.state, TaskState::StepsInProcess);
    assert_eq!(task.step_counts.total, 4);
    assert_eq!(task.step_counts.enqueued, 1);
    let duplicate = store
        .create_task(&new_task("k1"), &template)
        .await
        .unwrap_err();
    assert!(
        matches!(&duplicate, StoreError::DuplicateTask { existing } if *existing == task.task_uuid),
        "{duplicate}"
    );

    let w = worker(store).await;
    let handlers = ["noop".to_owned(), "flaky".to_owned()];
    let lease = Duration::from_secs(30);
    let ns = ["test".to_owned()];
    let before = store.write_stats();
    let claimed = store
        .claim_steps(&w, &ns, &handlers, 10, lease)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].step.name, "a");
    assert_eq!(claimed[0].step.attempts, 1);
    let claim = store.write_stats();
    assert_eq!(claim.commits, before.commits + 1, "{before:?} → {claim:?}");
    assert_eq!(
        claim.synced_commits, before.synced_commits,
        "a claim can be redone: it does not wait for the disk"
    );
    let mut results = Map::new();
    results.insert("value".into(), json!(2));
    store
        .complete_step(&w, &claimed[0].claim_uuid, &results, None)
        .await
        .unwrap();
    let completion = store.write_stats();
    assert_eq!(
        completion.synced_commits,
        claim.synced_commits + 1,
        "a result is acknowledged only once on disk"
    );
    // A second report of the same attempt is refused.
    let again = store
        .complete_step(&w, &claimed[0].claim_uuid, &results, None)
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::StateConflict(_)), "{again}");

    let claimed = store
        .claim_steps(&w, &ns, &handlers, 10, lease)
        .await
        .unwrap();
    let names: Vec<_> = claimed.iter().map(|c| c.step.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let c = claimed.iter().find(|c| c.step.name == "c").unwrap();
    assert_eq!(
        c.dependency_results,
        vec![("a".to_owned(), results.clone())]
    );
    let b = claimed.iter().find(|c| c.step.name == "b").unwrap();
    store
        .complete_step(&w, &b.claim_uuid, &Map::new(), None)
        .await
        .unwrap();
    let error = StepErrorRecord {
        message: "boom".into(),
        error_class: "Flaky".into(),
        retryable: true,
        details: None,
    };
    let failed = store
        .fail_step(&w, &c.claim_uuid, &error, None, None)
        .await
        .unwrap();
    assert!(failed.will_retry);
    assert_eq!(failed.step.state, StepState::WaitingForRetry);
    let task_now = store.get_task(&task.task_uuid).await.unwrap().unwrap();
    assert_eq!(task_now.state, TaskState::WaitingForRetry);

    tokio::time::sleep(Duration::from_millis(5)).await;
    assert_eq!(store.run_timers(100).await.unwrap(), 1);
    let claimed = store
        .claim_steps(&w, &ns, &handlers, 10, lease)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].step.attempts, 2);
    store
        .complete_step(&w, &claimed[0].claim_uuid, &Map::new(), None)
        .await
        .unwrap();
    let claimed = store
        .claim_steps(&w, &ns, &handlers, 10, lease)
        .await
        .unwrap();
    assert_eq!(claimed[0].step.name, "d");
    store
        .complete_step(&w, &claimed[0].claim_uuid, &Map::new(), None)
        .await
        .unwrap();
    let done = store.get_task(&task.task_uuid).await.unwrap().unwrap();
    assert_eq!(done.state, TaskState::Complete);
    assert!(done.completed_at.is_some());
    assert_eq!(done.step_counts.complete, 4);

    let audit = store
        .step_audit(&c.step.step_uuid, None, 100)
        .await
        .unwrap();
    let path: Vec<_> = audit.iter().map(|t| t.to_state.as_str()).collect();
    assert_eq!(
        path,
        [
            "pending",
            "enqueued",
            "in_progress",
            "enqueued_as_error_for_orchestration",
            "waiting_for_retry",
            "enqueued",
            "in_progress",
            "enqueued_for_orchestration",
            "complete"
        ]
    );
}

async fn exhausted_retries_block_and_open_a_dlq_entry_then_manual_resolution_completes(
    store: &Store,
) {
    let template = setup(store).await;
    let task = store.create_task(&new_task("k2"), &template).await.unwrap();
    let w = worker(store).await;
    let ns = ["test".to_owned()];
    let handlers = ["noop".to_owned(), "flaky".to_owned()];
    let lease = Duration::from_secs(30);
    let a = store
        .claim_steps(&w, &ns, &handlers, 1, lease)
        .await
        .unwrap()
        .remove(0);
    store
        .complete_step(&w, &a.claim_uuid, &Map::new(), None)
        .await
        .unwrap();
    let error = StepErrorRecord {
        message: "no".into(),
        error_class: "Perm".into(),
        retryable: false,
        details: None,
    };
    for claimed in store
        .claim_steps(&w, &ns, &handlers, 10, lease)
        .await
        .unwrap()
    {
        if claimed.step.name == "c" {
            let out = store
                .fail_step(&w, &claimed.claim_uuid, &error, None, None)
                .await
                .unwrap();
            assert!(!out.will_retry);
        } else {
            store
                .complete_step(&w, &claimed.claim_uuid, &Map::new(), None)
                .await
                .unwrap();
        }
    }
    let blocked = store.get_task(&task.task_uuid).await.unwrap().unwrap();
    assert_eq!(blocked.state, TaskState::BlockedByFailures);
    let entry = store
        .dlq_entry_for_task(&task.task_uuid)
        .await
        .unwrap()
        .expect("dlq entry");
    assert_eq!(entry.reason, "max_retries_exceeded");
    assert_eq!(entry.resolution_status, "pending");
    dead_letters_are_read_within_a_scope(store, &entry).await;
    // Statistics read on both backends (PostgreSQL sums bigints as NUMERIC).
    let stats = store.dlq_stats(0, &NamespaceScope::All).await.unwrap();
    let stat = stats
        .iter()
        .find(|s| s.reason == "max_retries_exceeded")
        .expect("statistics of the reason");
    assert_eq!((stat.total, stat.pending), (1, 1));

    let c = store
        .list_steps(&task.task_uuid)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "c")
        .unwrap();
    let mut results = Map::new();
    results.insert("fixed".into(), json!(true));
    let resolved = store
        .resolve_step(
            &task.task_uuid,
            &c.step_uuid,
            &Resolution::CompleteManually(results),
            "operator",
            "fixed by hand",
        )
        .await
        .unwrap();
    assert_eq!(resolved.state, StepState::Complete);
    // The dead-letter entry is settled with the step, naming who and how.
    let settled = store
        .dlq_entry_for_task(&task.task_uuid)
        .await
        .unwrap()
        .expect("dlq entry");
    assert_eq!(settled.dlq_entry_uuid, entry.dlq_entry_uuid);
    assert_eq!(settled.resolution_status, "manually_resolved");
    assert_eq!(settled.resolved_by, "operator");
    assert!(
        settled.resolution_notes.contains("completed manually")
            && settled.resolution_notes.contains("fixed by hand"),
        "{}",
        settled.resolution_notes
    );
    let d = store
        .claim_steps(&w, &ns, &handlers, 10, lease)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(d.step.name, "d");
    store
        .complete_step(&w, &d.claim_uuid, &Map::new(), None)
        .await
        .unwrap();
    assert_eq!(
        store
            .get_task(&task.task_uuid)
            .await
            .unwrap()
            .unwrap()
            .state,
        TaskState::Complete
    );
    let audit = store.step_audit(&c.step_uuid, None, 100).await.unwrap();
    let manual = audit
        .iter()
        .find(|t| t.performed_by == "operator")
        .expect("operator transition");
    assert_eq!(manual.reason, "fixed by hand");
}

async fn cancel_and_expired_leases(store: &Store) {
    let template = setup(store).await;
    let task = store.create_task(&new_task("k3"), &template).await.unwrap();
    let w = worker(store).await;
    let ns = ["test".to_owned()];
    let handlers = ["noop".to_owned()];
    let a = store
        .claim_steps(&w, &ns, &handlers, 1, Duration::from_millis(1))
        .await
        .unwrap()
        .remove(0);
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert_eq!(
        store.run_timers(100).await.unwrap(),
        1,
        "expired lease released"
    );
    let late = store
        .complete_step(&w, &a.claim_uuid, &Map::new(), None)
        .await
        .unwrap_err();
    assert!(matches!(late, StoreError::StateConflict(_)), "{late}");
    let again = store
        .claim_steps(&w, &ns, &handlers, 1, Duration::from_secs(30))
        .await
        .unwrap()
        .remove(0);
    assert_eq!(again.step.attempts, 2);
    let cancelled = store
        .cancel_task(&task.task_uuid, "tester", "no longer needed")
        .await
        .unwrap();
    assert_eq!(cancelled.state, TaskState::Cancelled);
    let leases = store
        .heartbeat(
            &w,
            std::slice::from_ref(&again.claim_uuid),
            Duration::from_secs(30),
        )
        .await
        .unwrap();
    assert_eq!(leases[0].reason, "task_cancelled");
    // The in-flight result is answered, recorded as cancelled (not
    // complete, its results not applied), and does not revive the task.
    let mut results = Map::new();
    results.insert("late".into(), json!(true));
    let late = store
        .complete_step(&w, &again.claim_uuid, &results, None)
        .await
        .unwrap();
    assert_eq!(late.state, StepState::Cancelled);
    assert_eq!(late.results, None);
    let audit = store.step_audit(&late.step_uuid, None, 100).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|t| t.to_state == StepState::Cancelled && t.reason.contains("task cancelled")),
        "{audit:?}"
    );
    assert_eq!(
        store
            .get_task(&task.task_uuid)
            .await
            .unwrap()
            .unwrap()
            .state,
        TaskState::Cancelled
    );
    let err = store
        .cancel_task(&task.task_uuid, "tester", "")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Core(_)), "{err}");
}

async fn listing_is_keyset_paginated_and_filtered(store: &Store) {
    let template = setup(store).await;
    let mut created = Vec::new();
    for i in 0..5 {
        created.push(
            store
                .create_task(&new_task(&format!("list-{i}")), &template)
                .await
                .unwrap()
                .task_uuid,
        );
    }
    let mut filter = TaskFilter {
        limit: 2,
        namespace: Some("test".into()),
        tags: vec!["t1".into()],
        ..TaskFilter::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = store.list_tasks(&filter).await.unwrap();
        if page.is_empty() {
            break;
        }
        filter.after = page.last().map(|t| t.task_uuid.clone());
        seen.extend(page.into_iter().map(|t| t.task_uuid));
    }
    created.reverse();
    assert_eq!(seen, created, "newest first, each once");
    let none = store
        .list_tasks(&TaskFilter {
            limit: 10,
            states: vec![TaskState::Complete],
            ..TaskFilter::default()
        })
        .await
        .unwrap();
    assert!(none.is_empty());
}

/// Many creations at once, half of them duplicates: every unique one is kept
/// whole, every duplicate fails alone and names a task that exists — also
/// when both land in the same SQLite commit group.
async fn concurrent_writes_commit_together_and_fail_alone(store: &Store) {
    let template = setup(store).await;
    let before = store.write_stats();
    let mut creations = tokio::task::JoinSet::new();
    for i in 0..200 {
        let (store, template) = (store.clone(), template.clone());
        creations.spawn(async move {
            store
                .create_task(&new_task(&format!("group-{}", i % 100)), &template)
                .await
        });
    }
    let (mut created, mut duplicates) = (Vec::new(), Vec::new());
    while let Some(outcome) = creations.join_next().await {
        match outcome.unwrap() {
            Ok(task) => created.push(task.task_uuid),
            Err(StoreError::DuplicateTask { existing }) => duplicates.push(existing),
            Err(other) => panic!("unexpected error: {other}"),
        }
    }
    assert_eq!((created.len(), duplicates.len()), (100, 100));
    for existing in &duplicates {
        assert!(created.contains(existing), "duplicate names {existing}");
    }
    let listed = store
        .list_tasks(&TaskFilter {
            limit: 1000,
            ..TaskFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.len(), 100);
    for task in &created {
        assert_eq!(store.list_steps(task).await.unwrap().len(), 4);
    }
    let after = store.write_stats();
    assert!(
        after.writes - before.writes >= 100,
        "{before:?} → {after:?}"
    );
    if store.backend() == tasker_store::Backend::Sqlite {
        assert!(
            after.commits - before.commits < after.writes - before.writes,
            "concurrent writes shared commits: {before:?} → {after:?}"
        );
    }
}

/// The dead-letter reads of the entry of a blocked `test` task, with and
/// without the namespace in scope (statistics decode on both backends).
async fn dead_letters_are_read_within_a_scope(store: &Store, entry: &tasker_store::DlqRecord) {
    let all = NamespaceScope::All;
    let test = NamespaceScope::only(["test"]);
    let other = NamespaceScope::only(["other"]);
    let nothing = NamespaceScope::only(Vec::<String>::new());
    for scope in [&all, &test] {
        let stats = store.dlq_stats(0, scope).await.unwrap();
        assert_eq!(stats.len(), 1, "{stats:?}");
        assert_eq!((stats[0].total, stats[0].pending), (1, 1));
        let listed = store
            .list_dlq_entries(None, None, scope, None, 10)
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(store.pending_dlq_entries(10, scope).await.unwrap().len(), 1);
        assert_eq!(store.active_tasks(10, scope).await.unwrap().len(), 1);
    }
    for scope in [&other, &nothing] {
        assert!(store.dlq_stats(0, scope).await.unwrap().is_empty());
        assert!(
            store
                .list_dlq_entries(None, None, scope, None, 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .pending_dlq_entries(10, scope)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.active_tasks(10, scope).await.unwrap().is_empty());
    }
    assert_eq!(
        store
            .dlq_entry_namespace(&entry.dlq_entry_uuid)
            .await
            .unwrap()
            .as_deref(),
        Some("test")
    );
    let now = tasker_store::now_us();
    let figures = store.window_figures(0, now + 1, &test).await.unwrap();
    assert_eq!((figures.created, figures.active), (1, 1));
    let figures = store.window_figures(0, now + 1, &other).await.unwrap();
    assert_eq!((figures.created, figures.active), (0, 0));
    assert!(!store.attempts(0, now + 1, &test).await.unwrap().is_empty());
    assert!(store.attempts(0, now + 1, &other).await.unwrap().is_empty());
    let backlog = store.backlog(0, &other).await.unwrap();
    assert_eq!((backlog.in_progress_steps, backlog.active_workers), (0, 0));
    let backlog = store.backlog(0, &test).await.unwrap();
    assert_eq!(backlog.active_workers, 1);
}

const OTHER: &str =
    "namespace: other\nname: single\nversion: 1.0.0\nsteps:\n  - {name: only, handler: noop}\n";

async fn listings_are_filtered_to_a_scope(store: &Store) {
    let diamond = setup(store).await;
    let (other, _) = store
        .register_template(&Template::load(OTHER).unwrap())
        .await
        .unwrap();
    let mine = store
        .create_task(&new_task("mine"), &diamond)
        .await
        .unwrap();
    let theirs = store
        .create_task(
            &NewTask {
                namespace: "other".into(),
                name: "single".into(),
                created_by: "tester".into(),
                ..NewTask::default()
            },
            &other,
        )
        .await
        .unwrap();
    let list = |scope: NamespaceScope, namespace: Option<&str>| {
        let filter = TaskFilter {
            scope,
            namespace: namespace.map(str::to_owned),
            limit: 10,
            ..TaskFilter::default()
        };
        async move {
            store
                .list_tasks(&filter)
                .await
                .unwrap()
                .into_iter()
                .map(|t| t.task_uuid)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list(NamespaceScope::All, None).await,
        [theirs.task_uuid.clone(), mine.task_uuid.clone()]
    );
    assert_eq!(
        list(NamespaceScope::only(["test"]), None).await,
        [mine.task_uuid.as_str()]
    );
    assert_eq!(
        list(NamespaceScope::only(["test", "other"]), Some("other")).await,
        [theirs.task_uuid.as_str()]
    );
    // A filter outside the scope finds nothing rather than widening it.
    assert!(
        list(NamespaceScope::only(["test"]), Some("other"))
            .await
            .is_empty()
    );
    assert!(
        list(NamespaceScope::only(Vec::<String>::new()), None)
            .await
            .is_empty()
    );
    assert_eq!(
        store
            .task_namespace(&theirs.task_uuid)
            .await
            .unwrap()
            .as_deref(),
        Some("other")
    );
    assert!(
        store
            .task_namespace(&tasker_core::new_uuid().to_string())
            .await
            .unwrap()
            .is_none()
    );
    let templates = store
        .list_templates(None, None, &NamespaceScope::only(["other"]), None, 10)
        .await
        .unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0].template.namespace, "other");
}

fn is_admin(key: &tasker_store::ApiKeyRecord) -> bool {
    key.namespaces.is_empty() && key.permissions.iter().any(|p| p == "*")
}

async fn the_last_admin_key_is_never_revoked(store: &Store) {
    let admin = |prefix: &str| tasker_store::ApiKeyRecord {
        permissions: vec!["*".into()],
        namespaces: vec![],
        ..api_key(prefix)
    };
    let (first, second, limited) = (
        admin("tk_000000a1"),
        admin("tk_000000a2"),
        api_key("tk_000000a3"),
    );
    let mut expired = admin("tk_000000a4");
    expired.expires_at = Some(tasker_store::now_us() - 1_000_000);
    for key in [&first, &second, &limited, &expired] {
        store.insert_api_key(key).await.unwrap();
    }
    // Revoking both remaining admin keys at once: exactly one is refused.
    let now = tasker_store::now_us();
    let (a, b) = tokio::join!(
        store.revoke_api_key_unless_last(&first.api_key_uuid, now, is_admin),
        store.revoke_api_key_unless_last(&second.api_key_uuid, now, is_admin),
    );
    let refused = [&a, &b]
        .iter()
        .filter(|r| matches!(r, Err(StoreError::StateConflict(_))))
        .count();
    assert_eq!(refused, 1, "{a:?} {b:?}");
    assert!(a.is_ok() || b.is_ok(), "{a:?} {b:?}");
    let survivor = if a.is_ok() { &second } else { &first };
    let kept = store
        .get_api_key(&survivor.api_key_uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.revoked_at, None);
    // Other keys go; a revoked one stays revoked at its first time.
    let gone = store
        .revoke_api_key_unless_last(&limited.api_key_uuid, now, is_admin)
        .await
        .unwrap();
    assert_eq!(gone.revoked_at, Some(now));
    let again = store
        .revoke_api_key_unless_last(&limited.api_key_uuid, now + 5, is_admin)
        .await
        .unwrap();
    assert_eq!(again.revoked_at, Some(now));
    assert!(
        store
            .revoke_api_key_unless_last(&expired.api_key_uuid, now, is_admin)
            .await
            .is_ok()
    );
    assert!(matches!(
        store
            .revoke_api_key_unless_last(&survivor.api_key_uuid, now, is_admin)
            .await,
        Err(StoreError::StateConflict(_))
    ));
    assert!(matches!(
        store
            .revoke_api_key_unless_last(&tasker_core::new_uuid().to_string(), now, is_admin)
            .await,
        Err(StoreError::NotFound { .. })
    ));
}

fn api_key(prefix: &str) -> tasker_store::ApiKeyRecord {
    tasker_store::ApiKeyRecord {
        api_key_uuid: tasker_core::new_uuid().to_string(),
        name: format!("key {prefix}"),
        prefix: prefix.into(),
        key_hash: "ab".repeat(32),
        permissions: vec!["tasks:read".into(), "worker:*".into()],
        namespaces: vec!["billing".into()],
        created_by: "tester".into(),
        created_at: tasker_store::now_us(),
        expires_at: None,
        revoked_at: None,
        last_used_at: None,
    }
}

async fn api_keys_are_stored_listed_revoked_and_touched(store: &Store) {
    assert_eq!(store.count_api_keys().await.unwrap(), 0);
    let first = api_key("tk_00000001");
    store.insert_api_key(&first).await.unwrap();
    let mut taken = api_key("tk_00000001");
    taken.name = "same prefix".into();
    assert!(matches!(
        store.insert_api_key(&taken).await,
        Err(StoreError::KeyTaken(_))
    ));
    let mut expired = api_key("tk_00000002");
    expired.expires_at = Some(tasker_store::now_us() - 1_000_000);
    store.insert_api_key(&expired).await.unwrap();
    let third = api_key("tk_00000003");
    store.insert_api_key(&third).await.unwrap();
    assert_eq!(store.count_api_keys().await.unwrap(), 3);

    let found = store.api_key_by_prefix("tk_00000001").await.unwrap();
    assert_eq!(found.as_ref(), Some(&first));
    assert!(
        store
            .api_key_by_prefix("tk_ffffffff")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store
            .get_api_key(&third.api_key_uuid)
            .await
            .unwrap()
            .as_ref(),
        Some(&third)
    );

    let now = tasker_store::now_us();
    let active = store.list_api_keys(false, now, None, 10).await.unwrap();
    let uuids: Vec<_> = active.iter().map(|k| k.api_key_uuid.clone()).collect();
    assert_eq!(
        uuids,
        [third.api_key_uuid.clone(), first.api_key_uuid.clone()]
    );
    let all = store.list_api_keys(true, now, None, 2).await.unwrap();
    assert_eq!(all.len(), 2);
    let rest = store
        .list_api_keys(true, now, Some(&all[1].api_key_uuid), 2)
        .await
        .unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].api_key_uuid, first.api_key_uuid);

    let revoked = store
        .revoke_api_key(&first.api_key_uuid, now)
        .await
        .unwrap();
    assert_eq!(revoked.revoked_at, Some(now));
    let again = store
        .revoke_api_key(&first.api_key_uuid, now + 5)
        .await
        .unwrap();
    assert_eq!(
        again.revoked_at,
        Some(now),
        "the first revocation time stays"
    );
    assert!(matches!(
        store
            .revoke_api_key(&tasker_core::new_uuid().to_string(), now)
            .await,
        Err(StoreError::NotFound { .. })
    ));
    let active = store.list_api_keys(false, now, None, 10).await.unwrap();
    assert_eq!(active.len(), 1);

    store.touch_api_key(&third.api_key_uuid, now).await.unwrap();
    store
        .touch_api_key(&third.api_key_uuid, now + 1)
        .await
        .unwrap();
    let touched = store
        .get_api_key(&third.api_key_uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        touched.last_used_at,
        Some(now),
        "written at most once a minute"
    );
    store
        .touch_api_key(&third.api_key_uuid, now + 61_000_000)
        .await
        .unwrap();
    let touched = store
        .get_api_key(&third.api_key_uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(touched.last_used_at, Some(now + 61_000_000));
}

async fn only_one_first_api_key_is_stored_under_concurrency(store: &Store) {
    // Open pooled connections first, so the inserts below run side by side
    // instead of one by one behind connection set-up.
    let mut warm = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let store = store.clone();
        warm.spawn(async move { store.count_api_keys().await });
    }
    while let Some(outcome) = warm.join_next().await {
        assert_eq!(outcome.unwrap().unwrap(), 0);
    }
    let mut inserts = tokio::task::JoinSet::new();
    for i in 0..8 {
        let store = store.clone();
        inserts.spawn(async move {
            store
                .insert_first_api_key(&api_key(&format!("tk_0000010{i}")))
                .await
        });
    }
    let mut stored = Vec::new();
    while let Some(outcome) = inserts.join_next().await {
        stored.push(outcome.unwrap().unwrap());
    }
    assert_eq!(
        stored.iter().filter(|s| **s).count(),
        1,
        "exactly one first key: {stored:?}"
    );
    assert_eq!(store.count_api_keys().await.unwrap(), 1);
    assert!(
        !store
            .insert_first_api_key(&api_key("tk_00000200"))
            .await
            .unwrap()
    );
    assert_eq!(store.count_api_keys().await.unwrap(), 1);
}

/// Drives `write` for at most `polls` polls (yielding to the runtime in
/// between, so the database makes progress) and drops it unfinished, like a
/// request whose client went away. Returns its outcome if it finished first.
async fn abandon_after<F: std::future::Future>(write: F, polls: usize) -> Option<F::Output> {
    let mut write = std::pin::pin!(write);
    for _ in 0..polls {
        let step = std::future::poll_fn(|cx| match write.as_mut().poll(cx) {
            std::task::Poll::Ready(out) => std::task::Poll::Ready(Some(out)),
            std::task::Poll::Pending => std::task::Poll::Ready(None),
        })
        .await;
        if step.is_some() {
            return step;
        }
        tokio::task::yield_now().await;
    }
    None
}

/// Writes abandoned at random points — after a few polls, or after a random
/// fraction of a millisecond to a few milliseconds, alone and many at once —
/// never leave the writer unable to write: every acknowledged task is there
/// and whole, nothing is half-written, and a new write goes through at once.
async fn abandoned_writes_leave_the_writer_working(store: &Store) {
    let template = setup(store).await;
    let worker = worker(store).await;
    let mut acknowledged = Vec::new();
    for round in 0..60 {
        let mut batch = tokio::task::JoinSet::new();
        for i in 0..8 {
            let (store, template) = (store.clone(), template.clone());
            let key = format!("abandon-{round}-{i}");
            let polls = rand::random_range(1..12);
            let micros = rand::random_range(0..4000);
            batch.spawn(async move {
                let task = new_task(&key);
                let write = store.create_task(&task, &template);
                if i % 2 == 0 {
                    abandon_after(write, polls).await
                } else {
                    tokio::time::timeout(Duration::from_micros(micros), write)
                        .await
                        .ok()
                }
            });
        }
        // Claims and results abandoned the same way.
        let (namespaces, handlers) = (["test".to_owned()], ["noop".to_owned(), "flaky".to_owned()]);
        let claim = store.claim_steps(&worker, &namespaces, &handlers, 4, Duration::from_secs(60));
        if let Some(Ok(claimed)) = abandon_after(claim, rand::random_range(1..8)).await {
            let results = Map::new();
            for step in claimed {
                let report = store.complete_step(&worker, &step.claim_uuid, &results, None);
                let _ = abandon_after(report, rand::random_range(1..8)).await;
            }
        }
        while let Some(outcome) = batch.join_next().await {
            if let Some(Ok(task)) = outcome.unwrap() {
                acknowledged.push(task.task_uuid);
            }
        }
    }
    // The abandoned writes still finish (their callers only stopped
    // waiting); once they have, the writer answers at once.
    tokio::time::timeout(Duration::from_secs(60), async {
        while store.writes_in_flight() > 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("abandoned writes finish");
    let last = new_task("after-the-storm");
    let write = tokio::time::timeout(Duration::from_secs(1), store.create_task(&last, &template))
        .await
        .expect("a new write is accepted within 1 s")
        .expect("a new write succeeds");
    acknowledged.push(write.task_uuid);
    store.ping_writer().await.expect("the writer works");
    for task in &acknowledged {
        assert!(
            store.get_task(task).await.unwrap().is_some(),
            "acknowledged task {task} is missing"
        );
    }
    let all = store
        .list_tasks(&TaskFilter {
            limit: 1000,
            ..TaskFilter::default()
        })
        .await
        .unwrap();
    assert!(all.len() >= acknowledged.len());
    for task in &all {
        assert_eq!(
            store.list_steps(&task.task_uuid).await.unwrap().len(),
            4,
            "task {} is whole",
            task.task_uuid
        );
    }
}

const LINEAR4: &str = r#"
namespace: count
name: linear4
version: 1.0.0
steps:
  - name: a
    handler: noop
  - name: b
    handler: noop
    depends_on: [a]
    retry:
      max_attempts: 2
      initial_backoff: 1ms
      max_backoff: 1ms
  - name: c
    handler: noop
    depends_on: [b]
  - name: d
    handler: noop
    depends_on: [c]
"#;

const FAN3: &str = r#"
namespace: count
name: fan3
version: 1.0.0
steps:
  - name: a
    handler: noop
  - name: b
    handler: noop
  - name: c
    handler: noop
"#;

/// SQL sent by one operation: (statements, round trips).
async fn priced<T, F: std::future::Future<Output = T>>(store: &Store, op: F) -> (T, (u64, u64)) {
    let before = store.sql_stats();
    let out = op.await;
    let spent = store.sql_stats().since(before);
    (out, (spent.statements, spent.round_trips))
}

/// The statement counts of the hot path (docs/benchmarks.md, "statements per
/// operation"): a change that adds a statement to one of these operations
/// fails here; a change that removes one updates the table and this test.
async fn hot_path_statement_counts(store: &Store) {
    let pg = store.backend() == tasker_store::Backend::Postgres;
    // (statements, round trips) on SQLite and on PostgreSQL.
    let want = |sqlite: (u64, u64), postgres: (u64, u64)| if pg { postgres } else { sqlite };
    let linear = Template::load(LINEAR4).unwrap();
    let (linear, _) = store.register_template(&linear).await.unwrap();
    let fan = Template::load(FAN3).unwrap();
    let (fan, _) = store.register_template(&fan).await.unwrap();
    let w = worker(store).await;
    let ns = ["count".to_owned()];
    let handlers = ["noop".to_owned()];
    let lease = Duration::from_secs(30);
    let task = |name: &str| NewTask {
        namespace: "count".into(),
        name: name.into(),
        created_by: "tester".into(),
        tags: vec!["t1".into(), "t2".into()],
        ..NewTask::default()
    };

    let mut got = Vec::new();
    let (created, cost) = priced(store, store.create_task(&task("linear4"), &linear)).await;
    let created = created.unwrap();
    assert_eq!(created.step_counts.enqueued, 1);
    got.push(("CreateTask (4 steps, 2 tags)", cost));
    let (read, cost) = priced(store, store.get_task(&created.task_uuid)).await;
    assert_eq!(read.unwrap().unwrap().step_counts.total, 4);
    got.push(("GetTask", cost));
    let (history, cost) = priced(store, store.task_history(&created.task_uuid, 0)).await;
    let (watched, history) = history.unwrap().unwrap();
    assert_eq!(watched.step_counts.total, 4);
    assert_eq!(watched.step_counts.enqueued, 1);
    // create, start, ready_steps_found, steps_enqueued; 4 step creations
    // and the root's enqueue.
    assert_eq!(history.len(), 4 + 4 + 1, "{history:?}");
    got.push(("Task history (a watcher's wake)", cost));
    let (claimed, cost) = priced(store, store.claim_steps(&w, &ns, &handlers, 10, lease)).await;
    let claimed = claimed.unwrap();
    assert_eq!(claimed.len(), 1);
    got.push(("ClaimSteps (k = 1, a root step)", cost));
    let (done, cost) = priced(
        store,
        store.complete_step(&w, &claimed[0].claim_uuid, &Map::new(), None),
    )
    .await;
    assert_eq!(done.unwrap().state, StepState::Complete);
    got.push(("CompleteStep (enqueues the next step)", cost));
    let (claimed, cost) = priced(store, store.claim_steps(&w, &ns, &handlers, 10, lease)).await;
    let claimed = claimed.unwrap();
    assert_eq!(claimed[0].step.name, "b");
    assert_eq!(claimed[0].task_name, "linear4");
    assert_eq!(claimed[0].task_version, "1.0.0");
    assert_eq!(
        claimed[0].dependency_results,
        vec![("a".to_owned(), Map::new())]
    );
    got.push(("ClaimSteps (k = 1, one dependency)", cost));
    let error = StepErrorRecord {
        message: "boom".into(),
        error_class: "Flaky".into(),
        retryable: true,
        details: None,
    };
    let (failed, cost) = priced(
        store,
        store.fail_step(&w, &claimed[0].claim_uuid, &error, None, None),
    )
    .await;
    assert!(failed.unwrap().will_retry);
    got.push(("FailStep (retryable, will retry)", cost));
    store.create_task(&task("fan3"), &fan).await.unwrap();
    let (claimed, cost) = priced(store, store.claim_steps(&w, &ns, &handlers, 10, lease)).await;
    let claimed = claimed.unwrap();
    assert_eq!(claimed.len(), 3);
    assert!(
        claimed
            .iter()
            .all(|c| c.task_name == "fan3" && c.dependency_results.is_empty())
    );
    assert!(
        claimed
            .iter()
            .all(|c| c.step.state == StepState::InProgress && c.step.attempts == 1)
    );
    got.push(("ClaimSteps (k = 3 root steps)", cost));
    // Once the retry above is made claimable, nothing is due (no lease has
    // expired): a pass only looks.
    let first = store.run_timers(100).await.unwrap();
    assert!(first <= 1, "{first}");
    let (changed, cost) = priced(store, store.run_timers(100)).await;
    assert_eq!(changed.unwrap(), 0);
    got.push(("Timer pass, nothing due", cost));

    let expected = vec![
        ("CreateTask (4 steps, 2 tags)", want((5, 3), (7, 6))),
        ("GetTask", want((1, 1), (1, 1))),
        ("Task history (a watcher's wake)", want((1, 1), (1, 1))),
        ("ClaimSteps (k = 1, a root step)", want((6, 4), (7, 7))),
        (
            "CompleteStep (enqueues the next step)",
            want((4, 3), (7, 7)),
        ),
        ("ClaimSteps (k = 1, one dependency)", want((6, 4), (7, 7))),
        ("FailStep (retryable, will retry)", want((5, 3), (7, 6))),
        ("ClaimSteps (k = 3 root steps)", want((6, 4), (7, 7))),
        ("Timer pass, nothing due", want((1, 1), (1, 1))),
    ];
    assert_eq!(
        got,
        expected,
        "(statements, round trips) per operation on {:?}",
        store.backend()
    );
}

/// A template too large for one multi-row INSERT (SQLite binds at most
/// 32766 values per statement) is created in chunks, all in one
/// transaction, every step with its transitions.
async fn large_templates_are_created_in_chunks(store: &Store) {
    const STEPS: usize = 2_100;
    let mut yaml = String::from("namespace: big\nname: wide\nversion: 1.0.0\nsteps:\n");
    for i in 0..STEPS {
        yaml.push_str(&format!("  - name: s{i}\n    handler: noop\n"));
    }
    yaml.push_str("  - name: last\n    handler: noop\n    depends_on: [s0, s1]\n");
    let template = Template::load(&yaml).unwrap();
    let (template, _) = store.register_template(&template).await.unwrap();
    let task = NewTask {
        namespace: "big".into(),
        name: "wide".into(),
        created_by: "tester".into(),
        ..NewTask::default()
    };
    let before = store.sql_stats();
    let created = store.create_task(&task, &template).await.unwrap();
    let spent = store.sql_stats().since(before);
    // task, task transitions, steps in 2 chunks, step transitions in 2.
    let notifies = if store.backend() == tasker_store::Backend::Postgres {
        2
    } else {
        0
    };
    assert_eq!(spent.statements, 6 + notifies);
    assert_eq!(created.step_counts.total, STEPS + 1);
    assert_eq!(created.step_counts.enqueued, STEPS);
    assert_eq!(created.step_counts.pending, 1);
    assert_eq!(created.state, TaskState::StepsInProcess);
    let read = store.get_task(&created.task_uuid).await.unwrap().unwrap();
    assert_eq!(read, created, "what CreateTask answers is what was stored");
    let steps = store.list_steps(&created.task_uuid).await.unwrap();
    assert_eq!(steps.len(), STEPS + 1);
    let last = steps.last().unwrap();
    assert_eq!(
        (last.name.as_str(), last.state),
        ("last", StepState::Pending)
    );
    let root = &steps[STEPS - 1];
    let path: Vec<_> = store
        .step_audit(&root.step_uuid, None, 10)
        .await
        .unwrap()
        .iter()
        .map(|t| t.to_state)
        .collect();
    assert_eq!(path, [StepState::Pending, StepState::Enqueued]);
    let path: Vec<_> = store
        .step_audit(&last.step_uuid, None, 10)
        .await
        .unwrap()
        .iter()
        .map(|t| t.to_state)
        .collect();
    assert_eq!(path, [StepState::Pending]);
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite_backend {
            $(#[tokio::test] async fn $name() { let db = super::sqlite().await; super::$name(&db.store).await; })*
        }
        mod postgres_backend {
            $(#[tokio::test] async fn $name() { if let Some(db) = super::postgres().await { super::$name(&db.store).await; } })*
        }
    };
}

on_both_backends!(
    diamond_completes_with_a_retry,
    exhausted_retries_block_and_open_a_dlq_entry_then_manual_resolution_completes,
    cancel_and_expired_leases,
    listing_is_keyset_paginated_and_filtered,
    concurrent_writes_commit_together_and_fail_alone,
    api_keys_are_stored_listed_revoked_and_touched,
    only_one_first_api_key_is_stored_under_concurrency,
    abandoned_writes_leave_the_writer_working,
    listings_are_filtered_to_a_scope,
    the_last_admin_key_is_never_revoked,
    hot_path_statement_counts,
    large_templates_are_created_in_chunks,
);
