//! The node fragments (stdlib/fragments), each run against a scratch root with
//! stubbed system commands (systemctl, curl, kubeadm, kubectl, blkid, mkfs.xfs,
//! update-ca-trust, sleep: stubs that record their arguments; curl answers as
//! Keystone, Magnum's certificate API, Heat and the download sites would, and
//! signs CSRs with test CAs). For each: the files it writes and the commands
//! it runs, a second run that changes nothing, and `set -eu` on failure. What
//! they write is then read by its real consumers from Debian: shellcheck,
//! systemd-analyze verify, chronyd -p, containerd config dump, openssl x509 and
//! verify, Python's TOML reader; YAML and JSON files must parse. kubeadm and
//! the kubelet are not packaged by Debian, so their configuration is checked
//! as YAML and against the values it must hold.
//!
//! A missing program skips the test on a developer machine and fails it when
//! CI=true (scripts/test-deps.sh installs them and records their paths in
//! target/test-deps.env).

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The path of an outside program: from test-deps.env (HOTC_<NAME>), else the
/// PATH; None (a skip) on a developer machine, a failure in CI.
fn tool(program: &str) -> Option<String> {
    let var = format!(
        "HOTC_{}",
        program.to_ascii_uppercase().replace(['-', '.'], "_")
    );
    if let Ok(path) = std::env::var(&var) {
        if Path::new(&path).is_file() {
            return Some(path);
        }
    }
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is missing: scripts/test-deps.sh installs it (CI must not skip)"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

fn sh(cmd: &str, dir: &Path) -> Output {
    let out = Command::new("sh")
        .args(["-c", cmd])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const STUBS: &[(&str, &str)] = &[
    ("systemctl", ":"),
    (
        "update-ca-trust",
        "mkdir -p \"$HOTC_ROOT/etc/pki/tls/certs\"\ncat \"$HOTC_ROOT\"/etc/pki/ca-trust/source/anchors/*.pem > \"$HOTC_ROOT/etc/pki/tls/certs/ca-bundle.crt\"",
    ),
    (
        "kubeadm",
        "case $1 in init|join) mkdir -p \"$HOTC_ROOT/etc/kubernetes/manifests\"; : > \"$HOTC_ROOT/etc/kubernetes/manifests/kube-apiserver.yaml\" ;; esac",
    ),
    (
        "kubectl",
        "case \"$*\" in *'-o yaml'*) printf 'apiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: cloud-config\\n' ;; esac",
    ),
    ("blkid", "[ -e \"$HOTC_STUB_DIR/fs-$(basename \"$1\")\" ]"),
    ("mkfs.xfs", ": > \"$HOTC_STUB_DIR/fs-$(basename \"$1\")\""),
    ("sleep", ":"),
];

/// A scratch node: a root the fragment writes into, stubs, and their records.
struct Node {
    dir: PathBuf,
    root: PathBuf,
    bin: PathBuf,
}

impl Node {
    fn new(name: &str) -> Node {
        let dir = std::env::temp_dir().join(format!("hotc-frag-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let root = dir.join("root");
        let bin = dir.join("bin");
        std::fs::create_dir_all(root.join("etc/hotc/params")).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        for (stub, body) in STUBS {
            let path = bin.join(stub);
            std::fs::write(
                &path,
                format!(
                    "#!/bin/sh\necho \"{stub} $*\" >> \"$HOTC_STUB_DIR/calls\"\ncase \" $HOTC_FAIL \" in *\" {stub} \"*) exit 1 ;; esac\n{body}\n"
                ),
            )
            .unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::copy("tests/fixtures/fragments/curl-stub.py", bin.join("curl")).unwrap();
        std::fs::set_permissions(bin.join("curl"), std::fs::Permissions::from_mode(0o755)).unwrap();
        Node { dir, root, bin }
    }

    fn param(&self, name: &str, value: &str) -> &Node {
        std::fs::write(self.root.join("etc/hotc/params").join(name), value).unwrap();
        self
    }

    fn run(&self, fragment: &str, args: &[&str]) -> Output {
        self.run_failing(fragment, args, "")
    }

    /// Runs a fragment with the stubs named in `fail` failing.
    fn run_failing(&self, fragment: &str, args: &[&str], fail: &str) -> Output {
        let path = format!(
            "{}:{}",
            self.bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new("sh")
            .arg(Path::new("stdlib/fragments").join(fragment))
            .args(args)
            .env("HOTC_ROOT", &self.root)
            .env("HOTC_STUB_DIR", &self.dir)
            .env("HOTC_FAIL", fail)
            .env("HOTC_VOLUME_WAIT", "0")
            .env("PATH", path)
            .output()
            .unwrap()
    }

    fn ok(&self, fragment: &str, args: &[&str]) {
        let out = self.run(fragment, args);
        assert!(
            out.status.success(),
            "{fragment}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("calls"))
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect()
    }

    fn clear_calls(&self) {
        let _ = std::fs::remove_file(self.dir.join("calls"));
    }

    /// Every file under the root, with its mode.
    fn tree(&self) -> BTreeMap<String, (Vec<u8>, u32)> {
        let mut out = BTreeMap::new();
        let mut stack = vec![self.root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let meta = std::fs::symlink_metadata(&p).unwrap();
                let rel = p.strip_prefix(&self.root).unwrap().display().to_string();
                if meta.is_dir() {
                    stack.push(p);
                } else if meta.file_type().is_file() {
                    out.insert(
                        rel,
                        (
                            std::fs::read(&p).unwrap(),
                            meta.permissions().mode() & 0o7777,
                        ),
                    );
                } else {
                    out.insert(rel, (Vec::new(), 0));
                }
            }
        }
        out
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs the fragment again: the files must stay as they are and nothing
    /// may be restarted, reloaded, formatted, downloaded or signed again.
    fn assert_second_run_changes_nothing(&self, fragment: &str, args: &[&str]) {
        let before = self.tree();
        self.clear_calls();
        self.ok(fragment, args);
        let after = self.tree();
        for (k, v) in &after {
            assert_eq!(
                before.get(k),
                Some(v),
                "{fragment}: {k} changed on a second run"
            );
        }
        assert_eq!(before.len(), after.len(), "{fragment}: files appeared");
        for call in self.calls() {
            let mutating = [
                "systemctl restart",
                "systemctl daemon-reload",
                "systemctl enable --now",
            ]
            .iter()
            .any(|m| call.starts_with(m))
                || call.starts_with("mkfs.xfs")
                || call.starts_with("kubeadm")
                || call.starts_with("update-ca-trust")
                || (call.starts_with("curl")
                    && (call.ends_with("/certificates")
                        || (call.contains(" -o ") && call.contains("/release/"))));
            assert!(!mutating, "{fragment}: a second run did `{call}`");
        }
    }

    fn requests(&self, kind: &str) -> Vec<serde_json::Value> {
        let dir = self.dir.join("requests");
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        names.sort();
        names
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(&format!("-{kind}.json")))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {text}", p.display()))
            })
            .collect()
    }

    /// `systemd-analyze verify` of units under the root: no finding about them.
    fn verify_units(&self, systemd: &str, units: &[&str], executables: &[&str]) {
        let lib = self.root.join("usr/lib/systemd");
        std::fs::create_dir_all(&lib).unwrap();
        let _ = std::os::unix::fs::symlink("/usr/lib/systemd/system", lib.join("system"));
        for exe in executables {
            let path = self.root.join(exe.trim_start_matches('/'));
            if !path.exists() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, "#!/bin/sh\n").unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
        }
        let out = Command::new(systemd)
            .arg("verify")
            .arg(format!("--root={}", self.root.display()))
            .args(units)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let findings: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("Failed to resolve symlink"))
            .filter(|l| l.contains("/etc/systemd/system") || units.iter().any(|u| l.contains(u)))
            .collect();
        assert!(
            out.status.success() && findings.is_empty(),
            "systemd-analyze verify {units:?}:\n{stderr}"
        );
    }
}

/// Hostile values: quotes, %, $, backslash, newline, non-ASCII.
const HOSTILE: &[&str] = &[
    "a\"b",
    "a'b",
    "a%b%%",
    "a$b$(reboot)`id`",
    "a\\b\\\\",
    "a\nb",
    "é 😀",
    "a b;c&d|e",
];

#[test]
fn every_fragment_is_shellcheck_clean_and_strict() {
    let Some(shellcheck) = tool("shellcheck") else {
        return;
    };
    let mut count = 0;
    for entry in std::fs::read_dir("stdlib/fragments").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("#!/bin/sh\n"), "{}", path.display());
        assert!(
            text.contains("\nset -eu\n"),
            "{} lacks set -eu",
            path.display()
        );
        let out = Command::new(&shellcheck)
            .args(["-s", "sh", "--severity=style"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        count += 1;
    }
    assert_eq!(count, 12);
}

// ------------------------------------------------------------- bootstrap ---

#[test]
fn bootstrap_runs_the_steps_in_order_and_signals_heat() {
    let systemd = tool("systemd-analyze");
    let node = Node::new("bootstrap");
    // Steps that record themselves; one fails when its name is in STEP_FAIL.
    let libexec = node.dir.join("libexec");
    std::fs::create_dir_all(&libexec).unwrap();
    for step in [
        "ca-trust",
        "proxy",
        "chrony",
        "containerd",
        "volumes",
        "kube-install",
        "certs",
        "kube-master",
        "addons",
        "kube-worker",
        "signal",
    ] {
        let path = libexec.join(format!("{step}.sh"));
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\necho \"{step} $* proxy=${{http_proxy:-}}\" >> \"$HOTC_STUB_DIR/calls\"\ncase \" $STEP_FAIL \" in *\" {step} \"*) exit 1 ;; esac\n"
            ),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    node.param("role", "master")
        .param("http_proxy", "http://p:3128");
    let run = |fail: &str| {
        node.clear_calls();
        Command::new("sh")
            .arg("stdlib/fragments/bootstrap.sh")
            .env("HOTC_ROOT", &node.root)
            .env("HOTC_LIBEXEC", &libexec)
            .env("HOTC_STUB_DIR", &node.dir)
            .env("STEP_FAIL", fail)
            .output()
            .unwrap()
    };
    let out = run("");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let steps: Vec<String> = node.calls();
    let names: Vec<&str> = steps.iter().map(|c| c.split(' ').next().unwrap()).collect();
    assert_eq!(
        names,
        [
            "ca-trust",
            "proxy",
            "chrony",
            "containerd",
            "volumes",
            "kube-install",
            "certs",
            "kube-master",
            "addons",
            "signal"
        ]
    );
    assert_eq!(
        steps.last().unwrap(),
        "signal SUCCESS master is up proxy=http://p:3128"
    );
    assert!(steps.iter().all(|c| c.ends_with("proxy=http://p:3128")));
    assert!(node.root.join("var/lib/hotc/bootstrap.done").is_file());
    // A failing step: FAILURE at once, nothing after it, not marked done.
    std::fs::remove_file(node.root.join("var/lib/hotc/bootstrap.done")).unwrap();
    let out = run("volumes");
    assert_eq!(out.status.code(), Some(1));
    let calls = node.calls();
    assert_eq!(
        calls.last().unwrap(),
        "signal FAILURE volumes failed proxy=http://p:3128"
    );
    assert!(!calls.iter().any(|c| c.starts_with("kube-install")));
    assert!(!node.root.join("var/lib/hotc/bootstrap.done").exists());
    // A worker runs its own last step; an unknown role runs nothing.
    node.param("role", "worker");
    assert!(run("").status.success());
    assert!(node.calls().iter().any(|c| c.starts_with("kube-worker")));
    assert!(!node.calls().iter().any(|c| c.starts_with("kube-master")));
    node.param("role", "other");
    assert!(!run("").status.success());
    assert!(node.calls().is_empty());
    // The unit that runs it once: systemd accepts it, and a node that is up is
    // not brought up again (the condition), which makes the whole idempotent.
    let unit = hotc::build::render::BOOTSTRAP_UNIT;
    assert!(unit.contains("ConditionPathExists=!/var/lib/hotc/bootstrap.done"));
    if let Some(systemd) = systemd {
        let dir = node.root.join("etc/systemd/system");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("hotc-bootstrap.service"), unit).unwrap();
        node.verify_units(
            &systemd,
            &["hotc-bootstrap.service"],
            &["/usr/local/libexec/hotc/bootstrap.sh"],
        );
    }
}

#[test]
fn signal_posts_json_that_carries_any_reason_and_retries() {
    let node = Node::new("signal");
    node.param(
        "wait_endpoint",
        "https://heat.example:8004/v1/p/stacks/s/i/resources/wait_handle/signal",
    )
    .param("wait_token", "tok")
    .param("node_name", "demo-master-0");
    for (i, reason) in HOSTILE.iter().enumerate() {
        node.ok("signal.sh", &["FAILURE", reason]);
        let body = &node.requests("signal")[i];
        // Control characters are dropped; everything else arrives as sent.
        assert_eq!(body["reason"], reason.replace('\n', ""), "{reason:?}");
        assert_eq!(body["status"], "FAILURE");
        assert_eq!(body["id"], "demo-master-0");
    }
    assert!(
        node.calls()
            .iter()
            .all(|c| c.contains("-H X-Auth-Token: tok") && c.ends_with("/wait_handle/signal"))
    );
    // A second signal sends the same body again (Heat keeps one per id).
    node.ok("signal.sh", &["SUCCESS", "up"]);
    node.ok("signal.sh", &["SUCCESS", "up"]);
    let bodies = node.requests("signal");
    assert_eq!(bodies[bodies.len() - 1], bodies[bodies.len() - 2]);
    // A bad status, or Heat unreachable: non-zero, after ten tries.
    assert!(!node.run("signal.sh", &["MAYBE", "x"]).status.success());
    node.clear_calls();
    let out = node.run_failing("signal.sh", &["SUCCESS", "up"], "curl");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        node.calls()
            .iter()
            .filter(|c| c.starts_with("curl"))
            .count(),
        10
    );
    // set -u: a missing value stops it before anything is sent.
    std::fs::remove_file(node.root.join("etc/hotc/params/wait_token")).unwrap();
    node.clear_calls();
    assert!(!node.run("signal.sh", &["SUCCESS", "up"]).status.success());
    assert!(node.calls().is_empty());
}

