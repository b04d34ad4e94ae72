"""``python -m kyoso`` runs the ``kyoso`` command line."""

from kyoso.cli import main

if __name__ == "__main__":  # tests import every module of the package to find its forms
    main()
