"""ed25519 keys and detached signatures of manifests (``cryptography``).

The private key stays with whoever publishes (a CI secret); devices hold public keys in their device file
(``sync.public_keys``), as base64 of the raw 32 bytes, one line that fits in YAML.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PRIVATE_NAME, PUBLIC_NAME = "fleet-signing.key", "fleet-signing.pub"
SIGNATURE_BYTES = 64


class SignatureError(ValueError):
    """A signature that does not verify with any trusted key."""


def public_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def make_keys(folder: Path) -> tuple[Path, Path, str]:
    """A new key pair in ``folder``: the private key (PEM, mode 0600, never overwritten) and the public
    key file. Returns both paths and the public key line."""
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # O_EXCL: an existing key is never replaced; 0600 from the first byte on, not chmod-ed afterwards
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    line = public_text(key.public_key())
    public_path.write_text(line + "\n", encoding="ascii")
    return private_path, public_path, line


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise SignatureError(f"{path} is not a private key written by 'kiosk keys': {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError(f"{path} is not an ed25519 key")
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The detached signature file's bytes: base64 of the 64-byte signature and a newline."""
    return base64.b64encode(key.sign(data)) + b"\n"


def verify(data: bytes, signature_file: bytes, public_keys: Iterable[str]) -> str:
    """The public key (text) that signed ``data``; SignatureError when none did."""
    try:
        signature = base64.b64decode(signature_file.strip(), validate=True)
    except ValueError:
        raise SignatureError("the signature file is not base64") from None
    if len(signature) != SIGNATURE_BYTES:
        raise SignatureError("the signature file does not hold an ed25519 signature")
    for text in public_keys:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(text))
        try:
            key.verify(signature, data)
        except InvalidSignature:
            continue
        return text
    raise SignatureError("the manifest's signature matches none of the device's public keys")
