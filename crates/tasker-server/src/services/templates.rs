//! `tasker.v1.TemplateService`, and registering templates at start (the configured directory, the compiled-in examples).

use std::path::Path;
use std::sync::Arc;

use tasker_core::template::Template;
use tasker_proto::v1::template_service_server::TemplateService;
use tasker_proto::v1::{
    GetTemplateRequest, GetTemplateResponse, ListTemplatesRequest, ListTemplatesResponse,
    RegisterTemplateRequest, RegisterTemplateResponse, TemplateViolation, ValidateTemplateRequest,
    ValidateTemplateResponse, register_template_request, validate_template_request,
};
use tonic::Request;

use crate::convert::to_proto;
use crate::error::grpc_service;
use crate::services::{page_error, page_size};
use crate::{AppState, ServerError};

/// Implementation of `tasker.v1.TemplateService`.
#[derive(Debug, Clone)]
pub struct Templates {
    state: Arc<AppState>,
}

impl Templates {
    /// A template service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }
}

/// Registers every `*.yaml` template under `dir` (empty: none); a directory
/// that cannot be read is a warning, an invalid template an error naming the
/// file.
pub async fn load_directory(state: &AppState, dir: &Path) -> Result<usize, ServerError> {
    if dir.as_os_str().is_empty() {
        return Ok(0);
    }
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(error) => {
            tracing::warn!(directory = %dir.display(), %error, "templates.directory cannot be read; no templates loaded from it");
            return Ok(0);
        }
    };
    let mut files = Vec::new();
    while let Some(entry) = entries.next_entry().await? {
        let path = entry.path();
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path)?.flatten().map(|e| e.path()));
        } else {
            files.push(path);
        }
    }
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"));
    files.sort();
    for file in &files {
        let text = tokio::fs::read_to_string(file).await?;
        register_at_start(state, &file.display().to_string(), &text).await?;
    }
    Ok(files.len())
}

/// The error for a template that is not registered: "template ns/name
/// (version 1.0.0) not found", or "(any version)".
pub fn not_found(namespace: &str, name: &str, version: &str) -> ServerError {
    if version.is_empty() {
        ServerError::NotFound(format!("template {namespace}/{name} (any version)"))
    } else {
        ServerError::NotFound(format!("template {namespace}/{name} (version {version})"))
    }
}

/// Registers the compiled-in `examples` templates, for the embedded example
/// worker's handlers.
pub async fn register_examples(state: &AppState) -> Result<usize, ServerError> {
    for (i, text) in tasker_examples::TEMPLATES.iter().enumerate() {
        register_at_start(state, &format!("compiled-in example #{i}"), text).await?;
    }
    Ok(tasker_examples::TEMPLATES.len())
}

/// Registers one template read at start-up from `origin`; an invalid or
/// conflicting one is a configuration error naming it.
async fn register_at_start(state: &AppState, origin: &str, text: &str) -> Result<(), ServerError> {
    let template =
        Template::load(text).map_err(|e| ServerError::Config(format!("template {origin}: {e}")))?;
    state
        .store
        .register_template(&template)
        .await
        .map_err(|e| match e {
            tasker_store::StoreError::KeyTaken(message) => {
                ServerError::Config(format!("template {origin}: {message}"))
            }
            other => ServerError::Store(other),
        })?;
    Ok(())
}

fn parse(
    template: Option<&tasker_proto::v1::Template>,
    yaml: Option<&str>,
) -> Result<Template, ServerError> {
    match (template, yaml) {
        (_, Some(yaml)) => Template::from_yaml(yaml).map_err(ServerError::Core),
        (Some(message), None) => {
            let json = serde_json::to_value(message)
                .map_err(|e| ServerError::InvalidArgument(e.to_string()))?;
            let yaml = message_to_yaml(&json);
            Template::from_yaml(&yaml).map_err(ServerError::Core)
        }
        (None, None) => Err(ServerError::InvalidArgument(
            "template or yaml: one is required".into(),
        )),
    }
}

