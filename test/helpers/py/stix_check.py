"""Validates a STIX 2.1 bundle as a recipient would: the OASIS stix2-validator (default options, so
its recommended-practice warnings are counted) and stix2.parse. Prints JSON: error and warning counts
and messages, and what stix2 parsed."""
import json
import sys

import stix2
from stix2validator import ValidationOptions, validate_file

path = sys.argv[1]
results = validate_file(path, ValidationOptions(version="2.1"))
errors, warnings = [], []
for obj in results.object_results:
    errors += [f"{obj.object_id}: {e}" for e in obj.errors]
    warnings += [f"{obj.object_id}: {w}" for w in obj.warnings]
errors += [str(e) for e in getattr(results, "errors", []) or []]
warnings += [str(w) for w in getattr(results, "warnings", []) or []]

parsed = {"ok": False}
try:
    with open(path, encoding="utf-8") as f:
        bundle = stix2.parse(f.read(), allow_custom=True)
    types = {}
    for o in bundle.objects:
        t = o["type"]
        types[t] = types.get(t, 0) + 1
    parsed = {"ok": True, "objects": len(bundle.objects), "types": types}
except Exception as e:  # noqa: BLE001 - reported to the test
    parsed = {"ok": False, "error": f"{type(e).__name__}: {e}"}

codes = {}
for w in warnings:
    code = w.split("{", 1)[1].split("}", 1)[0] if "{" in w else "?"
    codes[code] = codes.get(code, 0) + 1
print(json.dumps({"warning_codes": codes, "valid": results.is_valid, "errors": errors, "warnings": warnings, "parsed": parsed}))
