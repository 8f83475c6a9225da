#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 25-module-demo.sh - run scripts/demo.sh, the quick-start command, in a
# copy of the source tree (it builds in-tree) and check its summary and JSON
# records against the expected records of the bundled sample: delivery line
# count, verdict counts, the number of violations, and the JSON written with
# -o to a named file and with -o - to stdout. Runs from any directory;
# exits non-zero on failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy without build products, so the demo configures and builds afresh.
mkdir "$work/tree"
tar -C "$top" --exclude=.git --exclude='*.o' --exclude='*.lo' --exclude='*.la' \
  --exclude=.libs --exclude=.deps --exclude=autom4te.cache --exclude=Makefile \
  --exclude=config.status --exclude=config.log --exclude=config.h --exclude=libtool \
  --exclude=stamp-h1 --exclude='*.trs' --exclude='*.log' -cf - . | tar -C "$work/tree" -xf -
cp "$top"/tests/data/*.maillog "$top"/tests/data/*.log "$work/tree/tests/data/"

expected=$top/tests/data/expected/postfix-3.11.6.maillog.jsonl
read -r records violations compliant undecided < <(python3 - "$expected" <<'PY'
import json, sys
fields = [json.loads(line)["fields"] for line in open(sys.argv[1], encoding="utf-8")]
verdicts = [f.get("tls.verdict") for f in fields]
print(len(fields), verdicts.count("violation"), verdicts.count("compliant"),
      verdicts.count("undecided"))
PY
)

status=0
check() {
  if grep -qF -- "$2" "$3"; then
    echo "PASS demo: $1"
  else
    echo "FAIL demo: $1: no line with '$2' in:"
    cat "$3"
    status=1
  fi
}

(cd "$work" && bash tree/scripts/demo.sh -o "$work/records.jsonl") \
  >"$work/summary" 2>"$work/stderr" || {
  echo "FAIL demo: demo.sh exited non-zero"
  cat "$work/stderr" "$work/summary"
  exit 1
}
log_lines=$(wc -l <"$top/tests/data/postfix-3.11.6.maillog")
check "delivery lines" "$records delivery lines out of $log_lines log lines" "$work/summary"
check "verdicts" "compliant $compliant" "$work/summary"
check "undecided" "undecided $undecided" "$work/summary"
check "violations" "violations: $violations" "$work/summary"
check "names the JSON file" "JSON records: $work/records.jsonl" "$work/summary"

written=$(wc -l <"$work/records.jsonl")
if [ "$written" -eq "$records" ] && python3 -c '
import json, sys
for line in open(sys.argv[1]):
    record = json.loads(line)
    assert isinstance(record["delay"], (int, float)) and "queue_id" in record, line
' "$work/records.jsonl"; then
  echo "PASS demo: $written typed JSON records"
else
  echo "FAIL demo: $written JSON records, wanted $records typed ones"
  status=1
fi

bash "$work/tree/scripts/demo.sh" -o - >"$work/stdout" 2>/dev/null
if [ "$(grep -c '^{' "$work/stdout")" -eq "$records" ]; then
  echo "PASS demo: -o - writes the records to stdout"
else
  echo "FAIL demo: -o - wrote $(grep -c '^{' "$work/stdout") records"
  status=1
fi
exit $status
