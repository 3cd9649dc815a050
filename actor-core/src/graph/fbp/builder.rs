//! What the `.fbp` grammar's actions build: processes, edges, exported
//! ports and properties, with the reference parser's rules for default
//! ports, anonymous processes, metadata and the final checks.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};

use super::FbpErrorKind;
use super::js::{js_parse_float, js_string, js_truthy};
use crate::graph::{Connection, ExportedPort, Graph, PortRef, Process};

/// A component reference `(Comp:meta)`: the name (possibly empty) and the
/// comma-separated metadata entries.
#[derive(Debug)]
pub(super) struct Comp {
    pub(super) name: String,
    pub(super) meta: Option<Vec<String>>,
}

/// A port as written: name (lowercased unless case-sensitive), array index,
/// and where it was written (character index).
#[derive(Debug)]
pub(super) struct PortName {
    pub(super) port: String,
    pub(super) index: Option<usize>,
    pub(super) pos: usize,
}

/// One piece of a connection line; the reference parser pairs each source
/// or IIP with the target that follows it.
#[derive(Debug)]
pub(super) enum Item {
    Tgt(PortRef, usize),
    Src(PortRef, usize),
    Data(Json, usize),
}

#[derive(Debug)]
struct Node {
    component: Option<String>,
    metadata: Option<Map<String, Json>>,
    pos: usize,
}

/// A semantic error found by the final checks: position, kind and offending text.
pub(super) type Failure = (usize, FbpErrorKind, String);

/// The state the grammar's actions update.
#[derive(Debug)]
pub(super) struct Builder {
    pub(super) case_sensitive: bool,
    default_in: String,
    default_out: String,
    nodes: IndexMap<String, Node>,
    anon_counts: HashMap<String, usize>,
    anon_names: HashMap<usize, String>,
    edges: Vec<Item>,
    inports: IndexMap<String, (ExportedPort, usize)>,
    outports: IndexMap<String, (ExportedPort, usize)>,
    properties: Option<Map<String, Json>>,
}

/// A graph read from `.fbp` text, with where each element was written
/// (character indices, turned into lines and columns by the caller).
#[derive(Debug)]
pub(super) struct Built {
    pub(super) graph: Graph,
    pub(super) processes: Vec<(String, usize)>,
    pub(super) connections: Vec<(usize, usize)>,
    pub(super) inports: Vec<(String, usize)>,
    pub(super) outports: Vec<(String, usize)>,
}

impl Builder {
    pub(super) fn new(case_sensitive: bool) -> Self {
        Self {
            case_sensitive,
            default_in: "IN".into(),
            default_out: "OUT".into(),
            nodes: IndexMap::new(),
            anon_counts: HashMap::new(),
            anon_names: HashMap::new(),
            edges: Vec::new(),
            inports: IndexMap::new(),
            outports: IndexMap::new(),
            properties: None,
        }
    }

    /// `name(Comp:meta)`: declares a process, or updates it. An empty
    /// component name leaves the component as it was; metadata replaces.
    pub(super) fn add_node(&mut self, name: &str, comp: &Comp, pos: usize) {
        let node = self.nodes.entry(name.to_string()).or_insert(Node { component: None, metadata: None, pos });
        if !comp.name.is_empty() {
            node.component = Some(comp.name.clone());
        }
        if let Some(meta) = &comp.meta {
            node.metadata = Some(parse_metadata(meta));
        }
    }

    /// `(Comp)` without a name: the process is called `_Comp_N`, where the
    /// first run of non-alphanumerics in `Comp` becomes `_` and `N` counts
    /// anonymous processes of that component. The same text position always
    /// names the same process (the grammar may try a rule more than once).
    pub(super) fn add_anonymous(&mut self, comp: &Comp, pos: usize) -> String {
        if let Some(name) = self.anon_names.get(&pos) {
            return name.clone();
        }
        let base = replace_first_non_alnum_run(&comp.name);
        let n = self.anon_counts.entry(base.clone()).or_insert(0);
        *n += 1;
        let name = format!("_{base}_{n}");
        self.anon_names.insert(pos, name.clone());
        self.add_node(&name, comp, pos);
        name
    }

    pub(super) fn set_default_inport(&mut self, name: String) {
        self.default_in = name;
    }

    pub(super) fn set_default_outport(&mut self, name: String) {
        self.default_out = name;
    }

    /// `# @key value`; `@runtime` sets `environment.type`.
    pub(super) fn annotate(&mut self, key: String, value: String) {
        let props = self.properties.get_or_insert_with(Map::new);
        if key == "runtime" {
            let mut env = Map::new();
            env.insert("type".into(), Json::String(value));
            props.insert("environment".into(), Json::Object(env));
        } else {
            props.insert(key, Json::String(value));
        }
    }

    fn public_names(&self, public: String, port: String) -> (String, String) {
        if self.case_sensitive { (public, port) } else { (public.to_lowercase(), port.to_lowercase()) }
    }

    pub(super) fn export_inport(&mut self, process: String, port: String, public: String, pos: usize) {
        let (public, port) = self.public_names(public, port);
        self.inports.insert(public, (ExportedPort { process, port, metadata: None }, pos));
    }

    pub(super) fn export_outport(&mut self, process: String, port: String, public: String, pos: usize) {
        let (public, port) = self.public_names(public, port);
        self.outports.insert(public, (ExportedPort { process, port, metadata: None }, pos));
    }

    fn make_port(&self, process: (String, usize), port: Option<PortName>, default: &str) -> (PortRef, usize) {
        match port {
            Some(p) => (PortRef { process: process.0, port: p.port, index: p.index }, p.pos),
            None => {
                let port = if self.case_sensitive { default.to_string() } else { default.to_lowercase() };
                (PortRef { process: process.0, port, index: None }, process.1)
            }
        }
    }

