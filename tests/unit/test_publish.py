"""Publishing's parts on plain folders: the manifest, markers, the swap and the link pool.

Fast, no MkDocs, no subprocess: what a later build reads back (the manifest), which folders
may be replaced (markers), and that identical files across editions share one inode while a
changed file keeps its own. Killed builds and refused exchanges are in tests/e2e/test_output_safety.py.
"""
from __future__ import annotations

import json
import os

import pytest

from playbook_gen.errors import LockedError
from playbook_gen.publish import (
    LOCK,
    MANIFEST,
    MARKER,
    OLD_PREFIX,
    LinkPool,
    Manifest,
    OutputLock,
    check_destination,
    disk_usage,
    marker_of,
    owned,
    remove_edition,
    repair,
    staging_dir,
    swap_into_place,
    write_marker,
)


def _edition(folder, files):
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, "utf-8")
    return folder


# --- the manifest -------------------------------------------------------------------------------

def test_manifest_round_trips_sorted_and_filters_brand_entries(tmp_path):
    manifest = Manifest(tmp_path, title="Playbook")
    manifest.editions = {"team/zeta": {"inputs": "2"}, "library/library": {"inputs": "1"}}
    manifest.brand = {"favicon.png": "ab"}
    manifest.write()
    data = json.loads((tmp_path / MANIFEST).read_text("utf-8"))
    assert list(data["editions"]) == ["library/library", "team/zeta"]
    assert not list(tmp_path.glob("*.tmp"))  # written beside, then renamed over
    data["brand"]["../etc/passwd"] = "cd"  # a hand-edited manifest cannot make the index own other files
    (tmp_path / MANIFEST).write_text(json.dumps(data), "utf-8")
    back = Manifest.read(tmp_path)
    assert back.title == "Playbook" and back.editions == manifest.editions
    assert back.brand == {"favicon.png": "ab"}


def test_unreadable_manifest_reads_as_empty(tmp_path):
    (tmp_path / MANIFEST).write_text("{not json", "utf-8")
    assert Manifest.read(tmp_path).editions == {}
    assert Manifest.read(tmp_path / "missing").editions == {}


def test_shards_write_their_own_manifest_and_read_all_merges_them(tmp_path):
    for k, key in ((1, "team/a"), (2, "team/b")):
        shard = Manifest(tmp_path, shard=(k, 2), title="Shards")
        shard.editions = {key: {"inputs": str(k)}}
        shard.write()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".playbook-manifest-shard-1-of-2.json", ".playbook-manifest-shard-2-of-2.json"]
    assert Manifest.read(tmp_path).editions == {}  # the unsharded file is not there
    merged = Manifest.read_all(tmp_path)
    assert merged.editions == {"team/a": {"inputs": "1"}, "team/b": {"inputs": "2"}}
    assert merged.title == "Shards"


# --- markers: only our own editions are replaced or deleted --------------------------------------

def test_marker_names_the_edition_and_only_its_own_key_owns_the_folder(tmp_path):
    site = _edition(tmp_path / "emea", {"index.html": "x"})
    write_marker(site, "team/emea", "build-1")
    assert marker_of(site) == "team/emea"
    assert owned(site, "team/emea", listed=False)
    assert not owned(site, "team/apac", listed=True)  # another edition's folder, whatever the manifest says


def test_folder_without_marker_is_ours_only_when_the_manifest_lists_it(tmp_path):
    old = _edition(tmp_path / "emea", {"index.html": "x"})
    assert owned(old, "team/emea", listed=True)  # published before markers existed
    assert not owned(old, "team/emea", listed=False)
    (old / MARKER).write_text("garbage", "utf-8")  # a marker we cannot read is not ours
    assert marker_of(old) is None and not owned(old, "team/emea", listed=True)


def test_check_destination_refuses_what_we_did_not_publish_and_deletes_nothing(tmp_path):
    assert check_destination(tmp_path, "emea", "team/emea", listed=False) is None  # nothing there yet
    foreign = _edition(tmp_path / "emea", {"notes.txt": "someone's files"})
    problem = check_destination(tmp_path, "emea", "team/emea", listed=False)
    assert problem is not None and "a folder" in problem.message and "nothing was deleted" in problem.message
    (tmp_path / "apac").symlink_to(foreign)
    problem = check_destination(tmp_path, "apac", "team/apac", listed=True)
    assert problem is not None and "a symlink" in problem.message
    write_marker(foreign, "team/apac", "b")  # another edition's folder at this name is left alone too
    assert not remove_edition(tmp_path, "emea", "team/emea") and (foreign / "notes.txt").is_file()
    write_marker(foreign, "team/emea", "b")
    assert check_destination(tmp_path, "emea", "team/emea", listed=False) is None
    assert remove_edition(tmp_path, "emea", "team/emea") and not foreign.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["apac"]  # no trash folder left behind


