"""``python -m cx_metrics.generate``: the generator's command line (see ``run.main``)."""

import sys

from cx_metrics.generate.run import main

sys.exit(main())
