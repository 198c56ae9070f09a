"""Tests of the peer API profiles: generated clients and overlays driven through fakes."""
