#!/usr/bin/env python
"""Django's manage.py; the same as the ``counterpart`` console script."""

from counterpart.cli import main

if __name__ == "__main__":
    main()
