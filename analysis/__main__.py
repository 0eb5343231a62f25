"""``python -m analysis`` runs the command line (see :mod:`analysis.cli`)."""

import sys

try:
    from analysis.cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: one line, as everywhere else
    print("error: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
