//! `target=markdown`: an API reference per proto package, in Markdown.
//!
//! For each service, in declaration order: its doc comment, a table of its
//! RPCs, and per RPC its comment, the gRPC method, every HTTP binding, every
//! custom method option other than `google.api.http` (rendered in protobuf
//! text format, so an access rule declared in the proto shows as declared),
//! the request and response fields with their types and comments, and —
//! from the optional notes file — how namespaces bound it, the errors it can
//! return and example calls. Then every other message and every enum of the
//! package with all their fields and values, and the JSON forms of the
//! well-known types used.
//!
//! The notes file (`notes=<path>` plugin option, TOML, see [`Notes`]) holds
//! what a schema cannot: it must name every RPC of the package and nothing
//! else, and every request example must parse as the RPC's request message
//! in proto3 JSON, so a renamed field or a new RPC fails generation instead
//! of leaving the reference stale.
//!
//! Anchors follow GitHub's heading slugs (lowercase, punctuation dropped,
//! spaces as hyphens), computed by [`slug`].

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;

use prost_reflect::{
    DynamicMessage, EnumDescriptor, FieldDescriptor, Kind, MessageDescriptor, MethodDescriptor,
};
use serde::Deserialize;
use serde_json::Value;
use tasker_gateway_routes::rule::HTTP_OPTION;
use tasker_gateway_routes::{BodyBinding, ValidatedRoute};

use crate::comments::{Comments, first_paragraph};
use crate::{Error, PackageRoutes};

/// What the schema cannot say about each RPC, read from the notes file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// The proto package these notes are about; required when the plugin is
    /// given several notes files (one per package), optional with one.
    #[serde(default)]
    pub package: Option<String>,
    /// Markdown placed after the title, before the contents.
    #[serde(default)]
    pub intro: String,
    /// How the example calls are written; without it no examples are written.
    pub examples: Option<ExampleSettings>,
    /// Per service, by full name (`pkg.Service`).
    #[serde(default)]
    pub services: BTreeMap<String, ServiceNotes>,
    /// Per RPC, by full name (`pkg.Service.Method`); every RPC of the
    /// package must have an entry.
    #[serde(default)]
    pub methods: BTreeMap<String, MethodNotes>,
}

/// How example calls are written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSettings {
    /// Base URL of the server, for example `http://127.0.0.1:8080`.
    pub url: String,
    /// The `buf curl` command and its fixed flags.
    pub buf_curl: String,
    /// The `curl` command and its fixed flags.
    pub curl: String,
    /// Headers sent by every example that needs a credential, as
    /// `name: value` (shell variables allowed: they are double-quoted).
    #[serde(default)]
    pub headers: Vec<String>,
    /// Which custom option value marks an RPC as needing no credential, in
    /// text format, for example `(pkg.auth) {public:true}`: its examples are
    /// written without `headers`.
    #[serde(default)]
    pub public_option: String,
    /// Title of the third example (a command-line tool), for example
    /// `mytool CLI`.
    #[serde(default)]
    pub cli_title: String,
}

/// Notes on one service.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceNotes {
    /// Base URL for this service's examples, when it is served elsewhere.
    pub url: Option<String>,
    /// Markdown placed after the service's comment.
    #[serde(default)]
    pub note: String,
}

/// Notes on one RPC.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodNotes {
    /// How a caller's namespaces bound the RPC (Markdown, one paragraph).
    #[serde(default)]
    pub namespaces: String,
    /// The errors the RPC can return, one Markdown line each (`CODE: when`).
    #[serde(default)]
    pub errors: Vec<String>,
    /// A request in proto3 JSON, the basis of every example call.
    #[serde(default)]
    pub request: Option<String>,
    /// The command-line example, or none when the tool has no command for it.
    #[serde(default)]
    pub cli: Option<String>,
}

impl Notes {
    /// Parses a notes file.
    ///
    /// # Errors
    /// [`Error::Notes`] naming the problem.
    pub fn parse(text: &str) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| Error::Notes(e.to_string()))
    }
}

/// The notes of one run of the plugin: one file for every package it
/// generates, or one file per package, each naming its `package`. With
/// per-package files, every generated package with services must have one,
/// and each file must name a generated package: an RPC is never documented
/// without its notes by mistake.
#[derive(Debug, Clone, Default)]
pub struct NotesSet {
    every: Option<Notes>,
    by_package: BTreeMap<String, Notes>,
}

impl NotesSet {
    /// One file for every package (or none).
    pub fn single(notes: Option<Notes>) -> Self {
        Self {
            every: notes,
            by_package: BTreeMap::new(),
        }
    }

