"""Invoca profile: its fake and the tests that drive the generated client through it."""
