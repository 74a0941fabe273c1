"""spaCy pipeline loading: one pipeline per process, loaded lazily."""

from newsledger.nlp.loader import load_nlp, parse_texts

__all__ = ["load_nlp", "parse_texts"]
