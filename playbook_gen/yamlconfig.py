"""Reading an mkdocs.yml without running anything: one tolerant YAML loader.

A user's mkdocs.yml may hold `!ENV`, `!relative` or `!!python/name:` tags that
only MkDocs can resolve. The generator reads it only to look (plugins, hooks,
lists INHERIT would replace), so every tag without a safe constructor becomes
None; what the tag means is the engine's business, and the engine reports it.

build.py used to keep its own loader that nulled only `!…` and `!!python/…`
tags: any other unknown tag (`!!foo`, `!<tag:example.com,2000:x>`) raised a
ConstructorError out of the config check. Same answer for every tag MkDocs
knows; None for the rest, as render's loader always did.
"""
from __future__ import annotations

import yaml


class TolerantLoader(yaml.SafeLoader):
    """SafeLoader where every tag it does not know (`!ENV`, `!!python/name:`, …) reads as None."""


TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
