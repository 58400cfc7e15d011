//! What a package's options add to the document: required fields
//! (`google.api.field_behavior`), a field's format and bounds
//! (`tasker.gateway.v1.field`), the security schemes and the anonymous RPCs
//! (`tasker.gateway.v1.document`).

use prost_reflect::{
    DescriptorPool, DynamicMessage, ExtensionDescriptor, FieldDescriptor, Kind, MethodDescriptor,
    Value as ProtoValue,
};
use serde_json::{Map, Value, json};

use crate::{Error, PackageRoutes};

/// Full name of the field option whose `REQUIRED` marks a required field.
pub const FIELD_BEHAVIOR: &str = "google.api.field_behavior";

/// `google.api.FieldBehavior.REQUIRED`.
pub(super) const REQUIRED: i32 = 2;

/// Full name of the field option with a field's format and bounds
/// (`tasker.gateway.v1.FieldSchema`).
pub const FIELD_SCHEMA: &str = "tasker.gateway.v1.field";

/// Full name of the file option with the document's security schemes
/// (`tasker.gateway.v1.Document`).
pub const DOCUMENT: &str = "tasker.gateway.v1.document";

/// What a package's protos say beyond their types, read once per document:
/// the options the pool knows (absent ones are simply not applied).
pub(super) struct Options {
    pub(super) field_behavior: Option<ExtensionDescriptor>,
    pub(super) field_schema: Option<ExtensionDescriptor>,
    /// `components.securitySchemes`, by name.
    pub(super) security_schemes: Map<String, Value>,
    /// The method option and its boolean field that mark an anonymous RPC.
    pub(super) anonymous: Option<(ExtensionDescriptor, String)>,
}