    /// The notes files given to the plugin, in order: a single file applies
    /// to every package unless it names one; several files must each name a
    /// different package.
    ///
    /// # Errors
    /// [`Error::Notes`] when one of several files names no package, or two
    /// name the same one.
    pub fn new(files: Vec<Notes>) -> Result<Self, Error> {
        if let [single] = files.as_slice()
            && single.package.is_none()
        {
            return Ok(Self::single(files.into_iter().next()));
        }
        let mut by_package = BTreeMap::new();
        for notes in files {
            let Some(package) = notes.package.clone() else {
                return Err(Error::Notes(
                    "with several notes files, each must name its `package`".into(),
                ));
            };
            if by_package.insert(package.clone(), notes).is_some() {
                return Err(Error::Notes(format!(
                    "two notes files name package {package}"
                )));
            }
        }
        Ok(Self {
            every: None,
            by_package,
        })
    }

    /// Checks the per-package files against the packages generated (those
    /// with services).
    ///
    /// # Errors
    /// [`Error::Notes`] for a file of a package not generated, or a package
    /// without notes while others have them.
    pub fn check_packages<'p>(&self, packages: impl Iterator<Item = &'p str>) -> Result<(), Error> {
        let packages: BTreeSet<&str> = packages.collect();
        if let Some(notes) = &self.every {
            return match &notes.package {
                Some(package) if !packages.contains(package.as_str()) => Err(Error::Notes(
                    format!("the notes are about {package}, which is not generated"),
                )),
                Some(package) if packages.len() > 1 => Err(Error::Notes(format!(
                    "the notes are about {package} only; give one notes file per package"
                ))),
                _ => Ok(()),
            };
        }
        if self.by_package.is_empty() {
            return Ok(());
        }
        for package in self.by_package.keys() {
            if !packages.contains(package.as_str()) {
                return Err(Error::Notes(format!(
                    "a notes file names package {package}, which is not generated"
                )));
            }
        }
        if let Some(package) = packages.iter().find(|p| !self.by_package.contains_key(**p)) {
            return Err(Error::Notes(format!("no notes file for package {package}")));
        }
        Ok(())
    }

    /// The notes of `package`, if any.
    pub fn for_package(&self, package: &str) -> Option<&Notes> {
        self.every.as_ref().or_else(|| self.by_package.get(package))
    }
}

/// GitHub's anchor for a heading: lowercase, every character but letters,
/// digits, spaces, `-` and `_` dropped, spaces turned into `-`.
pub fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c == ' ' {
                Some("-".to_owned())
            } else {
                None
            }
        })
        .collect()
}

/// The reference of `package` as Markdown.
///
/// # Errors
/// [`Error::Notes`] when `notes` miss an RPC, name one that does not exist,
/// or hold a request example that is not the RPC's request in proto3 JSON.
pub fn document(
    package: &PackageRoutes,
    comments: &Comments,
    notes: Option<&Notes>,
) -> Result<String, Error> {
    let empty = Notes::default();
    let notes_given = notes.is_some();
    let notes = notes.unwrap_or(&empty);
    let mut writer = Writer {
        package,
        comments,
        notes,
        out: String::new(),
        described: HashSet::new(),
        well_known: BTreeSet::new(),
    };
    writer.check_notes(notes_given)?;
    writer.write()?;
    Ok(writer.out)
}

struct Writer<'a> {
    package: &'a PackageRoutes,
    comments: &'a Comments,
    notes: &'a Notes,
    out: String,
    /// Messages already given a heading (request/response sections).
    described: HashSet<String>,
    /// Well-known types referenced, for the closing section.
    well_known: BTreeSet<String>,
}

impl<'a> Writer<'a> {
    fn methods(&self) -> Vec<MethodDescriptor> {
        self.package
            .files
            .iter()
            .flat_map(|f| f.services())
            .flat_map(|s| s.methods().collect::<Vec<_>>())
            .collect()
    }

    fn check_notes(&self, notes_given: bool) -> Result<(), Error> {
        let methods = self.methods();
        let names: BTreeSet<&str> = methods.iter().map(MethodDescriptor::full_name).collect();
        for name in self.notes.methods.keys() {
            if !names.contains(name.as_str()) {
                return Err(Error::Notes(format!(
                    "notes name {name}, which is not an RPC of {}",
                    self.package.package
                )));
            }
        }
        for name in self.notes.services.keys() {
            let known = self
                .package
                .files
                .iter()
                .flat_map(|f| f.services())
                .any(|s| s.full_name() == name);
            if !known {
                return Err(Error::Notes(format!(
                    "notes name service {name}, which is not a service of {}",
                    self.package.package
                )));
            }
        }
        for method in &methods {
            let Some(entry) = self.notes.methods.get(method.full_name()) else {
                if notes_given {
                    return Err(Error::Notes(format!(
                        "notes have no entry [methods.\"{}\"]",
                        method.full_name()
                    )));
                }
                continue;
            };
            if let Some(request) = &entry.request {
                parse_request(&method.input(), request).map_err(|e| {
                    Error::Notes(format!(
                        "{}: the request example is not a {} in proto3 JSON: {e}",
                        method.full_name(),
                        method.input().full_name()
                    ))
                })?;
            }
        }
        Ok(())
    }

