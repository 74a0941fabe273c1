"""The store: SQLite by default. All SQL of the project lives in this package."""

from newsledger.store.db import connect, migrate
from newsledger.store.ledger import Ledger

__all__ = ["Ledger", "connect", "migrate"]
