//! The tasker.v1 service implementations, and what they share: request
//! validation, page tokens and the caller's identity.

pub mod analytics;
pub mod auth;
pub mod config;
pub mod dlq;
pub mod steps;
pub mod tasks;
pub mod templates;
mod watch;
pub mod workers;

use tonic::Request;

use crate::ServerError;

/// Page size of list RPCs when the request names none (capped by the
/// configured maximum, `server.max_page_size`).
pub const DEFAULT_PAGE_SIZE: i64 = 50;

/// The page size to use: 0 → default, capped at `max`, negative refused.
pub fn page_size(requested: i32, max: u32) -> Result<i64, ServerError> {
    let max = i64::from(max.max(1));
    match requested {
        0 => Ok(DEFAULT_PAGE_SIZE.min(max)),
        n if n < 0 => Err(ServerError::InvalidArgument(
            "page_size: must not be negative".into(),
        )),
        n => Ok(i64::from(n).min(max)),
    }
}

/// An opaque page token for a keyset position (`tasker_proto::page`, the
/// format of every list).
pub use tasker_proto::page::encode as encode_token;

/// The keyset position in a page token of `kind`; empty token → `None`.
pub fn decode_token(kind: &str, token: &str) -> Result<Option<String>, ServerError> {
    tasker_proto::page::decode(kind, token).map_err(page_error)
}

/// A refused page token as the caller's error.
pub fn page_error(error: tasker_proto::page::InvalidPageToken) -> ServerError {
    ServerError::InvalidArgument(error.to_string())
}

/// Checks that `value` is a UUID, naming `field` otherwise.
pub fn uuid(field: &str, value: &str) -> Result<String, ServerError> {
    if value.is_empty() {
        return Err(ServerError::InvalidArgument(format!("{field}: required")));
    }
    uuid::Uuid::parse_str(value)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| ServerError::InvalidArgument(format!("{field}: {value:?} is not a UUID")))
}

/// Subject of the caller's credential, for audit records (`anonymous` when
/// authentication is turned off).
pub fn subject<T>(request: &Request<T>) -> String {
    tasker_auth::principal(request)
        .map(|p| p.subject.clone())
        .unwrap_or_else(|| crate::auth::ANONYMOUS.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_round_trip_and_reject_foreign_tokens() {
        let token = encode_token("tasks", "0190");
        assert_eq!(
            decode_token("tasks", &token).unwrap().as_deref(),
            Some("0190")
        );
        assert!(decode_token("steps", &token).is_err());
        assert!(decode_token("tasks", "!!!").is_err());
        assert_eq!(decode_token("tasks", "").unwrap(), None);
    }

    #[test]
    fn page_sizes_are_capped() {
        assert_eq!(page_size(0, 500).unwrap(), DEFAULT_PAGE_SIZE);
        assert_eq!(page_size(0, 10).unwrap(), 10);
        assert_eq!(page_size(10_000, 500).unwrap(), 500);
        assert!(page_size(-1, 500).is_err());
    }
}
