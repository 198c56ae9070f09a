"""Tests of the sandbox (a package, so that its conftest does not clash with others for mypy)."""
