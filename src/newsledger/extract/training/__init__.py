"""Reproducible training commands for the extract models (shipped in newsledger/data)."""
