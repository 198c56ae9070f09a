"""Wiring of the overlay's generic strategies for each peer API profile in profiles/."""

__all__ = ["adnuntius", "appnexus", "bidtheatre", "invoca", "wiring"]
