//! What each command does: build the request, call the client, print.

use std::future::Future;
use std::io::Read as _;
use std::time::Duration;

use anyhow::{Context as _, bail};
use futures_util::StreamExt as _;
use serde_json::Value;
use tasker_client::proto::*;
use tasker_client::{OrchestrationClient, Transport, WorkerClient};

use crate::cli::*;
use crate::output::{self, View, emit, enum_value, to_json};
use crate::profile;
use crate::{TaskFailed, exit, usage};

/// Settings after flags, environment and profile are merged.
struct Ctx {
    endpoint: Option<String>,
    worker_endpoint: Option<String>,
    transport: Transport,
    api_key: Option<String>,
    token: Option<String>,
    ca_file: Option<std::path::PathBuf>,
    output: OutputFormat,
    timeout: Duration,
    retries: u32,
}

impl Ctx {
    fn new(global: Global) -> anyhow::Result<Self> {
        let profile = profile::load(global.profile.as_deref())?;
        let transport = match global.transport.or(profile.transport) {
            Some(TransportArg::Rest) => Transport::Rest,
            Some(TransportArg::Grpc) | None => Transport::Grpc,
        };
        let timeout = global.timeout.or(profile.timeout).unwrap_or(30.0);
        let timeout = Duration::try_from_secs_f64(timeout)
            .ok()
            .filter(|t| !t.is_zero())
            .ok_or_else(|| {
                usage(format!(
                    "--timeout {timeout}: expected a positive number of seconds"
                ))
            })?;
        Ok(Self {
            endpoint: global.endpoint.or(profile.endpoint),
            worker_endpoint: global.worker_endpoint.or(profile.worker_endpoint),
            transport,
            api_key: global.api_key.or(profile.api_key),
            token: global.token.or(profile.token),
            ca_file: global.ca_file.or(profile.ca_file),
            output: global
                .output
                .or(profile.output)
                .unwrap_or(OutputFormat::Table),
            timeout,
            retries: global.retries.unwrap_or(0),
        })
    }

    fn configure<C: tasker_client::FromConnection>(
        &self,
        mut builder: tasker_client::ClientBuilder<C>,
        endpoint: Option<&String>,
    ) -> tasker_client::ClientBuilder<C> {
        builder = builder
            .from_env(false)
            .transport(self.transport)
            .timeout(self.timeout)
            .retry_unavailable(self.retries);
        if let Some(endpoint) = endpoint {
            builder = builder.endpoint(endpoint);
        }
        if let Some(key) = &self.api_key {
            builder = builder.api_key(key);
        }
        if let Some(token) = &self.token {
            builder = builder.bearer_token(token);
        }
        if let Some(ca) = &self.ca_file {
            builder = builder.ca_file(ca);
        }
        builder
    }

    async fn orchestrator(&self) -> anyhow::Result<OrchestrationClient> {
        Ok(self
            .configure(OrchestrationClient::builder(), self.endpoint.as_ref())
            .build()
            .await?)
    }

    async fn worker(&self) -> anyhow::Result<WorkerClient> {
        Ok(self
            .configure(WorkerClient::builder(), self.worker_endpoint.as_ref())
            .build()
            .await?)
    }

    fn emit(&self, json: &Value, view: View) -> anyhow::Result<()> {
        emit(self.output, json, view)
    }

    /// Every page `fetch` answers, as far as `paging` asks ([`pages`]),
    /// shown as the list `items` in `columns`.
    async fn list<F, Fut>(
        &self,
        paging: Paging,
        items: &'static str,
        columns: &'static [(&'static str, &'static str)],
        fetch: F,
    ) -> anyhow::Result<()>
    where
        F: FnMut(String, i32) -> Fut,
        Fut: Future<Output = anyhow::Result<Value>>,
    {
        let json = pages(paging, items, fetch).await?;
        self.emit(&json, View::List { items, columns })
    }
}

