#!/usr/bin/env bash
# The kernel's share of a probe cell: which system calls one cell makes on tmpfs (strace -f of a whole
# `probe --jobs 1`, the calls of the threads that ran the calls under test, divided by the cells; the
# JIT's and the JVM's other threads left out) and what each of them costs on this machine (a tight loop
# of the same calls on tmpfs). Their product is the floor under the in-process cost per cell that
# bench/probe.sh reports: time no Java code can win back.
#   bench/syscall-floor.sh        (as root or not; needs strace and python3; writes only under a mktemp directory)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests -Dfsconform.it.skip=true >/dev/null 2>&1
dir=$(mktemp -d /dev/shm/fsconform-floor.XXXXXX)
trap 'rm -rf "$dir"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $(stat -f -c %T "$dir")"
mkdir "$dir/probe"
./fsconform --help >/dev/null # the launcher's first use may dump its class-data archive
strace -f -qq -o "$dir/probe.txt" ./fsconform probe "$dir/probe" --jobs 1 --json "$dir/cells.json" >/dev/null
python3 - "$dir" <<'PY'
import json, os, sys, time
d = sys.argv[1]
import collections, re
calls = collections.defaultdict(collections.Counter)
for line in open(f"{d}/probe.txt"):
    m = re.match(r"^(\d+) +([a-z0-9_]+)\(", line) or re.match(r"^(\d+) +<\.\.\. ([a-z0-9_]+) resumed>", line)
    if m and "resumed>" not in line:
        calls[m.group(1)][m.group(2)] += 1
cells = len(json.load(open(f"{d}/cells.json"))["environments"][0]["cells"])
# The cell threads: those that made the calls under test (not the mv processes they started).
tids = [t for t, c in calls.items() if c["renameat2"] + c["renameat"] + c["linkat"] > 0 and c["execve"] == 0]
probe = sum((calls[t] for t in tids), collections.Counter())
per = {k: v / cells for k, v in probe.items() if v / cells >= 0.05}
# What one call of each costs here, in a loop on this tmpfs (Python's own overhead included, so an upper bound).
s = f"{d}/loop"; os.mkdir(s); open(f"{s}/f", "w").close(); os.mkdir(f"{s}/sub")
N = 20000
def bench(fn):
    t = time.perf_counter()
    for _ in range(N):
        fn()
    return (time.perf_counter() - t) / N * 1e6
def mk():
    os.mkdir(f"{s}/x"); os.rmdir(f"{s}/x")
def op():
    os.close(os.open(s, os.O_RDONLY | os.O_DIRECTORY))
def wr():
    fd = os.open(f"{s}/f", os.O_WRONLY); os.write(fd, b"x"); os.close(fd)
def rn():
    os.rename(f"{s}/f", f"{s}/g"); os.rename(f"{s}/g", f"{s}/f")
base = bench(lambda: None)
unit = {"statx": bench(lambda: os.stat(f"{s}/f")) - base, "newfstatat": None, "mkdir+rmdir": bench(mk) - base,
        "open+close": bench(op) - base, "listdir (openat, getdents64 ×2, close)": bench(lambda: os.listdir(s)) - base,
        "open+write+close": bench(wr) - base, "rename ×2": bench(rn) - base}
unit["newfstatat"] = unit["statx"]
cost = {"statx": unit["statx"], "newfstatat": unit["statx"], "mkdirat": unit["mkdir+rmdir"] / 2, "mkdir": unit["mkdir+rmdir"] / 2,
        "unlinkat": unit["mkdir+rmdir"] / 2, "rmdir": unit["mkdir+rmdir"] / 2, "openat": unit["open+close"] * 0.6,
        "close": unit["open+close"] * 0.4, "getdents64": (unit["listdir (openat, getdents64 ×2, close)"] - unit["open+close"]) / 2,
        "write": unit["open+write+close"] - unit["open+close"], "renameat2": unit["rename ×2"] / 2, "renameat": unit["rename ×2"] / 2,
        "rename": unit["rename ×2"] / 2, "linkat": unit["mkdir+rmdir"] / 2}
print(f"{cells} cells on {len(tids)} cell thread(s); their system calls per cell (strace -f):")
total = 0.0
for k, v in sorted(per.items(), key=lambda kv: -kv[1]):
    c = cost.get(k)
    total += v * c if c else 0
    print(f"  {k:<14} {v:6.2f}" + (f"  × {c:5.2f} µs = {v * c:6.2f} µs" if c else "  (not timed)"))
print("one call of each, in a loop here: " + ", ".join(f"{k} {v:.2f} µs" for k, v in unit.items() if k != "newfstatat"))
print(f"kernel floor of a cell from the timed calls: {total:.1f} µs (the calls not timed come on top)")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
