"""Sáng kiến Hub: builds the communications site of a workplace innovation campaign.

Data flow, one package per step:
content files -> ``generator.content`` (read, validate) -> ``generator.model`` (immutable campaign)
-> ``generator.pages`` (page definitions) -> templates in ``theme/`` (rendered by the MkDocs adapter,
``generator.plugin``, the only module that imports MkDocs).
"""
