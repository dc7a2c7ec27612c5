#!/usr/bin/env python3
"""Scaling benchmark: how hotc's cost grows with the work.

    scripts/bench-scaling.py [--factors 1,10,100] [--runs 3] [--readme]

Measures the release binary (built first) on inputs 1x, 10x and 100x a real
size, each in a fresh process: wall time (median of --runs) and peak resident
memory (the largest of the runs, from wait4):

- tree:     `hotc check DIR` on N copies of ../shared/corpus/tripleo-train-rendered
            (hard links, so 100 copies cost no disk);
- template: `hotc check FILE` on one template with N times the resources of the
            largest real one (overcloud.yaml, 98 resources), built from blocks of
            ports, servers, software configs and deployments, values and
            outputs that refer to each other;
- build:    `hotc build SPEC -o OUT` on a spec with N CA files, NTP servers,
            DNS servers, no_proxy entries and insecure registries;
- lsp:      `hotc lsp` with the template above open: the time from one
            keystroke (`didChange` inserting or deleting a character) to the
            `publishDiagnostics` of that version (median of --keystrokes), and
            the server's peak memory.

It prints a Markdown table with, for each size, the time each added 1x of
input cost since the previous size: constant when the cost grows linearly.
--readme rewrites the table between the markers in README.md and the plots
docs/scaling.svg (time) and docs/scaling-memory.svg (peak memory). Only the
Python standard library is used.
"""

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Outside the repository: a file named on the command line inside a git
# checkout has the checkout as its tree root, and hotc would look through the
# other inputs for environment files.
WORK = Path(os.environ.get("TMPDIR", "/tmp")) / "hotc-scaling"
CORPUS = ROOT.parent / "shared" / "corpus" / "tripleo-train-rendered"
HOTC = ROOT / "target" / "release" / "hotc"
LARGEST_REAL = 98  # resources of tripleo-train-rendered/overcloud.yaml