    fn write(&mut self) -> Result<(), Error> {
        let package = self.package.package.clone();
        let _ = writeln!(self.out, "# `{package}` API reference\n");
        let _ = writeln!(
            self.out,
            "<!-- Generated by protoc-gen-tasker-gateway (target=markdown) from the proto \
             files and their notes; do not edit. -->\n"
        );
        if !self.notes.intro.trim().is_empty() {
            let _ = writeln!(self.out, "{}\n", self.notes.intro.trim());
        }
        self.contents();
        let files = self.package.files.clone();
        for file in &files {
            for service in file.services() {
                self.service(&service)?;
            }
        }
        self.other_messages();
        self.enums();
        self.well_known_section();
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        Ok(())
    }

    fn contents(&mut self) {
        let _ = writeln!(self.out, "## Contents\n");
        let files = self.package.files.clone();
        for file in &files {
            for service in file.services() {
                let summary = self
                    .comments
                    .get(file.name(), service.path())
                    .map(first_paragraph)
                    .unwrap_or_default();
                let _ = writeln!(
                    self.out,
                    "- [{}](#{}) — {summary}",
                    service.name(),
                    slug(service.name())
                );
                let methods: Vec<String> = service
                    .methods()
                    .map(|m| {
                        format!(
                            "[{}](#{})",
                            m.name(),
                            slug(&format!("{}.{}", service.name(), m.name()))
                        )
                    })
                    .collect();
                let _ = writeln!(self.out, "  - {}", methods.join(", "));
            }
        }
        let _ = writeln!(self.out, "- [Other messages](#other-messages)");
        let _ = writeln!(self.out, "- [Enums](#enums)");
        let _ = writeln!(self.out, "- [Well-known types](#well-known-types)\n");
    }

    fn service(&mut self, service: &prost_reflect::ServiceDescriptor) -> Result<(), Error> {
        let _ = writeln!(self.out, "## {}\n", service.name());
        if let Some(text) = self
            .comments
            .get(service.parent_file().name(), service.path())
        {
            let _ = writeln!(self.out, "{text}\n");
        }
        if let Some(note) = self.notes.services.get(service.full_name())
            && !note.note.trim().is_empty()
        {
            let _ = writeln!(self.out, "{}\n", note.note.trim());
        }
        let _ = writeln!(self.out, "| RPC | HTTP | options |\n|---|---|---|");
        for method in service.methods() {
            let anchor = slug(&format!("{}.{}", service.name(), method.name()));
            let bindings: Vec<String> = self
                .routes_of(&method)
                .iter()
                .map(|r| format!("`{} {}`", r.route.http_method, r.route.path))
                .collect();
            let _ = writeln!(
                self.out,
                "| [{}](#{anchor}) | {} | {} |",
                method.name(),
                bindings.join("<br>"),
                escape_cell(
                    &custom_options(&method)
                        .iter()
                        .map(|o| format!("`{o}`"))
                        .collect::<Vec<_>>()
                        .join("<br>")
                )
            );
        }
        self.out.push('\n');
        for method in service.methods() {
            self.method(&method)?;
        }
        Ok(())
    }

