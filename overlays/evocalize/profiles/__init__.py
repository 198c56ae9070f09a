"""Wiring of the overlay's generic strategies for each peer API profile in profiles/."""

# Each profile is its own module, imported by name: `evocalize.profiles.appnexus`.
__all__: list[str] = []
