import sys

from medborgardialog.cli import main

sys.exit(main())