    fn routes_of(&self, method: &MethodDescriptor) -> Vec<&'a ValidatedRoute> {
        let package: &'a PackageRoutes = self.package;
        package
            .routes
            .iter()
            .filter(|(r, _)| r.method.full_name() == method.full_name())
            .map(|(r, _)| r)
            .collect()
    }

    fn method(&mut self, method: &MethodDescriptor) -> Result<(), Error> {
        let service = method.parent_service();
        let _ = writeln!(self.out, "### {}.{}\n", service.name(), method.name());
        if let Some(text) = self
            .comments
            .get(method.parent_file().name(), method.path())
        {
            let _ = writeln!(self.out, "{text}\n");
        }
        let kind = match (method.is_client_streaming(), method.is_server_streaming()) {
            (false, false) => "unary",
            (false, true) => "server streaming",
            (true, false) => "client streaming",
            (true, true) => "bidirectional streaming",
        };
        let _ = writeln!(self.out, "| | |\n|---|---|");
        let _ = writeln!(
            self.out,
            "| gRPC | `{}/{}` ({kind}) |",
            service.full_name(),
            method.name()
        );
        for route in self.routes_of(method) {
            let body = match &route.body {
                BodyBinding::Empty => "no body; other fields as query parameters".to_owned(),
                BodyBinding::Whole => "body: the request's fields not in the path".to_owned(),
                BodyBinding::Field(field) => format!(
                    "body: `{}`; other fields as query parameters",
                    field.json_name()
                ),
            };
            let streaming = if method.is_server_streaming() {
                "; answers NDJSON, or SSE with `accept: text/event-stream`"
            } else {
                ""
            };
            let _ = writeln!(
                self.out,
                "| REST | `{} {}` ({body}{streaming}) |",
                route.route.http_method, route.route.path
            );
        }
        for option in custom_options(method) {
            let _ = writeln!(self.out, "| option | `{}` |", escape_cell(&option));
        }
        let all: &'a Notes = self.notes;
        let notes = all.methods.get(method.full_name());
        if let Some(notes) = notes
            && !notes.namespaces.trim().is_empty()
        {
            let _ = writeln!(
                self.out,
                "| namespaces | {} |",
                escape_cell(notes.namespaces.trim())
            );
        }
        let request = self.type_link(&method.input());
        let response = self.type_link(&method.output());
        let _ = writeln!(
            self.out,
            "| request | {request} |\n| response | {response} |\n"
        );
        if let Some(notes) = notes
            && !notes.errors.is_empty()
        {
            let _ = writeln!(self.out, "Errors:\n");
            for error in &notes.errors {
                let _ = writeln!(self.out, "- {}", error.trim());
            }
            self.out.push('\n');
        }
        self.examples(method, notes)?;
        for message in [method.input(), method.output()] {
            if self.described.insert(message.full_name().to_owned())
                && message.package_name() == self.package.package
            {
                self.message(&message, 4);
            }
        }
        Ok(())
    }

    fn examples(
        &mut self,
        method: &MethodDescriptor,
        notes: Option<&MethodNotes>,
    ) -> Result<(), Error> {
        let all: &'a Notes = self.notes;
        let Some(settings) = &all.examples else {
            return Ok(());
        };
        let Some(notes) = notes else {
            return Ok(());
        };
        let request = match &notes.request {
            Some(text) => parse_request(&method.input(), text).map_err(Error::Notes)?,
            None => Value::Object(serde_json::Map::new()),
        };
        let url = all
            .services
            .get(method.parent_service().full_name())
            .and_then(|s| s.url.clone())
            .unwrap_or_else(|| settings.url.clone());
        let public = !settings.public_option.is_empty()
            && custom_options(method).contains(&settings.public_option);
        let headers: Vec<String> = if public {
            Vec::new()
        } else {
            settings
                .headers
                .iter()
                .map(|h| format!("-H \"{}\"", h.replace('"', "\\\"")))
                .collect()
        };
        let _ = writeln!(self.out, "Examples:\n");
        // buf curl
        let mut words = vec![settings.buf_curl.clone()];
        words.extend(headers.iter().cloned());
        if request.as_object().is_some_and(|o| !o.is_empty()) {
            words.push(format!("--data {}", shell_quote(&request.to_string())));
        }
        words.push(format!(
            "{}/{}/{}",
            url.trim_end_matches('/'),
            method.parent_service().full_name(),
            method.name()
        ));
        let _ = writeln!(self.out, "```sh\n{}\n```\n", words.join(" \\\n  "));
        // curl, on the primary binding
        if let Some(route) = self.routes_of(method).first() {
            let call = curl_call(route, &request, &url);
            let mut words = vec![settings.curl.clone()];
            if method.is_server_streaming() {
                words.push("-N".to_owned());
            }
            if route.route.http_method.as_str() != "GET" {
                words.push(format!("-X {}", route.route.http_method));
            }
            words.push(shell_quote(&call.url));
            words.extend(headers.iter().cloned());
            if let Some(body) = call.body {
                words.push("-H 'content-type: application/json'".to_owned());
                words.push(format!("-d {}", shell_quote(&body)));
            }
            let _ = writeln!(self.out, "```sh\n{}\n```\n", words.join(" \\\n  "));
        }
        if !settings.cli_title.is_empty() {
            match &notes.cli {
                Some(cli) => {
                    let _ = writeln!(self.out, "```sh\n{}\n```\n", cli.trim());
                }
                None => {
                    let _ = writeln!(self.out, "{}: no command.\n", settings.cli_title);
                }
            }
        }
        Ok(())
    }

    fn type_link(&mut self, message: &MessageDescriptor) -> String {
        if message.package_name() == self.package.package {
            format!(
                "[`{}`](#{})",
                local_name(message),
                slug(&local_name(message))
            )
        } else {
            if message.package_name() == "google.protobuf" {
                self.well_known.insert(message.full_name().to_owned());
            }
            format!("`{}`", message.full_name())
        }
    }

    fn enum_link(&self, enumeration: &EnumDescriptor) -> String {
        if enumeration.package_name() == self.package.package {
            let name = enum_local_name(enumeration);
            format!("[`{name}`](#{})", slug(&name))
        } else {
            format!("`{}`", enumeration.full_name())
        }
    }

    fn field_type(&mut self, field: &FieldDescriptor) -> String {
        if field.is_map()
            && let Kind::Message(entry) = field.kind()
        {
            let key = entry.map_entry_key_field();
            let value = entry.map_entry_value_field();
            return format!(
                "map<{}, {}>",
                self.kind_name(&key.kind()),
                self.kind_name(&value.kind())
            );
        }
        let name = self.kind_name(&field.kind());
        if field.is_list() {
            format!("repeated {name}")
        } else if field.field_descriptor_proto().proto3_optional() {
            format!("optional {name}")
        } else {
            name
        }
    }

    fn kind_name(&mut self, kind: &Kind) -> String {
        match kind {
            Kind::Message(message) => self.type_link(message),
            Kind::Enum(enumeration) => self.enum_link(enumeration),
            scalar => format!("`{}`", scalar_name(scalar)),
        }
    }

    fn message(&mut self, message: &MessageDescriptor, level: usize) {
        let name = local_name(message);
        let _ = writeln!(self.out, "{} {name}\n", "#".repeat(level));
        if let Some(text) = self
            .comments
            .get(message.parent_file().name(), message.path())
        {
            let _ = writeln!(self.out, "{text}\n");
        }
        if message.fields().len() == 0 {
            let _ = writeln!(self.out, "No fields.\n");
            return;
        }
        let _ = writeln!(
            self.out,
            "| field | JSON | type | description |\n|---|---|---|---|"
        );
        for field in message.fields() {
            let mut description = self
                .comments
                .get(field.parent_file().name(), field.path())
                .map(cell_text)
                .unwrap_or_default();
            if let Some(oneof) = field.containing_oneof()
                && !oneof.is_synthetic()
            {
                let _ = write!(description, " (one of `{}`)", oneof.name());
            }
            let ty = self.field_type(&field);
            let _ = writeln!(
                self.out,
                "| `{}` | `{}` | {ty} | {} |",
                field.name(),
                field.json_name(),
                description.trim()
            );
        }
        self.out.push('\n');
        // Nested types are listed among the other messages and enums.
    }

    fn package_messages(&self) -> Vec<MessageDescriptor> {
        fn walk(message: MessageDescriptor, out: &mut Vec<MessageDescriptor>) {
            if message.is_map_entry() {
                return;
            }
            let nested: Vec<MessageDescriptor> = message.child_messages().collect();
            out.push(message);
            for child in nested {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for file in &self.package.files {
            for message in file.messages() {
                walk(message, &mut out);
            }
        }
        out
    }

    fn other_messages(&mut self) {
        let _ = writeln!(self.out, "## Other messages\n");
        let mut any = false;
        for message in self.package_messages() {
            if self.described.insert(message.full_name().to_owned()) {
                self.message(&message, 3);
                any = true;
            }
        }
        if !any {
            let _ = writeln!(self.out, "None.\n");
        }
    }

    fn enums(&mut self) {
        let _ = writeln!(self.out, "## Enums\n");
        let mut enums: Vec<EnumDescriptor> = Vec::new();
        for file in &self.package.files {
            enums.extend(file.enums());
        }
        for message in self.package_messages() {
            enums.extend(message.child_enums());
        }
        if enums.is_empty() {
            let _ = writeln!(self.out, "None.\n");
        }
        for enumeration in enums {
            let _ = writeln!(self.out, "### {}\n", enum_local_name(&enumeration));
            if let Some(text) = self
                .comments
                .get(enumeration.parent_file().name(), enumeration.path())
            {
                let _ = writeln!(self.out, "{text}\n");
            }
            let _ = writeln!(self.out, "| value | number | description |\n|---|---|---|");
            for value in enumeration.values() {
                let description = self
                    .comments
                    .get(value.parent_file().name(), value.path())
                    .map(cell_text)
                    .unwrap_or_default();
                let _ = writeln!(
                    self.out,
                    "| `{}` | {} | {} |",
                    value.name(),
                    value.number(),
                    description
                );
            }
            self.out.push('\n');
        }
    }

    fn well_known_section(&mut self) {
        // Types reached only through other messages' fields are recorded as
        // the tables are written; list what their JSON looks like.
        let _ = writeln!(self.out, "## Well-known types\n");
        if self.well_known.is_empty() {
            let _ = writeln!(self.out, "None.\n");
            return;
        }
        let _ = writeln!(
            self.out,
            "Fields of these types take their proto3 JSON forms in REST bodies, query \
             parameters and `buf curl` data.\n"
        );
        let _ = writeln!(self.out, "| type | JSON |\n|---|---|");
        let used: Vec<String> = self.well_known.iter().cloned().collect();
        for name in used {
            let _ = writeln!(self.out, "| `{name}` | {} |", well_known_json(&name));
        }
        self.out.push('\n');
    }
}

/// The JSON form of a well-known type.
fn well_known_json(full_name: &str) -> &'static str {
    match full_name {
        "google.protobuf.Timestamp" => "RFC 3339 string in UTC, `\"2026-01-02T03:04:05.678Z\"`",
        "google.protobuf.Duration" => "seconds with an `s` suffix, `\"1.5s\"`",
        "google.protobuf.Struct" => "any JSON object",
        "google.protobuf.Value" => "any JSON value",
        "google.protobuf.ListValue" => "any JSON array",
        "google.protobuf.FieldMask" => "comma-separated lowerCamelCase paths, `\"a.b,c\"`",
        "google.protobuf.Empty" => "`{}`",
        "google.protobuf.Any" => "an object with `@type` and the message's fields",
        "google.protobuf.BoolValue" => "`true`/`false` or `null`",
        "google.protobuf.StringValue" => "a string or `null`",
        "google.protobuf.Int64Value" | "google.protobuf.UInt64Value" => {
            "a decimal string or `null`"
        }
        "google.protobuf.Int32Value"
        | "google.protobuf.UInt32Value"
        | "google.protobuf.DoubleValue"
        | "google.protobuf.FloatValue" => "a number or `null`",
        "google.protobuf.BytesValue" => "base64 string or `null`",
        _ => "see the protobuf JSON mapping",
    }
}