// -------------------------------------------------------------- ca-trust ---

fn make_ca(dir: &Path, name: &str, subject: &str) {
    std::fs::create_dir_all(dir).unwrap();
    sh(
        &format!(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout {name}.key -out {name}.pem -days 2 -subj '/CN={subject}' 2>/dev/null"
        ),
        dir,
    );
}

#[test]
fn ca_trust_installs_the_certificates_and_openssl_verifies_with_them() {
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let node = Node::new("ca");
    let ca = node.dir.join("pki");
    make_ca(&ca, "extra", "hotc extra CA");
    make_ca(&ca, "openstack", "hotc OpenStack CA");
    sh(
        "openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj '/CN=leaf' 2>/dev/null && openssl x509 -req -in leaf.csr -CA openstack.pem -CAkey openstack.key -CAcreateserial -out leaf.pem -days 1 2>/dev/null",
        &ca,
    );
    std::fs::create_dir_all(node.root.join("etc/hotc/ca")).unwrap();
    std::fs::copy(
        ca.join("extra.pem"),
        node.root.join("etc/hotc/ca/extra-ca.pem"),
    )
    .unwrap();
    std::fs::copy(
        ca.join("openstack.pem"),
        node.root.join("etc/hotc/params/openstack_ca"),
    )
    .unwrap();
    node.ok("ca-trust.sh", &[]);
    assert_eq!(node.calls(), ["update-ca-trust extract"]);
    for (anchor, subject) in [
        ("hotc-extra-ca.pem", "hotc extra CA"),
        ("hotc-openstack-ca.pem", "hotc OpenStack CA"),
    ] {
        let path = node
            .root
            .join("etc/pki/ca-trust/source/anchors")
            .join(anchor);
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        let x509 = Command::new(&openssl)
            .args(["x509", "-noout", "-subject", "-in"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&x509.stdout).contains(subject));
    }
    let verify = Command::new(&openssl)
        .args(["verify", "-CAfile"])
        .arg(node.root.join("etc/kubernetes/ca-bundle.crt"))
        .arg(ca.join("leaf.pem"))
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    node.assert_second_run_changes_nothing("ca-trust.sh", &[]);
    // Not a certificate: refused, the store untouched.
    node.param("openstack_ca", "-----BEGIN RSA PRIVATE KEY-----\n");
    node.clear_calls();
    assert!(!node.run("ca-trust.sh", &[]).status.success());
    assert!(node.calls().is_empty());
    // The trust store failing stops it (set -e): the bundle is not copied.
    let fresh = Node::new("ca-fail");
    std::fs::copy(
        ca.join("openstack.pem"),
        fresh.root.join("etc/hotc/params/openstack_ca"),
    )
    .unwrap();
    assert!(
        !fresh
            .run_failing("ca-trust.sh", &[], "update-ca-trust")
            .status
            .success()
    );
    assert!(!fresh.root.join("etc/kubernetes/ca-bundle.crt").exists());
}