# --- the swap ----------------------------------------------------------------------------------

def test_swap_publishes_then_replaces_and_the_old_edition_is_left_in_the_stage(tmp_path):
    root = tmp_path / "site"
    first = _edition(staging_dir(root, "emea") / "site", {"index.html": "one"})
    assert swap_into_place(first, root, "emea") in ("exchange", "two-rename")
    assert (root / "emea" / "index.html").read_text("utf-8") == "one"
    second = _edition(staging_dir(root, "emea") / "site", {"index.html": "two"})
    method = swap_into_place(second, root, "emea")
    assert (root / "emea" / "index.html").read_text("utf-8") == "two"
    if method == "exchange":  # the folders traded names: the caller deletes the stage with the old edition
        assert (second / "index.html").read_text("utf-8") == "one"
    repair(root)  # the staging folders are what a killed build leaves: repair clears them
    assert sorted(p.name for p in root.iterdir()) == ["emea"]


def test_repair_restores_a_half_swap(tmp_path):
    _edition(tmp_path / f"{OLD_PREFIX}emea", {"index.html": "old"})  # killed between the two renames
    assert repair(tmp_path) == ["emea"]
    assert (tmp_path / "emea" / "index.html").read_text("utf-8") == "old"


# --- the link pool ------------------------------------------------------------------------------

def test_identical_files_across_editions_share_one_inode_and_a_changed_file_does_not(tmp_path):
    root = tmp_path / "site"
    a = _edition(root / "a", {"assets/app.css": "body{}" * 100, "index.html": "edition a"})
    staged = _edition(tmp_path / "stage-b", {"assets/app.css": "body{}" * 100, "index.html": "edition b"})
    pool = LinkPool(root, ["a"])
    saved = pool.link(staged, "b")
    assert saved == len("body{}" * 100)
    assert os.stat(staged / "assets/app.css").st_ino == os.stat(a / "assets/app.css").st_ino
    assert os.stat(staged / "index.html").st_ino != os.stat(a / "index.html").st_ino
    assert (staged / "index.html").read_text("utf-8") == "edition b"
    os.rename(staged, root / "b")
    unique, total = disk_usage([root])
    assert total - unique == saved


def test_link_pool_looks_only_into_editions_that_are_ours(tmp_path):
    root = tmp_path / "site"
    _edition(root / "foreign", {"app.css": "same"})
    staged = _edition(tmp_path / "stage", {"app.css": "same"})
    assert LinkPool(root, []).link(staged, "b") == 0
    assert os.stat(staged / "app.css").st_nlink == 1


def test_link_pool_remembers_what_it_published_at_another_path(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    pool = LinkPool(root)
    first = _edition(tmp_path / "stage-a", {"one.css": "shared"})
    assert pool.link(first, "a") == 0  # nothing published yet
    os.rename(first, root / "a")
    second = _edition(tmp_path / "stage-b", {"other/name.css": "shared"})
    assert pool.link(second, "b") == len("shared")
    assert os.stat(second / "other/name.css").st_ino == os.stat(root / "a" / "one.css").st_ino
    (root / "a" / "one.css").write_text("changed", "utf-8")  # a published file that changed is not a source
    third = _edition(tmp_path / "stage-c", {"x.css": "shared"})
    pool.link(third, "c")
    assert (third / "x.css").read_text("utf-8") == "shared"
    assert os.stat(third / "x.css").st_ino != os.stat(root / "a" / "one.css").st_ino


# --- the lock -----------------------------------------------------------------------------------

def test_a_second_build_on_the_same_output_fails_at_once_naming_the_holder(tmp_path):
    with OutputLock([tmp_path]), pytest.raises(LockedError, match=f"pid {os.getpid()}"):
        OutputLock([tmp_path]).__enter__()
    with OutputLock([tmp_path]):  # released on exit, and no pid left in the lock file
        pass
    assert (tmp_path / LOCK).read_bytes() == b""
