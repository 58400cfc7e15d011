"""Parses a Prometheus text exposition (format 0.0.4) read from stdin with
the official Prometheus Python client's parser, and prints its samples as
JSON lines: [name, labels, value]. Fails (exit 1) on anything the parser
rejects, and on a sample whose metric family has no TYPE or HELP line."""

import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    text = sys.stdin.read()
    try:
        families = list(text_string_to_metric_families(text))
    except ValueError as error:
        print(f"invalid exposition: {error}", file=sys.stderr)
        return 1
    for family in families:
        if family.type == "unknown":
            print(f"{family.name}: no TYPE line", file=sys.stderr)
            return 1
        if not family.documentation:
            print(f"{family.name}: no HELP text", file=sys.stderr)
            return 1
        for sample in family.samples:
            value = sample.value
            if math.isinf(value):
                value = "+Inf" if value > 0 else "-Inf"
            elif math.isnan(value):
                value = "NaN"
            print(json.dumps([sample.name, sample.labels, value]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