    /// The target end at `process` (port `port`, or the default inport).
    pub(super) fn tgt(&self, process: (String, usize), port: Option<PortName>) -> Item {
        let (r, pos) = self.make_port(process, port, &self.default_in);
        Item::Tgt(r, pos)
    }

    /// The source end at `process` (port `port`, or the default outport).
    pub(super) fn src(&self, process: (String, usize), port: Option<PortName>) -> Item {
        let (r, pos) = self.make_port(process, port, &self.default_out);
        Item::Src(r, pos)
    }

    pub(super) fn register_edges(&mut self, items: Vec<Item>) {
        self.edges.extend(items);
    }

    /// Pairs every source or IIP with the target right after it (across
    /// lines, as the reference parser does), then checks that every process
    /// has a component and every exported port and connection names a
    /// defined process.
    pub(super) fn finish(self) -> Result<Built, Failure> {
        let Builder { case_sensitive, nodes, edges, inports, outports, properties, .. } = self;
        let mut connections = Vec::new();
        let mut positions = Vec::new();
        let mut items = edges.into_iter().map(Some).collect::<Vec<_>>();
        let mut i = 1;
        while i < items.len() {
            let pair = matches!(items[i - 1], Some(Item::Src(..) | Item::Data(..))) && matches!(items[i], Some(Item::Tgt(..)));
            if pair {
                let (Some(first), Some(Item::Tgt(tgt, tgt_pos))) = (items[i - 1].take(), items[i].take()) else {
                    unreachable!("checked above")
                };
                let (src, data, src_pos) = match first {
                    Item::Src(r, p) => (Some(r), None, p),
                    Item::Data(d, p) => (None, Some(d), p),
                    Item::Tgt(..) => unreachable!("checked above"),
                };
                connections.push(Connection { src, data, tgt, metadata: None });
                positions.push((src_pos, tgt_pos));
                i += 1;
            }
            i += 1;
        }

        for (name, node) in &nodes {
            if node.component.is_none() {
                return Err((node.pos, FbpErrorKind::NoComponent { process: name.clone() }, name.clone()));
            }
        }
        for (public, (e, pos)) in &inports {
            if !nodes.contains_key(&e.process) {
                let kind = FbpErrorKind::InportToUndefined { public: public.clone(), process: e.process.clone() };
                return Err((*pos, kind, e.process.clone()));
            }
        }
        for (public, (e, pos)) in &outports {
            if !nodes.contains_key(&e.process) {
                let kind = FbpErrorKind::OutportToUndefined { public: public.clone(), process: e.process.clone() };
                return Err((*pos, kind, e.process.clone()));
            }
        }
        for (c, &(src_pos, tgt_pos)) in connections.iter().zip(&positions) {
            if !nodes.contains_key(&c.tgt.process) {
                let process = c.tgt.process.clone();
                let kind = match (&c.data, &c.src) {
                    (Some(d), _) if js_truthy(d) => FbpErrorKind::IipToUndefined { data: js_string(d), process: process.clone() },
                    (_, Some(s)) => FbpErrorKind::EdgeToUndefined {
                        src_process: s.process.clone(),
                        src_port: s.port.clone(),
                        process: process.clone(),
                    },
                    _ => FbpErrorKind::FalsyIipToUndefined { process: process.clone() },
                };
                return Err((tgt_pos, kind, process));
            }
            if let Some(s) = &c.src {
                if !nodes.contains_key(&s.process) {
                    let kind = FbpErrorKind::EdgeFromUndefined {
                        tgt_process: c.tgt.process.clone(),
                        tgt_port: c.tgt.port.clone(),
                        process: s.process.clone(),
                    };
                    return Err((src_pos, kind, s.process.clone()));
                }
            }
        }

        let processes_at = nodes.iter().map(|(n, node)| (n.clone(), node.pos)).collect();
        let graph = Graph {
            case_sensitive,
            properties: properties.unwrap_or_default(),
            inports: inports.iter().map(|(k, (e, _))| (k.clone(), e.clone())).collect(),
            outports: outports.iter().map(|(k, (e, _))| (k.clone(), e.clone())).collect(),
            groups: Vec::new(),
            processes: nodes
                .into_iter()
                .map(|(n, node)| {
                    (n, Process { component: node.component.unwrap_or_default(), metadata: node.metadata })
                })
                .collect(),
            connections,
            source: Default::default(),
        };
        Ok(Built {
            graph,
            processes: processes_at,
            connections: positions,
            inports: inports.into_iter().map(|(k, (_, p))| (k, p)).collect(),
            outports: outports.into_iter().map(|(k, (_, p))| (k, p)).collect(),
        })
    }
}

/// `k=v,flag,x=10`: `k` to `"v"`, a bare entry to `routes`, and `x`/`y`
/// to numbers (JavaScript's `parseFloat`; not a number becomes `null`).
fn parse_metadata(entries: &[String]) -> Map<String, Json> {
    let mut map = Map::new();
    for entry in entries {
        let parts: Vec<&str> = entry.split('=').collect();
        let (key, value) = if parts.len() == 1 { ("routes", parts[0]) } else { (parts[0], parts[1]) };
        let value = if key == "x" || key == "y" { js_parse_float(value) } else { Json::String(value.to_string()) };
        map.insert(key.to_string(), value);
    }
    map
}

fn replace_first_non_alnum_run(s: &str) -> String {
    match s.find(|c: char| !c.is_ascii_alphanumeric()) {
        None => s.to_string(),
        Some(start) => {
            let end = s[start..].find(|c: char| c.is_ascii_alphanumeric()).map_or(s.len(), |e| start + e);
            format!("{}_{}", &s[..start], &s[end..])
        }
    }
}
