-- Watchers read a task's step transitions by task and time
-- (TaskService.StreamTaskStatus).
CREATE INDEX step_transitions_task ON step_transitions (task_uuid, occurred_at);
