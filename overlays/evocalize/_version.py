"""The version of the `evocalize` distribution: its one source (pyproject.toml reads it with
hatch's version source, and `evocalize.__version__` imports it)."""

__version__ = "0.1.0"