/// Runs a parsed command line; the exit code on success.
pub(crate) async fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Command::Completions { shell } = cli.command {
        let mut command = <Cli as clap::CommandFactory>::command();
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "tasker", &mut script);
        std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
        return Ok(0);
    }
    let ctx = Ctx::new(cli.global)?;
    match cli.command {
        Command::Task(command) => task(&ctx, command).await,
        Command::Step(command) => step(&ctx, command).await.map(|()| 0),
        Command::Template(command) => template(&ctx, command).await.map(|()| 0),
        Command::Dlq(command) => dlq(&ctx, command).await.map(|()| 0),
        Command::Analytics(command) => analytics(&ctx, command).await.map(|()| 0),
        Command::Health(args) => health(&ctx, args).await,
        Command::Config => {
            let client = ctx.orchestrator().await?;
            let answer = client.get_config(GetConfigRequest {}).await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
            Ok(0)
        }
        Command::Auth(command) => auth(&ctx, command).await.map(|()| 0),
        Command::Worker(command) => worker(&ctx, command).await.map(|()| 0),
        Command::Completions { .. } => Ok(0),
    }
}

/// The JSON object of option `flag`, given inline or as `@file`, as a
/// `google.protobuf.Struct`; anything else is a usage error naming the
/// option.
fn json_object(flag: &str, text: &str) -> anyhow::Result<pbjson_types::Struct> {
    let text = match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| usage(format!("{flag} @{path}: cannot read {path}: {e}")))?,
        None => text.to_owned(),
    };
    let value: Value =
        serde_json::from_str(&text).map_err(|e| usage(format!("{flag}: not valid JSON ({e})")))?;
    match &value {
        Value::Object(map) => Ok(tasker_proto::json::json_to_struct(map)),
        _ => Err(usage(format!(
            "{flag}: expected a JSON object such as '{{\"value\": 1}}'"
        ))),
    }
}

/// The text of a file named on the command line (`-` for stdin); one that
/// cannot be read is a usage error.
fn read_file(path: &std::path::Path) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| usage(format!("cannot read {}: {e}", path.display())))
}

/// Fetches pages until `paging` is satisfied; returns the last page with
/// every item fetched under `items`.
async fn pages<F, Fut>(paging: Paging, items: &str, mut fetch: F) -> anyhow::Result<Value>
where
    F: FnMut(String, i32) -> Fut,
    Fut: Future<Output = anyhow::Result<Value>>,
{
    let page_size = paging
        .page_size
        .or(paging.limit.and_then(|l| i32::try_from(l).ok()))
        .unwrap_or(0);
    let mut collected: Vec<Value> = Vec::new();
    let mut token = String::new();
    loop {
        let mut page = fetch(token, page_size).await?;
        if let Some(Value::Array(found)) = page.get_mut(items).map(Value::take) {
            collected.extend(found);
        }
        token = page
            .get("nextPageToken")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let enough = paging.limit.is_some_and(|l| collected.len() >= l);
        if token.is_empty() || enough || (!paging.all && paging.limit.is_none()) {
            if let Some(limit) = paging.limit {
                collected.truncate(limit);
            }
            if let Value::Object(map) = &mut page {
                map.insert(items.to_owned(), Value::Array(collected));
                if paging.all || enough {
                    map.remove("nextPageToken");
                }
            }
            return Ok(page);
        }
    }
}

const TASK_COLUMNS: &[(&str, &str)] = &[
    ("task", "taskUuid"),
    ("template", "name"),
    ("namespace", "namespace"),
    ("state", "state"),
    ("done %", "completionPercentage"),
    ("steps", "stepCounts.total"),
    ("created", "createdAt"),
];

