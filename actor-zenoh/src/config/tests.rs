use super::{SessionSettings, is_loopback};

#[test]
fn loopback_endpoints_are_recognised() {
    for e in ["tcp/127.0.0.1:7447", "tcp/127.1.2.3:1", "tcp/[::1]:7447", "tcp/localhost:7447", "tcp/127.0.0.1:7447#iface=lo"] {
        assert!(is_loopback(e), "{e}");
    }
    for e in ["tcp/0.0.0.0:7447", "tcp/[::]:0", "tcp/192.168.1.5:7447", "tcp/example.com:7447", "nonsense"] {
        assert!(!is_loopback(e), "{e}");
    }
}

#[test]
fn without_a_file_nothing_listens_unless_asked_and_nothing_is_scouted() {
    let c = SessionSettings::default().to_config().unwrap();
    assert_eq!(c.get_json("listen/endpoints").unwrap(), "[]");
    assert_eq!(c.get_json("scouting/multicast/enabled").unwrap(), "false");
    assert_eq!(c.get_json("mode").unwrap(), "\"peer\"");
    let listening = SessionSettings { listen: vec!["tcp/127.0.0.1:7447".into()], ..Default::default() };
    assert_eq!(listening.to_config().unwrap().get_json("mode").unwrap(), "\"peer\"");
    let connecting = SessionSettings { connect: vec!["tcp/127.0.0.1:7447".into()], ..Default::default() };
    assert_eq!(connecting.to_config().unwrap().get_json("mode").unwrap(), "\"client\"");
}

#[test]
fn listening_beyond_loopback_needs_user_and_password_auth() {
    let open = SessionSettings { listen: vec!["tcp/0.0.0.0:7447".into()], ..Default::default() };
    let e = open.to_config().unwrap_err().to_string();
    assert!(e.starts_with("listening on tcp/0.0.0.0:7447: an endpoint beyond loopback needs authentication"), "{e}");

    let dir = std::env::temp_dir().join(format!("actor-zenoh-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("zenoh.json5");
    // A config file that keeps Zenoh's default listen endpoint (all interfaces) is refused too.
    std::fs::write(&file, "{ mode: 'peer' }").unwrap();
    let defaults = SessionSettings { config_file: Some(file.clone()), ..Default::default() };
    assert!(defaults.to_config().is_err());

    let dict = dir.join("users.txt");
    std::fs::write(&dict, "node:secret\n").unwrap();
    let text = format!(
        "{{ mode: 'peer', transport: {{ auth: {{ usrpwd: {{ user: 'node', password: 'secret', dictionary_file: {:?} }} }} }} }}",
        dict.display().to_string()
    );
    std::fs::write(&file, text).unwrap();
    let secured = SessionSettings { listen: vec!["tcp/0.0.0.0:7447".into()], config_file: Some(file), ..Default::default() };
    assert!(secured.to_config().is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}
