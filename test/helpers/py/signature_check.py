"""Checks an evidence package from its published description only (README of the project): the ZIP's
manifest.json is signed with Ed25519 (64 raw bytes in manifest.sig) by the key in public-key.pem, and
lists every other file with its SHA-256 and size. Uses Python's zipfile and cryptography, nothing of
Ringscope. Prints JSON."""
import hashlib
import json
import sys
import zipfile

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

with zipfile.ZipFile(sys.argv[1]) as z:
    files = {i.filename: z.read(i) for i in z.infolist()}
manifest_bytes = files["manifest.json"]
key = load_pem_public_key(files["public-key.pem"])
out = {"key_is_ed25519": isinstance(key, Ed25519PublicKey)}
try:
    key.verify(files["manifest.sig"], manifest_bytes)
    out["signature_valid"] = True
except InvalidSignature:
    out["signature_valid"] = False
manifest = json.loads(manifest_bytes)
out["files"] = {
    f["path"]: {
        "sha256_ok": hashlib.sha256(files.get(f["path"], b"")).hexdigest() == f["sha256"],
        "size_ok": len(files.get(f["path"], b"")) == f["size"],
    }
    for f in manifest["files"]
}
out["unlisted"] = sorted(set(files) - {f["path"] for f in manifest["files"]} - {"manifest.json", "manifest.sig"})
with open(sys.argv[1], "rb") as f:
    out["zip_sha256"] = hashlib.sha256(f.read()).hexdigest()
print(json.dumps(out))