/// Every custom option of `method` but `google.api.http`, as
/// `(full.name) text-format`.
fn custom_options(method: &MethodDescriptor) -> Vec<String> {
    let options: DynamicMessage = method.options();
    let mut out: Vec<String> = options
        .extensions()
        .filter(|(extension, _)| extension.full_name() != HTTP_OPTION)
        .map(|(extension, value)| format!("({}) {value}", extension.full_name()))
        .collect();
    out.sort();
    out
}

/// A message's name relative to its package (`Outer.Inner`).
fn local_name(message: &MessageDescriptor) -> String {
    relative(message.full_name(), message.package_name())
}

fn enum_local_name(enumeration: &EnumDescriptor) -> String {
    relative(enumeration.full_name(), enumeration.package_name())
}

fn relative(full_name: &str, package: &str) -> String {
    if package.is_empty() {
        return full_name.to_owned();
    }
    full_name
        .strip_prefix(package)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(full_name)
        .to_owned()
}

fn scalar_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Double => "double",
        Kind::Float => "float",
        Kind::Int32 => "int32",
        Kind::Int64 => "int64",
        Kind::Uint32 => "uint32",
        Kind::Uint64 => "uint64",
        Kind::Sint32 => "sint32",
        Kind::Sint64 => "sint64",
        Kind::Fixed32 => "fixed32",
        Kind::Fixed64 => "fixed64",
        Kind::Sfixed32 => "sfixed32",
        Kind::Sfixed64 => "sfixed64",
        Kind::Bool => "bool",
        Kind::String => "string",
        Kind::Bytes => "bytes",
        Kind::Message(_) | Kind::Enum(_) => "message",
    }
}

