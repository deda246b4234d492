"""``python -m eventflow``: the same as the ``eventflow`` command."""

from eventflow.quick import main

main()
