"""A schema with the default settings, for export tools only; the app builds its own.

`strawberry export-schema schema.app:schema` writes schema.graphql from it. The
served schema comes from `schema.root.build_schema(settings)` in server.create_app,
with that deployment's limits.
"""

from schema.root import build_schema
from settings import Settings

schema = build_schema(Settings.from_env({}))
