//! Authentication and per-RPC authorisation for Tasker: it verifies
//! credentials (JWT bearer tokens, API keys) into a [`Principal`], and
//! enforces the access rule each RPC declares in the schema (`option
//! (tasker.v1.auth)`) in one tower layer that gRPC, gRPC-Web and transcoded
//! REST requests all pass through. Storage is a seam ([`ApiKeyStore`]);
//! verification and permissions use no transport type, while the request
//! side works on `http` requests and headers and tonic's `Status`,
//! `Request` extensions and bodies.
//!
//! - [`permission`]: `resource:action` permissions, `resource:*` and `*`
//!   wildcards, [`PermissionSet`], and the [`Catalogue`] of every permission
//!   the API declares.
//! - [`jwt`]: [`JwtVerifier`] (HS256, RS256, EdDSA; keys by `kid`, allow-listed
//!   algorithms, `exp`/`nbf`/`iss`/`aud`), [`JwtIssuer`] for
//!   `AuthService.IssueToken`, and [`is_weak_secret`].
//! - [`api_key`]: `tk_<prefix>_<secret>` keys, stored as SHA-256 hashes and
//!   compared in constant time, behind the [`ApiKeyStore`] seam the server
//!   implements over its database ([`MemoryApiKeyStore`] for tests).
//! - [`credential`]: [`Principal`], the [`Credential`] of a request
//!   (`authorization` / `x-api-key`), the [`Authenticate`] seam and the
//!   [`Authenticator`] that verifies locally.
//! - [`layer`]: [`AccessTable`] (built once from the descriptor pool; RPCs
//!   without a rule are denied), [`AuthLayer`], and [`principal()`] for
//!   services.
//!
//! Every failure is an [`AuthError`], mapped to a `tonic::Status` in one
//! place; secrets are held in [`secrecy::SecretString`] or redacting types and
//! never logged or printed.

pub mod api_key;
pub mod credential;
pub mod error;
pub mod jwt;
pub mod key_cache;
pub mod layer;
pub mod permission;

pub use api_key::{
    ApiKeyHash, ApiKeyStore, GeneratedApiKey, MemoryApiKeyStore, StoredApiKey, api_key_prefix,
    generate_api_key,
};
pub use credential::{
    API_KEY_HEADER, Authenticate, Authenticator, Credential, CredentialKind, Principal,
};
pub use error::AuthError;
pub use jwt::{
    IssuedToken, JwtAlgorithm, JwtConfig, JwtIssuer, JwtVerifier, PublicKey, PublicKeyFile,
    TokenClaims, is_weak_secret, parse_algorithms,
};
pub use key_cache::{CachedApiKeyStore, KeyCacheSettings};
pub use layer::{
    AccessTable, AuthLayer, Authorize, DEFAULT_PUBLIC_SERVICES, Requirement, principal,
};
pub use permission::{Catalogue, Permission, PermissionSet, catalogue};
/// Re-exported so callers build [`JwtConfig`] secrets without naming the crate.
pub use secrecy::{ExposeSecret, SecretString};