/// The template message as the YAML the domain parser reads: proto3 JSON is
/// YAML, once durations and field names use the template format.
fn message_to_yaml(json: &serde_json::Value) -> String {
    fn convert(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .filter(|(k, _)| k.as_str() != "contentHash" && k.as_str() != "createdAt")
                    .map(|(k, v)| {
                        // User documents keep their own keys.
                        let value = if k == "handlerConfig" || k == "contextSchema" {
                            v.clone()
                        } else {
                            convert(v)
                        };
                        (snake(k), value)
                    })
                    .collect(),
            ),
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(convert).collect())
            }
            other => other.clone(),
        }
    }
    fn snake(key: &str) -> String {
        let mut out = String::new();
        for c in key.chars() {
            if c.is_ascii_uppercase() {
                out.push('_');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }
    convert(json).to_string()
}

fn violations(error: &ServerError) -> Option<Vec<TemplateViolation>> {
    match error {
        ServerError::Core(tasker_core::CoreError::InvalidTemplate { violations }) => Some(
            violations
                .iter()
                .map(|v| TemplateViolation {
                    field: v.field.clone(),
                    description: v.description.clone(),
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Templates {
    async fn list_templates(
        &self,
        request: Request<ListTemplatesRequest>,
    ) -> Result<ListTemplatesResponse, ServerError> {
        let scope = crate::scope::caller(&request);
        let request = request.into_inner();
        let limit = page_size(request.page_size, self.state.config.server.max_page_size)?;
        let after = tasker_proto::page::decode_parts("templates", &request.page_token)
            .map_err(page_error)?
            .map(|[namespace, name, version]| (namespace, name, version));
        let namespace = Some(request.namespace.as_str()).filter(|s| !s.is_empty());
        let name = Some(request.name.as_str()).filter(|s| !s.is_empty());
        let records = self
            .state
            .store
            .list_templates(namespace, name, &scope, after, limit + 1)
            .await?;
        let more = records.len() as i64 > limit;
        let records: Vec<_> = records
            .into_iter()
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect();
        let next_page_token = match (more, records.last()) {
            (true, Some(last)) => tasker_proto::page::encode_parts(
                "templates",
                &[
                    &last.template.namespace,
                    &last.template.name,
                    &last.template.version,
                ],
            ),
            _ => String::new(),
        };
        Ok(ListTemplatesResponse {
            templates: records.iter().map(to_proto::template).collect(),
            next_page_token,
        })
    }

    async fn get_template(
        &self,
        request: Request<GetTemplateRequest>,
    ) -> Result<GetTemplateResponse, ServerError> {
        let scope = crate::scope::caller(&request);
        let request = request.into_inner();
        if request.namespace.is_empty() || request.name.is_empty() {
            return Err(ServerError::InvalidArgument(
                "namespace and name: required".into(),
            ));
        }
        let record = if scope.contains(&request.namespace) {
            self.state
                .store
                .get_template(&request.namespace, &request.name, &request.version)
                .await?
        } else {
            // Outside the caller's namespaces: answered as if absent.
            None
        };
        let record =
            record.ok_or_else(|| not_found(&request.namespace, &request.name, &request.version))?;
        Ok(GetTemplateResponse {
            template: Some(to_proto::template(&record)),
        })
    }

    async fn register_template(
        &self,
        request: Request<RegisterTemplateRequest>,
    ) -> Result<RegisterTemplateResponse, ServerError> {
        let scope = crate::scope::caller(&request);
        let request = request.into_inner();
        let template = match &request.source {
            Some(register_template_request::Source::Template(t)) => parse(Some(t), None)?,
            Some(register_template_request::Source::Yaml(y)) => parse(None, Some(y))?,
            None => parse(None, None)?,
        };
        crate::scope::require(&scope, &template.namespace)?;
        template.validate().map_err(ServerError::Core)?;
        let (record, created) = self.state.store.register_template(&template).await?;
        Ok(RegisterTemplateResponse {
            template: Some(to_proto::template(&record)),
            created,
        })
    }

    async fn validate_template(
        &self,
        request: Request<ValidateTemplateRequest>,
    ) -> Result<ValidateTemplateResponse, ServerError> {
        let request = request.into_inner();
        let parsed = match &request.source {
            Some(validate_template_request::Source::Template(t)) => parse(Some(t), None),
            Some(validate_template_request::Source::Yaml(y)) => parse(None, Some(y)),
            None => parse(None, None),
        };
        let checked = parsed.and_then(|t| t.validate().map(|()| t).map_err(ServerError::Core));
        match checked {
            Ok(template) => {
                let record = tasker_store::TemplateRecord {
                    content_hash: template.content_hash(),
                    template,
                    created_at: 0,
                };
                let mut message = to_proto::template(&record);
                message.created_at = None;
                Ok(ValidateTemplateResponse {
                    valid: true,
                    violations: vec![],
                    template: Some(message),
                })
            }
            Err(error) => match violations(&error) {
                Some(violations) => Ok(ValidateTemplateResponse {
                    valid: false,
                    violations,
                    template: None,
                }),
                None => Err(error),
            },
        }
    }
}

grpc_service! {
    impl TemplateService for Templates {
        fn list_templates(ListTemplatesRequest) -> ListTemplatesResponse;
        fn get_template(GetTemplateRequest) -> GetTemplateResponse;
        fn register_template(RegisterTemplateRequest) -> RegisterTemplateResponse;
        fn validate_template(ValidateTemplateRequest) -> ValidateTemplateResponse;
    }
}
