"""Large synthetic communities, for benchmarks, stress tests and demos of the map at scale.

:func:`generate_bundle` builds a bundle (the format of :func:`servicecommunity.exchange.bundle.export_bundle`)
for one community entirely in memory, deterministically from a seed: the same seed gives the same
dict, ids and timestamps included, so a benchmark or a failing test can be replayed. The first
journey is the big one (thousands of steps, tens of thousands of dependencies and blockers); the
others are small, with steps only. :func:`load` puts a generated bundle into an open workspace.

What the analysis and the UI need to find is in there on purpose: steps with no owner, steps with
no offline channel, data asked by several organisations, hand-offs nobody has agreed, a few cycles,
organisations in the journey with nobody in the community, OFFICIAL-SENSITIVE blockers.

The bundle is canonical: records sorted by id, link sets sorted, floats that survive SQLite's REAL,
times in the codec's ``...T..:..:...ffffffZ`` form, so exporting a loaded bundle gives the same text.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from servicecommunity.domain import enums
from servicecommunity.exchange.bundle import FORMAT, FORMAT_VERSION, SECTIONS

if TYPE_CHECKING:
    from servicecommunity.store.workspace import Store

__all__ = ["generate_bundle", "load"]

JSONDict = dict[str, Any]

# The period the community's history spans; every time in a bundle falls inside it.
_START = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)
_END = datetime(2025, 6, 30, 17, 0, tzinfo=UTC)
_SPAN_US = int((_END - _START).total_seconds() * 1_000_000)
_DAY_US = 86_400 * 1_000_000

_ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("HM Revenue & Customs", "HMRC", "department"),
    ("Companies House", "CH", "agency"),
    ("Department for Business and Trade", "DBT", "department"),
    ("Department for Work and Pensions", "DWP", "department"),
    ("Department for Education", "DfE", "department"),
    ("The Pensions Regulator", "TPR", "arms_length_body"),
    ("British Business Bank", "BBB", "arms_length_body"),
    ("Food Standards Agency", "FSA", "department"),
    ("Health and Safety Executive", "HSE", "arms_length_body"),
    ("Intellectual Property Office", "IPO", "agency"),
    ("Valuation Office Agency", "VOA", "agency"),
    ("Insolvency Service", "IS", "agency"),
    ("Information Commissioner's Office", "ICO", "arms_length_body"),
    ("Home Office", "HO", "department"),
    ("Government Digital Service", "GDS", "department"),
    ("Environment Agency", "EA", "arms_length_body"),
    ("HM Land Registry", "HMLR", "agency"),
    ("Driver and Vehicle Licensing Agency", "DVLA", "agency"),
    ("Acas", "Acas", "arms_length_body"),
    ("Citizens Advice", "CA", "third_sector"),
    ("Leeds City Council", "Leeds", "local_authority"),
    ("Manchester City Council", "Manchester", "local_authority"),
    ("Bristol City Council", "Bristol", "local_authority"),
    ("Cornwall Council", "Cornwall", "local_authority"),
    ("Birmingham City Council", "Birmingham", "local_authority"),
    ("Camden Council", "Camden", "local_authority"),
    ("Newcastle City Council", "Newcastle", "local_authority"),
    ("Norfolk County Council", "Norfolk", "local_authority"),
    ("Federation of Small Businesses", "FSB", "other"),
    ("Growth Hub", "GH", "other"),
)

_FIRST = ("Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hamza", "Isla", "Jack", "Kiran",
          "Laura", "Mo", "Nia", "Owen", "Priya", "Rhys", "Sara", "Tom", "Uma", "Vik", "Wes", "Yusuf", "Zoe")
_LAST = ("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
         "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Taylor",
         "Walker", "Wright", "Young")
_GROUPS = (
    ("User research", "Researchers across the community plan and share research together."),
    ("Data sharing", "Work out how data the user gives once can reach every organisation that needs it."),
    ("Policy alignment", "Line up policy changes and their timelines across departments."),
    ("Operations and contact centres", "Failure demand, call drivers and assisted digital support."),
    ("Technology", "Common components, APIs and the legacy systems in the way."),
)
_DATA_ITEMS = (
    "National Insurance number", "Unique Taxpayer Reference", "Company registration number",
    "VAT registration number", "Business name", "Trading address", "Registered office address",
    "Home address", "Date of birth", "Full name", "Email address", "Phone number",
    "Bank account details", "Nature of business (SIC code)", "Expected turnover", "Number of employees",
    "Director details", "Shareholder details", "Date trading started", "Premises details",
    "Food business type", "Licence history", "Unspent criminal convictions", "Passport number",
    "Driving licence number", "Employer PAYE reference", "Accounts Office reference",
    "Workplace pension scheme details", "Business rates account number", "Insurance certificate",
    "Health and safety policy", "Right to work evidence", "Proof of address", "Previous business names",
    "Partnership details", "Charity number", "Commodity codes", "EORI number",
    "Planning permission reference", "Waste carrier registration",
)
_JOURNEYS = (
    ("Starting a business", "Sole trader starting out",
     "As someone starting a business, I need to get set up and trading legally without having to understand how government works."),
    ("Employing someone for the first time", "First-time employer",
     "As a first-time employer, I need to take someone on legally and pay them correctly."),
    ("Registering a food business", "Café owner",
     "As a food business owner, I need to register and pass inspection before I open."),
    ("Closing a business", "Limited company director",
     "As a director, I need to close my company and settle what I owe."),
    ("Exporting goods for the first time", "Small manufacturer",
     "As a small manufacturer, I need to get my goods to customers abroad."),
    ("Getting a premises licence", "Pub landlord",
     "As a licensee, I need a licence for my premises so that I can sell alcohol."),
)
_BIG_STAGES = (
    "Check you can do it", "Plan and research", "Choose a business structure", "Register",
    "Set up tax", "Get funding", "Find premises", "Get licences and permits", "Employ people",
    "Set up pensions", "Trade and grow", "Report and renew",
)
_SMALL_STAGES = ("Find out what to do", "Prepare", "Apply", "Wait for a decision", "Get set up", "Keep up to date")
_VERBS = ("Check", "Read guidance on", "Register for", "Apply for", "Tell us about", "Pay", "Book",
          "Submit", "Renew", "Update", "Get", "Upload evidence for", "Wait for", "Confirm", "Chase")
_OBJECTS = ("VAT", "Self Assessment", "PAYE", "Corporation Tax", "a premises licence", "business rates relief",
            "a Start Up Loan", "food business registration", "an EORI number", "a workplace pension",
            "employer's liability insurance", "a trade mark", "planning permission", "a waste carrier licence",
            "right to work checks", "a company name", "a business bank account", "a health and safety risk assessment",
            "data protection fee", "a personal licence", "Making Tax Digital", "the Employment Allowance",
            "a street trading licence", "an inspection visit", "annual accounts", "a confirmation statement")
_TOUCHPOINTS_ONLINE = ("GOV.UK guidance page", "Online form", "Online account", "Email", "Web chat")
_TOUCHPOINTS_OFFLINE = ("Helpline", "Paper form", "Letter", "Local office", "Inspection visit", "Adviser meeting")
_PAIN = ("Asked for the same details again", "Did not know this step existed", "Long wait with no update",
         "Form rejected without a reason", "Guidance contradicts another department's",
         "Had to phone to find out the status", "Could not do it online", "Needed a reference from another step")
_BLOCKER_TITLES: dict[str, tuple[str, ...]] = {
    "policy": ("Policy requires a separate application", "Eligibility rules differ between departments"),
    "legislation": ("Primary legislation needed to share the data", "Statute fixes the paper process"),
    "technology": ("Legacy system cannot take an API call", "Identity checks not shared between services"),
    "contract": ("Supplier contract runs until renewal", "Change request costs too much under the contract"),
    "data_sharing": ("No data-sharing agreement in place", "Data protection impact assessment outstanding"),
    "communication": ("Collaboration tool blocked on the department's network", "No shared channel with councils"),
    "timeline": ("Policy clearance takes months in one department", "Release freeze until the new financial year"),
    "ownership": ("Nobody owns the step end to end", "Two organisations each think the other owns it"),
    "funding": ("No budget for the change this year", "Spending review bid not yet decided"),
    "other": ("Waiting on an external review", "Unclear who to ask"),
}
_COMMENTS = ("Raised at the steering group.", "Chased the owner; no reply yet.", "Workaround agreed for now.",
             "Legal advice requested.", "Discussed at the workshop; needs a decision.", "Linked to the data-sharing work.",
             "Escalated to the deputy director.", "Supplier has quoted for the change.", "Researchers saw this in 6 of 8 sessions.")

_CHANNELS = tuple(c.value for c in enums.Channel)
_OFFLINE = _CHANNELS[1:]
_KINDS = ("sequence", "data_handoff", "needs", "alternative")
_KIND_CUM = tuple(accumulate((60, 20, 15, 5)))  # cumulative weights: choices() is faster with them
_MODES = tuple(m.value for m in enums.HandoffMode)
_MODE_CUM = tuple(accumulate((40, 25, 15, 10, 10)))
_CATEGORIES = tuple(c.value for c in enums.BlockerCategory)
_SEVERITIES = tuple(s.value for s in enums.Severity)
_SEVERITY_CUM = tuple(accumulate((30, 40, 20, 10)))
_STATUSES = tuple(s.value for s in enums.BlockerStatus)
_STATUS_CUM = tuple(accumulate((35, 25, 10, 20, 10)))
_CLOSED = frozenset(s.value for s in enums.BlockerStatus if not s.is_open)


def _stamp(us: int) -> str:
    """Microseconds since the start of the period as a bundle time (``...T...ffffffZ``)."""
    return (_START + timedelta(microseconds=us)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _day(us: int) -> date:
    return (_START + timedelta(microseconds=us)).date()


class _Builder:
    """One generation: the random source and the records made so far."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def between(self, lo: int, hi: int) -> int:
        """A time in ``[lo, hi]`` (``lo`` if the window is empty)."""
        return lo if hi <= lo else lo + int(self.rng.random() * (hi - lo))

    def times(self, lo: int, hi: int = _SPAN_US, edited: float = 0.5) -> tuple[int, int]:
        """Created and updated times inside ``[lo, hi]``; edited after creation with chance ``edited``."""
        created = self.between(lo, hi)
        updated = self.between(created, hi) if self.rng.random() < edited else created
        return created, updated

    def record(self, lo: int, hi: int = _SPAN_US, edited: float = 0.5, **fields: Any) -> JSONDict:
        created, updated = self.times(lo, hi, edited)
        return {"id": self.uid(), "created_at": _stamp(created), "updated_at": _stamp(updated), **fields}

    def maybe(self, chance_none: float, value: Any) -> Any:
        return None if self.rng.random() < chance_none else value

    def sample_sorted(self, items: Sequence[str], k: int) -> list[str]:
        return sorted(self.rng.sample(items, min(k, len(items))))


