"""`python -m locales update [DOMAIN ...]` re-extracts; `python -m locales check` lists gaps."""

import sys

from locales import DOMAINS
from locales.catalogs import all_problems, update


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for domain in argv[1:] or DOMAINS:
            update(domain)
        return 0
    if argv[:1] == ["check"]:
        found = all_problems()
        print("\n".join(found) or "every catalog is complete")
        return 1 if found else 0
    print(__doc__)
    return 2


sys.exit(main(sys.argv[1:]))