/// A comment as one table cell: lines joined, paragraphs split by `<br>`,
/// `|` escaped.
fn cell_text(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    escape_cell(&paragraphs.join("<br><br>"))
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Wraps `text` in single quotes for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Parses `text` as `input` in proto3 JSON and returns the JSON as written
/// (keys as given), so examples read as the notes wrote them.
fn parse_request(input: &MessageDescriptor, text: &str) -> Result<Value, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    DynamicMessage::deserialize(input.clone(), &mut deserializer).map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// A REST call: the URL with path and query filled in, and the body.
#[derive(Debug, PartialEq, Eq)]
struct CurlCall {
    url: String,
    body: Option<String>,
}

/// Looks a field up in a JSON object by its JSON or proto name.
fn take_field(
    object: &mut serde_json::Map<String, Value>,
    field: &FieldDescriptor,
) -> Option<Value> {
    object
        .remove(field.json_name())
        .or_else(|| object.remove(field.name()))
}

/// Builds the REST call of `route` for the example `request`.
fn curl_call(route: &ValidatedRoute, request: &Value, base: &str) -> CurlCall {
    let mut rest = request.as_object().cloned().unwrap_or_default();
    // Path variables, removed from what remains.
    let mut values = Vec::new();
    for chain in &route.path_fields {
        values.push(take_path(&mut rest, chain));
    }
    let mut path = String::new();
    let mut variable = 0usize;
    let mut chars = route.template.as_str().chars();
    while let Some(c) = chars.next() {
        if c == '{' {
            for inner in chars.by_ref() {
                if inner == '}' {
                    break;
                }
            }
            let value = values.get(variable).cloned().flatten();
            let name = route
                .template
                .variables()
                .get(variable)
                .map(tasker_gateway_routes::template::Variable::field_path_string)
                .unwrap_or_default();
            path.push_str(&value.unwrap_or_else(|| format!("{{{name}}}")));
            variable += 1;
        } else {
            path.push(c);
        }
    }
    let (body, query) = match &route.body {
        BodyBinding::Whole => (
            Some(Value::Object(std::mem::take(&mut rest)).to_string()),
            Vec::new(),
        ),
        BodyBinding::Field(field) => {
            let body = take_field(&mut rest, field).map(|v| v.to_string());
            (body, query_pairs(&rest))
        }
        BodyBinding::Empty => (None, query_pairs(&rest)),
    };
    let mut url = format!("{}{path}", base.trim_end_matches('/'));
    if !query.is_empty() {
        let pairs: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        url.push('?');
        url.push_str(&pairs.join("&"));
    }
    CurlCall { url, body }
}

/// Removes the value at a field path from `object` and renders it for a URL.
fn take_path(
    object: &mut serde_json::Map<String, Value>,
    chain: &[FieldDescriptor],
) -> Option<String> {
    let (first, rest) = chain.split_first()?;
    if rest.is_empty() {
        return take_field(object, first).map(|v| percent_encode(&scalar_text(&v)));
    }
    let key = if object.contains_key(first.json_name()) {
        first.json_name().to_owned()
    } else {
        first.name().to_owned()
    };
    let inner = object.get_mut(&key)?.as_object_mut()?;
    let value = take_path(inner, rest);
    if inner.is_empty() {
        object.remove(&key);
    }
    value
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Flattens the remaining fields into query parameters (`a.b=…`, repeated
/// keys for lists).
fn query_pairs(object: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    walk(&format!("{prefix}.{key}"), inner, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(prefix, item, out);
                }
            }
            other => out.push((prefix.to_owned(), scalar_text(other))),
        }
    }
    let mut out = Vec::new();
    for (key, value) in object {
        walk(key, value, &mut out);
    }
    out
}

