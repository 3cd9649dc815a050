//! `actorflow components`

use std::fmt::Write as _;

use actor_core::{PortSpec, Registry};

use crate::stdio::{self, Outcome};

/// Lists every registered component with its ports.
pub(crate) fn run() -> Outcome {
    stdio::out(&listing(&actor_components::standard()))?;
    Ok(crate::EXIT_OK)
}

/// The listing: per component, its name and description, then one line per
/// port: direction, name, type, `required`/`array`/`file path` flags, description.
pub(crate) fn listing(registry: &Registry) -> String {
    let mut out = String::new();
    for entry in registry.iter() {
        let spec = &entry.spec;
        writeln!(out, "{}  {}", spec.name, spec.description).expect("write to String");
        for (dir, ports) in [("in ", &spec.ports.inports), ("out", &spec.ports.outports)] {
            for p in ports {
                writeln!(out, "  {dir} {}", port_line(p)).expect("write to String");
            }
        }
    }
    out
}

fn port_line(p: &PortSpec) -> String {
    let mut flags = vec![p.ty.name().to_string()];
    if p.required {
        flags.push("required".into());
    }
    if p.addressable {
        flags.push("array".into());
    }
    if p.file_path {
        flags.push("file path".into());
    }
    let mut line = format!("{} ({})", p.name, flags.join(", "));
    if !p.description.is_empty() {
        line.push_str(": ");
        line.push_str(&p.description);
    }
    line
}