/// A string field of an option message, empty when unset.
pub(super) fn option_text(message: &DynamicMessage, name: &str) -> String {
    message
        .get_field_by_name(name)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An optional `double` field of an option message, `None` when unset.
pub(super) fn option_number(message: &DynamicMessage, name: &str) -> Option<f64> {
    if !message.has_field_by_name(name) {
        return None;
    }
    message.get_field_by_name(name).and_then(|v| v.as_f64())
}

/// The option message `extension` of `options`, when set.
pub(super) fn extension_message(
    options: &DynamicMessage,
    extension: &ExtensionDescriptor,
) -> Option<DynamicMessage> {
    if !options.has_extension(extension) {
        return None;
    }
    match options.get_extension(extension).into_owned() {
        ProtoValue::Message(message) => Some(message),
        _ => None,
    }
}

impl Options {
    pub(super) fn read(pool: &DescriptorPool, package: &PackageRoutes) -> Result<Self, Error> {
        let bad = |reason: String| Error::BadOption {
            package: package.package.clone(),
            reason,
        };
        let mut options = Self {
            field_behavior: pool.get_extension_by_name(FIELD_BEHAVIOR),
            field_schema: pool.get_extension_by_name(FIELD_SCHEMA),
            security_schemes: Map::new(),
            anonymous: None,
        };
        let Some(extension) = pool.get_extension_by_name(DOCUMENT) else {
            return Ok(options);
        };
        let mut documents = package
            .files
            .iter()
            .filter_map(|file| extension_message(&file.options(), &extension));
        let Some(document) = documents.next() else {
            return Ok(options);
        };
        if documents.next().is_some() {
            return Err(bad(format!(
                "({DOCUMENT}) is set on more than one file of the package"
            )));
        }
        let schemes = match document.get_field_by_name("security_schemes").as_deref() {
            Some(ProtoValue::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        for scheme in schemes {
            let ProtoValue::Message(scheme) = scheme else {
                continue;
            };
            let name = option_text(&scheme, "name");
            let kind = option_text(&scheme, "type");
            let mut entry = Map::new();
            entry.insert("type".to_owned(), json!(kind));
            match kind.as_str() {
                "apiKey" => {
                    let location = option_text(&scheme, "location");
                    let parameter = option_text(&scheme, "parameter_name");
                    if !matches!(location.as_str(), "header" | "query" | "cookie")
                        || parameter.is_empty()
                    {
                        return Err(bad(format!(
                            "security scheme {name:?}: an apiKey scheme needs location \
                             header, query or cookie and a parameter_name"
                        )));
                    }
                    entry.insert("in".to_owned(), json!(location));
                    entry.insert("name".to_owned(), json!(parameter));
                }
                "http" => {
                    let scheme_name = option_text(&scheme, "scheme");
                    if scheme_name.is_empty() {
                        return Err(bad(format!(
                            "security scheme {name:?}: an http scheme needs its scheme"
                        )));
                    }
                    entry.insert("scheme".to_owned(), json!(scheme_name));
                    let format = option_text(&scheme, "bearer_format");
                    if !format.is_empty() {
                        entry.insert("bearerFormat".to_owned(), json!(format));
                    }
                }
                other => {
                    return Err(bad(format!(
                        "security scheme {name:?}: type {other:?} is not apiKey or http"
                    )));
                }
            }
            let description = option_text(&scheme, "description");
            if !description.is_empty() {
                entry.insert("description".to_owned(), json!(description));
            }
            if name.is_empty()
                || options
                    .security_schemes
                    .insert(name.clone(), Value::Object(entry))
                    .is_some()
            {
                return Err(bad(format!(
                    "security scheme names must be set and unique ({name:?})"
                )));
            }
        }
        let anonymous_when = option_text(&document, "anonymous_when");
        if !anonymous_when.is_empty() {
            let found = anonymous_when.rsplit_once('.').and_then(|(name, field)| {
                let extension = pool.get_extension_by_name(name)?;
                let Kind::Message(message) = extension.kind() else {
                    return None;
                };
                let is_bool = message
                    .get_field_by_name(field)
                    .is_some_and(|f| f.kind() == Kind::Bool && !f.is_list());
                is_bool.then(|| (extension, field.to_owned()))
            });
            let Some(found) = found else {
                return Err(bad(format!(
                    "anonymous_when {anonymous_when:?} does not name a boolean field of a \
                     method option message"
                )));
            };
            options.anonymous = Some(found);
        }
        Ok(options)
    }

    /// Whether `field` is marked `(google.api.field_behavior) = REQUIRED`.
    pub(super) fn required(&self, field: &FieldDescriptor) -> bool {
        let Some(extension) = &self.field_behavior else {
            return false;
        };
        let options = field.options();
        if !options.has_extension(extension) {
            return false;
        }
        match options.get_extension(extension).as_ref() {
            ProtoValue::List(behaviors) => behaviors
                .iter()
                .any(|b| matches!(b, ProtoValue::EnumNumber(REQUIRED))),
            ProtoValue::EnumNumber(behavior) => *behavior == REQUIRED,
            _ => false,
        }
    }

    /// Adds the field's declared format and bounds to `schema` (to its
    /// `items` when `schema` is an array).
    pub(super) fn constrain(&self, field: &FieldDescriptor, schema: &mut Value) {
        let Some(details) = self
            .field_schema
            .as_ref()
            .and_then(|extension| extension_message(&field.options(), extension))
        else {
            return;
        };
        let target = if schema.get("type") == Some(&json!("array")) {
            match schema.get_mut("items") {
                Some(items) => items,
                None => return,
            }
        } else {
            schema
        };
        let Value::Object(map) = target else { return };
        let format = option_text(&details, "format");
        if !format.is_empty() {
            map.insert("format".to_owned(), json!(format));
        }
        for (name, key) in [("minimum", "minimum"), ("maximum", "maximum")] {
            if let Some(bound) = option_number(&details, name) {
                // Whole bounds print as integers, as an integer schema's should.
                let value = if bound.fract() == 0.0 && bound.abs() < 9.0e15 {
                    json!(bound as i64)
                } else {
                    json!(bound)
                };
                map.insert(key.to_owned(), value);
            }
        }
    }

    /// Whether `method` is callable without a credential.
    pub(super) fn anonymous(&self, method: &MethodDescriptor) -> bool {
        let Some((extension, field)) = &self.anonymous else {
            return false;
        };
        extension_message(&method.options(), extension)
            .and_then(|rule| rule.get_field_by_name(field).and_then(|v| v.as_bool()))
            .unwrap_or(false)
    }
}
