"""Language editions: content catalogues (gettext PO, via Babel) and translated editions.

- fields.py: which content values are translatable, keyed `kind:id:field`, with their file:line;
- catalog.py: content/translations/<language>.po, read, and written or updated by `extract`;
- report.py: how complete each catalogue is (`playbook check`, `min_complete`);
- translate.py: a planned edition with its content in another language, fallbacks marked.
"""