// ----------------------------------------------------------------- proxy ---

/// systemd's reading of one double-quoted `Environment=` word (C escapes)
/// after specifier expansion (`%%` is `%`), for the values proxy.sh writes.
fn systemd_unquote(word: &str) -> String {
    let inner = word
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .unwrap();
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next().unwrap()),
            '%' => {
                assert_eq!(chars.next(), Some('%'), "a lone % in {word}");
                out.push('%');
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn proxy_drop_ins_carry_every_value_and_systemd_accepts_them() {
    let systemd = tool("systemd-analyze");
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let node = Node::new(&format!("proxy-{i}"));
        let http = format!("http://u:{hostile}@proxy.example:3128");
        node.param("http_proxy", &http)
            .param("https_proxy", "http://p.example:3128")
            .param("no_proxy", ".example")
            .param("pods_network_cidr", "10.100.0.0/16")
            .param("api_address", "10.0.0.5");
        let out = node.run("proxy.sh", &[]);
        let drop_in = "etc/systemd/system/containerd.service.d/90-hotc-proxy.conf";
        if hostile.contains('\n') {
            // systemd has no way to write a newline here: refused, nothing written.
            assert!(!out.status.success(), "{hostile:?}");
            assert!(!node.root.join(drop_in).exists());
            assert!(node.calls().is_empty());
            continue;
        }
        assert!(
            out.status.success(),
            "{hostile:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(node.calls(), ["systemctl daemon-reload"]);
        for unit in ["containerd", "kubelet"] {
            let text = node.read(&format!(
                "etc/systemd/system/{unit}.service.d/90-hotc-proxy.conf"
            ));
            let line = text
                .lines()
                .find(|l| l.starts_with("Environment="))
                .unwrap();
            // Words are separated by spaces outside quotes.
            let mut words = Vec::new();
            let mut word = String::new();
            let mut quoted = false;
            let mut escaped = false;
            for c in line["Environment=".len()..].chars() {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    quoted = !quoted;
                } else if c == ' ' && !quoted {
                    words.push(std::mem::take(&mut word));
                    continue;
                }
                word.push(c);
            }
            words.push(word);
            let vars: BTreeMap<String, String> = words
                .iter()
                .map(|w| {
                    let v = systemd_unquote(w);
                    let (k, v) = v.split_once('=').unwrap();
                    (k.to_string(), v.to_string())
                })
                .collect();
            assert_eq!(vars["HTTP_PROXY"], http, "{hostile:?}");
            assert_eq!(vars["http_proxy"], http);
            assert_eq!(vars["HTTPS_PROXY"], "http://p.example:3128");
            assert_eq!(
                vars["NO_PROXY"],
                ".example,localhost,127.0.0.1,.svc,.cluster.local,10.100.0.0/16,10.0.0.5"
            );
        }
        if let Some(systemd) = &systemd {
            for unit in ["containerd", "kubelet"] {
                std::fs::write(
                    node.root.join(format!("etc/systemd/system/{unit}.service")),
                    "[Service]\nExecStart=/usr/bin/true\n",
                )
                .unwrap();
            }
            node.verify_units(
                systemd,
                &["containerd.service", "kubelet.service"],
                &["/usr/bin/true"],
            );
        }
        node.assert_second_run_changes_nothing("proxy.sh", &[]);
        // Without a proxy the drop-ins go away.
        node.param("http_proxy", "").param("https_proxy", "");
        node.clear_calls();
        node.ok("proxy.sh", &[]);
        assert!(!node.root.join(drop_in).exists());
        assert_eq!(node.calls(), ["systemctl daemon-reload"]);
    }
}

