//! Permissions (`resource:action`, `resource:*`, `*`), permission sets, and
//! the catalogue of every permission the API declares.
//!
//! Grammar: a resource and an action, each one or more of `[a-z_]` (at most
//! 64 characters), joined by `:`; the action may be `*`, which grants every
//! action on the resource. The single string `*` grants everything: it exists
//! for the administrator key created on first start, which must keep covering
//! RPCs added by later versions. Grant it sparingly; prefer `resource:*`.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use prost_reflect::DescriptorPool;
use tasker_proto::auth::{Access, method_access};

use crate::error::AuthError;

/// Proto package whose RPCs make up the Tasker API.
pub const TASKER_PACKAGE: &str = "tasker.v1";

/// Longest resource or action name accepted.
const MAX_SEGMENT: usize = 64;

/// One permission, required by an RPC or granted by a credential.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    /// `*`: every permission (administrators).
    All,
    /// `resource:*`: every action on the resource.
    Resource(String),
    /// `resource:action`.
    Action {
        /// The resource, e.g. `tasks`.
        resource: String,
        /// The action, e.g. `create`.
        action: String,
    },
}

impl Permission {
    /// Parses `resource:action`, `resource:*` or `*`.
    ///
    /// # Errors
    /// [`AuthError::InvalidPermission`] when the string breaks the grammar.
    pub fn parse(text: &str) -> Result<Self, AuthError> {
        let invalid = |reason| AuthError::InvalidPermission {
            permission: text.to_owned(),
            reason,
        };
        if text == "*" {
            return Ok(Self::All);
        }
        let Some((resource, action)) = text.split_once(':') else {
            return Err(invalid("expected `resource:action`, `resource:*` or `*`"));
        };
        check_segment(resource).map_err(invalid)?;
        if action == "*" {
            return Ok(Self::Resource(resource.to_owned()));
        }
        check_segment(action).map_err(invalid)?;
        Ok(Self::Action {
            resource: resource.to_owned(),
            action: action.to_owned(),
        })
    }

    /// The resource, or `None` for `*`.
    pub fn resource(&self) -> Option<&str> {
        match self {
            Self::All => None,
            Self::Resource(resource) | Self::Action { resource, .. } => Some(resource),
        }
    }

    /// Whether holding `self` grants `other`: `*` grants everything,
    /// `r:*` grants `r:*` and every `r:a`, `r:a` grants only itself.
    pub fn implies(&self, other: &Permission) -> bool {
        match (self, other) {
            (Self::All, _) => true,
            (Self::Resource(mine), Self::Resource(theirs)) => mine == theirs,
            (Self::Resource(mine), Self::Action { resource, .. }) => mine == resource,
            (Self::Action { .. }, Self::Action { .. }) => self == other,
            _ => false,
        }
    }
}

fn check_segment(segment: &str) -> Result<(), &'static str> {
    if segment.is_empty() {
        return Err("resource and action must not be empty");
    }
    if segment.len() > MAX_SEGMENT {
        return Err("resource and action are at most 64 characters");
    }
    if !segment.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err("resource and action use only `a-z` and `_`");
    }
    Ok(())
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All => f.write_str("*"),
            Self::Resource(resource) => write!(f, "{resource}:*"),
            Self::Action { resource, action } => write!(f, "{resource}:{action}"),
        }
    }
}

impl FromStr for Permission {
    type Err = AuthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for Permission {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Permission {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The permissions a credential holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PermissionSet(BTreeSet<Permission>);

impl PermissionSet {
    /// An empty set (enough for `authenticated` RPCs only).
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses every string with [`Permission::parse`]. This checks the
    /// grammar only; use [`Catalogue::parse_set`] to also refuse permissions
    /// the API does not declare.
    ///
    /// # Errors
    /// The first string that breaks the grammar.
    pub fn parse<I, S>(permissions: I) -> Result<Self, AuthError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        permissions
            .into_iter()
            .map(|p| Permission::parse(p.as_ref()))
            .collect()
    }

    /// Whether the set grants `required` (through an equal permission, its
    /// resource's wildcard, or `*`).
    pub fn allows(&self, required: &Permission) -> bool {
        self.0.iter().any(|granted| granted.implies(required))
    }

    /// Whether every permission of `self` is granted by `other`, e.g. whether
    /// a token may carry these permissions when issued from a key holding
    /// `other`.
    pub fn is_covered_by(&self, other: &PermissionSet) -> bool {
        self.0.iter().all(|p| other.allows(p))
    }

    /// Adds a permission.
    pub fn insert(&mut self, permission: Permission) {
        self.0.insert(permission);
    }

    /// The permissions, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Permission> {
        self.0.iter()
    }

    /// The permissions as strings, in order (for responses and storage).
    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }

    /// Number of permissions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set holds no permission.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<T: IntoIterator<Item = Permission>>(iter: T) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a PermissionSet {
    type Item = &'a Permission;
    type IntoIter = std::collections::btree_set::Iter<'a, Permission>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Every permission the API declares, read from the schema's
/// `(tasker.v1.auth)` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    permissions: BTreeSet<Permission>,
}

impl Catalogue {
    /// The permissions declared by the RPCs of every service of `package` in
    /// `pool`.
    ///
    /// # Errors
    /// [`AuthError::Config`] when a declared permission breaks the grammar.
    pub fn from_pool(pool: &DescriptorPool, package: &str) -> Result<Self, AuthError> {
        let mut permissions = BTreeSet::new();
        for service in pool.services().filter(|s| s.package_name() == package) {
            for method in service.methods() {
                if let Some(Access::Permission(text)) = method_access(pool, &method) {
                    let permission = Permission::parse(&text)
                        .map_err(|e| AuthError::Config(format!("{}: {e}", method.full_name())))?;
                    permissions.insert(permission);
                }
            }
        }
        Ok(Self { permissions })
    }

    /// The catalogue of `tasker.v1` and of a worker port's
    /// `tasker.worker.v1` (whose RPCs use the same permissions: the
    /// orchestrator issues the credentials a worker accepts), from the
    /// compiled-in descriptor sets.
    ///
    /// # Errors
    /// [`AuthError::Config`] if the descriptor sets cannot be decoded or
    /// declare an invalid permission (both ruled out by the tests).
    pub fn tasker_v1() -> Result<Self, AuthError> {
        let pool = tasker_proto::all_descriptor_pool()
            .map_err(|e| AuthError::Config(format!("descriptor set: {e}")))?;
        let mut catalogue = Self::from_pool(&pool, TASKER_PACKAGE)?;
        catalogue
            .permissions
            .extend(Self::from_pool(&pool, tasker_proto::worker::PACKAGE)?.permissions);
        Ok(catalogue)
    }

    /// The declared permissions (always `resource:action`), in order.
    pub fn permissions(&self) -> impl Iterator<Item = &Permission> {
        self.permissions.iter()
    }

    /// The resources that appear in a declared permission.
    pub fn resources(&self) -> BTreeSet<&str> {
        self.permissions
            .iter()
            .filter_map(Permission::resource)
            .collect()
    }

    /// Whether `permission` may be granted: `*`, a declared `resource:action`,
    /// or `resource:*` for a resource that has a declared permission.
    ///
    /// # Errors
    /// [`AuthError::UnknownPermission`] otherwise.
    pub fn check(&self, permission: &Permission) -> Result<(), AuthError> {
        let known = match permission {
            Permission::All => true,
            Permission::Resource(resource) => self
                .permissions
                .iter()
                .any(|p| p.resource() == Some(resource)),
            Permission::Action { .. } => self.permissions.contains(permission),
        };
        if known {
            Ok(())
        } else {
            Err(AuthError::UnknownPermission {
                permission: permission.to_string(),
            })
        }
    }

    /// Parses permissions given for a new credential (API key, token),
    /// refusing malformed and unknown ones.
    ///
    /// # Errors
    /// The first malformed or unknown permission.
    pub fn parse_set<I, S>(&self, permissions: I) -> Result<PermissionSet, AuthError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        permissions
            .into_iter()
            .map(|text| {
                let permission = Permission::parse(text.as_ref())?;
                self.check(&permission)?;
                Ok(permission)
            })
            .collect()
    }
}

