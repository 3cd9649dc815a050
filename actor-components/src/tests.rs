
/// The component names in the table of the module docs, in order.
fn documented() -> Vec<String> {
    include_str!("lib.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `"))
        .filter_map(|l| l.split_once('`').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn the_docs_table_lists_exactly_the_registered_components() {
    let mut table = documented();
    table.sort();
    let registered: Vec<String> = crate::standard().names().map(str::to_string).collect();
    assert_eq!(table, registered);
}

#[test]
fn every_port_of_every_component_is_described_and_lowercase() {
    for entry in crate::standard().iter() {
        let spec = &entry.spec;
        assert!(!spec.description.is_empty(), "{} has no description", spec.name);
        for p in spec.ports.inports.iter().chain(&spec.ports.outports) {
            assert!(!p.description.is_empty(), "{}.{} has no description", spec.name, p.name);
            assert_eq!(p.name, p.name.to_lowercase(), "{}.{} is not lowercase", spec.name, p.name);
        }
    }
}

#[test]
fn the_documented_inports_match_the_declared_ones() {
    // Each table row lists inports as `name` (options after "options").
    let registry = crate::standard();
    for line in include_str!("lib.rs").lines().filter(|l| l.starts_with("//! | `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`');
        let mut listed: Vec<&str> = cells[2].split('`').skip(1).step_by(2).collect();
        let mut declared: Vec<&str> = registry.get(name).unwrap().spec.ports.inports.iter().map(|p| p.name.as_str()).collect();
        listed.sort_unstable();
        declared.sort_unstable();
        assert_eq!(listed, declared, "inports of {name}");
        let mut listed_out: Vec<&str> = cells[3].split('`').skip(1).step_by(2).collect();
        let mut declared_out: Vec<&str> = registry.get(name).unwrap().spec.ports.outports.iter().map(|p| p.name.as_str()).collect();
        listed_out.sort_unstable();
        declared_out.sort_unstable();
        assert_eq!(listed_out, declared_out, "outports of {name}");
    }
}

#[test]
fn exactly_the_ports_that_take_file_paths_are_marked_file_path() {
    let registry = crate::standard();
    let marked: Vec<String> = registry
        .iter()
        .flat_map(|e| e.spec.ports.inports.iter().chain(&e.spec.ports.outports).map(move |p| (e, p)))
        .filter(|(_, p)| p.file_path)
        .map(|(e, p)| format!("{}.{}", e.spec.name, p.name))
        .collect();
    assert_eq!(marked, ["fs/ReadLines.in", "fs/ReadText.in", "fs/WriteJson.file", "fs/WriteLines.file"]);
}
