//! `tasker.v1.AuthService`: tokens for API keys, the caller's identity, and
//! API key management.

use std::sync::Arc;

use tasker_auth::{AuthError, ExposeSecret as _, Permission, PermissionSet, Principal};
use tasker_core::NamespaceScope;
use tasker_proto::v1::auth_service_server::AuthService;
use tasker_proto::v1::{
    ApiKey, CreateApiKeyRequest, CreateApiKeyResponse, IssueTokenRequest, IssueTokenResponse,
    ListApiKeysRequest, ListApiKeysResponse, RevokeApiKeyRequest, RevokeApiKeyResponse,
    WhoAmIRequest, WhoAmIResponse,
};
use tasker_store::{ApiKeyRecord, now_us};
use tonic::Request;

use crate::auth::{kind_to_proto, micros, principal};
use crate::convert::{from_proto, to_proto};
use crate::error::grpc_service;
use crate::services::{decode_token, encode_token, page_size, subject, uuid};
use crate::{AppState, ServerError, scope};

/// Implementation of `tasker.v1.AuthService`.
#[derive(Debug, Clone)]
pub struct Auth {
    state: Arc<AppState>,
}

impl Auth {
    /// An auth service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }
}

fn api_key_message(record: &ApiKeyRecord) -> ApiKey {
    ApiKey {
        api_key_uuid: record.api_key_uuid.clone(),
        name: record.name.clone(),
        prefix: record.prefix.clone(),
        permissions: record.permissions.clone(),
        namespaces: record.namespaces.clone(),
        created_by: record.created_by.clone(),
        created_at: Some(to_proto::timestamp(record.created_at)),
        expires_at: to_proto::maybe_timestamp(record.expires_at),
        revoked_at: to_proto::maybe_timestamp(record.revoked_at),
        last_used_at: to_proto::maybe_timestamp(record.last_used_at),
    }
}

/// The permissions a stored key grants (one that no longer parses grants
/// nothing, as when the key is used).
fn key_permissions(record: &ApiKeyRecord) -> PermissionSet {
    record
        .permissions
        .iter()
        .filter_map(|p| Permission::parse(p).ok())
        .collect()
}

/// Whether `caller` may see and revoke `record`: whether it could have
/// created it (the key's permissions and namespaces are subsets of the
/// caller's). Everyone may when authentication is off.
pub fn manageable_by(caller: Option<&Principal>, record: &ApiKeyRecord) -> bool {
    let Some(caller) = caller else { return true };
    key_permissions(record).is_covered_by(&caller.permissions)
        && NamespaceScope::from_credential(record.namespaces.iter().cloned())
            .is_subset_of(&scope::of(Some(caller)))
}

