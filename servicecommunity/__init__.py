"""Service Community: the core (domain model, store, services, analysis, exchange). No Qt here."""

__version__ = "0.1.0"
