//! The command line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Command line for Tasker: create and watch tasks, resolve steps, manage
/// templates, the dead-letter queue and API keys, over gRPC or REST.
///
/// Settings come from flags, then environment variables, then the selected
/// profile of the config file (`$XDG_CONFIG_HOME/tasker/config.toml`, or
/// the file named by TASKER_CLI_CONFIG), then defaults.
///
/// Exit codes: 0 success; 1 other error; 2 usage (also a value that
/// cannot be used, such as --context that is not a JSON object); 3 not found;
/// 4 unauthenticated; 5 permission denied; 6 invalid argument or failed
/// precondition; 7 already exists; 8 unavailable or unreachable; 9 deadline
/// exceeded; 10 the task ended in error, was cancelled or is blocked by a
/// failed step (watch, --wait).
#[derive(Debug, Parser)]
#[command(name = "tasker", version, propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options of every command.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// Orchestrator URL (default http://127.0.0.1:9090).
    #[arg(long, global = true, env = "TASKER_ENDPOINT")]
    pub(crate) endpoint: Option<String>,
    /// Worker process URL, for `tasker worker` (default http://127.0.0.1:9091).
    #[arg(long, global = true, env = "TASKER_WORKER_ENDPOINT")]
    pub(crate) worker_endpoint: Option<String>,
    /// Protocol: grpc (default) or rest.
    #[arg(long, global = true, value_enum, env = "TASKER_TRANSPORT")]
    pub(crate) transport: Option<TransportArg>,
    /// API key (`tk_…`).
    #[arg(long, global = true, env = "TASKER_API_KEY", hide_env_values = true)]
    pub(crate) api_key: Option<String>,
    /// Bearer token (a JWT); takes precedence over the API key.
    #[arg(long, global = true, env = "TASKER_TOKEN", hide_env_values = true)]
    pub(crate) token: Option<String>,
    /// PEM file of certificate authorities for https:// endpoints.
    #[arg(long, global = true, env = "TASKER_CA_FILE")]
    pub(crate) ca_file: Option<PathBuf>,
    /// Output format (default table).
    #[arg(long, short, global = true, value_enum, env = "TASKER_OUTPUT")]
    pub(crate) output: Option<OutputFormat>,
    /// Deadline of each call, in seconds (default 30).
    #[arg(long, global = true, env = "TASKER_TIMEOUT")]
    pub(crate) timeout: Option<f64>,
    /// Retry a call answered UNAVAILABLE this many times, after the delay
    /// the server asks for (default 0).
    #[arg(long, global = true, env = "TASKER_RETRIES")]
    pub(crate) retries: Option<u32>,
    /// Profile of the config file to use (default: its `default_profile`).
    #[arg(long, global = true, env = "TASKER_PROFILE")]
    pub(crate) profile: Option<String>,
}

