//! Credentials for the servers a run starts: every server gets the same
//! random HS256 secret, and the bench signs itself one token with every
//! permission, used by its clients and its worker processes.

use std::time::Duration;

use anyhow::{Context, Result};
use tasker_auth::{ExposeSecret, JwtIssuer, PermissionSet, SecretString, generate_api_key};

/// The run's secret and the token signed with it.
#[derive(Debug, Clone)]
pub(crate) struct RunAuth {
    /// HS256 secret given to every server (`TASKER_AUTH__JWT_SECRET`).
    pub(crate) secret: String,
    /// A token for subject `bench` with permission `*`, valid for a day.
    pub(crate) token: String,
}

impl RunAuth {
    /// A fresh random secret and a token signed with it, for the issuer
    /// and audience of the server's default configuration.
    pub(crate) fn new() -> Result<Self> {
        // 32 random bytes, base64url: the secret part of a freshly generated
        // key `tk_<prefix>_<secret>` (the secret may itself contain `_`).
        let random = generate_api_key();
        let secret = random
            .key
            .expose_secret()
            .splitn(3, '_')
            .nth(2)
            .unwrap_or_default()
            .to_owned();
        let day = Duration::from_secs(86_400);
        let issuer = JwtIssuer::hs256(&SecretString::from(secret.clone()), "tasker", "tasker")
            .context("bench token issuer")?
            .with_ttl(day, day)
            .context("bench token lifetime")?;
        let everything = PermissionSet::parse(["*"]).context("permission *")?;
        let token = issuer
            .issue("bench", &everything, &[], None)
            .context("signing the bench token")?
            .token
            .expose_secret()
            .to_owned();
        Ok(Self { secret, token })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_secret_is_accepted_outside_development() {
        for _ in 0..200 {
            let run = RunAuth::new().unwrap_or_else(|e| panic!("{e:#}"));
            assert!(
                !tasker_auth::is_weak_secret(&run.secret),
                "{}",
                run.secret.len()
            );
            assert_eq!(run.token.split('.').count(), 3);
        }
    }
}
