"""Offline Evocalize: a stateful reference implementation of every operation of openapi.yaml."""
