"""The manifest: what is published in an output root, and from which inputs (the incremental
build's memory between runs); one file per shard, merged by `read_all`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..branding import is_brand_file
from ..build_date import source_date

MANIFEST = ".playbook-manifest.json"
SHARD_MANIFEST = ".playbook-manifest-shard-{k}-of-{n}.json"
MANIFEST_GLOB = ".playbook-manifest*.json"


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside, then rename over: a reader sees the old file or the new one, never half of one."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass
class Manifest:
    """What is published in one output root, and from which inputs.

    `editions` maps an edition key ('team/emea-enterprise') to what the index
    shows plus `inputs`, the hash of everything the edition was built from.
    A sharded build (`shard=(k, n)`) writes its own file, so the shards'
    outputs can be copied together and `playbook index` merges them.
    """

    root: Path
    editions: dict[str, dict[str, Any]] = field(default_factory=dict)
    title: str | None = None
    shard: tuple[int, int] | None = None
    brand: dict[str, str] = field(default_factory=dict)  # files beside index.html we wrote: name → sha256

    @property
    def path(self) -> Path:
        name = MANIFEST if self.shard is None else SHARD_MANIFEST.format(k=self.shard[0], n=self.shard[1])
        return self.root / name

    @classmethod
    def read(cls, root: Path, shard: tuple[int, int] | None = None) -> Manifest:
        manifest = cls(Path(root), shard=shard)
        try:
            data = json.loads(manifest.path.read_text("utf-8"))
            manifest.editions = dict(data.get("editions", {}))
            manifest.title = data.get("title")
            manifest.brand = _brand_record(data)
        except (OSError, ValueError, AttributeError):
            pass
        return manifest

    @classmethod
    def read_all(cls, root: Path) -> Manifest:
        """Every manifest present in `root` merged: the unsharded one, then the shards' in name order."""
        merged = cls(Path(root))
        for path in sorted(Path(root).glob(MANIFEST_GLOB), key=lambda p: (p.name != MANIFEST, p.name)):
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                merged.editions.update(data.get("editions", {}))
                merged.title = merged.title or data.get("title")
                merged.brand.update(_brand_record(data))
        return merged

    def write(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        data: dict[str, Any] = {"title": self.title, "editions": dict(sorted(self.editions.items()))}
        if self.brand:
            data["brand"] = dict(sorted(self.brand.items()))
        atomic_write(self.path, (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def _brand_record(data: Any) -> dict[str, str]:
    record = data.get("brand") if isinstance(data, dict) else None
    return {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str) and is_brand_file(k)} \
        if isinstance(record, dict) else {}


def build_time() -> datetime:
    """`SOURCE_DATE_EPOCH` when set, so rebuilds of the same input are identical."""
    return source_date() or datetime.now(tz=UTC).replace(microsecond=0)
