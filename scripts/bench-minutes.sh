#!/usr/bin/env bash
# The minutes as a whole command-line process (issue 17): a 23-page minutes PDF made from the
# database by the release CLI, timed by hyperfine, beside `kvorum --version` (the process
# alone) as the baseline of the same run. Build first: cargo build --release -p kvorum-cli
set -euo pipefail
cd "$(dirname "$0")/.."
kv=${KVORUM_CLI:-target/release/kvorum}
[ -x "$kv" ] || { echo "Byg først: cargo build --release -p kvorum-cli" >&2; exit 1; }
work=$(mktemp -d /tmp/kvorum-bench-minutes.XXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export KVORUM_TODAY=2026-11-22 KVORUM_CONFIG_DIR="$work/config"
db="$work/forening.sqlite"
"$kv" --db "$db" init --name "Foreningen Perronen" > /dev/null
"$kv" --db "$db" meetings create --date 20.11.2026 --time 19.00 --place Perronen > /dev/null
"$kv" --db "$db" minutes draft 20.11.2026 --out "$work/draft.txt" > /dev/null
# The draft, then 23 pages of discussion: 60 sections of paragraphs with æ, ø and å.
python3 - "$work/draft.txt" <<'PY'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
para = ("Dirigenten gav ordet til formanden, der gennemgik årets arbejde i Perronen: åbningstider, "
        "frivillige vagter, samarbejdet med kommunen og økonomien. Der blev spurgt til køkkenet, "
        "til rengøringen og til næste års aktiviteter, og spørgsmålene blev besvaret. ")
for i in range(1, 51):
    text += f"\n\n{i}. Drøftelse af punkt {i}\n\n" + "\n\n".join(para * 2 for _ in range(3))
open(p, "w", encoding="utf-8").write(text)
PY
"$kv" --db "$db" minutes save 20.11.2026 "$work/draft.txt" > /dev/null
"$kv" --db "$db" minutes pdf 20.11.2026 "$work/referat.pdf" > /dev/null
echo "sider: $(pdfinfo "$work/referat.pdf" | awk '/^Pages/ {print $2}')"
hyperfine -N --warmup 3 --runs "${RUNS:-40}" \
  -n "kvorum --version" "$kv --version" \
  -n "referat som PDF" "$kv --db $db minutes pdf 20.11.2026 $work/referat.pdf"
