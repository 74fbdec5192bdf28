"""The step graph as integer adjacency lists, and the linear-time algorithms the analysis runs on it.

:class:`StepIndex` numbers the steps in journey order; :func:`strongly_connected_components`,
:class:`Condensation` (with descendant bitsets) and :func:`cut_points` (articulation points and
bridges) run on it in linear time. networkx's general versions, plus building a ``DiGraph`` itself,
take several times longer on a 5,000-step journey; the tests check these against networkx.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from servicecommunity.analysis.snapshot import DependencyInfo, JourneyData, StepInfo


class StepIndex:
    """The step graph as integer adjacency lists (step ``i`` is the ``i``-th in journey order).

    ``edges[k]`` is ``(from, to)`` of ``deps[k]``; ``succ[u]`` and ``pred[v]`` list neighbours with
    repeats when several dependencies join two steps; ``out_deps[u]`` runs parallel to ``succ[u]``.
    """

    def __init__(self, data: JourneyData) -> None:
        self.steps: list[StepInfo] = list(data.steps.values())
        self.ids: list[str] = [s.id for s in self.steps]
        self.place: dict[str, int] = {sid: i for i, sid in enumerate(self.ids)}
        n = len(self.ids)
        self.deps: list[DependencyInfo] = [
            d for d in data.dependencies if d.from_step_id in self.place and d.to_step_id in self.place
        ]
        self.dep_place: dict[str, int] = {d.id: k for k, d in enumerate(self.deps)}
        self.edges: list[tuple[int, int]] = [(self.place[d.from_step_id], self.place[d.to_step_id]) for d in self.deps]
        self.succ: list[list[int]] = [[] for _ in range(n)]
        self.pred: list[list[int]] = [[] for _ in range(n)]
        self.out_deps: list[list[int]] = [[] for _ in range(n)]
        for k, (u, v) in enumerate(self.edges):
            self.succ[u].append(v)
            self.out_deps[u].append(k)
            self.pred[v].append(u)

    def __len__(self) -> int:
        return len(self.ids)


def strongly_connected_components(succ: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm, iterative. Components (members sorted) in reverse topological order."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            nbrs = succ[v]
            if i < len(nbrs):
                work[-1] = (v, i + 1)
                w = nbrs[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                comp.sort()
                out.append(comp)
    return out


class Condensation:
    """The DAG of strongly connected components, numbered in topological order.

    ``members[c]`` are the steps of component ``c``; ``comp_of[i]`` is step ``i``'s component;
    ``succ[c]`` maps each successor component to the first dependency (index into ``StepIndex.deps``)
    that joins them. Every edge goes from a lower number to a higher one. ``loops`` are the components with more than one step (or a step that needs itself).
    """

    def __init__(self, index: StepIndex) -> None:
        comps = strongly_connected_components(index.succ)
        comps.reverse()
        self.members: list[list[int]] = comps
        self.comp_of: list[int] = [0] * len(index)
        for c, members in enumerate(comps):
            for m in members:
                self.comp_of[m] = c
        self.succ: list[dict[int, int]] = [{} for _ in comps]
        self.inner_deps: dict[int, list[int]] = defaultdict(list)
        comp_of = self.comp_of
        for k, (u, v) in enumerate(index.edges):
            a, b = comp_of[u], comp_of[v]
            if a == b:
                self.inner_deps[a].append(k)
            elif b not in self.succ[a]:
                self.succ[a][b] = k
        self.loops: list[int] = [c for c, m in enumerate(comps) if len(m) > 1 or c in self.inner_deps]

    def __len__(self) -> int:
        return len(self.members)

    def descendant_bits(self) -> list[int]:
        """For each component, a bitset (a Python int; bit ``i`` is step ``i``) of every step it reaches, its own included.

        One pass in reverse topological order: each component ORs its successors' sets, so asking
        what a blocker holds up costs a few ORs rather than a graph search.
        """
        bits = [0] * len(self.members)
        for c in range(len(self.members) - 1, -1, -1):
            acc = 0
            for m in self.members[c]:
                acc |= 1 << m
            for s in self.succ[c]:
                acc |= bits[s]
            bits[c] = acc
        return bits


@dataclass(frozen=True, slots=True)
class CutVertex:
    step: int
    parts: int  # pieces its connected part of the journey falls into without it
    cut_off: int  # steps outside the largest piece: the ones separated from the bulk of the journey


@dataclass(frozen=True, slots=True)
class Bridge:
    dependency: int  # index into StepIndex.deps
    cut_off: int  # steps on the smaller side


def cut_points(index: StepIndex) -> tuple[list[CutVertex], list[Bridge]]:
    """Articulation points and bridges of the step graph taken as undirected (Hopcroft and Tarjan).

    One iterative depth-first search over the dependencies as undirected edges, each edge with its own
    id so that two dependencies between the same steps are never a bridge. Measured within each
    weakly connected part of the journey.
    """
    n = len(index)
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (u, v) in enumerate(index.edges):
        if u != v:
            adj[u].append((v, k))
            adj[v].append((u, k))
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    sep_total = [0] * n  # steps in the child subtrees that removing the step separates
    sep_count = [0] * n
    sep_max = [0] * n
    children = [0] * n
    parent_edge = [-1] * n
    vertices: list[CutVertex] = []
    bridges: list[Bridge] = []
    counter = 0
    for root in range(n):
        if disc[root] != -1:
            continue
        disc[root] = low[root] = counter
        counter += 1
        work = [(root, 0)]
        tree: list[int] = [root]
        pending: list[tuple[int, int]] = []  # bridges of this part: (dependency, steps beyond it)
        while work:
            v, i = work[-1]
            nbrs = adj[v]
            if i < len(nbrs):
                work[-1] = (v, i + 1)
                w, k = nbrs[i]
                if k == parent_edge[v]:
                    continue
                if disc[w] == -1:
                    disc[w] = low[w] = counter
                    counter += 1
                    parent_edge[w] = k
                    work.append((w, 0))
                    tree.append(w)
                elif disc[w] < low[v]:
                    low[v] = disc[w]
                continue
            work.pop()
            if not work:
                break
            p = work[-1][0]
            size[p] += size[v]
            children[p] += 1
            low[p] = min(low[p], low[v])
            if low[v] >= disc[p]:
                sep_total[p] += size[v]
                sep_count[p] += 1
                sep_max[p] = max(sep_max[p], size[v])
            if low[v] > disc[p]:
                pending.append((parent_edge[v], size[v]))
        total = size[root]
        for v in tree:
            if v == root:
                if children[v] >= 2:
                    vertices.append(CutVertex(v, children[v], total - 1 - sep_max[v]))
            elif sep_count[v]:
                rest = total - 1 - sep_total[v]
                vertices.append(CutVertex(v, sep_count[v] + 1, total - 1 - max(rest, sep_max[v])))
        bridges.extend(Bridge(k, min(beyond, total - beyond)) for k, beyond in pending)
    vertices.sort(key=lambda c: c.step)
    bridges.sort(key=lambda b: b.dependency)
    return vertices, bridges
