import sys

from servicecommunity.cli import main

sys.exit(main())