/// Whether `record` is an administrator key: one that can manage every key
/// (`auth:manage_keys`, through itself, `auth:*` or `*`, on every namespace).
pub fn is_admin_key(record: &ApiKeyRecord) -> bool {
    let manage = Permission::Action {
        resource: "auth".into(),
        action: "manage_keys".into(),
    };
    record.namespaces.is_empty() && key_permissions(record).allows(&manage)
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Auth {
    async fn issue_token(
        &self,
        request: Request<IssueTokenRequest>,
    ) -> Result<IssueTokenResponse, ServerError> {
        let request = request.into_inner();
        if request.api_key.is_empty() {
            return Err(ServerError::InvalidArgument("api_key: required".into()));
        }
        let auth = &self.state.auth;
        let principal = auth
            .authenticator
            .authenticate_api_key(&request.api_key)
            .await?;
        let requested = PermissionSet::parse(&request.permissions)?;
        let ttl = from_proto::duration(request.ttl.as_ref());
        let issued = auth.issuer.exchange(&principal, &requested, ttl)?;
        Ok(IssueTokenResponse {
            access_token: issued.token.expose_secret().to_owned(),
            token_type: "Bearer".into(),
            expires_at: Some(to_proto::timestamp(micros(issued.expires_at))),
            permissions: issued.permissions.to_strings(),
        })
    }

    async fn who_am_i(
        &self,
        request: Request<WhoAmIRequest>,
    ) -> Result<WhoAmIResponse, ServerError> {
        let Some(principal) = principal(&request) else {
            // Authentication is turned off: nobody in particular.
            return Ok(WhoAmIResponse {
                subject: crate::auth::ANONYMOUS.into(),
                ..WhoAmIResponse::default()
            });
        };
        Ok(WhoAmIResponse {
            subject: principal.subject.clone(),
            kind: kind_to_proto(principal.kind).into(),
            permissions: principal.permissions.to_strings(),
            namespaces: principal.namespaces.clone(),
            expires_at: principal.expires_at.map(|t| to_proto::timestamp(micros(t))),
        })
    }

    async fn create_api_key(
        &self,
        request: Request<CreateApiKeyRequest>,
    ) -> Result<CreateApiKeyResponse, ServerError> {
        let created_by = subject(&request);
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        if request.name.trim().is_empty() {
            return Err(ServerError::InvalidArgument("name: required".into()));
        }
        if request.permissions.is_empty() {
            return Err(ServerError::InvalidArgument(
                "permissions: at least one (`resource:action`, `resource:*` or `*`)".into(),
            ));
        }
        if request.namespaces.iter().any(|n| n.trim().is_empty()) {
            return Err(ServerError::InvalidArgument(
                "namespaces: empty namespace name".into(),
            ));
        }
        let auth = &self.state.auth;
        let permissions = auth.catalogue.parse_set(&request.permissions)?;
        // Nobody hands out more than they hold: the new key's permissions
        // and namespaces are subsets of the caller's.
        if let Some(caller) = &caller {
            if let Some(missing) = permissions.iter().find(|p| !caller.allows(p)) {
                return Err(ServerError::from(AuthError::PermissionDenied {
                    permission: missing.to_string(),
                }));
            }
            let caller_scope = scope::of(Some(caller));
            if !caller_scope.is_all() && request.namespaces.is_empty() {
                return Err(ServerError::InvalidArgument(
                    "namespaces: your credential is limited to namespaces; name them".into(),
                ));
            }
            if let Some(outside) = request
                .namespaces
                .iter()
                .find(|n| !caller_scope.contains(n))
            {
                return Err(ServerError::from(AuthError::NamespaceDenied {
                    namespace: outside.clone(),
                }));
            }
        }
        let expires_at = request.expires_at.as_ref().map(from_proto::micros);
        if expires_at.is_some_and(|at| at <= now_us()) {
            return Err(ServerError::InvalidArgument(
                "expires_at: must be in the future".into(),
            ));
        }
        let (record, secret) = auth
            .create_key(
                &self.state.store,
                request.name.trim(),
                &permissions,
                &request.namespaces,
                expires_at,
                &created_by,
            )
            .await?;
        tracing::info!(
            api_key_uuid = %record.api_key_uuid,
            prefix = %record.prefix,
            created_by = %created_by,
            "API key created"
        );
        Ok(CreateApiKeyResponse {
            api_key: Some(api_key_message(&record)),
            secret: secret.expose_secret().to_owned(),
        })
    }

    async fn list_api_keys(
        &self,
        request: Request<ListApiKeysRequest>,
    ) -> Result<ListApiKeysResponse, ServerError> {
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        let limit = page_size(request.page_size, self.state.config.server.max_page_size)?;
        let before = decode_token("api_keys", &request.page_token)?;
        if let Some(before) = &before {
            uuid("page_token", before)?;
        }
        // Only the keys the caller could have created are listed: read in
        // pages, filtered, until one more than a page is found.
        let now = now_us();
        let mut keys = Vec::new();
        let mut cursor = before;
        loop {
            let batch = self
                .state
                .store
                .list_api_keys(request.include_inactive, now, cursor.as_deref(), limit + 1)
                .await?;
            let exhausted = (batch.len() as i64) <= limit;
            cursor = batch.last().map(|k| k.api_key_uuid.clone());
            keys.extend(
                batch
                    .into_iter()
                    .filter(|k| manageable_by(caller.as_ref(), k)),
            );
            if exhausted || keys.len() as i64 > limit {
                break;
            }
        }
        let more = keys.len() as i64 > limit;
        keys.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_page_token = match (more, keys.last()) {
            (true, Some(last)) => encode_token("api_keys", &last.api_key_uuid),
            _ => String::new(),
        };
        Ok(ListApiKeysResponse {
            api_keys: keys.iter().map(api_key_message).collect(),
            next_page_token,
        })
    }

    async fn revoke_api_key(
        &self,
        request: Request<RevokeApiKeyRequest>,
    ) -> Result<RevokeApiKeyResponse, ServerError> {
        let revoked_by = subject(&request);
        let caller = principal(&request).cloned();
        let api_key_uuid = uuid("api_key_uuid", &request.get_ref().api_key_uuid)?;
        // A key the caller could not have created is answered as if absent.
        let existing = self.state.store.get_api_key(&api_key_uuid).await?;
        if !existing.is_some_and(|k| manageable_by(caller.as_ref(), &k)) {
            return Err(ServerError::NotFound(format!("API key {api_key_uuid}")));
        }
        // The last key that can manage every key is never revoked: decided
        // and written in one transaction.
        let record = self
            .state
            .store
            .revoke_api_key_unless_last(&api_key_uuid, now_us(), is_admin_key)
            .await?;
        if let Ok(uuid) = uuid::Uuid::parse_str(&record.api_key_uuid) {
            self.state.auth.forget_key(uuid);
        }
        tracing::info!(
            api_key_uuid = %record.api_key_uuid,
            prefix = %record.prefix,
            revoked_by = %revoked_by,
            "API key revoked"
        );
        Ok(RevokeApiKeyResponse {
            api_key: Some(api_key_message(&record)),
        })
    }
}

grpc_service! {
    impl AuthService for Auth {
        fn issue_token(IssueTokenRequest) -> IssueTokenResponse;
        fn who_am_i(WhoAmIRequest) -> WhoAmIResponse;
        fn create_api_key(CreateApiKeyRequest) -> CreateApiKeyResponse;
        fn list_api_keys(ListApiKeysRequest) -> ListApiKeysResponse;
        fn revoke_api_key(RevokeApiKeyRequest) -> RevokeApiKeyResponse;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(permissions: &[&str], namespaces: &[&str]) -> ApiKeyRecord {
        ApiKeyRecord {
            api_key_uuid: "k".into(),
            name: "k".into(),
            prefix: "tk_00000000".into(),
            key_hash: String::new(),
            permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
            namespaces: namespaces.iter().map(|n| (*n).to_owned()).collect(),
            created_by: "t".into(),
            created_at: 0,
            expires_at: None,
            revoked_at: None,
            last_used_at: None,
        }
    }

    fn caller(permissions: &[&str], namespaces: &[&str]) -> Principal {
        Principal {
            subject: "c".into(),
            kind: tasker_auth::CredentialKind::ApiKey,
            permissions: PermissionSet::parse(permissions).unwrap_or_default(),
            namespaces: namespaces.iter().map(|n| (*n).to_owned()).collect(),
            expires_at: None,
            api_key: None,
        }
    }

    #[test]
    fn a_caller_manages_only_keys_it_could_have_created() {
        let limited = caller(&["auth:manage_keys", "tasks:*"], &["a"]);
        assert!(manageable_by(Some(&limited), &key(&["tasks:read"], &["a"])));
        assert!(manageable_by(Some(&limited), &key(&["tasks:*"], &["a"])));
        // Another namespace, every namespace, or more permissions: no.
        assert!(!manageable_by(
            Some(&limited),
            &key(&["tasks:read"], &["b"])
        ));
        assert!(!manageable_by(
            Some(&limited),
            &key(&["tasks:read"], &["a", "b"])
        ));
        assert!(!manageable_by(Some(&limited), &key(&["tasks:read"], &[])));
        assert!(!manageable_by(Some(&limited), &key(&["*"], &["a"])));
        assert!(!manageable_by(
            Some(&limited),
            &key(&["steps:read"], &["a"])
        ));
        let admin = caller(&["*"], &[]);
        assert!(manageable_by(Some(&admin), &key(&["*"], &[])));
        assert!(manageable_by(None, &key(&["*"], &[])));
    }

    #[test]
    fn admin_keys_manage_every_key() {
        assert!(is_admin_key(&key(&["*"], &[])));
        assert!(is_admin_key(&key(&["auth:*"], &[])));
        assert!(is_admin_key(&key(&["auth:manage_keys", "tasks:read"], &[])));
        assert!(!is_admin_key(&key(&["auth:manage_keys"], &["a"])));
        assert!(!is_admin_key(&key(&["tasks:*"], &[])));
    }
}
