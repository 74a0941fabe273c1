"""newsledger: a verified, source-attributed ledger of events from news articles."""

from newsledger.records import SCHEMA_VERSION

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "__version__"]