async fn task(ctx: &Ctx, command: TaskCommand) -> anyhow::Result<u8> {
    let client = ctx.orchestrator().await?;
    match command {
        TaskCommand::Create(args) => {
            let parts: Vec<&str> = args.template.split('/').collect();
            let (namespace, name, version) = match parts.as_slice() {
                [namespace, name] => (*namespace, *name, ""),
                [namespace, name, version] => (*namespace, *name, *version),
                _ => {
                    return Err(usage(format!(
                        "template {:?}: expected namespace/name or namespace/name/version",
                        args.template
                    )));
                }
            };
            let context = args
                .context
                .as_deref()
                .map(|text| json_object("--context", text))
                .transpose()?;
            let answer = client
                .create_task(CreateTaskRequest {
                    namespace: namespace.into(),
                    name: name.into(),
                    version: version.into(),
                    context,
                    initiator: args.initiator,
                    source_system: args.source_system,
                    reason: args.reason,
                    priority: args.priority,
                    tags: args.tags,
                    correlation_id: args.correlation_id,
                    idempotency_key: args.idempotency_key,
                    ..Default::default()
                })
                .await?;
            let task = answer.task.clone().unwrap_or_default();
            if args.wait {
                output::note(&format!("created task {}", task.task_uuid));
                return watch(
                    ctx,
                    &client,
                    std::slice::from_ref(&task.task_uuid),
                    args.follow,
                )
                .await;
            }
            ctx.emit(&to_json(&answer)?, View::Field("task"))?;
        }
        TaskCommand::Get { task } => {
            let answer = client.get_task(GetTaskRequest { task_uuid: task }).await?;
            ctx.emit(&to_json(&answer)?, View::Field("task"))?;
        }
        TaskCommand::List(args) => {
            let states = args
                .states
                .iter()
                .map(|s| enum_value("--state", "tasker.v1.TaskState", s))
                .collect::<anyhow::Result<Vec<_>>>()?;
            ctx.list(
                args.paging,
                "tasks",
                TASK_COLUMNS,
                |page_token, page_size| {
                    let request = ListTasksRequest {
                        page_size,
                        page_token,
                        namespace: args.namespace.clone().unwrap_or_default(),
                        name: args.name.clone().unwrap_or_default(),
                        states: states.clone(),
                        tags: args.tags.clone(),
                        correlation_id: args.correlation_id.clone().unwrap_or_default(),
                        ..Default::default()
                    };
                    let client = &client;
                    async move { to_json(&client.list_tasks(request).await?) }
                },
            )
            .await?;
        }
        TaskCommand::Cancel { task, reason } => {
            let answer = client
                .cancel_task(CancelTaskRequest {
                    task_uuid: task,
                    reason,
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Field("task"))?;
        }
        TaskCommand::Context { task } => {
            let answer = client
                .get_task_context(GetTaskContextRequest { task_uuid: task })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        TaskCommand::Watch { tasks, follow } => return watch(ctx, &client, &tasks, follow).await,
    }
    Ok(0)
}

/// Follows tasks until their streams end (or, unless `follow` says
/// otherwise, until they are blocked by a failed step), one progress bar per
/// task; the exit code of their final states (10 if any ended in error, was
/// cancelled or is blocked).
async fn watch(
    ctx: &Ctx,
    client: &OrchestrationClient,
    tasks: &[String],
    follow: Follow,
) -> anyhow::Result<u8> {
    let multi = indicatif::MultiProgress::new();
    if ctx.output != OutputFormat::Table {
        multi.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let watches = tasks.iter().map(|uuid| {
        let bar = multi.add(indicatif::ProgressBar::new(0));
        watch_one(ctx, client, uuid, bar, follow)
    });
    let finals = futures_util::future::join_all(watches).await;
    let _ = multi.clear();
    let mut failed = None;
    for result in finals {
        let task = result?;
        let state = task.state();
        if ctx.output == OutputFormat::Table {
            let counts = task.step_counts.unwrap_or_default();
            let mut out = std::io::stdout().lock();
            std::io::Write::write_all(
                &mut out,
                format!(
                    "task {} {} ({}/{} steps)\n",
                    task.task_uuid,
                    output::short(state.as_str_name()),
                    counts.complete + counts.resolved_manually,
                    counts.total
                )
                .as_bytes(),
            )?;
        }
        match state {
            TaskState::Complete | TaskState::ResolvedManually => {}
            TaskState::Error | TaskState::Cancelled | TaskState::BlockedByFailures => {
                failed.get_or_insert(TaskFailed {
                    task_uuid: task.task_uuid.clone(),
                    state: output::short(state.as_str_name()),
                });
            }
            other => bail!(
                "the watch of task {} ended while it is {}",
                task.task_uuid,
                output::short(other.as_str_name())
            ),
        }
    }
    match failed {
        Some(failed) => Err(failed.into()),
        None => Ok(0),
    }
}

/// Follows one task on `bar`; its last state.
async fn watch_one(
    ctx: &Ctx,
    client: &OrchestrationClient,
    task_uuid: &str,
    bar: indicatif::ProgressBar,
    follow: Follow,
) -> anyhow::Result<Task> {
    let mut stream = client
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: task_uuid.into(),
        })
        .await?;
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {prefix} [{bar:30}] {pos}/{len} steps {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_prefix(task_uuid.to_owned());
    if ctx.output == OutputFormat::Table {
        bar.enable_steady_tick(Duration::from_millis(120));
    }
    let mut last: Option<Task> = None;
    while let Some(message) = stream.next().await {
        let message = message?;
        let line = match ctx.output {
            OutputFormat::Table => None,
            OutputFormat::Json => {
                Some(format!("{}\n", serde_json::to_string(&to_json(&message)?)?))
            }
            OutputFormat::Yaml => Some(format!(
                "---\n{}",
                yaml_serde::to_string(&to_json(&message)?)?
            )),
        };
        if let Some(line) = line {
            std::io::Write::write_all(&mut std::io::stdout().lock(), line.as_bytes())?;
        }
        if let Some(task) = &message.task {
            let counts = task.step_counts.unwrap_or_default();
            bar.set_length(u64::try_from(counts.total).unwrap_or(0));
            bar.set_position(
                u64::try_from(counts.complete + counts.resolved_manually).unwrap_or(0),
            );
            bar.set_message(format!(
                "{} | {}",
                output::short(task.state().as_str_name()),
                step_summary(&counts)
            ));
            last = Some(task.clone());
        }
        if let Some(change) = &message.step_change {
            bar.println(format!(
                "  {} step {} {} → {}",
                task_uuid,
                change.step_name,
                output::short(change.from_state().as_str_name()),
                output::short(change.to_state().as_str_name())
            ));
        }
        let blocked = message
            .task
            .as_ref()
            .is_some_and(|t| t.state() == TaskState::BlockedByFailures);
        if message.terminal || (blocked && !follow.through_failures) {
            break;
        }
    }
    bar.finish_and_clear();
    last.with_context(|| format!("the watch of task {task_uuid} ended before any message"))
}

fn step_summary(counts: &StepCounts) -> String {
    let parts = [
        ("pending", counts.pending),
        ("enqueued", counts.enqueued),
        ("in progress", counts.in_progress),
        (
            "reporting",
            counts.enqueued_for_orchestration + counts.enqueued_as_error_for_orchestration,
        ),
        ("retry wait", counts.waiting_for_retry),
        ("error", counts.error),
        ("cancelled", counts.cancelled),
    ];
    parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!("{n} {label}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn step(ctx: &Ctx, command: StepCommand) -> anyhow::Result<()> {
    let client = ctx.orchestrator().await?;
    match command {
        StepCommand::List { task, paging } => {
            ctx.list(
                paging,
                "steps",
                &[
                    ("step", "stepUuid"),
                    ("name", "name"),
                    ("handler", "handler"),
                    ("state", "state"),
                    ("attempts", "attempts"),
                    ("max", "maxAttempts"),
                    ("last error", "lastError.message"),
                ],
                |page_token, page_size| {
                    let request = ListStepsRequest {
                        task_uuid: task.clone(),
                        page_size,
                        page_token,
                        ..Default::default()
                    };
                    let client = &client;
                    async move { to_json(&client.list_steps(request).await?) }
                },
            )
            .await?;
        }
        StepCommand::Get { task, step } => {
            let answer = client
                .get_step(GetStepRequest {
                    task_uuid: task,
                    step_uuid: step,
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Field("step"))?;
        }
        StepCommand::Resolve(args) => {
            let action = enum_value("--action", "tasker.v1.ManualResolutionAction", &args.action)?;
            let results = args
                .results
                .as_deref()
                .map(|text| json_object("--results", text))
                .transpose()?;
            let answer = client
                .resolve_step(ResolveStepRequest {
                    task_uuid: args.task,
                    step_uuid: args.step,
                    action,
                    performed_by: args
                        .performed_by
                        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
                        .unwrap_or_else(|| "tasker-cli".to_owned()),
                    reason: args.reason,
                    results,
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        StepCommand::Audit { task, step, paging } => {
            ctx.list(
                paging,
                "records",
                &[
                    ("at", "occurredAt"),
                    ("from", "fromState"),
                    ("to", "toState"),
                    ("event", "event"),
                    ("by", "performedBy"),
                    ("attempt", "attempt"),
                    ("reason", "reason"),
                ],
                |page_token, page_size| {
                    let request = GetStepAuditRequest {
                        task_uuid: task.clone(),
                        step_uuid: step.clone(),
                        page_size,
                        page_token,
                    };
                    let client = &client;
                    async move { to_json(&client.get_step_audit(request).await?) }
                },
            )
            .await?;
        }
    }
    Ok(())
}

async fn template(ctx: &Ctx, command: TemplateCommand) -> anyhow::Result<()> {
    let client = ctx.orchestrator().await?;
    match command {
        TemplateCommand::List {
            namespace,
            name,
            paging,
        } => {
            ctx.list(
                paging,
                "templates",
                &[
                    ("namespace", "namespace"),
                    ("name", "name"),
                    ("version", "version"),
                    ("description", "description"),
                ],
                |page_token, page_size| {
                    let request = ListTemplatesRequest {
                        page_size,
                        page_token,
                        namespace: namespace.clone().unwrap_or_default(),
                        name: name.clone().unwrap_or_default(),
                    };
                    let client = &client;
                    async move { to_json(&client.list_templates(request).await?) }
                },
            )
            .await?;
        }
        TemplateCommand::Get { template } => {
            let parts: Vec<&str> = template.split('/').collect();
            let [namespace, name, version] = parts.as_slice() else {
                return Err(usage(format!(
                    "template {template:?}: expected namespace/name/version"
                )));
            };
            let answer = client
                .get_template(GetTemplateRequest {
                    namespace: (*namespace).into(),
                    name: (*name).into(),
                    version: (*version).into(),
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Field("template"))?;
        }
        TemplateCommand::Register { file } => {
            let yaml = read_file(&file)?;
            let answer = client
                .register_template(RegisterTemplateRequest {
                    source: Some(register_template_request::Source::Yaml(yaml)),
                })
                .await?;
            if ctx.output == OutputFormat::Table {
                let template = answer.template.clone().unwrap_or_default();
                output::note(&format!(
                    "{} {}/{}/{}",
                    if answer.created {
                        "registered"
                    } else {
                        "already registered"
                    },
                    template.namespace,
                    template.name,
                    template.version
                ));
            }
            ctx.emit(&to_json(&answer)?, View::Field("template"))?;
        }
        TemplateCommand::Validate { file } => {
            let yaml = read_file(&file)?;
            let answer = client
                .validate_template(ValidateTemplateRequest {
                    source: Some(validate_template_request::Source::Yaml(yaml)),
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
            if !answer.valid {
                bail!(tasker_client::ClientError::InvalidArgument {
                    message: format!("{} is not a valid template", file.display()),
                    violations: Vec::new(),
                });
            }
        }
    }
    Ok(())
}

const DLQ_COLUMNS: &[(&str, &str)] = &[
    ("entry", "dlqEntryUuid"),
    ("task", "taskUuid"),
    ("template", "name"),
    ("reason", "reason"),
    ("status", "resolutionStatus"),
    ("created", "createdAt"),
];

async fn dlq(ctx: &Ctx, command: DlqCommand) -> anyhow::Result<()> {
    let client = ctx.orchestrator().await?;
    match command {
        DlqCommand::List {
            status,
            reason,
            namespace,
            paging,
        } => {
            let status = status
                .map(|s| enum_value("--status", "tasker.v1.DlqResolutionStatus", &s))
                .transpose()?
                .unwrap_or(0);
            let reason = reason
                .map(|s| enum_value("--reason", "tasker.v1.DlqReason", &s))
                .transpose()?
                .unwrap_or(0);
            ctx.list(paging, "entries", DLQ_COLUMNS, |page_token, page_size| {
                let request = ListEntriesRequest {
                    page_size,
                    page_token,
                    resolution_status: status,
                    reason,
                    namespace: namespace.clone().unwrap_or_default(),
                };
                let client = &client;
                async move { to_json(&client.list_dlq_entries(request).await?) }
            })
            .await?;
        }
        DlqCommand::Get { task } => {
            let answer = client
                .get_dlq_entry_by_task(GetEntryByTaskRequest { task_uuid: task })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Field("entry"))?;
        }
        DlqCommand::Update {
            entry,
            status,
            notes,
            resolved_by,
        } => {
            let mut update = DlqEntry {
                dlq_entry_uuid: entry,
                ..Default::default()
            };
            let mut paths = Vec::new();
            if let Some(status) = status {
                update.resolution_status =
                    enum_value("--status", "tasker.v1.DlqResolutionStatus", &status)?;
                paths.push("resolution_status".to_owned());
            }
            if let Some(notes) = notes {
                update.resolution_notes = notes;
                paths.push("resolution_notes".to_owned());
            }
            if let Some(by) = resolved_by {
                update.resolved_by = by;
                paths.push("resolved_by".to_owned());
            }
            if paths.is_empty() {
                return Err(usage(
                    "nothing to update: give --status, --notes or --resolved-by",
                ));
            }
            let answer = client
                .update_dlq_investigation(UpdateInvestigationRequest {
                    entry: Some(update),
                    update_mask: Some(pbjson_types::FieldMask { paths }),
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Field("entry"))?;
        }
        DlqCommand::Stats => {
            let answer = client.get_dlq_stats(GetStatsRequest::default()).await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        DlqCommand::Queue { paging } => {
            ctx.list(
                paging,
                "items",
                &[
                    ("score", "priorityScore"),
                    ("age", "age"),
                    ("entry", "entry.dlqEntryUuid"),
                    ("task", "entry.taskUuid"),
                    ("reason", "entry.reason"),
                    ("status", "entry.resolutionStatus"),
                ],
                |page_token, page_size| {
                    let request = GetInvestigationQueueRequest {
                        page_size,
                        page_token,
                    };
                    let client = &client;
                    async move { to_json(&client.get_dlq_investigation_queue(request).await?) }
                },
            )
            .await?;
        }
        DlqCommand::Staleness { min_health, paging } => {
            let min_health = min_health
                .map(|s| enum_value("--min-health", "tasker.v1.StalenessHealth", &s))
                .transpose()?
                .unwrap_or(0);
            ctx.list(
                paging,
                "records",
                &[
                    ("task", "taskUuid"),
                    ("template", "name"),
                    ("state", "state"),
                    ("in state", "timeInState"),
                    ("threshold", "threshold"),
                    ("%", "thresholdPercentage"),
                    ("health", "health"),
                ],
                |page_token, page_size| {
                    let request = GetStalenessMonitoringRequest {
                        page_size,
                        page_token,
                        min_health,
                    };
                    let client = &client;
                    async move { to_json(&client.get_dlq_staleness_monitoring(request).await?) }
                },
            )
            .await?;
        }
    }
    Ok(())
}

async fn analytics(ctx: &Ctx, command: AnalyticsCommand) -> anyhow::Result<()> {
    let client = ctx.orchestrator().await?;
    match command {
        AnalyticsCommand::Performance { namespace } => {
            let answer = client
                .get_performance_metrics(GetPerformanceMetricsRequest {
                    namespace: namespace.unwrap_or_default(),
                    ..Default::default()
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        AnalyticsCommand::Bottlenecks { namespace, limit } => {
            let answer = client
                .get_bottleneck_analysis(GetBottleneckAnalysisRequest {
                    namespace: namespace.unwrap_or_default(),
                    limit: limit.unwrap_or(0),
                    ..Default::default()
                })
                .await?;
            let json = to_json(&answer)?;
            if ctx.output == OutputFormat::Table {
                emit(
                    ctx.output,
                    &json,
                    View::List {
                        items: "slowSteps",
                        columns: &[
                            ("namespace", "namespace"),
                            ("task", "taskName"),
                            ("step", "stepName"),
                            ("handler", "handler"),
                            ("runs", "execution.count"),
                            ("p50", "execution.p50"),
                            ("p95", "execution.p95"),
                            ("max", "execution.max"),
                        ],
                    },
                )?;
                emit(
                    ctx.output,
                    &json,
                    View::List {
                        items: "slowTasks",
                        columns: &[
                            ("namespace", "namespace"),
                            ("template", "name"),
                            ("version", "version"),
                            ("runs", "duration.count"),
                            ("p50", "duration.p50"),
                            ("p95", "duration.p95"),
                            ("max", "duration.max"),
                        ],
                    },
                )?;
                emit(ctx.output, &json, View::Field("resources"))?;
            } else {
                ctx.emit(&json, View::Object)?;
            }
        }
    }
    Ok(())
}

async fn health(ctx: &Ctx, args: HealthArgs) -> anyhow::Result<u8> {
    let client = ctx.orchestrator().await?;
    let json = if args.detailed {
        to_json(&client.detailed_health(DetailedHealthRequest {}).await?)?
    } else if args.live {
        to_json(&client.health_liveness(LivenessRequest {}).await?)?
    } else if args.ready {
        to_json(&client.health_readiness(ReadinessRequest {}).await?)?
    } else {
        to_json(&client.health_check(CheckRequest {}).await?)?
    };
    ctx.emit(&json, View::Object)?;
    let unhealthy = json
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s != "HEALTH_STATUS_HEALTHY")
        || json.get("ready") == Some(&Value::Bool(false));
    Ok(if unhealthy { exit::UNAVAILABLE } else { 0 })
}

async fn auth(ctx: &Ctx, command: AuthCommand) -> anyhow::Result<()> {
    let client = ctx.orchestrator().await?;
    match command {
        AuthCommand::Token { ttl, permissions } => {
            let api_key = ctx.api_key.clone().ok_or_else(|| {
                usage("auth token exchanges an API key: give --api-key or TASKER_API_KEY")
            })?;
            let answer = client
                .issue_token(IssueTokenRequest {
                    api_key,
                    ttl: ttl.map(|seconds| pbjson_types::Duration { seconds, nanos: 0 }),
                    permissions,
                })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        AuthCommand::Whoami => {
            let answer = client.who_am_i(WhoAmIRequest {}).await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        AuthCommand::Key(KeyCommand::Create {
            name,
            permissions,
            namespaces,
        }) => {
            let answer = client
                .create_api_key(CreateApiKeyRequest {
                    name,
                    permissions,
                    namespaces,
                    ..Default::default()
                })
                .await?;
            if ctx.output == OutputFormat::Table {
                output::note("the secret is shown once: store it now");
            }
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        AuthCommand::Key(KeyCommand::List {
            include_inactive,
            paging,
        }) => {
            ctx.list(
                paging,
                "apiKeys",
                &[
                    ("key", "apiKeyUuid"),
                    ("name", "name"),
                    ("prefix", "prefix"),
                    ("permissions", "permissions"),
                    ("namespaces", "namespaces"),
                    ("created", "createdAt"),
                    ("revoked", "revokedAt"),
                ],
                |page_token, page_size| {
                    let request = ListApiKeysRequest {
                        page_size,
                        page_token,
                        include_inactive,
                    };
                    let client = &client;
                    async move { to_json(&client.list_api_keys(request).await?) }
                },
            )
            .await?;
        }
        AuthCommand::Key(KeyCommand::Revoke { key }) => {
            let answer = client
                .revoke_api_key(RevokeApiKeyRequest { api_key_uuid: key })
                .await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
    }
    Ok(())
}

async fn worker(ctx: &Ctx, command: WorkerCommand) -> anyhow::Result<()> {
    use tasker_client::worker_proto::{
        GetWorkerConfigRequest, GetWorkerHealthRequest, ListWorkerTemplatesRequest,
    };
    let client = ctx.worker().await?;
    match command {
        WorkerCommand::Health => {
            let answer = client.worker_health(GetWorkerHealthRequest {}).await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
        WorkerCommand::Templates => {
            let answer = client
                .list_worker_templates(ListWorkerTemplatesRequest::default())
                .await?;
            ctx.emit(
                &to_json(&answer)?,
                View::List {
                    items: "templates",
                    columns: &[
                        ("namespace", "namespace"),
                        ("name", "name"),
                        ("version", "version"),
                        ("handlers", "handlers"),
                        ("complete", "complete"),
                    ],
                },
            )?;
        }
        WorkerCommand::Config => {
            let answer = client.worker_config(GetWorkerConfigRequest {}).await?;
            ctx.emit(&to_json(&answer)?, View::Object)?;
        }
    }
    Ok(())
}
