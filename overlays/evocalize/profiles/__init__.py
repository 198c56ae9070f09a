"""Per-profile wiring: which overlay strategies serve each peer API profile of profiles/."""
