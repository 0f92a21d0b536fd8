"""The one tolerant YAML loader reads a user's mkdocs.yml without running anything."""
from __future__ import annotations

import yaml

from playbook_gen.yamlconfig import TolerantLoader

CONFIG = """\
site_name: !ENV [SITE_NAME, "Playbook"]
docs_dir: !relative $config_dir/docs
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search:
      lang: !!unknown en
  - tags: {tags_file: !<tag:example.com,2000:file> tags.md}
theme: {features: [navigation.tabs, search.highlight], palette: {primary: indigo}}
"""


def test_every_tag_only_the_engine_knows_reads_as_none_and_the_rest_as_yaml():
    data = yaml.load(CONFIG, Loader=TolerantLoader)
    assert data["site_name"] is None and data["docs_dir"] is None
    assert data["markdown_extensions"] == [{"pymdownx.emoji": {"emoji_index": None}}]
    assert data["plugins"] == [{"search": {"lang": None}}, {"tags": {"tags_file": None}}]
    assert data["theme"] == {"features": ["navigation.tabs", "search.highlight"], "palette": {"primary": "indigo"}}


def test_a_composed_node_constructs_with_the_same_rules():  # build.py's config check composes, then constructs
    root = yaml.compose(CONFIG, Loader=TolerantLoader)
    plugins = next(v for k, v in root.value if k.value == "plugins")
    options = plugins.value[0].value[0][1]
    assert TolerantLoader("").construct_object(options, deep=True) == {"lang": None}
