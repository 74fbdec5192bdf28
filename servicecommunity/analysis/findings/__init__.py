"""The findings, one module per family; each function adds its findings to a :class:`~.context.Run`.

- :mod:`.ownership`: steps nobody owns, owners with nobody in the community, organisations that own
  nothing in the journey;
- :mod:`.channels`: steps offered only online;
- :mod:`.structure`: steps no route reaches, dead ends, rework loops, empty stages;
- :mod:`.handoffs`: hand-offs between organisations (the table of pairs and its summary), unagreed
  hand-offs, ping-pong, the longest chain of hand-offs;
- :mod:`.tell_us_once`: data asked for again by another organisation on one route;
- :mod:`.spof`: single points of failure (steps, dependencies, organisations) and bottlenecks;
- :mod:`.critical_path`: the longest route by typical duration;
- :mod:`.blockers`: each open blocker's impact, ranked, and stale blockers.

What each kind means, how it is found and what to do about it is written in
:mod:`servicecommunity.analysis`.
"""