/// The catalogue of every permission `tasker.v1` and `tasker.worker.v1`
/// declare (see [`Catalogue::tasker_v1`]).
///
/// # Errors
/// As [`Catalogue::tasker_v1`].
pub fn catalogue() -> Result<Catalogue, AuthError> {
    Catalogue::tasker_v1()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Permission {
        match Permission::parse(text) {
            Ok(p) => p,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn parses_and_prints_the_three_forms() {
        assert_eq!(p("*"), Permission::All);
        assert_eq!(p("tasks:*"), Permission::Resource("tasks".into()));
        assert_eq!(
            p("system:config_read"),
            Permission::Action {
                resource: "system".into(),
                action: "config_read".into()
            }
        );
        for text in ["*", "tasks:*", "system:config_read"] {
            assert_eq!(p(text).to_string(), text);
        }
    }

    #[test]
    fn refuses_what_breaks_the_grammar() {
        for text in [
            "",
            "tasks",
            ":read",
            "tasks:",
            "Tasks:read",
            "tasks:Read",
            "tasks:read:all",
            "tasks-x:read",
            "tasks:re ad",
            "*:read",
            "**",
            "tasks:**",
            "task1:read",
            " tasks:read",
        ] {
            assert!(
                matches!(
                    Permission::parse(text),
                    Err(AuthError::InvalidPermission { .. })
                ),
                "{text:?} was accepted"
            );
        }
        let long = format!("{}:read", "a".repeat(65));
        assert!(Permission::parse(&long).is_err());
    }

    #[test]
    fn wildcards_grant_what_they_cover() {
        let set: PermissionSet = [p("tasks:*"), p("steps:read")].into_iter().collect();
        assert!(set.allows(&p("tasks:create")));
        assert!(set.allows(&p("tasks:cancel")));
        assert!(set.allows(&p("tasks:*")));
        assert!(set.allows(&p("steps:read")));
        assert!(!set.allows(&p("steps:resolve")));
        assert!(!set.allows(&p("steps:*")));
        assert!(!set.allows(&p("*")));
        assert!(!set.allows(&p("taskss:create")));

        let admin: PermissionSet = [Permission::All].into_iter().collect();
        assert!(admin.allows(&p("auth:manage_keys")));
        assert!(admin.allows(&p("anything:*")));
        assert!(admin.allows(&Permission::All));

        assert!(!PermissionSet::new().allows(&p("tasks:read")));
    }

    #[test]
    fn subsets_respect_wildcards() {
        let key: PermissionSet = [p("tasks:*"), p("steps:read")].into_iter().collect();
        let ok: PermissionSet = [p("tasks:read"), p("tasks:*")].into_iter().collect();
        let too_much: PermissionSet = [p("steps:*")].into_iter().collect();
        assert!(ok.is_covered_by(&key));
        assert!(!too_much.is_covered_by(&key));
        assert!(PermissionSet::new().is_covered_by(&key));
    }

    #[test]
    fn serde_uses_the_string_form() -> Result<(), serde_json::Error> {
        let set = PermissionSet::parse(["tasks:read", "*"]).map_err(serde::ser::Error::custom)?;
        let json = serde_json::to_string(&set)?;
        assert_eq!(json, r#"["*","tasks:read"]"#);
        let back: PermissionSet = serde_json::from_str(&json)?;
        assert_eq!(back, set);
        assert!(serde_json::from_str::<PermissionSet>(r#"["Tasks"]"#).is_err());
        Ok(())
    }

    #[test]
    fn the_catalogue_is_read_from_the_schema() -> Result<(), AuthError> {
        let catalogue = catalogue()?;
        for declared in [
            "tasks:create",
            "tasks:read",
            "steps:resolve",
            "auth:manage_keys",
            "worker:claim",
            "system:config_read",
        ] {
            assert!(catalogue.check(&p(declared)).is_ok(), "{declared}");
        }
        assert!(catalogue.resources().contains("dlq"));
        assert!(catalogue.check(&p("tasks:*")).is_ok());
        assert!(catalogue.check(&p("*")).is_ok());
        assert!(matches!(
            catalogue.check(&p("tasks:destroy")),
            Err(AuthError::UnknownPermission { .. })
        ));
        assert!(matches!(
            catalogue.check(&p("nothing:*")),
            Err(AuthError::UnknownPermission { .. })
        ));
        assert!(catalogue.parse_set(["tasks:read", "dlq:*"]).is_ok());
        assert!(matches!(
            catalogue.parse_set(["tasks:read", "tasks:fly"]),
            Err(AuthError::UnknownPermission { permission }) if permission == "tasks:fly"
        ));
        assert!(matches!(
            catalogue.parse_set(["TASKS"]),
            Err(AuthError::InvalidPermission { .. })
        ));
        // A worker port's permissions can be granted: the orchestrator
        // issues the credentials a worker accepts.
        let pool = tasker_proto::worker::descriptor_pool()
            .map_err(|e| AuthError::Config(e.to_string()))?;
        let worker = Catalogue::from_pool(&pool, tasker_proto::worker::PACKAGE)?;
        assert!(worker.permissions().count() >= 2);
        for permission in worker.permissions() {
            assert!(catalogue.check(permission).is_ok(), "{permission}");
        }
        // Every catalogue entry is a concrete `resource:action`.
        assert!(
            catalogue
                .permissions()
                .all(|p| matches!(p, Permission::Action { .. }))
        );
        Ok(())
    }
}
