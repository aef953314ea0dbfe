#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report.py RESULTS_JSON: the README's "Last run" figures as Markdown.

Prints the machine line, the ratio table (median [95% CI] of the per-round
ratios; c1 in absolute numbers), the added-latency ratios, the filter scale
and the memory figures of one `make bench` run, so that the README quotes
the run and nothing typed by hand.
"""
import json
import sys

KINDS = [("udp64_pps", "udp64 pkt/s"), ("udp1400_pps", "udp1400 pkt/s"),
         ("tcp_bps", "TCP bulk"), ("udprr_p50_us", "UDP RR p50"),
         ("tcprr_p50_us", "TCP RR p50")]
RATIOS = ["c2/c1", "c3/c1", "c4a/c1", "c4b/c1", "c5/c1", "c6/c1", "c6b/c1",
          "c4a/c6", "c4b/c6", "c5/c6b"]


def absolute(v, metric):
    if v is None:
        return "-"
    if metric.endswith("_us"):
        return "%d µs" % round(v)
    if metric == "tcp_bps":
        return "%d MB/s" % round(v / 1e6)
    return "%.1fk" % (v / 1e3)


def ratio(s):
    if not s or s.get("median") is None:
        return "-"
    lo, hi = s["ci95"]
    return "%.2f [%.2f–%.2f]" % (s["median"], lo, hi)


def main(path):
    d = json.load(open(path))
    m = d["machine"]
    print("%s, **%s%s**: %s, %s vCPUs, %s guest memory, guest kernel %s; host: %s, %s cores,"
          " host kernel %s." % (m["date"][:10], m["accelerator"].upper(),
                                " (%s)" % m["label"] if m.get("emulated") else "",
                                m["qemu"], m["vcpus"], m["guest_memory"], m["guest_kernel"],
                                m["cpu_model"], m["host_cpus"], m["host_kernel"]))
    print()
    print("| config | " + " | ".join(k[1] for k in KINDS) + " |")
    print("|---" * (len(KINDS) + 1) + "|")
    c1 = d["results"].get("c1", {})
    print("| c1 (absolute) | " + " | ".join(
        absolute(c1.get(k, {}).get("median"), k) for k, _ in KINDS) + " |")
    for r in RATIOS:
        s = d["ratios"].get(r, {})
        print("| %s | " % r.replace("/", " / ") +
              " | ".join(ratio(s.get(k)) for k, _ in KINDS) + " |")
    print()
    added = d.get("added_latency_ratio", {})
    print("Added p50 latency, nfwfp over NFQUEUE: " + "; ".join(
        "%s %s (UDP), %s (TCP)" % (k, ratio(v.get("udprr_p50_us")), ratio(v.get("tcprr_p50_us")))
        for k, v in added.items()) + ".")
    fs = d.get("filter_scale", {})
    if fs:
        print("Filter scale (udp64): " + ", ".join(
            "%s filters %.1fk (%s of 10)" % (v["filters"], v["udp64_pps"]["median"] / 1e3,
                                             ratio(v.get("ratio_to_f10")))
            for v in fs.values()) + ".")
    mem = d.get("memory", {})
    if mem:
        print("Memory: %s bytes of slab per packet held by the inspect pattern (%s packets);"
              " slab %+d kB after %s packets, %s held afterwards." % (
                  mem.get("inflight_bytes_per_pkt"), mem.get("inflight_pkts"),
                  mem.get("growth_slab_kb", 0), mem.get("growth_pkts"), mem.get("held_after")))
    print()
    for t in d.get("targets", []):
        value = "-" if t["value"] is None else "%.2f" % t["value"]
        print("- %s: %s (target %s): %s" % (t["name"], value, t["target"],
                                            "met" if t["met"] else "NOT met"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: report.py RESULTS_JSON")
    main(sys.argv[1])
