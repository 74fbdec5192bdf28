"""The ``compare`` command: what changed from one journey (the as-is) to another (the to-be).

``servicecommunity compare AS_IS TO_BE`` prints the steps added, removed and moved to another owner,
hand-offs and cross-organisation hand-offs, data asked again and the end-to-end time before and
after, and the open blockers on removed steps (:mod:`servicecommunity.analysis.comparison` says how
each is counted). ``--json`` prints the same as one JSON object. The analysis and the store are
imported when the command runs.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from servicecommunity.cli.core import open_workspace
from servicecommunity.i18n import gettext, pgettext


def cmd_compare(args: argparse.Namespace) -> int:
    from servicecommunity.analysis.comparison import load_comparison, summary_lines
    from servicecommunity.exchange import bundle

    with open_workspace(args) as store, store.session() as session:
        before = bundle.journey_by_name(session, args.as_is)
        after = bundle.journey_by_name(session, args.to_be)
        result = load_comparison(session, before.id, after.id, include_sensitive=args.include_sensitive)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print("\n".join(summary_lines(result)))
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "compare",
        parents=[common],
        help=gettext("what changed from one journey (the as-is) to another (the to-be)"),
        description=gettext("Compare two journeys, typically a journey as it is and its to-be copy: the steps added, "
            "removed and moved to another owner (steps are matched by title), hand-offs and "
            "cross-organisation hand-offs, data asked again and the end-to-end time before and after, "
            "and the open blockers on the steps the to-be removes."),
    )
    p.add_argument("as_is", metavar=pgettext("metavar", "JOURNEY"), help=gettext("the journey as it is (name or id)"))
    p.add_argument("to_be", metavar=pgettext("metavar", "JOURNEY"), help=gettext("the journey as it could be (name or id)"))
    p.add_argument("--include-sensitive", action="store_true",
                   help=gettext("show the titles of OFFICIAL-SENSITIVE blockers, marked (default: withheld)"))
    p.set_defaults(func=cmd_compare)
