//! Limits on what a client may make the gateway hold: connections and how
//! long they may sit idle or dribble a request, and how deep a request may
//! nest.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The one nesting limit of request input, in JSON levels: every object and
/// array of a REST body counts one level; over gRPC and gRPC-Web, a request
/// message is measured as its proto3 JSON form would nest (a message, a map
/// and a repeated field each add a level; `google.protobuf.Struct`,
/// `Value` and `ListValue` nest exactly like the JSON they stand for).
///
/// Deeper input is refused (400 / INVALID_ARGUMENT naming this limit) before
/// any parser that recurses sees it. 32 JSON levels stay below prost's
/// decoding recursion limit (100 messages; a `Struct` level takes three).
pub const MAX_JSON_DEPTH: usize = 32;

/// Connection limits of the listener, as configured (`[server.limits]`).
///
/// - `max_connections`: open connections at once; one more is accepted and
///   closed at once (plain TCP: after a `503 Service Unavailable` written
///   without reading the request).
/// - `idle_timeout_seconds`: a connection with no request in progress for
///   this long is closed (HTTP/1.1: closed; HTTP/2: GOAWAY).
/// - `header_read_timeout_seconds`: an HTTP/1.1 request head must arrive
///   within this time (else the connection is closed).
/// - `body_read_timeout_seconds`: a request body must arrive within this
///   time of its headers: REST answers 408, gRPC and gRPC-Web
///   DEADLINE_EXCEEDED (client-streaming RPCs are exempt).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConnectionLimits {
    /// Open connections at once.
    pub max_connections: usize,
    /// Seconds a connection may stay open with no request in progress.
    pub idle_timeout_seconds: u64,
    /// Seconds an HTTP/1.1 request head may take to arrive.
    pub header_read_timeout_seconds: u64,
    /// Seconds a request body may take to arrive after its headers.
    pub body_read_timeout_seconds: u64,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            idle_timeout_seconds: 120,
            header_read_timeout_seconds: 30,
            body_read_timeout_seconds: 30,
        }
    }
}

impl ConnectionLimits {
    /// Checks every setting is at least 1; the error names the setting under
    /// `prefix` (for example `server.limits`).
    ///
    /// # Errors
    /// A message naming the first setting that is zero.
    pub fn validate(&self, prefix: &str) -> Result<(), String> {
        for (key, value) in [
            ("max_connections", self.max_connections as u64),
            ("idle_timeout_seconds", self.idle_timeout_seconds),
            (
                "header_read_timeout_seconds",
                self.header_read_timeout_seconds,
            ),
            ("body_read_timeout_seconds", self.body_read_timeout_seconds),
        ] {
            if value == 0 {
                return Err(format!("{prefix}.{key}: must be at least 1"));
            }
        }
        if self.max_connections > u32::MAX as usize >> 3 {
            return Err(format!(
                "{prefix}.max_connections: at most {}",
                u32::MAX >> 3
            ));
        }
        Ok(())
    }

    /// `idle_timeout_seconds` as a duration.
    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(self.idle_timeout_seconds)
    }

    /// `header_read_timeout_seconds` as a duration.
    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout_seconds)
    }

    /// `body_read_timeout_seconds` as a duration.
    pub fn body_read_timeout(&self) -> Duration {
        Duration::from_secs(self.body_read_timeout_seconds)
    }
}

/// Checks a configured JSON depth limit against [`MAX_JSON_DEPTH`].
///
/// # Errors
/// A message naming `key` when `depth` is 0 or above the limit.
pub fn validate_json_depth(key: &str, depth: usize) -> Result<(), String> {
    if depth == 0 || depth > MAX_JSON_DEPTH {
        return Err(format!(
            "{key}: must be between 1 and {MAX_JSON_DEPTH} (deeper input would reach the decoders' own recursion limits), got {depth}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_zero_is_refused_by_name() {
        assert_eq!(
            ConnectionLimits::default().validate("server.limits"),
            Ok(())
        );
        let limits = ConnectionLimits {
            idle_timeout_seconds: 0,
            ..ConnectionLimits::default()
        };
        let error = limits.validate("server.limits").unwrap_err();
        assert!(
            error.contains("server.limits.idle_timeout_seconds"),
            "{error}"
        );
    }

    #[test]
    fn json_depth_above_the_limit_is_refused() {
        assert!(validate_json_depth("rest.max_json_depth", 32).is_ok());
        assert!(validate_json_depth("rest.max_json_depth", 1).is_ok());
        let error = validate_json_depth("rest.max_json_depth", 64).unwrap_err();
        assert!(
            error.contains("rest.max_json_depth") && error.contains("32"),
            "{error}"
        );
        assert!(validate_json_depth("rest.max_json_depth", 0).is_err());
    }
}
