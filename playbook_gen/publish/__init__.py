"""Stage 6 — publish: swap finished editions into the output roots, write the indexes.

An edition is built in a temporary folder beside its destination and moved
into place so the published path always holds a complete edition: the old
one or the new one, at every instant.

- On Linux the new edition replaces the old one with a single
  `renameat2(RENAME_EXCHANGE)`: the two folders trade names in one atomic
  step, and the old edition (now at the temporary name) is deleted after. A
  first publish uses `renameat2(RENAME_NOREPLACE)`, which refuses to overwrite.
- Where the file system refuses the exchange (EINVAL, ENOSYS, EXDEV, ENOTSUP:
  NFS, CIFS, some FUSE, other systems), the fallback is two renames,

      dest → .playbook-old-NAME      (the old edition, still complete)
      built → dest                   (the new edition)

  and a kill between them leaves `dest` missing for a moment, with the
  complete old edition beside it: `repair()` (run under the lock at the
  start of every build) renames it back.

Only what the generator published is ever replaced or deleted: every edition
carries a `.playbook-edition` marker naming its key, and a folder in the way
without the marker for that same edition is an error (`ForeignFolderError`),
never a deletion. Editions published before markers existed count as ours
when the root's manifest lists them.

A folder being deleted is always first renamed to a `.playbook-trash-` name,
so a half-deleted folder is never mistaken for an edition to restore. One
build at a time per output root: `OutputLock` holds an exclusive `flock` on
`ROOT/.playbook-lock` for the whole run.

- manifest.py: what each root holds and from which inputs;
- lock.py: one build at a time per output root;
- markers.py: which folders are ours;
- swap.py: staging, the renameat2 swap and its fallback, repair, removal;
- link_pool.py: identical files across editions hard-linked;
- index.py: each root's index.html.
"""
from __future__ import annotations

from .index import index_description, write_index
from .link_pool import LinkPool, disk_usage
from .lock import LOCK, OutputLock
from .manifest import MANIFEST, MANIFEST_GLOB, SHARD_MANIFEST, Manifest, build_time
from .markers import MARKER, check_destination, marker_of, owned, write_marker
from .swap import (
           OLD_PREFIX,
           TMP_PREFIX,
           TRASH_PREFIX,
           SwapStats,
           remove_edition,
           renameat2,
           repair,
           staging_dir,
           swap_into_place,
)

__all__ = ["LOCK", "MANIFEST", "MANIFEST_GLOB", "MARKER", "OLD_PREFIX", "SHARD_MANIFEST", "TMP_PREFIX",
           "TRASH_PREFIX", "LinkPool", "Manifest", "OutputLock", "SwapStats", "build_time", "check_destination",
           "disk_usage", "index_description", "marker_of", "owned", "remove_edition", "renameat2", "repair",
           "staging_dir", "swap_into_place", "write_index", "write_marker"]
