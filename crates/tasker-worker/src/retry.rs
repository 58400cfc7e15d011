//! Retrying calls to the orchestrator: which gRPC errors are worth retrying,
//! and capped exponential backoff with jitter.

use std::time::Duration;

use prost::Message as _;
use tonic::Code;

/// Capped exponential backoff with jitter.
///
/// The `n`-th delay (from 1) is `initial * 2^(n-1)`, capped at `max`, then
/// drawn uniformly from its upper half ("equal jitter"), so retries of many
/// workers spread out while each still waits at least half the nominal delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// First nominal delay.
    pub initial: Duration,
    /// Largest nominal delay.
    pub max: Duration,
}

impl Default for Backoff {
    /// 100 ms doubling up to 10 s.
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(10),
        }
    }
}

impl Backoff {
    /// The nominal delay before retry `attempt` (from 1), before jitter.
    pub fn nominal(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(31);
        self.initial
            .checked_mul(1u32 << exponent)
            .unwrap_or(self.max)
            .min(self.max)
    }

    /// The delay before retry `attempt` (from 1): the nominal delay, jittered
    /// into `[nominal / 2, nominal]`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let nominal = self.nominal(attempt);
        let half = nominal / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// How a failed call to the orchestrator should be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The network or the server is (perhaps briefly) unavailable: retry.
    Transient,
    /// The lease is no longer held (`FAILED_PRECONDITION`): drop the report.
    LeaseLost,
    /// The orchestrator does not know the worker or claim (`NOT_FOUND`).
    NotFound,
    /// Retrying cannot help (bad credentials, bad request, ...).
    Permanent,
}

/// Classifies a gRPC status.
pub(crate) fn classify(status: &tonic::Status) -> Failure {
    match status.code() {
        Code::Unavailable
        | Code::DeadlineExceeded
        | Code::ResourceExhausted
        | Code::Aborted
        | Code::Internal
        | Code::Unknown
        | Code::Cancelled => Failure::Transient,
        Code::FailedPrecondition => Failure::LeaseLost,
        Code::NotFound => Failure::NotFound,
        _ => Failure::Permanent,
    }
}

/// The delay the server asked for in a `google.rpc.RetryInfo` detail of the
/// status, if any.
pub(crate) fn retry_info(status: &tonic::Status) -> Option<Duration> {
    let details = status.details();
    if details.is_empty() {
        return None;
    }
    let rich = tasker_proto::pb::google::rpc::Status::decode(details).ok()?;
    rich.details
        .iter()
        .filter(|any| any.type_url.ends_with("/google.rpc.RetryInfo"))
        .find_map(|any| {
            let info = tasker_proto::pb::google::rpc::RetryInfo::decode(any.value.as_ref()).ok()?;
            crate::convert::duration_from_proto(info.retry_delay.as_ref())
        })
}

/// The delay before retry `attempt` after `status`: the backoff, raised to the
/// server's `RetryInfo` when it asks for longer (capped at one minute, so a
/// confused server cannot park the worker).
pub(crate) fn delay_after(backoff: &Backoff, attempt: u32, status: &tonic::Status) -> Duration {
    let delay = backoff.delay(attempt);
    match retry_info(status) {
        Some(asked) => delay.max(asked.min(Duration::from_secs(60))),
        None => delay,
    }
}

#[cfg(test)]
mod tests {
    use prost::Message as _;

    use super::*;

    #[test]
    fn backoff_grows_caps_and_jitters() {
        let b = Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(1),
        };
        assert_eq!(b.nominal(0), Duration::from_millis(100));
        assert_eq!(b.nominal(1), Duration::from_millis(100));
        assert_eq!(b.nominal(2), Duration::from_millis(200));
        assert_eq!(b.nominal(4), Duration::from_millis(800));
        assert_eq!(b.nominal(5), Duration::from_secs(1));
        assert_eq!(b.nominal(u32::MAX), Duration::from_secs(1));
        for attempt in 1..40 {
            let d = b.delay(attempt);
            let nominal = b.nominal(attempt);
            assert!(d >= nominal / 2 && d <= nominal, "{attempt}: {d:?}");
        }
        let spread: std::collections::HashSet<_> = (0..20).map(|_| b.delay(3)).collect();
        assert!(spread.len() > 1, "jitter varies the delay");
    }

    #[test]
    fn statuses_are_classified() {
        for code in [
            Code::Unavailable,
            Code::DeadlineExceeded,
            Code::ResourceExhausted,
        ] {
            assert_eq!(classify(&tonic::Status::new(code, "")), Failure::Transient);
        }
        assert_eq!(
            classify(&tonic::Status::failed_precondition("lease expired")),
            Failure::LeaseLost
        );
        assert_eq!(classify(&tonic::Status::not_found("")), Failure::NotFound);
        for code in [
            Code::Unauthenticated,
            Code::PermissionDenied,
            Code::InvalidArgument,
            Code::Unimplemented,
        ] {
            assert_eq!(classify(&tonic::Status::new(code, "")), Failure::Permanent);
        }
    }

    #[test]
    fn retry_info_raises_the_delay() {
        use tasker_proto::pb::google::rpc::{RetryInfo, Status};
        let info = RetryInfo {
            retry_delay: Some(Duration::from_secs(2).into()),
        };
        let rich = Status {
            code: Code::Unavailable as i32,
            message: "busy".into(),
            details: vec![pbjson_types::Any {
                type_url: "type.googleapis.com/google.rpc.RetryInfo".into(),
                value: info.encode_to_vec().into(),
            }],
        };
        let status =
            tonic::Status::with_details(Code::Unavailable, "busy", rich.encode_to_vec().into());
        assert_eq!(retry_info(&status), Some(Duration::from_secs(2)));
        let b = Backoff::default();
        assert!(delay_after(&b, 1, &status) >= Duration::from_secs(2));
        assert!(delay_after(&b, 1, &tonic::Status::unavailable("")) <= b.initial);
        assert_eq!(retry_info(&tonic::Status::unavailable("")), None);
    }
}
