"""The frozen app's entry point (PyInstaller runs this file as ``__main__``, outside any package).

``scpdesk/__main__.py`` imports ``.cli`` relatively, which fails when it is the top-level script ("attempted
relative import with no known parent package"); this launcher imports the package absolutely instead, so the
frozen app and ``python -m scpdesk`` run the very same ``scpdesk.cli.main``.
"""

import sys

from scpdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
