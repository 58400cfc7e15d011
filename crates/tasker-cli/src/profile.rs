//! Profiles: named connection settings in a TOML file.
//!
//! ```toml
//! default_profile = "local"
//!
//! [profiles.local]
//! endpoint = "http://127.0.0.1:9090"
//! transport = "grpc"
//! api_key = "tk_..."
//!
//! [profiles.prod]
//! endpoint = "https://tasker.example.com"
//! transport = "rest"
//! ca_file = "/etc/tasker/ca.pem"
//! output = "json"
//! timeout = 10
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context as _;
use etcetera::BaseStrategy as _;
use serde::Deserialize;

use crate::cli::{OutputFormat, TransportArg};

/// One profile; every setting optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Profile {
    pub(crate) endpoint: Option<String>,
    pub(crate) worker_endpoint: Option<String>,
    pub(crate) transport: Option<TransportArg>,
    pub(crate) api_key: Option<String>,
    pub(crate) token: Option<String>,
    pub(crate) ca_file: Option<PathBuf>,
    pub(crate) output: Option<OutputFormat>,
    pub(crate) timeout: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// The config file: TASKER_CLI_CONFIG, else `<XDG config dir>/tasker/config.toml`.
pub(crate) fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TASKER_CLI_CONFIG") {
        return Some(PathBuf::from(path));
    }
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("tasker").join("config.toml"))
}

/// The profile `name` (or the file's default). No file and no name: the
/// empty profile. A name that the file does not define is an error.
pub(crate) fn load(name: Option<&str>) -> anyhow::Result<Profile> {
    let Some(path) = config_path() else {
        return match name {
            Some(name) => Err(crate::usage(format!(
                "--profile {name}: no config directory to read it from"
            ))),
            None => Ok(Profile::default()),
        };
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return match name {
                Some(name) => Err(crate::usage(format!(
                    "--profile {name}: {} does not exist",
                    path.display()
                ))),
                None => Ok(Profile::default()),
            };
        }
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", path.display()));
        }
    };
    let file: File =
        toml::from_str(&text).with_context(|| format!("invalid {}", path.display()))?;
    let Some(chosen) = name.map(str::to_owned).or(file.default_profile.clone()) else {
        return Ok(Profile::default());
    };
    match file.profiles.get(&chosen) {
        Some(profile) => Ok(profile.clone()),
        // Asked for on the command line: a usage error.
        None if name.is_some() => Err(crate::usage(format!(
            "--profile {chosen}: no such profile in {}",
            path.display()
        ))),
        None => anyhow::bail!(
            "default_profile {chosen:?}: no such profile in {}",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_profile_file_parses_and_rejects_unknown_keys() {
        let file: File = toml::from_str(
            "default_profile = \"a\"\n[profiles.a]\nendpoint = \"http://x:1\"\ntransport = \"rest\"\noutput = \"yaml\"\ntimeout = 2.5\n",
        )
        .unwrap();
        let a = &file.profiles["a"];
        assert_eq!(a.transport, Some(TransportArg::Rest));
        assert_eq!(a.output, Some(OutputFormat::Yaml));
        assert!(toml::from_str::<File>("[profiles.a]\nendpont = \"x\"\n").is_err());
    }
}
