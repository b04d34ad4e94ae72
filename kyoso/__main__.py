"""``python -m kyoso`` runs the ``kyoso`` command line."""

from kyoso.cli import main

main()