def run(args):
    """Runs hotc once: (wall seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def measure(args, runs, expected):
    results = [run(args) for _ in range(runs)]
    codes = {r[2] for r in results}
    if codes != {expected}:
        sys.exit(f"bench-scaling: {' '.join(map(str, args))} exited {codes}, not {expected}")
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


class Lsp:
    """A language client over the server's stdin and stdout."""

    def __init__(self, folder):
        self.proc = subprocess.Popen(
            [str(HOTC), "lsp"], cwd=folder, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit("bench-scaling: hotc lsp closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, version):
        while True:
            m = self.receive()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m["params"]["diagnostics"]

    def close(self):
        """Shuts the server down: its peak RSS in MiB."""
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.stdin.close()
        _, status, usage = os.wait4(self.proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"bench-scaling: hotc lsp exited {status}")
        return usage.ru_maxrss / 1024


def keystrokes(path, count):
    """Median seconds from a keystroke to its diagnostics, and peak MiB."""
    folder = path.parent
    uri = path.resolve().as_uri()
    text = path.read_text()
    client = Lsp(folder)
    client.request("initialize", {"processId": None, "rootUri": folder.resolve().as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    first = client.diagnostics(uri, 1)
    # The keystroke: a character typed at the start of the description, then
    # deleted again.
    at = {"line": 1, "character": len("description: ")}
    times = []
    for version in range(2, count + 2):
        if version % 2 == 0:
            change = {"range": {"start": at, "end": at}, "text": "x"}
        else:
            change = {"range": {"start": at, "end": {"line": 1, "character": at["character"] + 1}}, "text": ""}
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        diagnostics = client.diagnostics(uri, version)
        times.append(time.perf_counter() - start)
        if len(diagnostics) != len(first):
            sys.exit("bench-scaling: a keystroke in the description changed the diagnostics")
    return statistics.median(times), client.close()


# --- inputs ---------------------------------------------------------------------

def tree(n):
    out = WORK / f"tree-{n}"
    if (out / ".complete").exists():
        return out, None
    shutil.rmtree(out, ignore_errors=True)
    files = 0
    for i in range(n):
        copy = out / f"copy-{i:03}"
        for src in sorted(CORPUS.rglob("*")):
            dst = copy / src.relative_to(CORPUS)
            if src.is_dir():
                dst.mkdir(parents=True, exist_ok=True)
            elif src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(src, dst)
                except OSError:
                    shutil.copyfile(src, dst)
                files += 1
    (out / ".complete").write_text(f"{files}\n")
    return out, None


def block(i):
    """Five resources, two parameters and an output that refer to each other."""
    prev = f"server_{i - 1}" if i > 0 else None
    depends = f"\n    depends_on: [{prev}]" if prev else ""
    return f"""  port_{i}:
    type: OS::Neutron::Port
    properties:
      network: {{get_param: network}}
      fixed_ips: [{{subnet: {{get_param: subnet}}}}]
      security_groups: [{{get_param: security_group}}]{depends}
  config_{i}:
    type: OS::Heat::SoftwareConfig
    properties:
      group: script
      inputs: [{{name: index}}, {{name: address}}]
      config:
        str_replace:
          template: |
            #!/bin/sh
            echo "node $index at $address" > /etc/motd
          params:
            $index: "{i}"
            $address: {{get_attr: [port_{i}, fixed_ips, 0, ip_address]}}
  server_{i}:
    type: OS::Nova::Server
    properties:
      name: {{list_join: ["-", [{{get_param: prefix}}, node, "{i}"]]}}
      image: {{get_param: image}}
      flavor: {{get_param: flavor_{i % 7}}}
      key_name: {{get_param: key_name}}
      networks: [{{port: {{get_resource: port_{i}}}}}]
      user_data_format: SOFTWARE_CONFIG
      metadata: {{index: "{i}", role: {{get_param: role}}}}
  deployment_{i}:
    type: OS::Heat::SoftwareDeployment
    properties:
      config: {{get_resource: config_{i}}}
      server: {{get_resource: server_{i}}}
      input_values:
        index: "{i}"
        address: {{get_attr: [server_{i}, first_address]}}
  value_{i}:
    type: OS::Heat::Value
    properties:
      type: json
      value:
        name: {{get_attr: [server_{i}, name]}}
        deployment: {{get_resource: deployment_{i}}}
        status: {{get_attr: [deployment_{i}, deploy_status_code]}}
"""


def template(n):
    # Alone in its folder: the folder is the tree root, and hotc reads the
    # environment files of the root.
    out = WORK / f"template-{n}" / "template.yaml"
    blocks = max(1, round(LARGEST_REAL * n / 5))
    if out.exists():
        return out, blocks * 5
    params = "\n".join(
        f"  {name}:\n    type: string\n    default: {default}"
        for name, default in [
            ("network", "private"),
            ("subnet", "private-subnet"),
            ("security_group", "default"),
            ("prefix", "bench"),
            ("image", "fedora-coreos"),
            ("key_name", "bench"),
            ("role", "worker"),
        ]
        + [(f"flavor_{k}", f"m1.size{k}") for k in range(7)]
    )
    outputs = "".join(
        f"  node_{i}:\n    value: {{get_attr: [value_{i}, value]}}\n" for i in range(blocks)
    )
    text = (
        "heat_template_version: 2021-04-16\n"
        f"description: {blocks * 5} resources in blocks that refer to each other\n"
        f"parameters:\n{params}\n"
        "resources:\n"
        + "".join(block(i) for i in range(blocks))
        + "outputs:\n"
        + outputs
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return out, blocks * 5


def spec(n):
    folder = WORK / f"build-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pem = (ROOT / "examples" / "build" / "acme-root-ca.pem").read_text()
    for i in range(n):
        (folder / f"ca-{i:03}.pem").write_text(pem)
    items = lambda fmt: "".join(f"\n    - {fmt.format(i=i)}" for i in range(n))
    text = f"""driver:
  name: k8s_scaling_{n}_v1
network:
  dns:{items("10.0.{i}.53")}
proxy:
  http: http://proxy.example.com:3128
  https: http://proxy.example.com:3128
  no_proxy:{items("svc{i}.example.com")}
ntp:
  servers:{items("ntp{i}.example.com")}
ca_certificates:{items("ca-{i:03}.pem")}
registry:
  mirror: https://mirror.example.com
  insecure:{items("registry{i}.example.com:5000")}
addons:
  cloud_controller_manager: true
  cinder_csi: true
  octavia_services: true
"""
    path = folder / "spec.yaml"
    path.write_text(text)
    return path, folder / "out"


# --- report ---------------------------------------------------------------------

def svg(series, factors, quantity, unit):
    """A quantity against input size on log-log axes: each case's points
    joined, and a dashed line of slope one through its largest point, the
    cost of growing linearly from there. A case that grows linearly follows
    its dashed line; fixed costs lift the small sizes above it."""
    w, h, pad = 600, 380, 64
    values = [v for vs in series.values() for v in vs if v > 0]
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    fx = [math.log10(f) for f in factors]
    px = lambda f: pad + (math.log10(f) - fx[0]) / ((fx[-1] - fx[0]) or 1) * (w - 2 * pad)
    py = lambda v: h - pad - (math.log10(v) - lo) / ((hi - lo) or 1) * (h - 2 * pad)
    colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<clipPath id="plot"><rect x="{pad}" y="{pad}" width="{w - 2 * pad}" height="{h - 2 * pad}"/></clipPath>',
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>',
        f'<text x="{w / 2}" y="{h - 16}" text-anchor="middle">input size (times the real one)</text>',
        f'<text x="16" y="{h / 2}" text-anchor="middle" transform="rotate(-90 16 {h / 2})">{quantity} ({unit}, log scale)</text>',
    ]
    for f in factors:
        parts.append(f'<text x="{px(f):.1f}" y="{h - pad + 16}" text-anchor="middle">{f}x</text>')
    for e in range(lo, hi + 1):
        v = 10 ** e
        parts.append(f'<line x1="{pad}" y1="{py(v):.1f}" x2="{w - pad}" y2="{py(v):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{pad - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    for k, (name, vs) in enumerate(series.items()):
        c = colors[k % len(colors)]
        top, last = factors[-1], vs[-1]
        first = last * factors[0] / top
        parts.append(
            f'<line x1="{px(factors[0]):.1f}" y1="{py(first):.1f}" x2="{px(top):.1f}" '
            f'y2="{py(last):.1f}" stroke="{c}" stroke-dasharray="4 3" clip-path="url(#plot)"/>'
        )
        points = " ".join(f"{px(f):.1f},{py(v):.1f}" for f, v in zip(factors, vs))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{c}" stroke-width="1.5"/>')
        for f, v in zip(factors, vs):
            parts.append(f'<circle cx="{px(f):.1f}" cy="{py(v):.1f}" r="3.5" fill="{c}"/>')
        parts.append(f'<text x="{pad + 10}" y="{pad + 4 + 15 * k}" fill="{c}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--factors", default="1,10,100")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keystrokes", type=int, default=20)
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    if not CORPUS.is_dir():
        sys.exit(f"bench-scaling: {CORPUS} is missing")
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    rows, series, memory = [], {}, {}
    def cli(argv, expected, runs=args.runs):
        """Measures `hotc ARGV`, which must exit with `expected`."""
        return lambda: measure([str(HOTC)] + argv, runs, expected)

    # Each case: its name, and for a size its input's description and how to
    # measure it. Checking the loose TripleO files finds the same mistakes in
    # every copy (environments of its CI folder name files the plan does not
    # have): exit code 1. The 100x tree takes tens of seconds: one run.
    cases = [
        ("check: tree of TripleO copies", lambda n: (
            f"{n * 1679:,} files",
            cli(["check", "--quiet", str(tree(n)[0])], 1, 1 if n >= 100 else args.runs))),
        ("check: one template", lambda n: (
            f"{template(n)[1]:,} resources",
            cli(["check", "--quiet", str(template(n)[0])], 0))),
        ("build: spec lists", lambda n: (
            f"{n} of each",
            cli(["build", str(spec(n)[0]), "-o", str(spec_out(n))], 0))),
        ("lsp: re-check after a keystroke", lambda n: (
            f"{lines(template(n)[0]):,} lines",
            lambda: keystrokes(template(n)[0], args.keystrokes))),
    ]
    for name, make in cases:
        base = None
        times, peaks = [], []
        for n in factors:
            size, measured = make(n)
            wall, rss = measured()
            # The cost of each unit added since the previous size: constant
            # when the cost is linear, whatever the fixed start-up cost.
            if base is None:
                marginal = "—"
            else:
                marginal = f"{(wall - base[1]) * 1000 / (n - base[0]):,.1f} ms"
            base = (n, wall)
            times.append(wall * 1000)
            peaks.append(rss)
            rows.append((name, f"{n}x", size, f"{wall * 1000:,.0f} ms", f"{rss:,.0f} MiB", marginal))
            print(f"{name:32} {n:>4}x {size:>18} {wall * 1000:>10,.0f} ms {rss:>8,.0f} MiB  marginal {marginal}", file=sys.stderr)
        series[name] = times
        memory[name] = peaks
    table = ["| case | size | input | wall time | peak memory | time per added 1x |", "|---|---|---|---|---|---|"]
    table += [f"| {' | '.join(r)} |" for r in rows]
    text = "\n".join(table) + "\n"
    print(text)
    if args.readme:
        readme = ROOT / "README.md"
        content = readme.read_text()
        begin, end = "<!-- scaling:begin -->\n", "<!-- scaling:end -->"
        if begin not in content or end not in content:
            sys.exit("bench-scaling: README.md has no scaling markers")
        head, rest = content.split(begin, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(head + begin + text + end + tail)
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "scaling.svg").write_text(svg(series, factors, "wall time", "ms"))
        (ROOT / "docs" / "scaling-memory.svg").write_text(svg(memory, factors, "peak memory", "MiB"))


def lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def spec_out(n):
    return WORK / f"build-{n}" / "out"


if __name__ == "__main__":
    main()
