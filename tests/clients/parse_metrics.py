#!/usr/bin/env python3
"""Parses Prometheus text exposition from stdin with the official Prometheus Python client's
parser and prints the metric families as JSON, so tests check /metrics with a real parser."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

families = [
    {
        "name": family.name,
        "type": family.type,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    }
    for family in text_string_to_metric_families(sys.stdin.read())
]
# JSON has no NaN or infinities; send those as strings ("NaN", "+Inf").
def plain(value):
    return value if value == value and abs(value) != float("inf") else str(value)


for family in families:
    for sample in family["samples"]:
        sample["value"] = plain(sample["value"])
json.dump(families, sys.stdout)
