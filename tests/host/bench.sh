#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench's host side must not rot: tests/bench/stats.py, given the raw
# output of a real (short) bench run in the VM (tests/bench/testdata/),
# writes well-formed results.json with the schema the README documents,
# and its confidence interval of a median is the order-statistic one.
# (The VM side is the bench_smoke selftest.)
# KTAP on stdout, "N passed, N failed" last.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
data=$top/tests/bench/testdata
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 pass=0 fail=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $1"; }

echo "KTAP version 1"
echo "1..3"

if python3 "$top/tests/bench/stats.py" "$data/ktap.txt" "$data/meta.json" \
	"$tmp/results.json" > "$tmp/table" 2>&1 && grep -q '^targets' "$tmp/table"; then
	ok "stats.py prints the tables"
else
	notok "stats.py prints the tables"
	tail -n 20 "$tmp/table" | sed 's/^/# /'
fi

if python3 - "$tmp/results.json" > "$tmp/check" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == 1
for k in ("accelerator", "emulated", "label", "cpu_model", "host_kernel", "qemu",
          "guest_kernel", "vcpus"):
    assert k in d["machine"], k
assert d["machine"]["emulated"] == (d["machine"]["accelerator"] != "kvm")
cfgs = ["c1", "c2", "c3", "c4a", "c4b", "c5", "c6", "c6b"]
metrics = ["udp64_pps", "udp1400_pps", "tcp_bps", "udprr_p50_us", "udprr_p99_us",
           "tcprr_p50_us", "tcprr_p99_us"]
for c in cfgs:
    assert c in d["configs"], c
    for m in metrics:
        s = d["results"][c][m]
        assert isinstance(s["median"], (int, float)) and s["median"] > 0, (c, m)
        assert s["n"] == len(s["rounds"]) >= 2, (c, m)
        lo, hi = s["ci95"]
        assert min(s["rounds"]) <= lo <= s["median"] <= hi <= max(s["rounds"]), (c, m)
for k in ["%s/c1" % c for c in cfgs[1:]] + ["c4a/c6", "c4b/c6", "c5/c6b"]:
    assert set(d["ratios"][k]) == set(metrics), k
for k in ("c4a/c6", "c4b/c6", "c5/c6b"):
    assert set(d["added_latency_ratio"][k]) <= {"udprr_p50_us", "tcprr_p50_us"}, k
fs = d["filter_scale"]
assert [v["filters"] for v in fs.values()] == sorted(v["filters"] for v in fs.values())
for k in ("inflight_bytes_per_pkt", "growth_pkts", "growth_slab_kb"):
    assert isinstance(d["memory"][k], int), k
assert d["targets"] and all(t["met"] in (True, False, None) for t in d["targets"])
assert all(m in d["metrics"] for m in metrics)
print("ok")
EOF
then
	ok "results.json has the documented schema"
else
	notok "results.json has the documented schema"
	sed 's/^/# /' "$tmp/check"
fi

# 7 rounds: P(B(7, 1/2) = 0) = 1/128 <= 2.5 %, P(<= 1) = 8/128 > 2.5 %:
# the interval is min..max. 20 rounds: x(6)..x(15).
if python3 - "$top/tests/bench" > "$tmp/ci" 2>&1 <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from stats import median_ci, median
assert median_ci([5, 1, 7, 3, 2, 6, 4]) == [1, 7]
assert median_ci(list(range(1, 21))) == [6, 15]
assert median_ci([3]) is None and median([4, 1, 3, 2]) == 2.5
print("ok")
EOF
then
	ok "the median's confidence interval is the order-statistic one"
else
	notok "the median's confidence interval is the order-statistic one"
	sed 's/^/# /' "$tmp/ci"
fi

echo "$pass passed, $fail failed"
