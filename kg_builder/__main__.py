"""``python -m kg_builder`` runs the command line."""

from kg_builder.cli import main

main()
