"""Tests of the command line (a package, so that its conftest does not clash with others)."""
