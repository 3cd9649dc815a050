//! The Zenoh configuration of a node's session.

use std::path::Path;

use zenoh::Config;

/// Where a node's Zenoh session listens and connects.
///
/// Without a config file, multicast scouting is off: the session listens
/// only on `listen` and connects only to `connect` (Zenoh endpoints such
/// as `tcp/127.0.0.1:7447`). Nothing is discovered and nothing listens
/// unless asked. A session that listens is a Zenoh *peer*; one that only
/// connects is a *client*, which reaches every other node through the
/// peer or router it connects to (a Zenoh peer reaches only the peers it
/// has a link to, and a router forwards between clients, not between
/// peers of one mesh). A config file (JSON5, Zenoh's format) is
/// read first, and `listen`/`connect` then replace its endpoints when given.
///
/// **Secure by default**: listening on an address beyond loopback needs a
/// secret, Zenoh's user and password authentication
/// (`transport/auth/usrpwd` in the config file: `user`, `password` and a
/// `dictionary_file` of the accepted `user:password` lines).
#[derive(Debug, Clone, Default)]
pub struct SessionSettings {
    /// How long a client keeps trying to reach its `connect` endpoints
    /// when it opens, before it fails; `None` is 60 seconds. (A peer
    /// keeps trying in the background.)
    pub connect_timeout: Option<std::time::Duration>,
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
                let client = self.listen.is_empty() && !self.connect.is_empty();
                set(&mut c, "mode", if client { "\"client\"" } else { "\"peer\"" })?;
                if client {
                    // Zenoh's client default tries once: a node started
                    // before the one it connects to would fail at once.
                    let ms = self.connect_timeout.unwrap_or(std::time::Duration::from_secs(60)).as_millis();
                    set(&mut c, "connect/timeout_ms", &ms.to_string())?;
                }
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
        check_exposure(&config)?;
        Ok(config)
    }
}

/// Refuses a listen endpoint beyond loopback without user and password
/// authentication.
fn check_exposure(config: &Config) -> Result<(), ConfigError> {
    let listen = config.get_json("listen/endpoints").unwrap_or_default();
    let mut exposed = Vec::new();
    strings(&serde_json::from_str(&listen).unwrap_or_default(), &mut exposed);
    exposed.retain(|e| !is_loopback(e));
    if exposed.is_empty() {
        return Ok(());
    }
    let user = config.get_json("transport/auth/usrpwd/user").unwrap_or_default();
    if user.is_empty() || user == "null" {
        return Err(ConfigError {
            what: format!("listening on {}", exposed.join(", ")),
            cause: "an endpoint beyond loopback needs authentication: give a --zenoh-config file that sets \
                    transport/auth/usrpwd (user, password, dictionary_file), or listen on 127.0.0.1"
                .to_string(),
        });
    }
    Ok(())
}

/// Every string inside `v` (endpoints come as a list, or per mode).
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Whether a Zenoh endpoint (`tcp/127.0.0.1:7447`, `tcp/[::1]:7447`,
/// `tcp/localhost:7447`, with an optional `?`/`#` suffix) is on loopback.
pub(crate) fn is_loopback(endpoint: &str) -> bool {
    let address = endpoint.split(['?', '#']).next().unwrap_or_default();
    let Some((_, address)) = address.split_once('/') else { return false };
    let host = address.rsplit_once(':').map_or(address, |(h, _)| h);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
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

#[cfg(test)]
mod tests;
