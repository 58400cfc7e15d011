"""Validates OpenAPI 3.1 documents with openapi-spec-validator.

Usage: validate_openapi.py FILE.json [FILE.json ...]

Checks that each file is an OpenAPI 3.1.x document valid against the
specification's schema and rules (path parameters declared, unique
operationIds, resolvable $refs, JSON Schema 2020-12 schemas), printing every
problem found. Exits 1 when any file is invalid, 2 on a usage error.
"""

import json
import sys

from openapi_spec_validator import OpenAPIV31SpecValidator


def validate(path):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1."):
        return [f"openapi is {version!r}, expected 3.1.x"]
    validator = OpenAPIV31SpecValidator(document)
    problems = []
    try:
        for error in validator.iter_errors():
            where = "/".join(str(p) for p in error.absolute_path) or "<root>"
            problems.append(f"{where}: {error.message}")
    except Exception as error:  # noqa: BLE001 - e.g. a $ref that resolves nowhere
        problems.append(f"{type(error).__name__}: {error}"[:500])
    return problems


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        errors = validate(path)
        if errors:
            failed = True
            print(f"{path}: INVALID ({len(errors)} problems)")
            for error in errors:
                print(f"  {error}")
        else:
            print(f"{path}: valid OpenAPI 3.1")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
