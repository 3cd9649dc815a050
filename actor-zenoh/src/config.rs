//! The Zenoh configuration of a node's session.

use std::path::Path;

use zenoh::Config;

/// Where a node's Zenoh session listens and connects.
///
/// Without a config file, the session is a peer with multicast scouting
/// off: it listens only on `listen` and connects only to `connect` (Zenoh
/// endpoints such as `tcp/127.0.0.1:7447`). Nothing is discovered and
/// nothing listens unless asked. A config file (JSON5, Zenoh's format) is
/// read first, and `listen`/`connect` then replace its endpoints when given.
#[derive(Debug, Clone, Default)]
pub struct SessionSettings {
    /// Endpoints to listen on.
    pub listen: Vec<String>,
    /// Endpoints to connect to.
    pub connect: Vec<String>,
    /// A Zenoh config file, read first.
    pub config_file: Option<std::path::PathBuf>,
}

/// A setting that Zenoh refused.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {cause}")]
pub struct ConfigError {
    /// What was being set.
    pub what: String,
    /// Zenoh's message.
    pub cause: String,
}

impl SessionSettings {
    /// The Zenoh config these settings describe.
    ///
    /// # Errors
    /// [`ConfigError`] for an unreadable or invalid config file, or an
    /// endpoint Zenoh cannot parse.
    pub fn to_config(&self) -> Result<Config, ConfigError> {
        let mut config = match &self.config_file {
            Some(path) => Config::from_file(path).map_err(|e| err(&format!("{}", Path::new(path).display()), e))?,
            None => {
                let mut c = Config::default();
                set(&mut c, "mode", "\"peer\"")?;
                set(&mut c, "scouting/multicast/enabled", "false")?;
                set(&mut c, "listen/endpoints", "[]")?;
                c
            }
        };
        if !self.listen.is_empty() || self.config_file.is_none() {
            set(&mut config, "listen/endpoints", &endpoints(&self.listen))?;
        }
        if !self.connect.is_empty() || self.config_file.is_none() {
            set(&mut config, "connect/endpoints", &endpoints(&self.connect))?;
        }
        Ok(config)
    }
}

fn endpoints(list: &[String]) -> String {
    serde_json::to_string(list).expect("a list of strings serializes")
}

fn set(config: &mut Config, key: &str, value: &str) -> Result<(), ConfigError> {
    config.insert_json5(key, value).map_err(|e| err(&format!("{key} = {value}"), e))
}

fn err(what: &str, e: zenoh::Error) -> ConfigError {
    ConfigError { what: what.to_string(), cause: e.to_string() }
}
