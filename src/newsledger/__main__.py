"""`python -m newsledger` runs the CLI."""

from newsledger.cli import main

main()
