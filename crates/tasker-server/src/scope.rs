//! The caller's namespace scope, and the checks every service applies with
//! it.
//!
//! A credential limited to namespaces reaches only data of those namespaces,
//! whatever the RPC:
//! - a single object (task, step, audit, context, dead-letter entry,
//!   template, worker) outside the scope is answered NOT_FOUND with the very
//!   message an absent one gets, so its existence does not leak;
//! - lists, statistics, queues and analytics are filtered to the scope (in
//!   the store's SQL), never refused;
//! - a request that names a namespace to create something in (a task, a
//!   template) is refused with PERMISSION_DENIED naming the namespace,
//!   decided before anything is looked up.
//!
//! With authentication turned off there is no principal and the scope is
//! every namespace.

use tasker_auth::{AuthError, Principal};
use tasker_core::NamespaceScope;
use tasker_store::Store;
use tonic::Request;

use crate::ServerError;

/// The scope of a principal (every namespace without one).
pub fn of(principal: Option<&Principal>) -> NamespaceScope {
    match principal {
        Some(principal) => NamespaceScope::from_credential(principal.namespaces.iter().cloned()),
        None => NamespaceScope::All,
    }
}

/// The scope of the caller of `request`.
pub fn caller<T>(request: &Request<T>) -> NamespaceScope {
    of(tasker_auth::principal(request))
}

/// Fails with NOT_FOUND (`what` not found, as for an absent object) unless
/// `namespace` is in `scope`.
///
/// # Errors
/// [`ServerError::NotFound`] naming `what`.
pub fn visible(
    scope: &NamespaceScope,
    namespace: &str,
    what: impl FnOnce() -> String,
) -> Result<(), ServerError> {
    if scope.contains(namespace) {
        Ok(())
    } else {
        Err(ServerError::NotFound(what()))
    }
}

/// Fails with PERMISSION_DENIED unless `scope` reaches `namespace`: for
/// requests that name the namespace to act in.
///
/// # Errors
/// [`ServerError::Auth`] ([`AuthError::NamespaceDenied`]).
pub fn require(scope: &NamespaceScope, namespace: &str) -> Result<(), ServerError> {
    if scope.contains(namespace) {
        Ok(())
    } else {
        Err(ServerError::Auth(AuthError::NamespaceDenied {
            namespace: namespace.to_owned(),
        }))
    }
}

/// Fails with NOT_FOUND (`task … not found`, as for an absent task) unless
/// the task exists in `scope`. Costs nothing for an unrestricted caller (the
/// store then answers for absent tasks itself).
///
/// # Errors
/// [`ServerError::NotFound`]; storage errors.
pub async fn task_visible(
    store: &Store,
    scope: &NamespaceScope,
    task_uuid: &str,
) -> Result<(), ServerError> {
    if scope.is_all() {
        return Ok(());
    }
    match store.task_namespace(task_uuid).await? {
        Some(namespace) if scope.contains(&namespace) => Ok(()),
        _ => Err(ServerError::NotFound(format!("task {task_uuid}"))),
    }
}

#[cfg(test)]
mod tests {
    use tasker_auth::{CredentialKind, PermissionSet};

    use super::*;

    fn principal(namespaces: &[&str]) -> Principal {
        Principal {
            subject: "t".into(),
            kind: CredentialKind::ApiKey,
            permissions: PermissionSet::new(),
            namespaces: namespaces.iter().map(|n| (*n).to_owned()).collect(),
            expires_at: None,
            api_key: None,
        }
    }

    #[test]
    fn principals_have_scopes() {
        assert_eq!(of(None), NamespaceScope::All);
        assert_eq!(of(Some(&principal(&[]))), NamespaceScope::All);
        assert_eq!(
            of(Some(&principal(&["a", "b"]))),
            NamespaceScope::only(["a", "b"])
        );
    }

    #[test]
    fn outside_the_scope_is_not_found_or_denied() {
        let scope = NamespaceScope::only(["a"]);
        assert!(visible(&scope, "a", || "task x".into()).is_ok());
        let hidden = visible(&scope, "b", || "task x".into());
        assert!(matches!(&hidden, Err(ServerError::NotFound(what)) if what == "task x"));
        let status =
            tonic::Status::from(hidden.err().unwrap_or(ServerError::NotFound(String::new())));
        assert_eq!(status.code(), tonic::Code::NotFound);
        assert_eq!(status.message(), "task x not found");
        assert!(require(&scope, "a").is_ok());
        let denied = require(&scope, "b").err().map(tonic::Status::from);
        assert_eq!(
            denied.map(|s| s.code()),
            Some(tonic::Code::PermissionDenied)
        );
    }
}
