import sys

from servicecommunity.cli.main import main

sys.exit(main())
