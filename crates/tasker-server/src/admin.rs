//! `tasker-server admin …`: operator's tools that work on the configured
//! database directly, with no server running — the way back in when no API
//! key that can manage keys is left (lost, expired or revoked).

use tasker_auth::{Catalogue, SecretString};
use tasker_store::ApiKeyRecord;

use crate::{Config, ServerError};

/// Who created a key through these tools, as its `created_by` says.
pub const CREATED_BY: &str = "tasker-server admin";

/// Creates an API key with `permissions` (`*`, `resource:*`,
/// `resource:action`, checked against the API's catalogue) bound to
/// `namespaces` (empty: all) in the configured database, which is created
/// and migrated if needed; returns its record and its secret, to be shown
/// once.
///
/// # Errors
/// [`ServerError::InvalidArgument`] for a missing name, no permissions, an
/// unknown permission or an empty namespace; storage errors.
pub async fn create_key(
    config: &Config,
    name: &str,
    permissions: &[String],
    namespaces: &[String],
) -> Result<(ApiKeyRecord, SecretString), ServerError> {
    if name.trim().is_empty() {
        return Err(ServerError::InvalidArgument("--name: required".into()));
    }
    if permissions.is_empty() {
        return Err(ServerError::InvalidArgument(
            "--permissions: at least one (`resource:action`, `resource:*` or `*`)".into(),
        ));
    }
    if namespaces.iter().any(|n| n.trim().is_empty()) {
        return Err(ServerError::InvalidArgument(
            "--namespaces: empty namespace name".into(),
        ));
    }
    let catalogue = Catalogue::tasker_v1().map_err(|e| ServerError::Config(e.to_string()))?;
    let permissions = catalogue
        .parse_set(permissions)
        .map_err(|e| ServerError::InvalidArgument(format!("--permissions: {e}")))?;
    let store = crate::open_store(config).await?;
    let created =
        crate::auth::store_new_key(&store, name, &permissions, namespaces, None, CREATED_BY).await;
    store.close().await;
    created
}