def generate_bundle(*, seed: int = 0, organisations: int = 30, members: int = 60, journeys: int = 4,
                    steps: int = 5000, dependencies: int = 15000, blockers: int = 20000,
                    small_journey_steps: int = 40) -> dict:  # type: ignore[type-arg]
    """A valid bundle (same format as bundle.export_bundle) for one community: `journeys` journeys,
    the first with `steps` steps over ~8-12 stages, `dependencies` dependencies among them and
    `blockers` blockers; the others with `small_journey_steps` steps each. Deterministic from seed
    (same seed -> identical dict, including ids and timestamps: use random.Random(seed) and uuid.UUID(int=rng.getrandbits(128), version=4)).

    The bundle holds exactly: 1 community, ``organisations`` organisations, ``members`` members,
    40 data items, ``journeys`` journeys, ``steps + (journeys - 1) * small_journey_steps`` steps,
    ``dependencies`` dependencies (all in the first journey), 2-3 workshops, ``blockers`` blockers
    (all affecting steps of the first journey) and ``blockers`` blocker updates. Exporting it from a
    workspace it was loaded into (``include_sensitive=True``) gives the same text.

    Raises ValueError for sizes that cannot make a valid community (negative counts, no journey,
    more dependencies than the first journey's steps can hold without duplicates).
    """
    counts = {"organisations": organisations, "members": members, "steps": steps, "dependencies": dependencies,
              "blockers": blockers, "small_journey_steps": small_journey_steps}
    for name, value in counts.items():
        if value < 0:
            raise ValueError(f"{name} must be 0 or more, not {value}.")
    if journeys < 1:
        raise ValueError(f"A community needs at least one journey, not {journeys}.")
    if dependencies > steps * (steps - 1):
        raise ValueError(f"{steps} steps cannot hold {dependencies} distinct dependencies; ask for fewer.")

    b = _Builder(seed)
    rng = b.rng
    out: dict[str, list[JSONDict]] = {s: [] for s in SECTIONS}
    week = 7 * _DAY_US

    community = b.record(0, 0, edited=0.0, name="Starting a Business (synthetic)",
                         description="A synthetic service community for benchmarks and stress tests.")
    community["updated_at"] = _stamp(b.between(week, _SPAN_US))
    cid = community["id"]
    out["communities"].append(community)

    # Organisations: the real ones first, then numbered councils.
    org_ids: list[str] = []
    for i in range(organisations):
        if i < len(_ORGANISATIONS):
            name, short, kind = _ORGANISATIONS[i]
        else:
            n = i - len(_ORGANISATIONS) + 1
            name, short, kind = f"District Council {n}", f"DC{n}", "local_authority"
        rec = b.record(0, week, community_id=cid, name=name, short_name=short, kind=kind,
                       colour=f"#{rng.getrandbits(24):06x}")
        out["organisations"].append(rec)
        org_ids.append(rec["id"])
    # Some organisations take part in journeys but have nobody in the community (a gap).
    staffed = org_ids[: max(1, (organisations * 3) // 4)] if org_ids else []
    # A few organisations own most steps, as in life.
    owner_weights = list(accumulate(1.0 / (1 + i) ** 0.8 for i in range(len(org_ids))))  # cumulative

    group_ids = []
    for name, purpose in _GROUPS:
        rec = b.record(0, 8 * week, community_id=cid, name=name, purpose=purpose)
        out["groups"].append(rec)
        group_ids.append(rec["id"])

    member_ids: list[str] = []
    facilitators: list[str] = []
    n_facilitators = max(1, members // 20)
    for i in range(members):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        org = rng.choice(staffed) if staffed and rng.random() < 0.97 else None
        role = "facilitator" if i < n_facilitators else ("observer" if rng.random() < 0.1 else "member")
        rec = b.record(0, 12 * week, community_id=cid, name=f"{first} {last}",
                       email=f"{first.lower()}.{last.lower()}{i}@example.gov.uk", role=role,
                       organisation_id=org, group_ids=b.sample_sorted(group_ids, rng.choice((0, 1, 1, 2))))
        out["members"].append(rec)
        member_ids.append(rec["id"])
        if role == "facilitator":
            facilitators.append(rec["id"])

    item_ids = []
    for name in _DATA_ITEMS:
        rec = b.record(0, 16 * week, community_id=cid, name=name, description="")
        out["data_items"].append(rec)
        item_ids.append(rec["id"])
    # A few data items are asked for everywhere (tell us once), most only here and there.
    item_weights = list(accumulate(1.0 / (1 + i) for i in range(len(item_ids))))  # cumulative

    journey_ids: list[str] = []
    big_steps: list[JSONDict] = []
    for j in range(journeys):
        name, persona, need = _JOURNEYS[j] if j < len(_JOURNEYS) else (
            f"Synthetic journey {j + 1}", "Business owner", "As a business owner, I need to get this done.")
        journey = b.record(0, 4 * week, community_id=cid, name=name, persona=persona, user_need=need,
                           status="as_is" if j == 0 or rng.random() < 0.7 else "to_be", description="",
                           as_is_id=None, position=j)
        out["journeys"].append(journey)
        journey_ids.append(journey["id"])
        n_steps = steps if j == 0 else small_journey_steps
        names = _BIG_STAGES if j == 0 else _SMALL_STAGES
        n_stages = rng.randint(8, 12) if j == 0 else rng.randint(4, 6)
        n_stages = max(1, min(n_stages, n_steps))
        stage_ids = []
        for k in range(n_stages):
            stage = b.record(0, 6 * week, journey_id=journey["id"], name=names[k], position=k, description="")
            out["stages"].append(stage)
            stage_ids.append(stage["id"])
        # Every stage gets a step, then the rest fall into stages of uneven size.
        stage_weights = [rng.uniform(0.3, 1.7) for _ in range(n_stages)]
        placed = list(range(n_stages))[:n_steps] + rng.choices(range(n_stages), stage_weights, k=max(0, n_steps - n_stages))
        placed.sort()
        titles: dict[str, int] = {}
        position = 0
        for index, k in enumerate(placed):
            position = 0 if index == 0 or placed[index - 1] != k else position + 1
            step = _step(b, journey_id=journey["id"], stage_id=stage_ids[k], position=position, org_ids=org_ids,
                         owner_weights=owner_weights, item_ids=item_ids, item_weights=item_weights, titles=titles)
            out["steps"].append(step)
            if j == 0:
                big_steps.append(step)

    deps = _dependencies(b, journey_ids[0], big_steps, dependencies) if journey_ids else []
    out["dependencies"] = deps

    workshop_ids = []
    for w in range(rng.randint(2, 3)):
        held = _day(b.between(4 * week * (w + 1), 4 * week * (w + 2)))
        attendees = b.sample_sorted(member_ids, rng.randint(8, 20))
        rec = b.record(4 * week * (w + 1), _SPAN_US, edited=0.3, community_id=cid,
                       journey_id=journey_ids[0] if w < 2 else None,
                       title=f"Mapping workshop {w + 1}", held_on=held.isoformat(),
                       facilitator_id=rng.choice(facilitators) if facilitators else None,
                       notes="Mapped the end-to-end journey and its gaps.", attendee_ids=attendees)
        out["workshops"].append(rec)
        workshop_ids.append(rec["id"])

    out["blockers"], out["blocker_updates"] = _blockers(
        b, cid=cid, count=blockers, steps=big_steps, deps=deps, org_ids=org_ids, owner_weights=owner_weights,
        member_ids=member_ids, workshop_ids=workshop_ids)

    bundle: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "scope": {"community_id": cid, "journey_id": None},
        "omitted": {"sensitive_blockers": 0},
        "tombstones": [],
        "clocks": {},  # every record at genesis: the same made anywhere, by anyone
        "sites": {},
    }
    for section in SECTIONS:
        bundle[section] = sorted(out[section], key=lambda r: r["id"])
    stamps = [rec["updated_at"] for s in SECTIONS for rec in out[s]]
    bundle["as_of"] = max(stamps) if stamps else None
    sensitive = any(r["classification"] == enums.Classification.OFFICIAL_SENSITIVE for r in out["blockers"])
    bundle["classification"] = "OFFICIAL-SENSITIVE" if sensitive else "OFFICIAL"
    return bundle


def _channels(rng: random.Random) -> list[str]:
    r = rng.random()
    if r < 0.10:  # online only: an assisted digital gap
        return ["online"]
    if r < 0.16:  # no online channel at all
        chosen = set(rng.sample(_OFFLINE, rng.randint(1, 2)))
    elif r < 0.17:  # nobody has said
        return []
    else:
        chosen = {"online", *rng.sample(_OFFLINE, rng.randint(1, 2))}
    return [c for c in _CHANNELS if c in chosen]


def _step(b: _Builder, *, journey_id: str, stage_id: str, position: int, org_ids: list[str],
          owner_weights: list[float], item_ids: list[str], item_weights: list[float],
          titles: dict[str, int]) -> JSONDict:
    rng = b.rng
    title = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    titles[title] = titles.get(title, 0) + 1
    if titles[title] > 1:
        title = f"{title} ({titles[title]})"
    owner = rng.choices(org_ids, cum_weights=owner_weights)[0] if org_ids and rng.random() >= 0.02 else None
    supporters: list[str] = []
    if org_ids and rng.random() < 0.3:
        supporters = sorted({o for o in rng.choices(org_ids, k=rng.randint(1, 2)) if o != owner})
    channels = _channels(rng)
    online = "online" in channels
    touch = rng.choice(_TOUCHPOINTS_ONLINE if online and rng.random() < 0.8 else _TOUCHPOINTS_OFFLINE)
    emotion = b.maybe(0.05, rng.choices((-2, -1, 0, 1, 2), cum_weights=(10, 30, 65, 90, 100))[0])
    items: list[str] = []
    n_items = rng.choices((0, 1, 2, 3), cum_weights=(40, 70, 90, 100))[0]
    if n_items and item_ids:
        items = sorted(set(rng.choices(item_ids, cum_weights=item_weights, k=n_items)))
    measured = rng.random() < 0.8
    return b.record(
        4 * 7 * _DAY_US, edited=0.6,
        journey_id=journey_id, stage_id=stage_id, position=position, title=title,
        description=f"The user {title[0].lower()}{title[1:]}.",
        owner_id=owner, supporter_ids=supporters, channels=channels, touchpoint=touch,
        touchpoint_url=f"https://www.gov.uk/example/{rng.getrandbits(32):08x}" if online and rng.random() < 0.6 else "",
        duration_hours=b.maybe(0.05, round(rng.lognormvariate(0.5, 1.5), 2)),
        wait_hours=None,  # not recorded: the generator draws no waits (its random sequence stays as it was)
        emotion=emotion,
        pain_points=rng.choice(_PAIN) if emotion is not None and emotion < 0 and rng.random() < 0.7 else "",
        monthly_volume=b.maybe(0.1, int(rng.lognormvariate(7, 2))),
        cost_per_transaction=round(rng.uniform(0.2, 60.0), 2) if measured else None,
        user_satisfaction=round(rng.uniform(40.0, 98.0), 1) if measured else None,
        completion_rate=round(rng.uniform(50.0, 99.5), 1) if measured else None,
        digital_take_up=(round(rng.uniform(30.0, 99.0), 1) if online else 0.0) if measured else None,
        data_item_ids=items,
    )


def _dependencies(b: _Builder, journey_id: str, steps: list[JSONDict], count: int) -> list[JSONDict]:
    """``count`` dependencies among ``steps`` (in journey order): mostly forward, a few closing cycles."""
    rng = b.rng
    n = len(steps)
    backward = count // 200 if count >= 200 else int(count >= 2)
    seen: set[tuple[int, int, str]] = set()
    edges: list[tuple[int, int, str]] = []
    attempts = 0
    limit = 100 * count + 10_000

    def add(a: int, z: int, kind: str) -> bool:
        if a == z or (a, z, kind) in seen:
            return False
        seen.add((a, z, kind))
        edges.append((a, z, kind))
        return True

    def forward() -> bool:
        a = rng.randrange(n - 1)
        # Usually a near neighbour, in the same or the next stage; sometimes far ahead.
        z = a + 1 + int(rng.expovariate(0.25)) if rng.random() < 0.7 else rng.randrange(a + 1, n)
        return z < n and add(a, z, rng.choices(_KINDS, cum_weights=_KIND_CUM)[0])

    while len(edges) < count - backward:
        attempts += 1
        if attempts > limit:
            raise ValueError(f"Could not place {count} dependencies among {n} steps; ask for fewer.")
        forward()
    # Backward edges close small cycles: over a forward edge a->z that spans a few steps, add z->a.
    # Forward edges only go up the journey order, so the cycle stays among the steps from a to z
    # (a rework loop), instead of tying the whole map into one knot.
    short = [i for i, (a, z, _) in enumerate(edges) if z - a <= 6] or list(range(len(edges)))
    while len(edges) < count:
        attempts += 1
        if attempts > limit:
            raise ValueError(f"Could not place {count} dependencies among {n} steps; ask for fewer.")
        a, z, _ = edges[short[rng.randrange(len(short))]]
        if not add(z, a, rng.choice(("sequence", "needs"))):
            forward()

    out = []
    for a, z, kind in edges:
        src, dst = steps[a], steps[z]
        lo = max(src["created_at"], dst["created_at"])
        start = int((datetime.fromisoformat(lo) - _START).total_seconds() * 1_000_000)
        cross = src["owner_id"] != dst["owner_id"]
        out.append(b.record(
            start, edited=0.2, journey_id=journey_id, from_step_id=src["id"], to_step_id=dst["id"], kind=kind,
            handoff_mode=rng.choices(_MODES, cum_weights=_MODE_CUM)[0] if kind == "data_handoff" else None,
            agreed=not (cross and kind == "data_handoff" and rng.random() < 0.3) and rng.random() >= 0.03,
            note=rng.choice(("", "", "", "Manual re-keying between systems.", "Reference number passed on by the user."))))
    return out


def _blockers(b: _Builder, *, cid: str, count: int, steps: list[JSONDict], deps: list[JSONDict],
              org_ids: list[str], owner_weights: list[float], member_ids: list[str],
              workshop_ids: list[str]) -> tuple[list[JSONDict], list[JSONDict]]:
    """``count`` blockers over the steps and dependencies, and ``count`` updates of their history."""
    rng = b.rng
    step_ids = [s["id"] for s in steps]
    # A few steps attract many blockers: the hotspots a heat map should show.
    hot = rng.sample(step_ids, max(1, len(step_ids) // 20)) if step_ids else []
    deps_of: dict[str, list[str]] = {}
    for d in deps:
        deps_of.setdefault(d["from_step_id"], []).append(d["id"])
        deps_of.setdefault(d["to_step_id"], []).append(d["id"])
    first = 30 * _DAY_US
    blockers: list[JSONDict] = []
    created_us: list[int] = []
    for i in range(count):
        # The first few cycle through every value, so even a small community shows them all.
        category = _CATEGORIES[i] if i < len(_CATEGORIES) else rng.choice(_CATEGORIES)
        severity = _SEVERITIES[i] if i < len(_SEVERITIES) else rng.choices(_SEVERITIES, cum_weights=_SEVERITY_CUM)[0]
        status = _STATUSES[i] if i < len(_STATUSES) else rng.choices(_STATUSES, cum_weights=_STATUS_CUM)[0]
        sensitive = i == 1 or rng.random() < 0.03
        created = b.between(first, _SPAN_US - _DAY_US)
        raised = _day(created)
        resolved = None
        if status in _CLOSED:
            resolved = _day(b.between(created, min(_SPAN_US, created + 120 * _DAY_US)))
        due = raised + timedelta(days=rng.randint(14, 180)) if rng.random() < 0.7 else None
        affected: set[str] = set()
        for _ in range(rng.randint(1, 3) if step_ids else 0):
            affected.add(rng.choice(hot) if rng.random() < 0.5 else rng.choice(step_ids))
        dep_ids: list[str] = []
        if deps and rng.random() < 0.15:
            near = [d for s in sorted(affected) for d in deps_of.get(s, ())]
            dep_ids = [rng.choice(near) if near else rng.choice(deps)["id"]]
        blocking = set(rng.sample(org_ids, min(len(org_ids), rng.choices((0, 1, 2), cum_weights=(40, 80, 100))[0])))
        owner = rng.choices(org_ids, cum_weights=owner_weights)[0] if org_ids and rng.random() >= 0.05 else None
        blockers.append({
            "id": b.uid(), "created_at": created, "updated_at": created,
            "community_id": cid,
            "title": rng.choice(_BLOCKER_TITLES[category]),
            "description": "Stops the community joining up this part of the journey.",
            "category": category, "severity": severity, "status": status,
            "classification": "OFFICIAL-SENSITIVE" if sensitive else "OFFICIAL",
            "raised_by_id": rng.choice(member_ids) if member_ids else None,
            "owner_id": owner,
            "workshop_id": rng.choice(workshop_ids) if workshop_ids and rng.random() < 0.2 else None,
            "raised_on": raised.isoformat(),
            "due_on": due.isoformat() if due else None,
            "resolved_on": resolved.isoformat() if resolved else None,
            "standard_points": sorted(rng.sample(range(1, 15), rng.choices((0, 1, 2, 3), cum_weights=(20, 60, 90, 100))[0])),
            "blocking_organisation_ids": sorted(blocking),
            "step_ids": sorted(affected),
            "dependency_ids": dep_ids,
        })
        created_us.append(created)

    # The history: one status change for each blocker no longer open (as far as the budget goes),
    # then comments on blockers at random, ``count`` entries in all.
    updates: list[JSONDict] = []

    def entry(i: int, at: int, **fields: Any) -> None:
        blockers[i]["updated_at"] = max(blockers[i]["updated_at"], at)
        stamp = _stamp(at)
        author = rng.choice(member_ids) if member_ids and rng.random() >= 0.02 else None
        updates.append({"id": b.uid(), "created_at": stamp, "updated_at": stamp,
                        "blocker_id": blockers[i]["id"], "author_id": author, **fields})

    for i, rec in enumerate(blockers):
        if len(updates) >= count:
            break
        if rec["status"] == "open":
            continue
        if rec["resolved_on"] is not None:
            day_us = int((datetime.fromisoformat(rec["resolved_on"]).replace(tzinfo=UTC) - _START).total_seconds() * 1e6)
            at = b.between(max(created_us[i], day_us), min(_SPAN_US, max(created_us[i], day_us) + _DAY_US // 4))
        else:
            at = b.between(created_us[i], _SPAN_US)
        entry(i, at, kind="status", comment=rng.choice(("", "", rng.choice(_COMMENTS))),
              old_status="open", new_status=rec["status"])
    while len(updates) < count:
        i = rng.randrange(len(blockers))
        entry(i, b.between(created_us[i], _SPAN_US), kind="comment", comment=rng.choice(_COMMENTS),
              old_status=None, new_status=None)

    for rec in blockers:
        rec["created_at"] = _stamp(rec["created_at"])
        rec["updated_at"] = _stamp(rec["updated_at"])
    return blockers, updates


def load(store: Store, bundle: dict) -> None:  # type: ignore[type-arg]
    """Insert a generated bundle into an open Store in one transaction (uses bundle.import_new)."""
    from servicecommunity.exchange.bundle import import_new

    with store.session() as session:
        import_new(session, bundle)
