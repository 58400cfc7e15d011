-- Tasker core schema (PostgreSQL). Timestamps are microseconds since the Unix
-- epoch (BIGINT); JSON documents are TEXT; ids are UUIDv7 text, so ordering by
-- id is ordering by creation time.

CREATE TABLE templates (
    namespace     TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    version       TEXT   NOT NULL,
    content_hash  TEXT   NOT NULL,
    definition    TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (namespace, name, version)
);

CREATE TABLE tasks (
    task_uuid             TEXT    PRIMARY KEY,
    namespace             TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    version               TEXT    NOT NULL,
    state                 TEXT    NOT NULL,
    context               TEXT    NOT NULL,
    correlation_id        TEXT    NOT NULL,
    parent_correlation_id TEXT    NOT NULL,
    initiator             TEXT    NOT NULL,
    source_system         TEXT    NOT NULL,
    reason                TEXT    NOT NULL,
    priority              BIGINT  NOT NULL,
    tags                  TEXT    NOT NULL,
    idempotency_key       TEXT    NOT NULL,
    identity_hash         TEXT    NOT NULL UNIQUE,
    created_by            TEXT    NOT NULL,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    state_entered_at      BIGINT  NOT NULL,
    completed_at          BIGINT
);
CREATE INDEX tasks_namespace_name ON tasks (namespace, name, task_uuid);
CREATE INDEX tasks_state ON tasks (state, task_uuid);
CREATE INDEX tasks_correlation ON tasks (correlation_id);

CREATE TABLE task_tags (
    tag       TEXT NOT NULL,
    task_uuid TEXT NOT NULL REFERENCES tasks (task_uuid),
    PRIMARY KEY (tag, task_uuid)
);

CREATE TABLE steps (
    step_uuid         TEXT    PRIMARY KEY,
    task_uuid         TEXT    NOT NULL REFERENCES tasks (task_uuid),
    position          BIGINT  NOT NULL,
    name              TEXT    NOT NULL,
    handler           TEXT    NOT NULL,
    namespace         TEXT    NOT NULL,
    priority          BIGINT  NOT NULL,
    state             TEXT    NOT NULL,
    depends_on        TEXT    NOT NULL,
    attempts          BIGINT  NOT NULL,
    max_attempts      BIGINT  NOT NULL,
    retry_policy      TEXT    NOT NULL,
    timeout_ms        BIGINT  NOT NULL,
    handler_config    TEXT    NOT NULL,
    results           TEXT,
    last_error        TEXT,
    next_retry_at     BIGINT,
    claim_uuid        TEXT,
    worker_uuid       TEXT,
    lease_expires_at  BIGINT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    last_attempted_at BIGINT,
    completed_at      BIGINT,
    UNIQUE (task_uuid, name)
);
CREATE INDEX steps_task ON steps (task_uuid, position);
CREATE INDEX steps_claimable ON steps (namespace, priority DESC, step_uuid) WHERE state = 'enqueued';
CREATE INDEX steps_retry_due ON steps (next_retry_at) WHERE state = 'waiting_for_retry';
CREATE INDEX steps_lease ON steps (lease_expires_at) WHERE state = 'in_progress';
CREATE UNIQUE INDEX steps_claim ON steps (claim_uuid);

CREATE TABLE task_transitions (
    transition_uuid TEXT   PRIMARY KEY,
    task_uuid       TEXT   NOT NULL REFERENCES tasks (task_uuid),
    from_state      TEXT,
    to_state        TEXT   NOT NULL,
    event           TEXT   NOT NULL,
    performed_by    TEXT   NOT NULL,
    reason          TEXT   NOT NULL,
    occurred_at     BIGINT NOT NULL
);
CREATE INDEX task_transitions_task ON task_transitions (task_uuid, transition_uuid);

CREATE TABLE step_transitions (
    transition_uuid TEXT    PRIMARY KEY,
    step_uuid       TEXT    NOT NULL REFERENCES steps (step_uuid),
    task_uuid       TEXT    NOT NULL,
    from_state      TEXT,
    to_state        TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    performed_by    TEXT    NOT NULL,
    worker_uuid     TEXT,
    attempt         BIGINT  NOT NULL,
    execution_us    BIGINT,
    results         TEXT,
    error           TEXT,
    reason          TEXT    NOT NULL,
    occurred_at     BIGINT  NOT NULL
);
CREATE INDEX step_transitions_step ON step_transitions (step_uuid, transition_uuid);

CREATE TABLE workers (
    worker_uuid     TEXT    PRIMARY KEY,
    name            TEXT    NOT NULL,
    namespaces      TEXT    NOT NULL,
    handlers        TEXT    NOT NULL,
    max_concurrency BIGINT  NOT NULL,
    version         TEXT    NOT NULL,
    registered_by   TEXT    NOT NULL,
    registered_at   BIGINT  NOT NULL,
    last_seen_at    BIGINT  NOT NULL,
    deregistered_at BIGINT
);

CREATE TABLE dlq_entries (
    dlq_entry_uuid    TEXT    PRIMARY KEY,
    task_uuid         TEXT    NOT NULL REFERENCES tasks (task_uuid),
    namespace         TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    version           TEXT    NOT NULL,
    original_state    TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    resolution_status TEXT    NOT NULL,
    resolution_notes  TEXT    NOT NULL,
    resolved_by       TEXT    NOT NULL,
    metadata          TEXT    NOT NULL,
    task_snapshot     TEXT    NOT NULL,
    step_uuid         TEXT,
    priority          BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    resolved_at       BIGINT
);
CREATE INDEX dlq_entries_task ON dlq_entries (task_uuid, dlq_entry_uuid);
CREATE INDEX dlq_entries_status ON dlq_entries (resolution_status, dlq_entry_uuid);
