#!/usr/bin/env python3
"""The kill -9 harness: writes to an association file in a real process, kills it with
SIGKILL at a random moment, then opens the file again and checks it (kvorum-crashload
verify: integrity_check, every reported write present, every import whole or absent).

    python3 scripts/kill9.py --trials 50      # CI (scripts/test.sh)
    python3 scripts/kill9.py --trials 1000    # by hand; prints the figures for the issue

Each file takes 10 trials in a row (the next process opens what the killed one left), so
kills land in first opens, migrations, single writes and imports alike.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--trials", type=int, default=50)
parser.add_argument("--bin", default=os.path.join(root, "target/debug/kvorum-crashload"))
parser.add_argument("--seed", type=int, default=14)
parser.add_argument("--max-ms", type=int, default=700, help="latest kill after start")
a = parser.parse_args()
if not os.path.exists(a.bin):
    sys.exit(f"{a.bin} is missing: cargo build -p kvorum-tests --bin kvorum-crashload")

rnd = random.Random(a.seed)
work = tempfile.mkdtemp(prefix="kvorum-kill9-")
failures, in_import, exited = [], 0, 0
held = {}  # file group -> (reported writes, finished imports) at its last check
started = time.time()
for trial in range(a.trials):
    group = trial // 10
    file = os.path.join(work, f"forening-{group}.sqlite")
    log = os.path.join(work, f"forening-{group}.log")
    with open(log, "a") as out:
        p = subprocess.Popen([a.bin, "work", file, str(trial + 1)], stdout=out, stderr=subprocess.PIPE)
        time.sleep(rnd.uniform(0.005, a.max_ms / 1000))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        else:
            exited += 1
            failures.append(f"trial {trial}: the workload stopped by itself: {p.stderr.read().decode().strip()}")
        p.wait()
    with open(log) as f:
        lines = f.read().splitlines()
    if lines and lines[-1].startswith("begin-"):
        in_import += 1
    v = subprocess.run([a.bin, "verify", file, log], capture_output=True, text=True)
    if v.returncode != 0:
        failures.append(f"trial {trial}: {v.stderr.strip()}")
    else:
        _, w, i = v.stdout.split()
        held[group] = (int(w), int(i))
elapsed = time.time() - started
writes = sum(w for w, _ in held.values())
imports = sum(i for _, i in held.values())
print(f"{a.trials} kills in {elapsed:.0f} s ({len(held)} files): {in_import} during an import, "
      f"{len(failures)} failed; {writes} reported writes and {imports} finished imports all found")
for f in failures[:20]:
    print("  " + f)
if not failures:
    subprocess.run(["rm", "-rf", work])
sys.exit(1 if failures else 0)
