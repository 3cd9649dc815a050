use super::*;

fn data(g: &Graph) -> Vec<Json> {
    g.connections.iter().filter_map(|c| c.data.clone()).collect()
}

const GRAPH: &str = "\
'in.txt' -> IN read(fs/ReadLines)
'/abs/in.txt' -> IN read
'-' -> IN read
'' -> IN read
read OUT -> IN fmt(text/Format)
'{x}.txt' -> TEMPLATE fmt
fmt OUT -> IN write(fs/WriteLines)
'../out/result.txt' -> FILE write
";

#[test]
fn relative_paths_into_file_path_ports_join_the_graph_folder() {
    let mut g = Graph::from_fbp_str(GRAPH, None).unwrap();
    assert_eq!(resolve(&mut g, Path::new("graphs/sub/g.fbp"), &actor_components::standard()), 2);
    assert_eq!(
        data(&g),
        [
            Json::from("graphs/sub/in.txt"),
            Json::from("/abs/in.txt"),
            Json::from("-"),
            Json::from(""),
            Json::from("{x}.txt"), // text/Format's template is not a path
            Json::from("graphs/sub/../out/result.txt"),
        ]
    );
}

#[test]
fn a_graph_in_the_working_directory_or_an_unknown_component_changes_nothing() {
    let mut g = Graph::from_fbp_str(GRAPH, None).unwrap();
    let before = g.clone();
    assert_eq!(resolve(&mut g, Path::new("g.fbp"), &actor_components::standard()), 0);
    assert_eq!(g, before);
    let mut g = Graph::from_fbp_str("'in.txt' -> IN read(my/Reader)\n", None).unwrap();
    assert_eq!(resolve(&mut g, Path::new("graphs/g.fbp"), &actor_components::standard()), 0);
    assert_eq!(data(&g), [Json::from("in.txt")]);
}

#[test]
fn port_names_match_as_the_graph_says() {
    // A case-sensitive graph's `IN` is not `fs/ReadLines`'s `in`.
    let mut g = Graph::from_json_str(
        r#"{"caseSensitive": true, "processes": {"read": {"component": "fs/ReadLines"}},
            "connections": [{"data": "a.txt", "tgt": {"process": "read", "port": "IN"}},
                            {"data": "b.txt", "tgt": {"process": "read", "port": "in"}}]}"#,
        None,
    )
    .unwrap();
    assert_eq!(resolve(&mut g, Path::new("dir/g.json"), &actor_components::standard()), 1);
    assert_eq!(data(&g), [Json::from("a.txt"), Json::from("dir/b.txt")]);
}