// ---------------------------------------------------------------- chrony ---

#[test]
fn chrony_gets_the_servers_and_chronyd_accepts_the_file() {
    let Some(chronyd) = tool("chronyd") else {
        return;
    };
    let node = Node::new("chrony");
    node.param("ntp_servers", "ntp1.example\n10.0.0.1\nfd00::1\n");
    node.ok("chrony.sh", &[]);
    assert_eq!(node.calls(), ["systemctl restart chronyd.service"]);
    let conf = node.read("etc/chrony.conf");
    assert!(
        conf.contains(
            "server ntp1.example iburst\nserver 10.0.0.1 iburst\nserver fd00::1 iburst\n"
        ),
        "{conf}"
    );
    let parsed = Command::new(&chronyd)
        .arg("-p")
        .arg("-f")
        .arg(node.root.join("etc/chrony.conf"))
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    assert!(String::from_utf8_lossy(&parsed.stdout).contains("server ntp1.example iburst"));
    node.assert_second_run_changes_nothing("chrony.sh", &[]);
    // No servers: the image's configuration stays, nothing restarts.
    let empty = Node::new("chrony-none");
    empty.ok("chrony.sh", &[]);
    assert!(!empty.root.join("etc/chrony.conf").exists() && empty.calls().is_empty());
    // One name per line: a newline separates two servers.
    let two = Node::new("chrony-two");
    two.param("ntp_servers", "a\nb");
    two.ok("chrony.sh", &[]);
    assert!(
        two.read("etc/chrony.conf")
            .contains("server a iburst\nserver b iburst\n")
    );
    // Hostile names are refused, nothing is written.
    for hostile in
        HOSTILE
            .iter()
            .filter(|h| **h != "a\nb")
            .chain(&["ntp.example\nallow all", "-x", "a b"])
    {
        let node = Node::new("chrony-bad");
        node.param("ntp_servers", hostile);
        assert!(
            !node.run("chrony.sh", &[]).status.success(),
            "{hostile:?} accepted"
        );
        assert!(!node.root.join("etc/chrony.conf").exists());
        assert!(node.calls().is_empty());
    }
}

// ------------------------------------------------------------ containerd ---

#[test]
fn containerd_accepts_its_configuration_and_restarts_only_on_a_change() {
    let Some(containerd) = tool("containerd") else {
        return;
    };
    let python = tool("python3");
    let node = Node::new("containerd");
    node.param("registry_mirror", "https://mirror.example:5000/v2")
        .param("insecure_registries", "reg.example:5000\n10.0.0.9\n");
    node.ok("containerd.sh", &[]);
    assert_eq!(
        node.calls(),
        [
            "systemctl enable containerd.service",
            "systemctl restart containerd.service"
        ]
    );
    let dump = Command::new(&containerd)
        .arg("--config")
        .arg(node.root.join("etc/containerd/config.toml"))
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
    assert!(dumped.contains("sandbox_image = \"registry.k8s.io/pause:3.9\""));
    // The hosts files are TOML with the values intact.
    if let Some(python) = &python {
        for (host, server) in [
            ("docker.io", "https://registry-1.docker.io"),
            ("reg.example:5000", "http://reg.example:5000"),
            ("10.0.0.9", "http://10.0.0.9"),
        ] {
            let file = node
                .root
                .join(format!("etc/containerd/certs.d/{host}/hosts.toml"));
            let out = Command::new(python)
                .args([
                    "-c",
                    "import sys, tomllib, json; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))",
                ])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(doc["server"], server);
            let hosts = doc["host"].as_object().unwrap();
            if host == "docker.io" {
                assert!(hosts.contains_key("https://mirror.example:5000/v2"));
            } else {
                assert_eq!(hosts[server]["skip_verify"], true);
            }
        }
    }
    node.assert_second_run_changes_nothing("containerd.sh", &[]);
    // Removing the mirror is a change: restarted once.
    node.param("registry_mirror", "");
    node.clear_calls();
    node.ok("containerd.sh", &[]);
    assert!(
        node.calls()
            .contains(&"systemctl restart containerd.service".to_string())
    );
    assert!(
        !node
            .root
            .join("etc/containerd/certs.d/docker.io/hosts.toml")
            .exists()
    );
    // Hostile values: a mirror that would need TOML escaping and registries
    // that are not host names are refused before anything restarts.
    for hostile in HOSTILE {
        for param in ["registry_mirror", "insecure_registries"] {
            let bad = Node::new("containerd-bad");
            bad.param(param, &format!("https://m.example/{hostile}"));
            let out = bad.run("containerd.sh", &[]);
            if param == "registry_mirror" && !hostile.contains(['"', '\\', '\n']) {
                // Other characters are plain TOML string content.
                assert!(out.status.success(), "{hostile:?}");
                continue;
            }
            assert!(!out.status.success(), "{param} {hostile:?} accepted");
            assert!(
                !bad.calls().iter().any(|c| c.contains("restart")),
                "{param} {hostile:?}"
            );
        }
    }
    // systemctl failing stops it (set -e).
    let fail = Node::new("containerd-fail");
    assert!(
        !fail
            .run_failing("containerd.sh", &[], "systemctl")
            .status
            .success()
    );
}

// --------------------------------------------------------------- volumes ---