/// Percent-encodes everything but unreserved characters.
fn percent_encode(text: &str) -> String {
    tasker_gateway_routes::template::percent_encode(text, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use prost_reflect::DescriptorPool;

    use super::*;
    use crate::package_routes;

    const PROTO: &str = r#"
syntax = "proto3";
package shop.v1;
import "google/api/annotations.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/descriptor.proto";

// Access rule.
message Rule {
  // Permission needed.
  string permission = 1;
}

extend google.protobuf.MethodOptions {
  // The rule.
  Rule rule = 50001;
}

// Sells books.
service ShopService {
  // Gets a book.
  //
  // Second paragraph.
  rpc GetBook(GetBookRequest) returns (Book) {
    option (google.api.http) = {get: "/v1/shelves/{shelf}/books/{book.id}"};
    option (rule) = {permission: "books:read"};
  }
  // Updates a book.
  rpc UpdateBook(UpdateBookRequest) returns (Book) {
    option (google.api.http) = {patch: "/v1/books/{book.id}" body: "book"};
  }
  // Watches books.
  rpc WatchBooks(WatchBooksRequest) returns (stream Book) {
    option (google.api.http) = {post: "/v1/books:watch" body: "*"};
  }
}

// Which book.
message GetBookRequest {
  // The shelf | with a pipe.
  string shelf = 1;
  // The book.
  Book book = 2;
  // Tags.
  repeated string tags = 3;
}

// A book.
message Book {
  // Id.
  string id = 1;
  // When.
  google.protobuf.Timestamp published_at = 2;
  // Kind.
  Kind kind = 3;
  // Extra.
  map<string, int64> extra = 4;
  oneof price {
    // In cents.
    int64 cents = 5;
  }
  // Genre.
  enum Kind {
    // Unknown.
    KIND_UNSPECIFIED = 0;
    // Novel.
    KIND_NOVEL = 1;
  }
}

// Update.
message UpdateBookRequest {
  // The book.
  Book book = 1;
  // Dry run.
  bool validate_only = 2;
}

// Watch.
message WatchBooksRequest {
  // Shelves.
  repeated string shelves = 1;
}
"#;

    fn pool() -> DescriptorPool {
        // One directory per call: the tests run in parallel.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("md-test-{}-{call}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("shop.proto"), PROTO).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto");
        let mut compiler = protox::Compiler::new([dir.clone(), root]).unwrap();
        compiler.include_imports(true).include_source_info(true);
        compiler.open_file("shop.proto").unwrap();
        let bytes = compiler.encode_file_descriptor_set();
        let _ = std::fs::remove_dir_all(&dir);
        DescriptorPool::decode(bytes.as_slice()).unwrap()
    }

    const NOTES: &str = r#"
intro = "Hello."
[examples]
url = "http://localhost:1"
buf_curl = "buf curl --protocol grpc"
curl = "curl -s"
headers = ["x-key: $KEY"]
public_option = '(shop.v1.rule) {permission:"public"}'
cli_title = "shop CLI"

[methods."shop.v1.ShopService.GetBook"]
namespaces = "NOT_FOUND outside."
errors = ["NOT_FOUND: no such book."]
request = '{"shelf": "a b", "book": {"id": "42"}, "tags": ["x", "y"]}'
cli = "shop get 42"

[methods."shop.v1.ShopService.UpdateBook"]
request = '{"book": {"id": "7", "kind": "KIND_NOVEL"}, "validateOnly": true}'

[methods."shop.v1.ShopService.WatchBooks"]
request = '{"shelves": ["a"]}'
"#;

    fn render(notes: Option<&Notes>) -> Result<String, Error> {
        let pool = pool();
        let packages = package_routes(&pool, &["shop.proto".to_owned()]).unwrap();
        document(&packages[0], &Comments::new(&pool), notes)
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("TaskService.CreateTask"), "taskservicecreatetask");
        assert_eq!(slug("Book.Kind"), "bookkind");
        assert_eq!(slug("Other messages"), "other-messages");
        assert_eq!(slug("`a_b` (c)"), "a_b-c");
    }

    #[test]
    fn reference_without_notes() {
        let text = render(None).unwrap();
        assert!(text.starts_with("# `shop.v1` API reference\n"), "{text}");
        assert!(text.contains("## ShopService\n\nSells books."));
        assert!(text.contains("### ShopService.GetBook\n\nGets a book.\n\nSecond paragraph."));
        assert!(text.contains("| gRPC | `shop.v1.ShopService/GetBook` (unary) |"));
        assert!(text.contains("| REST | `GET /v1/shelves/{shelf}/books/{book.id}` (no body"));
        assert!(
            text.contains("| option | `(shop.v1.rule) {permission:\"books:read\"}` |"),
            "{text}"
        );
        assert!(text.contains("(server streaming)"));
        assert!(text.contains("| `shelf` | `shelf` | `string` | The shelf \\| with a pipe. |"));
        assert!(text.contains("| `tags` | `tags` | repeated `string` |"));
        assert!(text.contains("| `published_at` | `publishedAt` | `google.protobuf.Timestamp` |"));
        assert!(text.contains("| `kind` | `kind` | [`Book.Kind`](#bookkind) |"));
        assert!(text.contains("| `extra` | `extra` | map<`string`, `int64`> |"));
        assert!(text.contains("In cents. (one of `price`)"));
        assert!(text.contains("### Book.Kind\n"));
        assert!(text.contains("| `KIND_NOVEL` | 1 | Novel. |"));
        assert!(text.contains("| `google.protobuf.Timestamp` | RFC 3339"));
        // Request messages get their heading under their RPC, once.
        assert_eq!(text.matches("#### Book\n").count(), 1);
        assert!(text.contains("## Other messages\n\n### Rule\n"));
        assert!(!text.contains("Examples:"));
    }

    #[test]
    fn examples_from_notes() {
        let notes = Notes::parse(NOTES).unwrap();
        let text = render(Some(&notes)).unwrap();
        assert!(text.contains("Hello."));
        assert!(text.contains("| namespaces | NOT_FOUND outside. |"));
        assert!(text.contains("Errors:\n\n- NOT_FOUND: no such book.\n"));
        assert!(text.contains(
            "buf curl --protocol grpc \\\n  -H \"x-key: $KEY\" \\\n  --data '{\"book\":{\"id\":\"42\"},\"shelf\":\"a b\",\"tags\":[\"x\",\"y\"]}' \\\n  http://localhost:1/shop.v1.ShopService/GetBook"
        ), "{text}");
        assert!(
            text.contains("curl -s \\\n  'http://localhost:1/v1/shelves/a%20b/books/42?tags=x&tags=y' \\\n  -H \"x-key: $KEY\""),
            "{text}"
        );
        assert!(text.contains(
            "curl -s \\\n  -X PATCH \\\n  'http://localhost:1/v1/books/7?validateOnly=true' \\\n  -H \"x-key: $KEY\" \\\n  -H 'content-type: application/json' \\\n  -d '{\"kind\":\"KIND_NOVEL\"}'"
        ), "{text}");
        assert!(text.contains("curl -s \\\n  -N \\\n  -X POST"), "{text}");
        assert!(text.contains("```sh\nshop get 42\n```"));
        assert!(text.contains("shop CLI: no command."));
    }

    #[test]
    fn notes_must_match_the_schema() {
        let mut notes = Notes::parse(NOTES).unwrap();
        notes.methods.remove("shop.v1.ShopService.WatchBooks");
        let err = render(Some(&notes)).unwrap_err().to_string();
        assert!(
            err.contains("no entry [methods.\"shop.v1.ShopService.WatchBooks\"]"),
            "{err}"
        );

        let mut notes = Notes::parse(NOTES).unwrap();
        notes
            .methods
            .insert("shop.v1.ShopService.Gone".into(), MethodNotes::default());
        let err = render(Some(&notes)).unwrap_err().to_string();
        assert!(err.contains("shop.v1.ShopService.Gone"), "{err}");

        let mut notes = Notes::parse(NOTES).unwrap();
        notes.methods.insert(
            "shop.v1.ShopService.WatchBooks".into(),
            MethodNotes {
                request: Some(r#"{"shelfs": ["a"]}"#.into()),
                ..MethodNotes::default()
            },
        );
        let err = render(Some(&notes)).unwrap_err().to_string();
        assert!(
            err.contains("not a shop.v1.WatchBooksRequest in proto3 JSON"),
            "{err}"
        );

        let err = Notes::parse("[methods.x]\nbogus = 1")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bogus"), "{err}");
    }

    #[test]
    fn shell_and_url_quoting() {
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(percent_encode("a/b c~"), "a%2Fb%20c~");
        assert_eq!(
            query_pairs(
                serde_json::json!({"a": {"b": 1}, "c": ["x", "y"]})
                    .as_object()
                    .unwrap()
            ),
            vec![
                ("a.b".to_owned(), "1".to_owned()),
                ("c".to_owned(), "x".to_owned()),
                ("c".to_owned(), "y".to_owned())
            ]
        );
    }
}