/// Transport flag values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TransportArg {
    /// gRPC over HTTP/2.
    Grpc,
    /// REST/JSON through the HTTP bindings.
    Rest,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum OutputFormat {
    /// Human-readable tables.
    Table,
    /// Canonical proto3 JSON, one document per answer.
    Json,
    /// The proto3 JSON as YAML.
    Yaml,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Tasks: create, read, list, cancel, watch.
    #[command(subcommand)]
    Task(TaskCommand),
    /// Steps of a task: list, read, resolve by hand, audit trail.
    #[command(subcommand)]
    Step(StepCommand),
    /// Workflow templates.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// The dead-letter (investigation) queue.
    #[command(subcommand)]
    Dlq(DlqCommand),
    /// Performance metrics and bottlenecks.
    #[command(subcommand)]
    Analytics(AnalyticsCommand),
    /// Health of the orchestrator.
    Health(HealthArgs),
    /// The orchestrator's configuration (secrets redacted).
    Config,
    /// Tokens, identity and API keys.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// A worker process's own port (--worker-endpoint).
    #[command(subcommand)]
    Worker(WorkerCommand),
    /// Prints a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// How far a watch follows a task.
#[derive(Debug, Args, Clone, Copy)]
pub(crate) struct Follow {
    /// Keep watching a task blocked by a failed step (it waits for an
    /// operator to reset or resolve the step, or to cancel the task)
    /// instead of stopping with exit code 10.
    #[arg(long)]
    pub(crate) through_failures: bool,
}

/// Paging of list commands.
#[derive(Debug, Args, Clone, Copy)]
pub(crate) struct Paging {
    /// Fetch every page.
    #[arg(long, conflicts_with = "limit")]
    pub(crate) all: bool,
    /// At most this many items (default: one page).
    #[arg(long)]
    pub(crate) limit: Option<usize>,
    /// Items per request (server default when unset).
    #[arg(long)]
    pub(crate) page_size: Option<i32>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TaskCommand {
    /// Creates a task from a template.
    Create(TaskCreateArgs),
    /// Shows a task.
    Get {
        /// Task uuid.
        task: String,
    },
    /// Lists tasks, newest first.
    List(TaskListArgs),
    /// Cancels a task.
    Cancel {
        /// Task uuid.
        task: String,
        /// Why (recorded in the audit trail).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Shows a task's context and step results.
    Context {
        /// Task uuid.
        task: String,
    },
    /// Follows tasks live (one progress bar each) until they finish; exits
    /// 0 when all completed, 10 if one ended in error, was cancelled or is
    /// blocked by a failed step.
    Watch {
        /// Task uuids.
        #[arg(required = true)]
        tasks: Vec<String>,
        #[command(flatten)]
        follow: Follow,
    },
}

#[derive(Debug, Args)]
pub(crate) struct TaskCreateArgs {
    /// Template as namespace/name or namespace/name/version.
    pub(crate) template: String,
    /// Context as a JSON object, or @file with one.
    #[arg(long, short)]
    pub(crate) context: Option<String>,
    /// Who asks.
    #[arg(long, default_value = "")]
    pub(crate) initiator: String,
    /// System the request comes from.
    #[arg(long, default_value = "tasker-cli")]
    pub(crate) source_system: String,
    /// Why the task is created.
    #[arg(long, default_value = "")]
    pub(crate) reason: String,
    /// Scheduling priority (higher first).
    #[arg(long, default_value_t = 0)]
    pub(crate) priority: i32,
    /// Label (repeatable).
    #[arg(long = "tag")]
    pub(crate) tags: Vec<String>,
    /// Correlation id.
    #[arg(long, default_value = "")]
    pub(crate) correlation_id: String,
    /// Idempotency key.
    #[arg(long, default_value = "")]
    pub(crate) idempotency_key: String,
    /// Watch the task until it finishes (exit code as `task watch`).
    #[arg(long)]
    pub(crate) wait: bool,
    #[command(flatten)]
    pub(crate) follow: Follow,
}

#[derive(Debug, Args)]
pub(crate) struct TaskListArgs {
    /// Only this namespace.
    #[arg(long)]
    pub(crate) namespace: Option<String>,
    /// Only this template name.
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// Only these states (repeatable), e.g. complete, steps_in_process.
    #[arg(long = "state")]
    pub(crate) states: Vec<String>,
    /// Only tasks with every one of these tags (repeatable).
    #[arg(long = "tag")]
    pub(crate) tags: Vec<String>,
    /// Only this correlation id.
    #[arg(long)]
    pub(crate) correlation_id: Option<String>,
    #[command(flatten)]
    pub(crate) paging: Paging,
}

#[derive(Debug, Subcommand)]
pub(crate) enum StepCommand {
    /// Lists a task's steps.
    List {
        /// Task uuid.
        task: String,
        #[command(flatten)]
        paging: Paging,
    },
    /// Shows a step.
    Get {
        /// Task uuid.
        task: String,
        /// Step uuid.
        step: String,
    },
    /// Resolves a step by hand.
    Resolve(StepResolveArgs),
    /// Shows a step's audit trail.
    Audit {
        /// Task uuid.
        task: String,
        /// Step uuid.
        step: String,
        #[command(flatten)]
        paging: Paging,
    },
}

#[derive(Debug, Args)]
pub(crate) struct StepResolveArgs {
    /// Task uuid.
    pub(crate) task: String,
    /// Step uuid.
    pub(crate) step: String,
    /// reset-for-retry, resolve-manually or complete-manually.
    #[arg(long)]
    pub(crate) action: String,
    /// Why (required by the server).
    #[arg(long)]
    pub(crate) reason: String,
    /// Who resolves it (recorded with the credential's subject; default
    /// $USER).
    #[arg(long)]
    pub(crate) performed_by: Option<String>,
    /// Results for complete-manually, as a JSON object or @file.
    #[arg(long)]
    pub(crate) results: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TemplateCommand {
    /// Lists templates.
    List {
        /// Only this namespace.
        #[arg(long)]
        namespace: Option<String>,
        /// Only this name.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Shows a template: namespace/name/version.
    Get {
        /// namespace/name/version
        template: String,
    },
    /// Registers a template from a YAML file (`-` for stdin).
    Register {
        /// The YAML file.
        file: PathBuf,
    },
    /// Validates a template YAML file without registering it.
    Validate {
        /// The YAML file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum DlqCommand {
    /// Lists dead-letter entries.
    List {
        /// Only this resolution status (pending, manually-resolved, …).
        #[arg(long)]
        status: Option<String>,
        /// Only this reason (max-retries-exceeded, staleness-timeout, …).
        #[arg(long)]
        reason: Option<String>,
        /// Only this namespace.
        #[arg(long)]
        namespace: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Shows the entry of a task.
    Get {
        /// Task uuid.
        task: String,
    },
    /// Updates an investigation.
    Update {
        /// Entry uuid.
        entry: String,
        /// New resolution status.
        #[arg(long)]
        status: Option<String>,
        /// Investigation notes.
        #[arg(long)]
        notes: Option<String>,
        /// Who resolved it.
        #[arg(long)]
        resolved_by: Option<String>,
    },
    /// Counts by reason.
    Stats,
    /// The investigation queue, most urgent first.
    Queue {
        #[command(flatten)]
        paging: Paging,
    },
    /// Time in state of running tasks against their thresholds.
    Staleness {
        /// Only at least this health (warning, stale).
        #[arg(long)]
        min_health: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AnalyticsCommand {
    /// Throughput, completion rate and durations.
    Performance {
        /// Only this namespace.
        #[arg(long)]
        namespace: Option<String>,
    },
    /// Slowest steps and tasks.
    Bottlenecks {
        /// Only this namespace.
        #[arg(long)]
        namespace: Option<String>,
        /// How many of each.
        #[arg(long)]
        limit: Option<i32>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct HealthArgs {
    /// Every component's health.
    #[arg(long, conflicts_with_all = ["live", "ready"])]
    pub(crate) detailed: bool,
    /// The liveness probe.
    #[arg(long, conflicts_with = "ready")]
    pub(crate) live: bool,
    /// The readiness probe.
    #[arg(long)]
    pub(crate) ready: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Exchanges the API key for a short-lived JWT.
    Token {
        /// Lifetime in seconds (server default when unset).
        #[arg(long)]
        ttl: Option<i64>,
        /// Narrow the token to these permissions (repeatable).
        #[arg(long = "permission")]
        permissions: Vec<String>,
    },
    /// Who the credential is.
    Whoami,
    /// API keys.
    #[command(subcommand)]
    Key(KeyCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum KeyCommand {
    /// Creates an API key; its secret is printed once.
    Create {
        /// Key name.
        name: String,
        /// Permission (repeatable), e.g. tasks:read; none means all.
        #[arg(long = "permission")]
        permissions: Vec<String>,
        /// Namespace the key is limited to (repeatable).
        #[arg(long = "namespace")]
        namespaces: Vec<String>,
    },
    /// Lists API keys.
    List {
        /// Include revoked and expired keys.
        #[arg(long)]
        include_inactive: bool,
        #[command(flatten)]
        paging: Paging,
    },
    /// Revokes an API key.
    Revoke {
        /// Key uuid.
        key: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum WorkerCommand {
    /// The worker's health.
    Health,
    /// The templates the worker can run.
    Templates,
    /// The worker's configuration (secrets redacted).
    Config,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod reference_examples {
    //! The `cli` examples of the API reference's notes
    //! (`proto/tasker/{v1,worker/v1}/reference.toml`) are commands this grammar accepts.

    use clap::Parser as _;

    use super::Cli;

    /// Splits a command line as a POSIX shell would for these examples:
    /// whitespace, '…' (literal) and "…" (with \" and \\ escapes).
    fn shell_words(line: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\'' => {
                    in_word = true;
                    for inner in chars.by_ref() {
                        if inner == '\'' {
                            break;
                        }
                        word.push(inner);
                    }
                }
                '"' => {
                    in_word = true;
                    while let Some(inner) = chars.next() {
                        match inner {
                            '"' => break,
                            '\\' => word.extend(chars.next()),
                            other => word.push(other),
                        }
                    }
                }
                c if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                other => {
                    in_word = true;
                    word.push(other);
                }
            }
        }
        if in_word {
            words.push(word);
        }
        words
    }

    #[test]
    fn words_are_split_as_a_shell_would() {
        assert_eq!(
            shell_words(r#"tasker a --c '{"v": 1}' "x \"y\"" z"#),
            ["tasker", "a", "--c", r#"{"v": 1}"#, r#"x "y""#, "z"]
        );
    }

    #[test]
    fn every_reference_example_parses() {
        let mut methods = toml::Table::new();
        for path in [
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../proto/tasker/v1/reference.toml"
            ),
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../proto/tasker/worker/v1/reference.toml"
            ),
        ] {
            let notes: toml::Table =
                toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            methods.extend(notes["methods"].as_table().expect("[methods]").clone());
        }
        assert!(methods.contains_key("tasker.worker.v1.WorkerConfigService.GetWorkerConfig"));
        let mut checked = 0;
        for (method, entry) in &methods {
            let Some(cli) = entry.get("cli").and_then(toml::Value::as_str) else {
                continue;
            };
            let words = shell_words(cli);
            assert_eq!(
                words.first().map(String::as_str),
                Some("tasker"),
                "{method}: {cli}"
            );
            if let Err(error) = Cli::try_parse_from(&words) {
                panic!("{method}: `{cli}` does not parse:\n{error}");
            }
            checked += 1;
        }
        assert!(checked >= 30, "only {checked} CLI examples");
    }
}
