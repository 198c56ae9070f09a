"""The commands of the `evocalize` command line, one module per command group.

Each module registers its commands on a typer app that `evocalize.cli` mounts; each stays thin:
the work is done by the library modules beside this package (the facade, `batches`, `audience`,
`links`, `sso`, `webhooks`), so the command line and Python callers behave the same.
"""
