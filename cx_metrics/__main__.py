import sys

from cx_metrics.cli import main

sys.exit(main())