#[test]
fn volumes_are_formatted_once_and_mounted_by_units_systemd_accepts() {
    let systemd = tool("systemd-analyze");
    let node = Node::new("volumes");
    let id = "3f1c6f43-2b5e-4c1e-9d8a-0123456789ab";
    let etcd = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    node.param("container_volume", id)
        .param("etcd_volume", etcd);
    let by_id = node.root.join("dev/disk/by-id");
    std::fs::create_dir_all(&by_id).unwrap();
    for v in [id, etcd] {
        let device = by_id.join(format!("virtio-{}", &v[..20]));
        let made = Command::new("mknod")
            .arg(&device)
            .args(["b", "7", "250"])
            .status();
        if !made.is_ok_and(|s| s.success()) {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "mknod is not allowed here (CI runs as root)"
            );
            eprintln!("skipped: cannot make a block device (not root)");
            return;
        }
    }
    node.ok("volumes.sh", &[]);
    let calls = node.calls();
    let device = format!(
        "{}/dev/disk/by-id/virtio-{}",
        node.root.display(),
        &id[..20]
    );
    assert_eq!(
        calls,
        [
            format!("blkid {device}"),
            format!("mkfs.xfs {device}"),
            "systemctl daemon-reload".into(),
            "systemctl enable --now var-lib-containerd.mount".into(),
            format!(
                "blkid {}/dev/disk/by-id/virtio-{}",
                node.root.display(),
                &etcd[..20]
            ),
            format!(
                "mkfs.xfs {}/dev/disk/by-id/virtio-{}",
                node.root.display(),
                &etcd[..20]
            ),
            "systemctl daemon-reload".into(),
            "systemctl enable --now var-lib-etcd.mount".into(),
        ]
    );
    let unit = node.read("etc/systemd/system/var-lib-containerd.mount");
    assert!(unit.contains(&format!("What=/dev/disk/by-id/virtio-{}\n", &id[..20])));
    assert!(unit.contains("Where=/var/lib/containerd\n"));
    if let Some(systemd) = &systemd {
        node.verify_units(
            systemd,
            &["var-lib-containerd.mount", "var-lib-etcd.mount"],
            &[],
        );
    }
    // Formatted already: a second run neither formats nor remounts.
    node.assert_second_run_changes_nothing("volumes.sh", &[]);
    // No volume: nothing to do.
    let none = Node::new("volumes-none");
    none.param("container_volume", "").param("etcd_volume", "");
    none.ok("volumes.sh", &[]);
    assert!(none.calls().is_empty());
    // A device that never appears, or an id that is not one: non-zero, and
    // nothing formatted.
    let missing = Node::new("volumes-missing");
    missing.param("container_volume", id);
    assert!(!missing.run("volumes.sh", &[]).status.success());
    assert!(!missing.calls().iter().any(|c| c.starts_with("mkfs")));
    for hostile in HOSTILE.iter().chain(&["../../x"]) {
        let bad = Node::new("volumes-bad");
        bad.param("container_volume", hostile);
        assert!(!bad.run("volumes.sh", &[]).status.success(), "{hostile:?}");
        assert!(bad.calls().is_empty());
    }
    // mkfs failing stops it before any unit is written (set -e).
    let fail = Node::new("volumes-fail");
    fail.param("container_volume", id);
    std::fs::create_dir_all(fail.root.join("dev/disk/by-id")).unwrap();
    Command::new("mknod")
        .arg(
            fail.root
                .join(format!("dev/disk/by-id/virtio-{}", &id[..20])),
        )
        .args(["b", "7", "250"])
        .status()
        .unwrap();
    assert!(
        !fail
            .run_failing("volumes.sh", &[], "mkfs.xfs")
            .status
            .success()
    );
    assert!(
        !fail
            .root
            .join("etc/systemd/system/var-lib-containerd.mount")
            .exists()
    );
}

// ---------------------------------------------------------- kube-install ---

#[test]
fn kube_install_checks_the_downloads_and_installs_a_kubelet_unit_systemd_accepts() {
    let systemd = tool("systemd-analyze");
    let node = Node::new("kube-install");
    node.param("kube_version", "v1.30.4")
        .param("kube_download_url", "https://dl.k8s.io");
    node.ok("kube-install.sh", &[]);
    for tool in ["kubeadm", "kubelet", "kubectl"] {
        let path = node.root.join("usr/local/bin").join(tool);
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o755
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("downloaded from https://dl.k8s.io/release/v1.30.4/bin/linux/amd64/{tool}\n")
        );
    }
    assert_eq!(node.read("var/lib/hotc/kubernetes-version"), "v1.30.4\n");
    let calls = node.calls();
    assert_eq!(calls.iter().filter(|c| c.starts_with("curl")).count(), 6);
    assert_eq!(
        &calls[calls.len() - 2..],
        [
            "systemctl daemon-reload",
            "systemctl enable kubelet.service"
        ]
    );
    if let Some(systemd) = &systemd {
        node.verify_units(systemd, &["kubelet.service"], &[]);
    }
    node.assert_second_run_changes_nothing("kube-install.sh", &[]);
    // A checksum that does not match: nothing installed.
    let bad_sum = Node::new("kube-install-sum");
    bad_sum
        .param("kube_version", "v1.30.4")
        .param("kube_download_url", "https://dl.k8s.io");
    std::fs::write(
        bad_sum.bin.join("sha256sum"),
        "#!/bin/sh\necho 'sha256sum: WARNING: 1 computed checksum did NOT match' >&2\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(
        bad_sum.bin.join("sha256sum"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    assert!(!bad_sum.run("kube-install.sh", &[]).status.success());
    assert!(!bad_sum.root.join("usr/local/bin/kubeadm").exists());
    assert!(
        !bad_sum
            .root
            .join("var/lib/hotc/kubernetes-version")
            .exists()
    );
    // A download failing stops it (set -e).
    let offline = Node::new("kube-install-offline");
    offline
        .param("kube_version", "v1.30.4")
        .param("kube_download_url", "https://dl.k8s.io");
    assert!(
        !offline
            .run_failing("kube-install.sh", &[], "curl")
            .status
            .success()
    );
    assert!(!offline.root.join("usr/local/bin/kubeadm").exists());
    // The version and the URL become a URL: anything else is refused.
    for hostile in HOSTILE
        .iter()
        .chain(&["v1.2.3/../../x", "1.30.4", "v1.30.4?x=y"])
    {
        let bad = Node::new("kube-install-bad");
        bad.param("kube_version", hostile)
            .param("kube_download_url", "https://dl.k8s.io");
        assert!(
            !bad.run("kube-install.sh", &[]).status.success(),
            "{hostile:?}"
        );
        assert!(bad.calls().is_empty(), "{hostile:?}");
    }
    let bad = Node::new("kube-install-url");
    bad.param("kube_version", "v1.30.4")
        .param("kube_download_url", "file:///etc");
    assert!(!bad.run("kube-install.sh", &[]).status.success());
}

// ----------------------------------------------------------------- certs ---

/// A node with test CAs for the certificate API and the trust's values.
fn certs_node(name: &str, role: &str, password: &str) -> Node {
    let node = Node::new(name);
    // The three test CAs, made once per run (RSA keys take time).
    static CAS: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let cas = CAS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("hotc-frag-{}-cas", std::process::id()));
        for kind in ["kubernetes", "etcd", "front-proxy"] {
            make_ca(&dir, kind, &format!("{kind} CA"));
        }
        dir
    });
    std::fs::create_dir_all(node.dir.join("ca")).unwrap();
    for kind in ["kubernetes", "etcd", "front-proxy"] {
        for ext in ["pem", "key"] {
            std::fs::copy(
                cas.join(format!("{kind}.{ext}")),
                node.dir.join(format!("ca/{kind}.{ext}")),
            )
            .unwrap();
        }
    }
    std::fs::create_dir_all(node.root.join("etc/kubernetes")).unwrap();
    std::fs::write(node.root.join("etc/kubernetes/ca-bundle.crt"), "").unwrap();
    node.param("role", role)
        .param("node_name", "demo-master-0")
        .param("auth_url", "https://keystone.example:5000/v3")
        .param("magnum_url", "https://magnum.example:9511/v1")
        .param("cluster_uuid", "5d12f6fd-a196-4bf0-ae4c-1f639a520000")
        .param("verify_ca", "True")
        .param("trustee_user_id", "tu1")
        .param("trustee_password", password)
        .param("trust_id", "trust-1")
        .param("private_ip", "10.0.0.11")
        .param("portal_network_cidr", "10.254.0.0/16")
        .param("api_address", "10.0.0.5")
        .param("api_public_address", "");
    node
}

