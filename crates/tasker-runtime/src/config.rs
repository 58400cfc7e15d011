//! Layered configuration, as both binaries read it: the defaults compiled
//! into the binary, then an optional TOML file, then environment variables
//! with a prefix and `__` between nested keys (`TASKER_SERVER__BIND` sets
//! `server.bind`). A value that cannot be used is refused with one line per
//! problem naming the setting and where its value came from.

use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::de::DeserializeOwned;

/// Where a process's settings come from.
#[derive(Debug, Clone, Copy)]
pub struct Layers {
    /// The defaults, as TOML (compiled in, so the binary runs from any
    /// directory).
    pub defaults: &'static str,
    /// Prefix of the environment variables that override settings.
    pub env_prefix: &'static str,
    /// Whether a variable is a setting, given its name after the prefix in
    /// lower case; variables that are not are never read.
    pub is_setting: fn(&str) -> bool,
}

impl Layers {
    /// The layered sources, before extraction: defaults, then `file` when
    /// given, then the process environment.
    pub fn figment(&self, file: Option<&Path>) -> Figment {
        let mut figment = Figment::from(Toml::string(self.defaults));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment.merge(self.environment())
    }

    /// The environment layer: the settings among the prefixed variables,
    /// `__` separating nested keys.
    pub fn environment(&self) -> Env {
        let is_setting = self.is_setting;
        Env::prefixed(self.env_prefix).filter_map(move |key| {
            let key = key.as_str().to_ascii_lowercase();
            is_setting(&key).then(|| key.replace("__", ".").into())
        })
    }

    /// The configuration the layers hold: [`Layers::figment`], extracted.
    ///
    /// # Errors
    /// As [`Layers::extract`].
    pub fn load<T: DeserializeOwned>(&self, file: Option<&Path>) -> Result<T, String> {
        self.extract(&self.figment(file))
    }

    /// The configuration `figment` holds.
    ///
    /// # Errors
    /// A message naming each setting that is missing, unknown or of the
    /// wrong type, and where its value came from ([`Layers::describe`]).
    pub fn extract<T: DeserializeOwned>(&self, figment: &Figment) -> Result<T, String> {
        figment.extract().map_err(|e| self.describe(e))
    }

    /// Names the environment variable that sets `key` (`server.bind` →
    /// `TASKER_SERVER__BIND`).
    pub fn env_var_for(&self, key: &str) -> String {
        format!(
            "{}{}",
            self.env_prefix,
            key.to_ascii_uppercase().replace('.', "__")
        )
    }

    /// One line per problem: the setting, what is wrong, and where the value
    /// came from.
    pub fn describe(&self, error: figment::Error) -> String {
        error
            .into_iter()
            .map(|e| {
                let key = e.path.join(".");
                let source = match &e.metadata {
                    Some(meta) if meta.name.contains("environment") => {
                        format!(" (from {})", self.env_var_for(&key))
                    }
                    Some(meta) => match &meta.source {
                        Some(source) => format!(" (from {source})"),
                        None => format!(" (from {})", meta.name),
                    },
                    None => String::new(),
                };
                if key.is_empty() {
                    format!("{}{source}", e.kind)
                } else {
                    format!("{key}: {}{source}", e.kind)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
// figment's Jail fixes the closure's error type; its size is not ours to choose.
#[allow(clippy::result_large_err)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Settings {
        server: Server,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Server {
        port: u16,
    }

    const LAYERS: Layers = Layers {
        defaults: "[server]\nport = 1\n",
        env_prefix: "APP_",
        is_setting: |key| key.contains("__"),
    };

    #[test]
    fn file_then_environment_override_the_defaults() {
        figment::Jail::expect_with(|jail| {
            let defaults: Settings = LAYERS.load(None)?;
            assert_eq!(defaults.server.port, 1);
            jail.create_file("app.toml", "[server]\nport = 2\n")?;
            let file: Settings = LAYERS.load(Some(Path::new("app.toml")))?;
            assert_eq!(file.server.port, 2);
            jail.set_env("APP_SERVER__PORT", "3");
            jail.set_env("APP_CONFIG", "not a setting");
            let env: Settings = LAYERS.load(Some(Path::new("app.toml")))?;
            assert_eq!(env.server.port, 3);
            Ok(())
        });
    }

    #[test]
    fn a_bad_value_names_its_setting_and_source() {
        figment::Jail::expect_with(|jail| {
            assert_eq!(LAYERS.env_var_for("server.port"), "APP_SERVER__PORT");
            jail.set_env("APP_SERVER__PORT", "many");
            let error = LAYERS.load::<Settings>(None).unwrap_err();
            assert!(
                error.starts_with("server.port: ") && error.ends_with("(from APP_SERVER__PORT)"),
                "{error}"
            );
            jail.clear_env();
            jail.create_file("app.toml", "[server]\nport = 2\nhost = \"x\"\n")?;
            let error = LAYERS
                .load::<Settings>(Some(Path::new("app.toml")))
                .unwrap_err();
            assert!(
                error.contains("host") && error.contains("app.toml"),
                "{error}"
            );
            let missing = LAYERS
                .load::<Settings>(Some(Path::new("absent.toml")))
                .unwrap_err();
            assert!(missing.contains("absent.toml"), "{missing}");
            Ok(())
        });
    }
}
