#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""stats.py: the host side of `make bench`.

    stats.py KTAP META_JSON OUT_JSON

Reads the raw per-round figures tests/bench/bench.sh printed in the VM
(KTAP diagnostics "# bench r=R cfg=C kind=K metric=V ...", "# bench-mem
..."), the machine description run.sh wrote (META_JSON), and prints the
tables: medians with 95% confidence intervals, ratios to configuration 1,
nfwfp against NFQUEUE, filter scale, memory, and the targets of issue 9.
Writes the same numbers to OUT_JSON (schema: README, "Performance").

Confidence intervals of a median are distribution-free (order statistics:
the widest pair x(k), x(n+1-k) whose binomial coverage is >= 95%; with 7
rounds that is min..max, 98.4%). Ratios are paired: configurations run
interleaved in the same round, so each round gives one ratio and the
median and interval are taken over those ratios.
"""
import json
import math
import re
import sys

CONFIGS = {
    "c1": "no module (the limit)",
    "c2": "nfwfp loaded, no filters",
    "c3": "permit callout on every outbound packet",
    "c4a": "inspect pattern, intendToModify FALSE (zero-copy)",
    "c4b": "inspect pattern, intendToModify TRUE",
    "c5": "inspect pattern + payload rewrite",
    "c6": "NFQUEUE, ACCEPT verdicts (batched, GSO, fail-open off)",
    "c6b": "NFQUEUE + payload rewrite through the verdict",
}
METRICS = {
    "udp64_pps": ("packets/s", True),
    "udp1400_pps": ("packets/s", True),
    "tcp_bps": ("bytes/s", True),
    "udprr_p50_us": ("us", False),
    "udprr_p99_us": ("us", False),
    "tcprr_p50_us": ("us", False),
    "tcprr_p99_us": ("us", False),
}
SCHEMA = 1


def median(v):
    s = sorted(v)
    n = len(s)
    if not n:
        return None
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def median_ci(v, level=0.95):
    """Order-statistic interval of the median; None below 2 values."""
    s = sorted(v)
    n = len(s)
    if n < 2:
        return None
    # Largest k with P(Binomial(n, 1/2) < k) <= (1 - level) / 2.
    alpha = (1 - level) / 2
    k, cum = 0, 0.0
    while k < n // 2:
        cum_next = cum + math.comb(n, k) / 2 ** n
        if cum_next > alpha:
            break
        cum = cum_next
        k += 1
    k = max(k, 1)
    return [s[k - 1], s[n - k]]


def summary(v):
    return {"median": median(v), "ci95": median_ci(v), "n": len(v),
            "rounds": v}


def parse(path):
    raw, checks, mem, meta = {}, {}, {}, {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"\s*# (bench|bench-check|bench-mem|bench-meta) (.*)$", line)
        if not m:
            continue
        kv = dict(f.split("=", 1) for f in m.group(2).split() if "=" in f)
        if m.group(1) == "bench-mem":
            mem.update({k: num(v) for k, v in kv.items()})
            continue
        if m.group(1) == "bench-meta":
            meta.update(kv)
            continue
        r, cfg, kind = int(kv.pop("r")), kv.pop("cfg"), kv.pop("kind")
        dest = raw if m.group(1) == "bench" else checks
        for k, v in kv.items():
            dest.setdefault(cfg, {}).setdefault(f"{kind}_{k}", {})[r] = num(v)
    return raw, checks, mem, meta


def num(v):
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def paired(raw, a, b, metric, fn=lambda x, y: x / y):
    """fn(a, b) per round where both exist."""
    ra, rb = raw.get(a, {}).get(metric, {}), raw.get(b, {}).get(metric, {})
    out = []
    for r in sorted(set(ra) & set(rb)):
        try:
            out.append(fn(ra[r], rb[r]))
        except ZeroDivisionError:
            pass
    return out


def added_ratio(raw, cfg, queue, metric):
    """(cfg - c1) / (queue - c1) per round: nfwfp's added latency over NFQUEUE's."""
    c1 = raw.get("c1", {}).get(metric, {})
    rc, rq = raw.get(cfg, {}).get(metric, {}), raw.get(queue, {}).get(metric, {})
    out = []
    for r in sorted(set(c1) & set(rc) & set(rq)):
        if rq[r] - c1[r] > 0:
            out.append((rc[r] - c1[r]) / (rq[r] - c1[r]))
    return out


def fmt(x, metric=""):
    if x is None:
        return "-"
    if metric.endswith("_us"):
        return f"{x:.0f}us"
    if abs(x) >= 1e6:
        return f"{x / 1e6:.2f}M"
    if abs(x) >= 1e3:
        return f"{x / 1e3:.1f}k"
    return f"{x:.3g}"


def fmt_ratio(s):
    if not s or s["median"] is None:
        return "-"
    ci = s["ci95"]
    if not ci:
        return f"{s['median']:.2f}"
    return f"{s['median']:.2f} [{ci[0]:.2f},{ci[1]:.2f}]"


def target(targets, name, s, want, above=True, ci_side=False):
    """One target: met when the median (or the CI's far side) is past want."""
    if not s or s["median"] is None:
        targets.append({"name": name, "target": want, "value": None, "ci95": None,
                        "met": None})
        return
    v = s["median"]
    if ci_side and s["ci95"]:
        v = s["ci95"][0] if above else s["ci95"][1]
    met = v >= want if above else v <= want
    targets.append({"name": name, "target": ("≥ " if above else "≤ ") + str(want),
                    "value": s["median"], "ci95": s["ci95"], "met": met})


def main():
    ktap, meta_path, out_path = sys.argv[1:4]
    raw, checks, mem, vm_meta = parse(ktap)
    with open(meta_path, encoding="utf-8") as f:
        machine = json.load(f)
    machine.update({k: vm_meta[k] for k in ("guest_kernel", "cpus") if k in vm_meta})
    cfgs = [c for c in list(CONFIGS) + sorted(
        (c for c in raw if c.startswith("f")), key=lambda c: int(c[1:])) if c in raw]
    metrics = [m for m in METRICS if any(m in raw[c] for c in cfgs)]

    results = {c: {m: summary([raw[c][m][r] for r in sorted(raw[c][m])])
                   for m in metrics if m in raw[c]} for c in cfgs}
    ratios = {}
    for c in cfgs:
        if c != "c1" and not c.startswith("f"):
            ratios[f"{c}/c1"] = {m: summary(paired(raw, c, "c1", m))
                                 for m in metrics if paired(raw, c, "c1", m)}
    for a, b in (("c4a", "c6"), ("c4b", "c6"), ("c5", "c6b")):
        ratios[f"{a}/{b}"] = {m: summary(paired(raw, a, b, m))
                              for m in metrics if paired(raw, a, b, m)}
    added = {}
    for a, b in (("c4a", "c6"), ("c4b", "c6"), ("c5", "c6b")):
        added[f"{a}/{b}"] = {m: summary(added_ratio(raw, a, b, m))
                             for m in metrics if m.endswith("_p50_us")
                             and added_ratio(raw, a, b, m)}
    fcfgs = [c for c in cfgs if c.startswith("f")]
    fscale = {}
    if fcfgs:
        base = fcfgs[0]
        for c in fcfgs:
            fscale[c] = {"filters": int(c[1:]),
                         "udp64_pps": results[c].get("udp64_pps"),
                         f"ratio_to_{base}": summary(paired(raw, c, base, "udp64_pps"))}

    def ratio(key, m):
        return ratios.get(key, {}).get(m)

    targets = []
    for m in ("udp64_pps", "udp1400_pps", "tcp_bps"):
        target(targets, f"c2/c1 {m} (CI above)", ratio("c2/c1", m), 0.97, ci_side=True)
        target(targets, f"c3/c1 {m}", ratio("c3/c1", m), 0.90)
    target(targets, "c4a/c1 udp64_pps", ratio("c4a/c1", "udp64_pps"), 0.50)
    target(targets, "c4a/c1 udp1400_pps", ratio("c4a/c1", "udp1400_pps"), 0.50)
    target(targets, "c4a/c1 tcp_bps", ratio("c4a/c1", "tcp_bps"), 0.80)
    for key in ("c4a/c6", "c4b/c6", "c5/c6b"):
        for m in ("udp64_pps", "udp1400_pps"):
            target(targets, f"{key} {m}", ratio(key, m), 5.0)
        for m in ("udprr_p50_us", "tcprr_p50_us"):
            target(targets, f"{key} added {m}", added.get(key, {}).get(m), 0.25,
                    above=False)
    if len(fcfgs) > 1:
        last = fcfgs[-1]
        target(targets, f"{last}/{fcfgs[0]} udp64_pps",
               fscale[last][f"ratio_to_{fcfgs[0]}"], 0.80)
    if "growth_slab_kb" in mem:
        targets.append({"name": "slab growth over growth_pkts packets (kB)",
                        "target": "≈ 0 (within 1 % of the in-flight cost)",
                        "value": mem["growth_slab_kb"], "ci95": None,
                        "met": mem["growth_slab_kb"] * 1024 <= max(
                            0.01 * mem.get("inflight_bytes_per_pkt", 0) *
                            mem["growth_pkts"], 64 * 1024)})

    doc = {"schema": SCHEMA, "machine": machine, "configs": {c: CONFIGS.get(
        c, f"nfwfp + {c[1:]} idle filters on OUTBOUND_TRANSPORT_V4") for c in cfgs},
        "metrics": {m: {"unit": METRICS[m][0], "higher_is_better": METRICS[m][1]}
                    for m in metrics},
        "results": results, "ratios": ratios, "added_latency_ratio": added,
        "filter_scale": fscale, "memory": mem, "checks": checks, "targets": targets}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write("\n")

    # ---- the tables ----
    label = machine.get("label", "")
    print(f"nfwfp bench: accel={machine.get('accelerator')} cpu={machine.get('cpu_model')}"
          f" host_kernel={machine.get('host_kernel')} qemu={machine.get('qemu')}"
          f" guest_kernel={machine.get('guest_kernel')} vcpus={machine.get('vcpus')}"
          f" rounds={vm_meta.get('rounds')} seconds={vm_meta.get('seconds')}"
          + (f"  ** {label} **" if label else ""))
    print("\nmedians (95% CI of the median in the JSON)")
    print(f"{'metric':14}" + "".join(f"{c:>9}" for c in cfgs))
    for m in metrics:
        print(f"{m:14}" + "".join(f"{fmt(results[c].get(m, {}).get('median'), m):>9}"
                                  for c in cfgs))
    print("\nratios, median [95% CI] of the per-round ratios")
    keys = [k for k in ratios if ratios[k]]
    for k in keys:
        print(f"{k:8} " + "  ".join(f"{m}={fmt_ratio(ratios[k].get(m))}"
                                    for m in metrics if m in ratios[k]))
    if any(added.values()):
        print("\nadded p50 latency, nfwfp / NFQUEUE (each minus c1)")
        for k, v in added.items():
            print(f"{k:8} " + "  ".join(f"{m}={fmt_ratio(s)}" for m, s in v.items()))
    if fscale:
        print("\nfilter scale (udp64 packets/s)")
        for c, v in fscale.items():
            print(f"{v['filters']:>7} filters: {fmt((v['udp64_pps'] or {}).get('median'))}"
                  f"  ratio to {fcfgs[0]}: {fmt_ratio(v[f'ratio_to_{fcfgs[0]}'])}")
    if mem:
        print("\nmemory: " + " ".join(f"{k}={v}" for k, v in mem.items()))
    print("\ntargets")
    for t in targets:
        ok = {True: "met", False: "NOT met", None: "not measured"}[t["met"]]
        val = "-" if t["value"] is None else (
            f"{t['value']:.3g}" if isinstance(t["value"], float) else t["value"])
        ci = f" [{t['ci95'][0]:.3g},{t['ci95'][1]:.3g}]" if t.get("ci95") else ""
        print(f"  {t['name']:38} {val}{ci} (target {t['target']}): {ok}")
    print(f"\nJSON: {out_path}")


if __name__ == "__main__":
    main()