#[test]
fn certs_come_from_magnum_and_chain_to_the_cluster_cas() {
    let Some(openssl) = tool("openssl") else {
        return;
    };
    if tool("python3").is_none() {
        return;
    }
    let node = certs_node("certs", "master", "pw");
    node.ok("certs.sh", &[]);
    let pki = node.root.join("etc/kubernetes/pki");
    let verify = |ca: &str, cert: &str| {
        let out = Command::new(&openssl)
            .args(["verify", "-CAfile"])
            .arg(pki.join(ca))
            .arg(pki.join(cert))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cert}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    for cert in [
        "apiserver.crt",
        "apiserver-kubelet-client.crt",
        "admin.crt",
        "super-admin.crt",
        "controller-manager.crt",
        "scheduler.crt",
        "kubelet.crt",
    ] {
        verify("ca.crt", cert);
    }
    for cert in [
        "etcd/server.crt",
        "etcd/peer.crt",
        "etcd/healthcheck-client.crt",
        "apiserver-etcd-client.crt",
    ] {
        verify("etcd/ca.crt", cert);
    }
    verify("front-proxy-ca.crt", "front-proxy-client.crt");
    // The API server's names and addresses, as the cluster is reached.
    let text = Command::new(&openssl)
        .args(["x509", "-noout", "-ext", "subjectAltName", "-in"])
        .arg(pki.join("apiserver.crt"))
        .output()
        .unwrap();
    let sans = String::from_utf8_lossy(&text.stdout);
    for name in [
        "DNS:kubernetes.default.svc",
        "DNS:demo-master-0",
        "IP Address:10.254.0.1",
        "IP Address:10.0.0.11",
        "IP Address:10.0.0.5",
    ] {
        assert!(sans.contains(name), "{name}: {sans}");
    }
    // Keys stay on the node, private.
    assert_eq!(
        std::fs::metadata(pki.join("apiserver.key"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    for sign in node.requests("sign") {
        assert!(!sign["csr"].as_str().unwrap().contains("PRIVATE KEY"));
        assert_eq!(sign["cluster_uuid"], "5d12f6fd-a196-4bf0-ae4c-1f639a520000");
    }
    assert_eq!(node.requests("sign").len(), 12);
    // Valid certificates are kept: no new signing on a second run.
    node.assert_second_run_changes_nothing("certs.sh", &[]);
    assert_eq!(node.requests("sign").len(), 12);
    // A worker gets its kubelet certificate only.
    let worker = certs_node("certs-worker", "worker", "pw");
    worker.ok("certs.sh", &[]);
    assert_eq!(worker.requests("sign").len(), 1);
    verify_with(&openssl, &worker, "ca.crt", "kubelet.crt");
    // Keystone unreachable: non-zero, no certificate.
    let offline = certs_node("certs-offline", "worker", "pw");
    assert!(
        !offline
            .run_failing("certs.sh", &[], "curl")
            .status
            .success()
    );
    assert!(!offline.root.join("etc/kubernetes/pki/kubelet.crt").exists());
}

fn verify_with(openssl: &str, node: &Node, ca: &str, cert: &str) {
    let pki = node.root.join("etc/kubernetes/pki");
    let out = Command::new(openssl)
        .args(["verify", "-CAfile"])
        .arg(pki.join(ca))
        .arg(pki.join(cert))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{cert}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The trust's password goes into a JSON body: any value arrives intact, or
/// is refused before anything is sent.
#[test]
fn certs_send_any_password_to_keystone_as_valid_json() {
    if tool("openssl").is_none() || tool("python3").is_none() {
        return;
    }
    for (i, hostile) in HOSTILE
        .iter()
        .chain(&["tab\there\r", "bell\u{7}"])
        .enumerate()
    {
        let node = certs_node(&format!("certs-pw-{i}"), "worker", hostile);
        let out = node.run("certs.sh", &[]);
        if hostile.contains('\u{7}') {
            assert!(!out.status.success(), "{hostile:?}");
            assert!(node.requests("token").is_empty());
            continue;
        }
        assert!(
            out.status.success(),
            "{hostile:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token = &node.requests("token")[0];
        assert_eq!(
            token["auth"]["identity"]["password"]["user"]["password"], *hostile,
            "{hostile:?}"
        );
        assert_eq!(token["auth"]["scope"]["OS-TRUST:trust"]["id"], "trust-1");
    }
    // Values that go into URLs and certificate subjects are refused when they
    // are not what Magnum and Heat make.
    for hostile in HOSTILE.iter().chain(&["x?ca_cert_type=etcd", "../x"]) {
        for param in ["cluster_uuid", "node_name"] {
            let node = certs_node("certs-bad", "worker", "pw");
            node.param(param, hostile);
            assert!(
                !node.run("certs.sh", &[]).status.success(),
                "{param} {hostile:?}"
            );
            assert!(node.calls().is_empty(), "{param} {hostile:?}");
        }
    }
}

// ----------------------------------------------------------- kube-master ---

/// A master with its certificates from certs.sh.
fn master_node(name: &str, index: &str) -> Node {
    let node = certs_node(name, "master", "pw");
    node.ok("certs.sh", &[]);
    node.param("index", index)
        .param("bootstrap_token", "abcdef.0123456789abcdef")
        .param("certificate_key", &"0f".repeat(32))
        .param("kube_version", "v1.30.4")
        .param("pods_network_cidr", "10.100.0.0/16");
    node.clear_calls();
    node
}

fn yaml_documents(text: &str) -> Vec<hotc::syntax::Node> {
    text.split("\n---\n")
        .map(|doc| {
            let parsed = hotc::syntax::parse(doc);
            assert!(parsed.issues.is_empty(), "{:?}\n{doc}", parsed.issues);
            parsed.root.expect("a document")
        })
        .collect()
}

#[test]
fn kube_master_writes_kubeadm_and_kubeconfig_yaml_and_inits_once() {
    if tool("openssl").is_none() || tool("python3").is_none() {
        return;
    }
    let node = master_node("kube-master", "0");
    node.ok("kube-master.sh", &[]);
    let calls = node.calls();
    assert!(calls[0].starts_with("kubeadm init --config "), "{calls:?}");
    assert!(calls.iter().any(|c| c.contains("get --raw=/readyz")));
    // kubeadm's configuration: YAML documents with the cluster's values.
    let docs = yaml_documents(&node.read("etc/kubernetes/kubeadm.yaml"));
    assert_eq!(docs.len(), 4);
    let kind = |d: &hotc::syntax::Node| d.get("kind").unwrap().as_str().unwrap().to_string();
    assert_eq!(
        docs.iter().map(kind).collect::<Vec<_>>(),
        [
            "InitConfiguration",
            "JoinConfiguration",
            "ClusterConfiguration",
            "KubeletConfiguration"
        ]
    );
    let cluster = &docs[2];
    assert_eq!(
        cluster.get("controlPlaneEndpoint").unwrap().as_str(),
        Some("10.0.0.5:6443")
    );
    assert_eq!(
        cluster.get("kubernetesVersion").unwrap().as_str(),
        Some("v1.30.4")
    );
    let networking = cluster.get("networking").unwrap();
    assert_eq!(
        networking.get("podSubnet").unwrap().as_str(),
        Some("10.100.0.0/16")
    );
    assert_eq!(
        networking.get("serviceSubnet").unwrap().as_str(),
        Some("10.254.0.0/16")
    );
    let token = docs[0].get("bootstrapTokens").unwrap().as_seq().unwrap()[0]
        .get("token")
        .unwrap();
    assert_eq!(token.as_str(), Some("abcdef.0123456789abcdef"));
    let hash = docs[1]
        .get("discovery")
        .unwrap()
        .get("bootstrapToken")
        .unwrap()
        .get("caCertHashes")
        .unwrap();
    assert!(
        hash.as_seq().unwrap()[0]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    // The kubeconfigs: YAML, the CA and the client certificate embedded.
    let ca = node.read("etc/kubernetes/pki/ca.crt");
    for conf in [
        "admin.conf",
        "super-admin.conf",
        "controller-manager.conf",
        "scheduler.conf",
        "kubelet.conf",
    ] {
        let path = format!("etc/kubernetes/{conf}");
        assert_eq!(
            std::fs::metadata(node.root.join(&path))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
        let doc = &yaml_documents(&node.read(&path))[0];
        let cluster = doc.get("clusters").unwrap().as_seq().unwrap()[0]
            .get("cluster")
            .unwrap();
        let data = cluster
            .get("certificate-authority-data")
            .unwrap()
            .as_str()
            .unwrap();
        let decoded = Command::new("base64")
            .arg("-d")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(data.as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&decoded.stdout), ca, "{conf}");
        let server = cluster.get("server").unwrap().as_str().unwrap();
        let expected = if conf == "admin.conf" {
            "https://10.0.0.5:6443"
        } else {
            "https://10.0.0.11:6443"
        };
        assert_eq!(server, expected, "{conf}");
    }
    // Initialised already: a second run does not run kubeadm again.
    node.assert_second_run_changes_nothing("kube-master.sh", &[]);
    // Another master joins, and retries a join that fails (then gives up).
    let joining = master_node("kube-master-join", "1");
    joining.ok("kube-master.sh", &[]);
    assert!(joining.calls()[0].starts_with("kubeadm join --config "));
    let failing = master_node("kube-master-fail", "1");
    assert!(
        !failing
            .run_failing("kube-master.sh", &[], "kubeadm")
            .status
            .success()
    );
    assert_eq!(
        failing
            .calls()
            .iter()
            .filter(|c| c.starts_with("kubeadm join"))
            .count(),
        60
    );
    // Values that reach the YAML unquoted must be what they claim to be:
    // anything else is refused before a file is written.
    for hostile in HOSTILE {
        for param in [
            "private_ip",
            "api_address",
            "node_name",
            "bootstrap_token",
            "certificate_key",
            "pods_network_cidr",
            "portal_network_cidr",
            "kube_version",
        ] {
            let bad = Node::new("kube-master-bad");
            for (k, v) in [
                ("node_name", "demo-master-0"),
                ("index", "0"),
                ("private_ip", "10.0.0.11"),
                ("api_address", "10.0.0.5"),
                ("bootstrap_token", "abcdef.0123456789abcdef"),
                ("certificate_key", "0f0f"),
                ("kube_version", "v1.30.4"),
                ("pods_network_cidr", "10.100.0.0/16"),
                ("portal_network_cidr", "10.254.0.0/16"),
            ] {
                bad.param(k, v);
            }
            bad.param(param, &format!("1{hostile}"));
            assert!(
                !bad.run("kube-master.sh", &[]).status.success(),
                "{param} {hostile:?}"
            );
            assert!(
                !bad.root.join("etc/kubernetes/kubeadm.yaml").exists(),
                "{param} {hostile:?}"
            );
            assert!(bad.calls().is_empty());
        }
    }
}

// ----------------------------------------------------------- kube-worker ---

#[test]
fn kube_worker_writes_the_kubelet_configuration_and_restarts_it_once() {
    if tool("openssl").is_none() || tool("python3").is_none() {
        return;
    }
    let node = certs_node("kube-worker", "worker", "pw");
    node.param("node_name", "demo-node-0");
    node.ok("certs.sh", &[]);
    node.clear_calls();
    node.ok("kube-worker.sh", &[]);
    assert_eq!(
        &node.calls()[..2],
        [
            "systemctl daemon-reload",
            "systemctl restart kubelet.service"
        ]
    );
    let conf = &yaml_documents(&node.read("etc/kubernetes/kubelet.conf"))[0];
    let cluster = conf.get("clusters").unwrap().as_seq().unwrap()[0]
        .get("cluster")
        .unwrap();
    assert_eq!(
        cluster.get("server").unwrap().as_str(),
        Some("https://10.0.0.5:6443")
    );
    let config = &yaml_documents(&node.read("var/lib/kubelet/config.yaml"))[0];
    assert_eq!(
        config.get("clusterDNS").unwrap().as_seq().unwrap()[0].as_str(),
        Some("10.254.0.10")
    );
    assert_eq!(
        config.get("kind").unwrap().as_str(),
        Some("KubeletConfiguration")
    );
    assert_eq!(
        node.read("var/lib/kubelet/kubeadm-flags.env"),
        "KUBELET_KUBEADM_ARGS=\"--cloud-provider=external --node-ip=10.0.0.11 --hostname-override=demo-node-0\"\n"
    );
    node.assert_second_run_changes_nothing("kube-worker.sh", &[]);
    for hostile in HOSTILE {
        for param in ["private_ip", "api_address", "node_name"] {
            let bad = Node::new("kube-worker-bad");
            bad.param("node_name", "n")
                .param("private_ip", "10.0.0.1")
                .param("api_address", "10.0.0.2");
            bad.param(param, &format!("1{hostile}"));
            assert!(
                !bad.run("kube-worker.sh", &[]).status.success(),
                "{param} {hostile:?}"
            );
            assert!(!bad.root.join("etc/kubernetes/kubelet.conf").exists());
            assert!(bad.calls().is_empty());
        }
    }
    // A kubelet that never registers: non-zero after its tries.
    let never = certs_node("kube-worker-never", "worker", "pw");
    never.ok("certs.sh", &[]);
    never.clear_calls();
    assert!(
        !never
            .run_failing("kube-worker.sh", &[], "kubectl")
            .status
            .success()
    );
    assert_eq!(
        never
            .calls()
            .iter()
            .filter(|c| c.starts_with("kubectl"))
            .count(),
        120
    );
}

// ---------------------------------------------------------------- addons ---

fn addons_node(name: &str, password: &str) -> Node {
    let node = Node::new(name);
    std::fs::create_dir_all(node.root.join("etc/kubernetes/pki")).unwrap();
    std::fs::write(node.root.join("etc/kubernetes/ca-bundle.crt"), "bundle\n").unwrap();
    node.param("index", "0")
        .param("network_driver", "calico")
        .param("calico_manifest_url", "https://example.org/calico.yaml")
        .param(
            "flannel_manifest_url",
            "https://example.org/kube-flannel.yml",
        )
        .param("pods_network_cidr", "10.100.0.0/16")
        .param("addon_cloud_controller_manager", "true")
        .param("addon_cinder_csi", "true")
        .param("addon_octavia_services", "true")
        .param("auth_url", "https://keystone.example:5000/v3")
        .param("trustee_user_id", "tu1")
        .param("trustee_password", password)
        .param("trust_id", "trust-1")
        .param("region_name", "RegionOne")
        .param("subnet", "subnet-1")
        .param(
            "cloud_provider_manifests_url",
            "https://example.org/cpo/manifests",
        );
    node
}

/// gcfg's reading of a quoted value (the escapes it knows: \\ \" \n \t).
fn gcfg_unquote(value: &str) -> String {
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap();
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next().unwrap() {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            }
        } else {
            assert_ne!(c, '"', "an unescaped quote in {value}");
            out.push(c);
        }
    }
    out
}

#[test]
fn addons_apply_the_network_and_cloud_provider_with_the_trust() {
    let node = addons_node("addons", "pw");
    node.ok("addons.sh", &[]);
    let calls = node.calls();
    let applied: Vec<&String> = calls.iter().filter(|c| c.contains(" apply -f ")).collect();
    assert_eq!(applied.len(), 1 + 1 + 3 + 5 + 1, "{calls:?}");
    assert!(applied[0].ends_with("var/lib/hotc/addons/network.yaml"));
    assert!(calls.iter().any(|c| c.ends_with("https://example.org/cpo/manifests/controller-manager/openstack-cloud-controller-manager-ds.yaml")));
    let storage = &yaml_documents(&node.read("var/lib/hotc/addons/storage-class.yaml"))[0];
    assert_eq!(
        storage.get("provisioner").unwrap().as_str(),
        Some("cinder.csi.openstack.org")
    );
    let conf = node.read("var/lib/hotc/addons/cloud.conf");
    assert!(conf.contains("[LoadBalancer]\nenabled = true\n"), "{conf}");
    assert_eq!(
        std::fs::metadata(node.root.join("var/lib/hotc/addons/cloud.conf"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    // Applying again changes no file (kubectl apply is idempotent itself).
    node.assert_second_run_changes_nothing("addons.sh", &[]);
    // Flannel: the pod CIDR replaces flannel's default in its manifest.
    let flannel = addons_node("addons-flannel", "pw");
    flannel
        .param("network_driver", "flannel")
        .param("addon_cloud_controller_manager", "false");
    flannel.ok("addons.sh", &[]);
    assert!(
        flannel
            .read("var/lib/hotc/addons/network.yaml")
            .contains("\"Network\": \"10.100.0.0/16\"")
    );
    assert!(!flannel.root.join("var/lib/hotc/addons/cloud.conf").exists());
    // Other masters do nothing.
    let other = addons_node("addons-other", "pw");
    other.param("index", "1");
    other.ok("addons.sh", &[]);
    assert!(other.calls().is_empty());
    // The trust's values in cloud.conf: gcfg strings that read back exactly;
    // a newline cannot be written there and is refused.
    for hostile in HOSTILE {
        let node = addons_node("addons-pw", hostile);
        let out = node.run("addons.sh", &[]);
        if hostile.contains('\n') {
            assert!(!out.status.success(), "{hostile:?}");
            assert!(!node.calls().iter().any(|c| c.contains("create secret")));
            continue;
        }
        assert!(
            out.status.success(),
            "{hostile:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let conf = node.read("var/lib/hotc/addons/cloud.conf");
        let line = conf.lines().find(|l| l.starts_with("password = ")).unwrap();
        assert_eq!(
            gcfg_unquote(&line["password = ".len()..]),
            *hostile,
            "{hostile:?}"
        );
    }
    // A bad network driver or pod CIDR: refused before anything is applied.
    for (param, value) in [
        ("network_driver", "weave"),
        ("pods_network_cidr", "10.0.0.0/8|x"),
    ] {
        let bad = addons_node("addons-bad", "pw");
        bad.param("network_driver", "flannel").param(param, value);
        assert!(!bad.run("addons.sh", &[]).status.success(), "{param}");
        assert!(
            !bad.calls().iter().any(|c| c.contains(" apply ")),
            "{param}"
        );
    }
    // kubectl failing stops it (set -e).
    let fail = addons_node("addons-fail", "pw");
    assert!(
        !fail
            .run_failing("addons.sh", &[], "kubectl")
            .status
            .success()
    );
    assert_eq!(
        fail.calls()
            .iter()
            .filter(|c| c.starts_with("kubectl"))
            .count(),
        1
    );
}
