"""Build the Starting a Business demo community: ``servicecommunity/resources/demo/starting-a-business.json``.

The demo is what ``servicecommunity demo`` loads into a fresh workspace. It is written here as
Python so that it can be read and reviewed, and turned into a bundle deterministically: ids are
UUID5s of readable slugs, every time is fixed, sections are sorted by id, and the text goes
through :func:`servicecommunity.exchange.bundle.dumps` and is validated by
:func:`servicecommunity.exchange.bundle.parse_bundle` before it is written. Running it twice gives the
same bytes.

The community follows the GDS post about the pilot Service Community (seed 004); the journey
follows the GOV.UK guidance for setting up a business. People are invented; volumes and measures
are illustrative. The map holds the gaps the analysis should find on purpose: a step nobody owns,
online-only steps, data asked again by several organisations, hand-offs nobody has agreed, a
ping-pong between organisations, a small rework loop, a dead end, an organisation that owns steps
with nobody in the community and members from organisations that own no step.

Usage::

    python scripts/build_demo.py          # write the file
    python scripts/build_demo.py --check  # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without an install
    sys.path.insert(0, str(ROOT))

from servicecommunity.domain import enums  # noqa: E402
from servicecommunity.exchange.bundle import (  # noqa: E402
    FORMAT,
    FORMAT_VERSION,
    SECTIONS,
    dumps,
    parse_bundle,
    write_atomic,
)
from servicecommunity.store.codec import format_datetime  # noqa: E402

OUTPUT = ROOT / "servicecommunity" / "resources" / "demo" / "starting-a-business.json"

#: Every id in the demo is ``uuid5(NAMESPACE, "<kind>:<slug>")``.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://servicecommunity.example/demo/starting-a-business")

#: The day the demo's story has reached; nothing in it is later.
AS_OF_DAY = date(2026, 11, 21)

JSONDict = dict[str, Any]


def rid(kind: str, slug: str) -> str:
    """The demo record id for ``kind:slug``."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{slug}"))


def at(text: str) -> str:
    """``"2026-03-12 10:05"`` as a bundle time (UTC)."""
    return format_datetime(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC))


def _f(value: float | None) -> float | None:
    return None if value is None else float(value)


# --- the community ----------------------------------------------------------------------------------

COMMUNITY = "starting-a-business"
COMMUNITY_CREATED = "2026-02-02 09:30"

COMMUNITY_DESCRIPTION = (
    "A cross-government network of people in policy, strategy, design, user research, operations "
    "and technology, united by one end-to-end service: helping someone start a business. To the "
    "user it is one thing; to government it is many transactions owned by HMRC, Companies House, "
    "DWP, the Department for Business and Trade, the Pensions Regulator, the British Business Bank, "
    "councils and others, none of which owns the whole.\n\n"
    "This is the pilot Service Community, convened by GDS. We chose Starting a Business because the "
    "journey is relatively straightforward and no single department owns it, and because we could "
    "build on HMRC's work on business start-ups and the cross-departmental network the "
    "Transformation Peer Group had assembled. We map the end-to-end journey in workshops and iterate "
    "the map all year as the starting point for any work on the service. Smaller sub-groups (user "
    "research, data sharing, policy alignment) meet more often and feed back to the whole community. "
    "We are talking to the Food Standards Agency and the Health and Safety Executive about joining.\n\n"
    "Demo data: the people are invented, and volumes and measures are illustrative, not published "
    "figures."
)

# slug: (name, short name, kind, colour)
ORGANISATIONS: dict[str, tuple[str, str, str, str]] = {
    "hmrc": ("HM Revenue & Customs", "HMRC", "department", "#008670"),
    "dwp": ("Department for Work and Pensions", "DWP", "department", "#1d70b8"),
    "dbt": ("Department for Business and Trade", "DBT", "department", "#cf102d"),
    "dfe": ("Department for Education", "DfE", "department", "#003a69"),
    "companies-house": ("Companies House", "Companies House", "agency", "#4c2c92"),
    "tpr": ("The Pensions Regulator", "TPR", "arms_length_body", "#f47738"),
    "bbb": ("British Business Bank", "BBB", "arms_length_body", "#b58840"),
    "fsa": ("Food Standards Agency", "FSA", "department", "#00703c"),
    "hse": ("Health and Safety Executive", "HSE", "arms_length_body", "#d53880"),
    "leeds": ("Leeds City Council", "Leeds", "local_authority", "#505a5f"),
    "gds": ("Government Digital Service", "GDS", "department", "#0b0c0c"),
    "home-office": ("Home Office", "Home Office", "department", "#7b4f2c"),
}
# When each organisation was added to the map (the founders on the first day).
ORGANISATION_ADDED: dict[str, str] = {
    "leeds": "2026-03-05 14:10",
    "fsa": "2026-03-12 11:40",
    "hse": "2026-03-12 11:42",
    "home-office": "2026-03-12 15:05",
}

# slug: (name, purpose, created)
GROUPS: dict[str, tuple[str, str, str]] = {
    "user-research": (
        "User research",
        "User researchers from across the community plan research on the whole journey together, "
        "share a recruitment panel of new business owners and play back findings to the community "
        "every six weeks.",
        "2026-04-14 10:00",
    ),
    "data-sharing": (
        "Data sharing",
        "Works out what the user is asked more than once, which legal gateways exist to share it, "
        "and which hand-offs between organisations could be made with an API instead of a letter.",
        "2026-04-14 10:05",
    ),
    "policy-alignment": (
        "Policy alignment",
        "Keeps a shared forward look of policy and delivery changes that touch the journey, so that "
        "one department's change does not surprise another's users, and compares how long each "
        "organisation takes to clear a change.",
        "2026-04-14 10:10",
    ),
}

# slug: (name, organisation, role, groups, joined)
MEMBERS: dict[str, tuple[str, str, str, tuple[str, ...], str]] = {
    "priya-raman": ("Priya Raman", "gds", "facilitator", ("policy-alignment",), "2026-02-02 09:30"),
    "ifeoma-okafor": ("Ifeoma Okafor", "gds", "facilitator", ("user-research",), "2026-02-02 09:35"),
    "nadia-hussain": ("Nadia Hussain", "gds", "member", ("data-sharing",), "2026-02-16 11:00"),
    "gareth-llewellyn": ("Gareth Llewellyn", "hmrc", "member", ("data-sharing", "policy-alignment"), "2026-02-02 09:40"),
    "sarah-mcallister": ("Sarah McAllister", "hmrc", "member", ("user-research",), "2026-02-02 09:42"),
    "daniel-osei": ("Daniel Osei", "dwp", "member", ("user-research",), "2026-02-02 09:45"),
    "helen-bradshaw": ("Helen Bradshaw", "dwp", "member", ("policy-alignment",), "2026-02-09 15:20"),
    "rachel-chen": ("Rachel Chen", "dbt", "member", ("policy-alignment",), "2026-02-02 09:50"),
    "martin-kowalski": ("Martin Kowalski", "dbt", "observer", (), "2026-02-23 10:15"),
    "aisha-rahman": ("Aisha Rahman", "dfe", "member", ("policy-alignment",), "2026-02-02 09:55"),
    "owen-pritchard": ("Owen Pritchard", "companies-house", "member", ("data-sharing",), "2026-02-02 10:00"),
    "bethan-hughes": ("Bethan Hughes", "companies-house", "member", ("user-research",), "2026-02-09 15:25"),
    "laura-fenwick": ("Laura Fenwick", "tpr", "member", ("data-sharing",), "2026-02-02 10:05"),
    "james-adeyemi": ("James Adeyemi", "bbb", "member", ("policy-alignment",), "2026-02-02 10:10"),
    "claire-donnelly": ("Claire Donnelly", "hse", "observer", (), "2026-05-20 13:30"),
    "mark-sutcliffe": ("Mark Sutcliffe", "leeds", "member", ("data-sharing",), "2026-03-05 14:15"),
}
# Invented people: their addresses end in .example so nobody mistakes them for real staff.
EMAIL_DOMAINS: dict[str, str] = {
    "gds": "digital.cabinet-office.gov.uk",
    "hmrc": "hmrc.gov.uk",
    "dwp": "dwp.gov.uk",
    "dbt": "businessandtrade.gov.uk",
    "dfe": "education.gov.uk",
    "companies-house": "companieshouse.gov.uk",
    "tpr": "tpr.gov.uk",
    "bbb": "british-business-bank.co.uk",
    "hse": "hse.gov.uk",
    "leeds": "leeds.gov.uk",
}

# slug: (name, description)
DATA_ITEMS: dict[str, tuple[str, str]] = {
    "utr": (
        "Unique Taxpayer Reference (UTR)",
        "The 10-digit reference HMRC gives a company (by letter after incorporation) or a sole trader "
        "(after registering for Self Assessment).",
    ),
    "ni-number": (
        "National Insurance number",
        "The founder's (and later each employee's) National Insurance number.",
    ),
    "company-number": (
        "Company registration number",
        "The 8-character number Companies House gives the company when it is incorporated.",
    ),
    "bank-details": (
        "Business bank details",
        "Sort code and account number of the business bank account.",
    ),
    "registered-office": (
        "Registered office address",
        "The company's official address on the public register, where letters from HMRC and "
        "Companies House are sent.",
    ),
    "sic-code": (
        "SIC code",
        "Standard Industrial Classification code describing what the business does "
        "(56102, unlicensed restaurants and cafés, for our café).",
    ),
    "date-of-birth": ("Date of birth", "The founder's or employee's date of birth."),
    "business-name": ("Business name", "The company name, or the name a sole trader trades under."),
    "paye-reference": (
        "Employer PAYE reference",
        "The reference HMRC posts to a new employer (for example 123/AB45678), with the Accounts "
        "Office reference.",
    ),
}

# --- the journey -------------------------------------------------------------------------------------

JOURNEY = "starting-a-business"
JOURNEY_CREATED = "2026-03-12 10:00"
JOURNEY_UPDATED = "2026-09-18 16:30"

JOURNEY_NAME = "Starting a Business"
JOURNEY_PERSONA = (
    "Amira, a first-time founder in Leeds, moving off Universal Credit to open a café as a private "
    "limited company, then employing her first two members of staff. Confident online at home, but "
    "has never dealt with business tax, and is spending her own savings and a Start Up Loan."
)
JOURNEY_NEED = (
    "As someone starting my first business, I need to know everything I must do to set up, register "
    "and employ people legally, and to do it once, so that I can open on the day I planned without "
    "fines, lost benefits or money going out before the café earns any."
)
JOURNEY_DESCRIPTION = (
    "The as-is journey for a café set up as a limited company, as mapped at the 'Mapping the as-is "
    "journey' workshop on 12 March 2026 and iterated since, most recently after the blockers "
    "deep-dive in September. Steps follow the GOV.UK guidance; the alternative route of setting up "
    "as a sole trader is shown where it branches.\n\n"
    "Council steps and their measures are Leeds City Council's; the others are for the whole of "
    "Great Britain. Volumes and measures are illustrative, not published figures."
)

# slug: (name, description)
STAGES: list[tuple[str, str, str]] = [
    (
        "check-you-can-do-it",
        "Check you can do it",
        "Find out what applies, what help there is, and whether starting up affects benefits.",
    ),
    (
        "choose-a-structure-and-register",
        "Choose a structure and register",
        "Choose between sole trader and limited company, verify identity and incorporate.",
    ),
    (
        "set-up-tax",
        "Set up tax",
        "Corporation Tax, VAT and the Universal Credit self-employment checks that depend on them.",
    ),
    (
        "premises-food-and-safety",
        "Premises, food and safety",
        "Business rates, food business registration, food hygiene, licences and health and safety.",
    ),
    (
        "employ-people",
        "Employ people",
        "Recruit, check the right to work, insure, register for PAYE and set up a workplace pension.",
    ),
    (
        "trade-and-grow",
        "Trade and grow",
        "Keep the company's filings up to date and find finance and support to grow.",
    ),
]

# Each step: slug, stage, title, description, owner, supporters, channels, touchpoint, url,
# hours (the user's own time), wait (hours of waiting: for a decision, a letter, a licence; none if
# absent), emotion, pain points, monthly volume, cost per transaction (GBP), satisfaction,
# completion and digital take-up (percent), data asked, when last changed (None: at the
# mapping workshop).
STEPS: list[JSONDict] = [
    # Check you can do it
    {
        "slug": "read-set-up-a-business", "stage": "check-you-can-do-it",
        "title": "Read 'Set up a business' and work out what applies",
        "description": "Start from GOV.UK's guide and the step-by-step, then follow links into each department's guidance.",
        "owner": "dbt", "supporters": ("hmrc", "companies-house"), "channels": ("online",),
        "touchpoint": "GOV.UK guide: Set up a business", "url": "https://www.gov.uk/set-up-business",
        "hours": 3, "emotion": -1,
        "pain": "Guidance is spread across departments' pages; users cannot tell which parts apply to a café, or in what order to do them.",
        "volume": 210000, "cost": 0.05, "sat": None, "completion": None, "digital": 100, "data": (),
    },
    {
        "slug": "check-universal-credit", "stage": "check-you-can-do-it",
        "title": "Check how starting a business affects Universal Credit",
        "description": "Talk to a work coach about self-employment, the 12-month start-up period and the minimum income floor.",
        "owner": "dwp", "supporters": (), "channels": ("online", "phone", "face_to_face"),
        "touchpoint": "Jobcentre Plus work coach; Universal Credit journal",
        "url": "https://www.gov.uk/self-employment-and-universal-credit",
        "hours": 2, "emotion": -2,
        "pain": "People fear losing their payments. What work coaches say about the start-up period varies between jobcentres.",
        "volume": 9500, "cost": 28.0, "sat": 61, "completion": None, "digital": 42, "data": ("ni-number", "date-of-birth"),
    },
    {
        "slug": "find-business-support", "stage": "check-you-can-do-it",
        "title": "Find business support and finance",
        "description": "Use the business finance and support finder, or call the Business Support Helpline.",
        "owner": "dbt", "supporters": ("bbb", "dfe"), "channels": ("online", "phone"),
        "touchpoint": "Business finance and support finder; Business Support Helpline",
        "url": "https://www.gov.uk/business-finance-support",
        "hours": 1.5, "emotion": 0, "pain": "",
        "volume": 48000, "cost": 0.4, "sat": 72, "completion": 68, "digital": 91, "data": ("business-name",),
    },
    {
        "slug": "apply-start-up-loan", "stage": "check-you-can-do-it",
        "title": "Apply for a Start Up Loan",
        "description": "Apply for a government-backed personal loan of £500 to £25,000 for the business, with a business plan, cash-flow forecast and 12 months of free mentoring.",
        "owner": "bbb", "supporters": ("dbt",), "channels": ("online",),
        "touchpoint": "Start Up Loans application (with a delivery partner)",
        "url": "https://www.gov.uk/apply-start-up-loan",
        "hours": 20, "emotion": -1,
        "pain": "The business plan and cash-flow templates differ from the ones banks ask for. Credit checks fail people with thin credit files, and there is no paper or phone route to apply.",
        "volume": 1900, "cost": 310.0, "sat": 78, "completion": 41, "digital": 100, "data": ("date-of-birth", "ni-number", "business-name"),
        "updated": "2026-09-17 15:20",
    },
    # Choose a structure and register
    {
        "slug": "choose-legal-structure", "stage": "choose-a-structure-and-register",
        "title": "Choose a legal structure",
        "description": "Decide between sole trader, partnership and limited company.",
        "owner": "hmrc", "supporters": ("companies-house",), "channels": ("online",),
        "touchpoint": "GOV.UK guide: Set up a business (legal structures)",
        "url": "https://www.gov.uk/business-legal-structures",
        "hours": 4, "emotion": -1,
        "pain": "Users cannot see the tax and benefit consequences of each structure without paying an accountant.",
        "volume": 95000, "cost": 0.05, "sat": None, "completion": None, "digital": 100, "data": (),
    },
    {
        "slug": "set-up-sole-trader", "stage": "choose-a-structure-and-register",
        "title": "Set up as a sole trader and register for Self Assessment",
        "description": "The alternative to a company: register for Self Assessment and Class 2 and Class 4 National Insurance by 5 October after the first tax year of trading.",
        "owner": "hmrc", "supporters": (), "channels": ("online", "phone", "paper"),
        "touchpoint": "Register for Self Assessment (online, or form CWF1)",
        "url": "https://www.gov.uk/set-up-sole-trader",
        "hours": 1, "emotion": 0, "pain": "",
        "volume": 42000, "cost": 4.2, "sat": 74, "completion": 83, "digital": 88, "data": ("ni-number", "date-of-birth", "business-name"),
    },
    {
        "slug": "choose-company-name", "stage": "choose-a-structure-and-register",
        "title": "Choose and check a company name",
        "description": "Check the name is available and not too like an existing one, and that it has no sensitive words.",
        "owner": "companies-house", "supporters": (), "channels": ("online",),
        "touchpoint": "Company name availability checker",
        "url": "https://www.gov.uk/limited-company-formation/choose-company-name",
        "hours": 0.5, "emotion": 1, "pain": "",
        "volume": 160000, "cost": 0.02, "sat": 86, "completion": 92, "digital": 100, "data": ("business-name",),
    },
    {
        "slug": "verify-director-identity", "stage": "choose-a-structure-and-register",
        "title": "Verify your identity as a director",
        "description": "Verify identity through GOV.UK One Login (app, online or at a Post Office) or an authorised agent, and get a Companies House personal code.",
        "owner": "companies-house", "supporters": ("gds",), "channels": ("online", "face_to_face"),
        "touchpoint": "Verify your identity for Companies House (GOV.UK One Login)",
        "url": "https://www.gov.uk/guidance/verifying-your-identity-for-companies-house",
        "hours": 0.5, "emotion": -1,
        "pain": "People without photo ID, or whose ID does not match the name they trade under, are sent to a paid agent. The personal code is easily lost.",
        "volume": 118000, "cost": 3.1, "sat": 69, "completion": 79, "digital": 96, "data": ("date-of-birth", "ni-number"),
        "updated": "2026-09-17 14:05",
    },
    {
        "slug": "register-company", "stage": "choose-a-structure-and-register",
        "title": "Register a private limited company",
        "description": "Incorporate online (usually within 24 hours) or on form IN01 by post: name, registered office, directors, shareholders, people with significant control, SIC code and articles.",
        "owner": "companies-house", "supporters": ("hmrc",), "channels": ("online", "paper"),
        "touchpoint": "Register a company online; form IN01",
        "url": "https://www.gov.uk/limited-company-formation/register-your-company",
        "hours": 1, "wait": 24, "emotion": 2, "pain": "",
        "volume": 68000, "cost": 6.5, "sat": 88, "completion": 90, "digital": 98,
        "data": ("business-name", "registered-office", "sic-code", "date-of-birth"),
    },
    {
        "slug": "open-business-bank-account", "stage": "choose-a-structure-and-register",
        "title": "Open a business bank account",
        "description": "Open an account in the company's name to keep its money separate from the founder's.",
        "owner": None, "supporters": (), "channels": ("online", "face_to_face"),
        "touchpoint": "A bank's business account application", "url": "",
        "hours": 2, "wait": 240, "emotion": -2,
        "pain": "Nobody in government owns this step, yet VAT, business rates and the pension provider all need it. Banks ask again for what Companies House already holds, and account opening can take weeks.",
        "volume": 60000, "cost": None, "sat": None, "completion": None, "digital": None,
        "data": ("company-number", "business-name", "registered-office", "date-of-birth"),
        "updated": "2026-09-17 11:30",
    },
    # Set up tax
    {
        "slug": "receive-utr-letter", "stage": "set-up-tax",
        "title": "Receive the company's Unique Taxpayer Reference by post",
        "description": "HMRC sets up the company's Corporation Tax record from Companies House's data and posts the UTR to the registered office.",
        "owner": "hmrc", "supporters": ("companies-house",), "channels": ("paper",),
        "touchpoint": "UTR letter to the registered office", "url": "https://www.gov.uk/find-utr-number",
        "hours": 0.25, "wait": 336, "emotion": -1,
        "pain": "The letter goes to the registered office, often an accountant's or a formation agent's address, and takes up to 2 weeks. Users who have not had it call HMRC.",
        "volume": 68000, "cost": 1.9, "sat": None, "completion": None, "digital": 0, "data": (),
    },
    {
        "slug": "gainful-self-employment-interview", "stage": "set-up-tax",
        "title": "Attend a gainful self-employment interview",
        "description": "Bring evidence of the business to the jobcentre so that DWP can decide whether the 12-month start-up period applies.",
        "owner": "dwp", "supporters": (), "channels": ("phone", "face_to_face"),
        "touchpoint": "Jobcentre Plus gateway appointment", "url": "https://www.gov.uk/self-employment-and-universal-credit",
        "hours": 3, "emotion": -1,
        "pain": "The user is asked to bring the HMRC letter showing the UTR. Directors who have not had it yet are told to come back.",
        "volume": 3100, "cost": 46.0, "sat": 58, "completion": 71, "digital": 0, "data": ("ni-number", "utr", "business-name"),
    },
    {
        "slug": "register-corporation-tax", "stage": "set-up-tax",
        "title": "Register for Corporation Tax",
        "description": "Register within 3 months of starting to do business: trading start date, accounting period and business activity.",
        "owner": "hmrc", "supporters": (), "channels": ("online",),
        "touchpoint": "Corporation Tax registration (HMRC online services)",
        "url": "https://www.gov.uk/limited-company-formation/set-up-your-company-for-corporation-tax",
        "hours": 1, "emotion": -2,
        "pain": "Asks again for the company number, SIC code and address that Companies House already passed to HMRC. Users mistake the date they started trading for the incorporation date.",
        "volume": 52000, "cost": 2.8, "sat": 57, "completion": 74, "digital": 100,
        "data": ("utr", "company-number", "sic-code", "registered-office", "business-name"),
    },
    {
        "slug": "register-vat", "stage": "set-up-tax",
        "title": "Register for VAT",
        "description": "Register when taxable turnover passes £90,000 in 12 months, or voluntarily to reclaim VAT on set-up costs.",
        "owner": "hmrc", "supporters": (), "channels": ("online", "paper"),
        "touchpoint": "Register for VAT online; form VAT1 by post if you cannot",
        "url": "https://www.gov.uk/register-for-vat",
        "hours": 1.5, "wait": 720, "emotion": -1,
        "pain": "New companies wait weeks for a VAT number and cannot charge VAT on invoices meanwhile.",
        "volume": 24000, "cost": 11.5, "sat": 63, "completion": 66, "digital": 95,
        "data": ("utr", "company-number", "ni-number", "bank-details", "sic-code", "business-name"),
        "updated": "2026-09-17 16:10",
    },
    {
        "slug": "answer-vat-checks", "stage": "set-up-tax",
        "title": "Send the evidence HMRC asks for about the VAT application",
        "description": "Some applications are held for further checks; HMRC writes asking for evidence of trading and the bank account.",
        "owner": "hmrc", "supporters": (), "channels": ("phone", "paper"),
        "touchpoint": "Letter from VAT registration; VAT helpline", "url": "https://www.gov.uk/vat-registration",
        "hours": 2, "wait": 160, "emotion": -2,
        "pain": "Users do not know why the application was held or how long the checks will take; many call the VAT helpline to ask.",
        "volume": 5200, "cost": 38.0, "sat": 41, "completion": 77, "digital": 0, "data": ("bank-details",),
        "updated": "2026-09-17 16:10",
    },
    {
        "slug": "choose-mtd-software", "stage": "set-up-tax",
        "title": "Choose software for Making Tax Digital for VAT",
        "description": "Keep digital records and file VAT returns from software compatible with Making Tax Digital.",
        "owner": "hmrc", "supporters": (), "channels": ("online",),
        "touchpoint": "Find software that's compatible with Making Tax Digital for VAT",
        "url": "https://www.gov.uk/guidance/find-software-thats-compatible-with-making-tax-digital-for-vat",
        "hours": 3, "emotion": -1,
        "pain": "A long list of products with no guidance on which suit a café with one till; no route for people who cannot use software.",
        "volume": 21000, "cost": 0.3, "sat": 60, "completion": None, "digital": 100, "data": (),
    },
    # Premises, food and safety
    {
        "slug": "business-rates", "stage": "premises-food-and-safety",
        "title": "Set up business rates and apply for small business rate relief",
        "description": "Tell the council you occupy the premises, check the rateable value and apply for relief.",
        "owner": "leeds", "supporters": ("hmrc",), "channels": ("online", "phone", "paper"),
        "touchpoint": "Leeds City Council business rates; Valuation Office Agency",
        "url": "https://www.gov.uk/apply-for-business-rate-relief",
        "hours": 2, "emotion": -1,
        "pain": "Every council has its own form. The rateable value sits with the Valuation Office Agency, and users are sent between the two.",
        "volume": 240, "cost": 14.0, "sat": 55, "completion": 81, "digital": 63,
        "data": ("company-number", "business-name", "bank-details", "registered-office"),
    },
    {
        "slug": "register-food-business", "stage": "premises-food-and-safety",
        "title": "Register the food business with the council",
        "description": "Register at least 28 days before starting food operations. Registration is free and cannot be refused.",
        "owner": "leeds", "supporters": ("fsa",), "channels": ("online", "phone", "paper"),
        "touchpoint": "Register a food business (FSA online service, routed to Leeds City Council)",
        "url": "https://www.gov.uk/food-business-registration",
        "hours": 0.5, "emotion": -1,
        "pain": "The 28-day rule surprises people who have already signed a lease and set an opening date. The form asks again for the company number and address.",
        "volume": 180, "cost": 3.5, "sat": 71, "completion": 88, "digital": 84,
        "data": ("company-number", "business-name", "registered-office"),
    },
    {
        "slug": "safer-food-better-business", "stage": "premises-food-and-safety",
        "title": "Set up food safety management with Safer Food, Better Business",
        "description": "Put in place written food safety procedures based on HACCP principles, using the FSA's pack for caterers.",
        "owner": "fsa", "supporters": ("leeds",), "channels": ("online", "paper"),
        "touchpoint": "Safer Food, Better Business for caterers pack",
        "url": "https://www.food.gov.uk/business-guidance/safer-food-better-business",
        "hours": 8, "emotion": 0, "pain": "",
        "volume": 6500, "cost": 0.8, "sat": 76, "completion": None, "digital": 70, "data": (),
    },
    {
        "slug": "risk-assessment", "stage": "premises-food-and-safety",
        "title": "Write a health and safety risk assessment",
        "description": "Identify hazards in the kitchen and front of house and record the controls; required in writing once you have 5 or more employees.",
        "owner": "hse", "supporters": ("leeds",), "channels": ("online",),
        "touchpoint": "HSE simple health and safety: risk assessment",
        "url": "https://www.hse.gov.uk/simple-health-safety/risk/index.htm",
        "hours": 4, "emotion": 0, "pain": "",
        "volume": 30000, "cost": 0.1, "sat": None, "completion": None, "digital": 100, "data": (),
    },
    {
        "slug": "premises-licence", "stage": "premises-food-and-safety",
        "title": "Apply for a premises licence to sell alcohol",
        "description": "Apply to the council's licensing team, with a designated premises supervisor who holds a personal licence.",
        "owner": "leeds", "supporters": (), "channels": ("online", "paper"),
        "touchpoint": "Leeds City Council licensing", "url": "https://www.gov.uk/premises-licence",
        "hours": 3, "wait": 672, "emotion": -1,
        "pain": "After the 28-day consultation users hear nothing about what happens next, or whether they may open without the licence.",
        "volume": 40, "cost": 95.0, "sat": 48, "completion": 62, "digital": 71, "data": ("date-of-birth", "business-name"),
    },
    {
        "slug": "food-hygiene-inspection", "stage": "premises-food-and-safety",
        "title": "Food hygiene inspection and rating",
        "description": "A council food safety officer inspects the café and gives a food hygiene rating from 0 to 5, published by the FSA.",
        "owner": "leeds", "supporters": ("fsa",), "channels": ("face_to_face",),
        "touchpoint": "Council food safety officer visit; food hygiene rating sticker",
        "url": "https://www.food.gov.uk/safety-hygiene/food-hygiene-rating-scheme",
        "hours": 3, "emotion": 1, "pain": "",
        "volume": 150, "cost": 160.0, "sat": 74, "completion": None, "digital": None, "data": (),
    },
    # Employ people
    {
        "slug": "recruit-first-employee", "stage": "employ-people",
        "title": "Recruit your first employee",
        "description": "Advertise the job (or take on an apprentice), agree pay at least the National Minimum Wage and write a contract.",
        "owner": "dwp", "supporters": ("dfe", "dbt"), "channels": ("online", "phone", "face_to_face"),
        "touchpoint": "Find a job (employer account); Jobcentre Plus employer services",
        "url": "https://www.gov.uk/employing-staff",
        "hours": 30, "emotion": 1, "pain": "",
        "volume": 14000, "cost": 22.0, "sat": 70, "completion": None, "digital": 74, "data": ("business-name",),
    },
    {
        "slug": "check-right-to-work", "stage": "employ-people",
        "title": "Check your employee's right to work",
        "description": "Check a share code online, or check original documents in person, before the employee starts.",
        "owner": "home-office", "supporters": (), "channels": ("online", "face_to_face"),
        "touchpoint": "View a job applicant's right to work details",
        "url": "https://www.gov.uk/check-job-applicant-right-to-work",
        "hours": 0.5, "emotion": -1,
        "pain": "Civil penalties of up to £60,000 per illegal worker frighten first-time employers, who cannot tell which check applies.",
        "volume": 21000, "cost": 1.2, "sat": 66, "completion": 87, "digital": 81, "data": ("date-of-birth",),
    },
    {
        "slug": "employers-liability-insurance", "stage": "employ-people",
        "title": "Get employers' liability insurance",
        "description": "Buy cover of at least £5 million from an authorised insurer as soon as you employ someone, and display the certificate.",
        "owner": "hse", "supporters": (), "channels": ("online", "phone"),
        "touchpoint": "Authorised insurer; HSE guidance",
        "url": "https://www.gov.uk/employers-liability-insurance",
        "hours": 2, "emotion": -1, "pain": "",
        "volume": 14000, "cost": None, "sat": None, "completion": None, "digital": 80, "data": ("company-number", "business-name"),
    },
    {
        "slug": "register-paye", "stage": "employ-people",
        "title": "Register as an employer for PAYE",
        "description": "Register up to 4 weeks before the first payday. HMRC posts the employer PAYE reference and Accounts Office reference.",
        "owner": "hmrc", "supporters": (), "channels": ("online", "phone"),
        "touchpoint": "Register as an employer (HMRC online services); New Employer Helpline",
        "url": "https://www.gov.uk/register-employer",
        "hours": 1, "wait": 120, "emotion": -2,
        "pain": "Asks again for the UTR, company number and the director's National Insurance number. The references come by post, up to 5 working days later, and payroll cannot start without them.",
        "volume": 19000, "cost": 6.8, "sat": 59, "completion": 72, "digital": 93,
        "data": ("utr", "company-number", "ni-number", "registered-office"),
        "updated": "2026-09-17 15:45",
    },
    {
        "slug": "workplace-pension-duties", "stage": "employ-people",
        "title": "Set up a workplace pension and declare compliance",
        "description": "Automatically enrol eligible staff into a qualifying scheme from the duties start date, then declare compliance to the Pensions Regulator within 5 months.",
        "owner": "tpr", "supporters": ("hmrc",), "channels": ("online", "paper"),
        "touchpoint": "Letter from TPR; declaration of compliance online",
        "url": "https://www.gov.uk/workplace-pensions-employers",
        "hours": 6, "emotion": -1,
        "pain": "TPR's letter arrives weeks after PAYE registration and names a duties start date the employer did not know had started. Asks again for the PAYE reference and company number.",
        "volume": 17000, "cost": 4.4, "sat": 62, "completion": 81, "digital": 97,
        "data": ("paye-reference", "company-number", "bank-details"),
        "updated": "2026-10-14 10:20",
    },
    {
        "slug": "run-payroll", "stage": "employ-people",
        "title": "Set up payroll and report pay in real time",
        "description": "Choose payroll software and send a Full Payment Submission to HMRC on or before each payday.",
        "owner": "hmrc", "supporters": ("tpr",), "channels": ("online",),
        "touchpoint": "Payroll software; HMRC Basic PAYE Tools", "url": "https://www.gov.uk/running-payroll",
        "hours": 6, "emotion": -2,
        "pain": "First-time employers must learn tax codes, NI categories and pension deductions at once; no route for people who cannot use software.",
        "volume": 17500, "cost": 0.9, "sat": 54, "completion": None, "digital": 100,
        "data": ("paye-reference", "ni-number", "date-of-birth"),
    },
    # Trade and grow
    {
        "slug": "report-uc-earnings", "stage": "trade-and-grow",
        "title": "Report self-employed earnings for Universal Credit each month",
        "description": "Report money in and out of the business every assessment period in the Universal Credit journal.",
        "owner": "dwp", "supporters": ("hmrc",), "channels": ("online", "phone"),
        "touchpoint": "Universal Credit journal", "url": "https://www.gov.uk/self-employment-and-universal-credit",
        "hours": 1, "emotion": -1,
        "pain": "Monthly cash reporting does not match the company's accounting period, and directors paid by dividend do not know what to report.",
        "volume": 2800, "cost": 9.5, "sat": 52, "completion": 84, "digital": 92, "data": (),
    },
    {
        "slug": "confirmation-statement", "stage": "trade-and-grow",
        "title": "File the first confirmation statement",
        "description": "Confirm the company's details on the register at least once every 12 months.",
        "owner": "companies-house", "supporters": (), "channels": ("online", "paper"),
        "touchpoint": "File a confirmation statement (Companies House online)",
        "url": "https://www.gov.uk/file-your-confirmation-statement-with-companies-house",
        "hours": 0.5, "emotion": 0, "pain": "",
        "volume": 52000, "cost": 1.7, "sat": 81, "completion": 93, "digital": 97,
        "data": ("company-number", "sic-code", "registered-office"),
    },
    {
        "slug": "file-annual-accounts", "stage": "trade-and-grow",
        "title": "File annual accounts with Companies House",
        "description": "First accounts are due 21 months after incorporation; then 9 months after each year end.",
        "owner": "companies-house", "supporters": ("hmrc",), "channels": ("online", "paper"),
        "touchpoint": "Accounts filing software; Companies House", "url": "https://www.gov.uk/prepare-file-annual-accounts-for-limited-company",
        "hours": 10, "emotion": -1,
        "pain": "Since HMRC's joint filing service closed, small companies send the same accounts to Companies House and to HMRC separately.",
        "volume": 48000, "cost": 2.2, "sat": 63, "completion": 89, "digital": 94, "data": ("company-number",),
        "updated": "2026-04-09 09:15",
    },
    {
        "slug": "company-tax-return", "stage": "trade-and-grow",
        "title": "File the Company Tax Return and pay Corporation Tax",
        "description": "File a CT600 with the accounts and computations in iXBRL within 12 months of the end of the accounting period; pay 9 months and 1 day after it.",
        "owner": "hmrc", "supporters": (), "channels": ("online",),
        "touchpoint": "Commercial software (CT600 in iXBRL)", "url": "https://www.gov.uk/company-tax-returns",
        "hours": 12, "emotion": -2,
        "pain": "Two deadlines a few months apart for the same accounting period; payment is due before the return.",
        "volume": 46000, "cost": 3.6, "sat": 51, "completion": 86, "digital": 100, "data": ("utr", "company-number"),
        "updated": "2026-04-09 09:15",
    },
    {
        "slug": "export-support", "stage": "trade-and-grow",
        "title": "Get help to sell overseas",
        "description": "Find export advice, events and finance on great.gov.uk.",
        "owner": "dbt", "supporters": (), "channels": ("online", "phone"),
        "touchpoint": "great.gov.uk; export support service", "url": "https://www.great.gov.uk/",
        "hours": 2, "emotion": 1, "pain": "",
        "volume": 8200, "cost": 5.0, "sat": 77, "completion": None, "digital": 88, "data": ("company-number", "business-name"),
    },
    {
        "slug": "growth-finance", "stage": "trade-and-grow",
        "title": "Find finance to grow",
        "description": "Find lenders and investors backed by the British Business Bank's programmes.",
        "owner": "bbb", "supporters": ("dbt",), "channels": ("online", "phone"),
        "touchpoint": "British Business Bank finance hub; accredited lenders",
        "url": "https://www.gov.uk/business-finance-support",
        "hours": 6, "emotion": 1, "pain": "",
        "volume": 5400, "cost": 12.0, "sat": 73, "completion": None, "digital": 86, "data": ("company-number", "bank-details"),
    },
]

# slug: (from, to, kind, hand-off mode, agreed, note, when last changed or None)
DEPENDENCIES: list[tuple[str, str, str, str, str | None, bool, str, str | None]] = [
    ("read-check-uc", "read-set-up-a-business", "check-universal-credit", "sequence", None, True, "", None),
    ("read-find-support", "read-set-up-a-business", "find-business-support", "sequence", None, True, "", None),
    (
        "support-start-up-loan", "find-business-support", "apply-start-up-loan", "data_handoff", "email", True,
        "Business Support Helpline advisers refer callers to a Start Up Loans delivery partner by email.", None,
    ),
    ("check-uc-choose-structure", "check-universal-credit", "choose-legal-structure", "sequence", None, True, "", None),
    (
        "loan-choose-structure", "apply-start-up-loan", "choose-legal-structure", "sequence", None, True,
        "Start Up Loans mentors help founders decide on a structure.", None,
    ),
    ("structure-sole-trader", "choose-legal-structure", "set-up-sole-trader", "sequence", None, True, "", None),
    # Either/or: the alternative arrow goes from the choice into the "or" step, as the GOV.UK import
    # draws it; an arrow between the two alternatives would say the user does both.
    (
        "structure-company-name", "choose-legal-structure", "choose-company-name", "alternative", None, True,
        "Either trade as a sole trader or set up a limited company. Many start as sole traders and incorporate later.", None,
    ),
    ("name-verify-identity", "choose-company-name", "verify-director-identity", "sequence", None, True, "", None),
    (
        "identity-before-incorporation", "verify-director-identity", "register-company", "needs", None, True,
        "Since November 2025 a new director must give a Companies House personal code before the company can be incorporated.", "2026-09-17 14:05",
    ),
    (
        "incorporation-bank-account", "register-company", "open-business-bank-account", "needs", None, True,
        "Banks want the certificate of incorporation and the company number.", None,
    ),
    (
        "incorporation-to-hmrc", "register-company", "receive-utr-letter", "data_handoff", "api", True,
        "Companies House passes each new company to HMRC overnight; HMRC sets up the Corporation Tax record and posts the UTR to the registered office.", None,
    ),
    (
        "sole-trader-utr-to-jobcentre", "set-up-sole-trader", "gainful-self-employment-interview", "data_handoff", "paper", False,
        "The user carries HMRC's letter to the jobcentre. No data passes between HMRC and DWP and nobody has agreed that it should.", None,
    ),
    (
        "utr-letter-corporation-tax", "receive-utr-letter", "register-corporation-tax", "needs", "paper", True,
        "Registration asks for the UTR, which comes only in the letter.", None,
    ),
    (
        "utr-letter-to-jobcentre", "receive-utr-letter", "gainful-self-employment-interview", "data_handoff", "paper", False,
        "DWP asks directors to bring the UTR letter as evidence of the business. There is no agreed data share between HMRC and DWP for new directors.", "2026-09-17 15:00",
    ),
    ("interview-report-earnings", "gainful-self-employment-interview", "report-uc-earnings", "sequence", None, True, "", None),
    ("corporation-tax-vat", "register-corporation-tax", "register-vat", "sequence", None, True, "", None),
    (
        "corporation-tax-return", "register-corporation-tax", "company-tax-return", "sequence", None, True,
        "The first accounting period starts on the day the company starts to do business.", None,
    ),
    (
        "bank-account-vat", "open-business-bank-account", "register-vat", "needs", None, True,
        "The VAT application asks for business bank details.", None,
    ),
    (
        "bank-account-rates", "open-business-bank-account", "business-rates", "needs", None, True,
        "The council wants a Direct Debit from the business account.", None,
    ),
    (
        "vat-held-for-checks", "register-vat", "answer-vat-checks", "sequence", None, True,
        "HMRC holds some applications for further checks and writes for evidence.", "2026-09-17 16:10",
    ),
    (
        "vat-resubmit", "answer-vat-checks", "register-vat", "sequence", None, True,
        "Rework: the application goes back into the queue with the evidence, and some go round twice.", "2026-09-17 16:10",
    ),
    ("vat-mtd-software", "register-vat", "choose-mtd-software", "sequence", None, True, "", None),
    (
        "software-tax-return", "choose-mtd-software", "company-tax-return", "sequence", None, True,
        "The same software often files the Company Tax Return.", None,
    ),
    (
        "incorporation-to-council", "register-company", "register-food-business", "data_handoff", "paper", False,
        "The user copies the company number and address onto the council's form. There is no legal gateway for Companies House to tell the council.", "2026-09-17 11:45",
    ),
    (
        "food-registration-to-fsa", "register-food-business", "safer-food-better-business", "data_handoff", "api", True,
        "Registrations made through the FSA's online service reach the council by API, and the council's register feeds the FSA's.", None,
    ),
    (
        "sfbb-inspection", "safer-food-better-business", "food-hygiene-inspection", "sequence", None, True,
        "Officers ask to see the completed pack at the inspection.", None,
    ),
    (
        "registration-inspection", "register-food-business", "food-hygiene-inspection", "needs", None, True,
        "The council schedules the first inspection from the registration, often weeks after opening.", None,
    ),
    ("registration-premises-licence", "register-food-business", "premises-licence", "sequence", None, True, "", None),
    ("rates-risk-assessment", "business-rates", "risk-assessment", "sequence", None, True, "", None),
    ("risk-assessment-recruit", "risk-assessment", "recruit-first-employee", "sequence", None, True, "", None),
    (
        "rating-growth-finance", "food-hygiene-inspection", "growth-finance", "sequence", None, True,
        "Lenders and delivery platforms look at the food hygiene rating.", None,
    ),
    ("recruit-right-to-work", "recruit-first-employee", "check-right-to-work", "needs", None, True, "", None),
    ("right-to-work-paye", "check-right-to-work", "register-paye", "sequence", None, True, "", None),
    ("recruit-insurance", "recruit-first-employee", "employers-liability-insurance", "needs", None, True, "", None),
    ("insurance-paye", "employers-liability-insurance", "register-paye", "sequence", None, True, "", None),
    (
        "paye-to-tpr", "register-paye", "workplace-pension-duties", "data_handoff", "paper", True,
        "HMRC sends TPR a weekly batch file of new PAYE schemes; TPR then writes to the employer with the duties start date and a letter code. The PAYE system cannot make an API call.", "2026-09-17 15:45",
    ),
    ("paye-payroll", "register-paye", "run-payroll", "sequence", None, True, "", None),
    (
        "pension-deductions-payroll", "workplace-pension-duties", "run-payroll", "needs", None, True,
        "Payroll needs the pension scheme set up to take employee and employer contributions.", None,
    ),
    (
        "rti-to-universal-credit", "run-payroll", "report-uc-earnings", "data_handoff", "api", True,
        "A salary reported through Real Time Information reaches Universal Credit automatically; dividends and profits do not.", None,
    ),
    ("incorporation-confirmation-statement", "register-company", "confirmation-statement", "sequence", None, True, "", None),
    ("confirmation-accounts", "confirmation-statement", "file-annual-accounts", "sequence", None, True, "", None),
    (
        "accounts-tax-return", "file-annual-accounts", "company-tax-return", "needs", None, True,
        "The return must include the same accounts, now filed separately with each organisation.", "2026-04-09 09:15",
    ),
    ("growth-export", "growth-finance", "export-support", "sequence", None, True, "", None),
]

# --- workshops -----------------------------------------------------------------------------------------

# slug: (title, held on, facilitator, attendees, notes, created, updated)
WORKSHOPS: dict[str, tuple[str, str, str, tuple[str, ...], str, str, str]] = {
    "mapping-the-as-is-journey": (
        "Mapping the as-is journey",
        "2026-03-12",
        "priya-raman",
        (
            "priya-raman", "ifeoma-okafor", "gareth-llewellyn", "sarah-mcallister", "daniel-osei",
            "rachel-chen", "aisha-rahman", "owen-pritchard", "laura-fenwick", "james-adeyemi",
            "mark-sutcliffe",
        ),
        "A full day at Quarry House, Leeds, with people joining from Cardiff, Newcastle, Brighton and London.\n\n"
        "We walked the journey as Amira, from reading 'Set up a business' to her first payroll, "
        "putting each step under the organisation that owns it. Nobody could say who owns opening a "
        "business bank account, although three later steps need it.\n\n"
        "What we saw: the company number and address are asked for again by HMRC, TPR and the "
        "council; the UTR travels by post and the user carries it to the jobcentre; the Food "
        "Standards Agency and the Home Office own steps but nobody from either is in the room.\n\n"
        "Actions: Ifeoma to set up a user research sub-group; Owen and Gareth to list every hand-off "
        "between Companies House and HMRC; Priya to find a channel everyone can use between "
        "workshops (Slack and Teams both failed this week).",
        "2026-02-20 16:00",
        "2026-03-13 09:40",
    ),
    "blockers-deep-dive": (
        "Blockers deep-dive",
        "2026-09-17",
        "ifeoma-okafor",
        (
            "ifeoma-okafor", "priya-raman", "nadia-hussain", "gareth-llewellyn", "daniel-osei",
            "helen-bradshaw", "bethan-hughes", "laura-fenwick", "james-adeyemi", "claire-donnelly",
            "mark-sutcliffe",
        ),
        "A half day online, on the one channel everyone can join, with the map shared as a bundle "
        "file beforehand.\n\n"
        "We went through every open blocker with the organisation that owns it, and raised new ones "
        "from the spring's research: identity verification for directors without photo ID, the "
        "Start Up Loans portal contract, and the PAYE to TPR hand-off. We redrew the VAT steps to "
        "show the loop when an application is held for checks.\n\n"
        "Agreed: every blocker gets a due date and an owner who is in the community; anything "
        "without an update for a month comes back to the next community meeting.",
        "2026-09-01 10:00",
        "2026-09-18 16:30",
    ),
}

# --- blockers -------------------------------------------------------------------------------------------

# Each blocker: its fields, then its history as (when, author, comment, new status or None).
BLOCKERS: list[JSONDict] = [
    {
        "slug": "no-common-channel",
        "title": "Departments cannot agree a common communication channel",
        "description": "Slack is blocked on HMRC laptops and Microsoft Teams guest access is switched off at DWP, so between workshops the community falls back on long email chains. Sub-groups have nowhere to work together, and maps go round as attachments.",
        "category": "communication", "severity": "high", "status": "escalated", "classification": "OFFICIAL",
        "raised_by": "priya-raman", "owner": "gds", "blocking": ("hmrc", "dwp"), "steps": (), "dependencies": (),
        "workshop": "mapping-the-as-is-journey", "raised_on": "2026-03-12", "due_on": "2026-06-30", "resolved_on": None,
        "points": (6, 7), "created": "2026-03-12 16:20",
        "history": [
            ("2026-04-02 11:15", "gareth-llewellyn", "HMRC security will not approve Slack this year. Could we use Teams with guest access instead?", None),
            ("2026-05-14 10:30", "priya-raman", "Trialling a Teams channel hosted by GDS, with bundle files of the map shared by email for anyone who cannot join.", "in_progress"),
            ("2026-07-09 16:05", "daniel-osei", "DWP guest access is still switched off; I join the channel from my own phone.", None),
            ("2026-11-10 09:50", "priya-raman", "Escalated to the cross-government digital leaders' group. Until then we share the map as bundle files.", "escalated"),
        ],
    },
    {
        "slug": "policy-clearance-timelines",
        "title": "Policy change clearance takes months at HMRC but weeks at Companies House",
        "description": "A change to one step often needs a matching change in another organisation. Clearing a policy change takes 4 to 6 months at HMRC and 3 to 4 weeks at Companies House, so joint changes stall and the faster organisation ships alone.",
        "category": "timeline", "severity": "high", "status": "open", "classification": "OFFICIAL",
        "raised_by": "owen-pritchard", "owner": "hmrc", "blocking": ("hmrc", "companies-house"),
        "steps": ("register-company", "register-corporation-tax"), "dependencies": ("incorporation-to-hmrc",),
        "workshop": "mapping-the-as-is-journey", "raised_on": "2026-03-12", "due_on": "2026-10-31", "resolved_on": None,
        "points": (6, 7, 8), "created": "2026-03-12 16:35",
        "history": [
            ("2026-04-20 14:00", "rachel-chen", "DBT sees the same with HMRC on business support changes. The policy alignment sub-group will keep a shared forward look.", None),
            ("2026-07-02 10:10", "gareth-llewellyn", "Raised with HMRC's policy leads. No change to the clearance process yet.", None),
        ],
    },
    {
        "slug": "no-gateway-to-councils",
        "title": "No legal gateway to share incorporation data with councils",
        "description": "Companies House can pass new company details to HMRC but has no legal gateway to give them to councils. Users copy the company number and address onto the business rates and food registration forms, and the council cannot check them.",
        "category": "legislation", "severity": "critical", "status": "escalated", "classification": "OFFICIAL",
        "raised_by": "mark-sutcliffe", "owner": "dbt", "blocking": ("companies-house", "leeds"),
        "steps": ("register-food-business", "business-rates"), "dependencies": ("incorporation-to-council",),
        "workshop": "mapping-the-as-is-journey", "raised_on": "2026-03-12", "due_on": "2026-12-31", "resolved_on": None,
        "points": (2, 3, 9), "created": "2026-03-12 16:50",
        "history": [
            ("2026-03-30 09:20", "owen-pritchard", "Confirmed with our legal team: the Companies Act gateways do not cover councils' business rates or food registration.", None),
            ("2026-05-06 15:40", "rachel-chen", "DBT policy is looking at whether the Digital Economy Act powers could be used.", "in_progress"),
            ("2026-09-17 13:30", "nadia-hussain", "Data sharing sub-group drafted the data sharing agreement that would be needed.", None),
            ("2026-11-05 11:00", "rachel-chen", "Needs a ministerial decision; escalated to the DBT director for business environment.", "escalated"),
        ],
    },
    {
        "slug": "paye-no-api",
        "title": "Legacy PAYE system cannot take an API call",
        "description": "New employer registrations reach the Pensions Regulator in a weekly batch file because the PAYE system cannot send or answer an API call. Employers get TPR's letter weeks after registering, sometimes after their duties have started.",
        "category": "technology", "severity": "high", "status": "in_progress", "classification": "OFFICIAL",
        "raised_by": "laura-fenwick", "owner": "hmrc", "blocking": ("hmrc", "tpr"),
        "steps": ("register-paye", "workplace-pension-duties"), "dependencies": ("paye-to-tpr",),
        "workshop": "blockers-deep-dive", "raised_on": "2026-09-17", "due_on": "2027-03-31", "resolved_on": None,
        "points": (11, 13, 14), "created": "2026-09-17 14:40",
        "history": [
            ("2026-09-29 10:00", "gareth-llewellyn", "HMRC's PAYE modernisation team will look at a daily file as a first step; an API depends on the new platform.", "in_progress"),
            ("2026-11-12 15:25", "laura-fenwick", "TPR can take a daily file from January. Testing dates agreed.", None),
        ],
    },
    {
        "slug": "start-up-loans-contract",
        "title": "Contract for the Start Up Loans application portal ends in March",
        "description": "The contract for the online application portal ends on 31 March 2027, and the replacement is being procured. There is a risk of a gap in service or a change of provider during the peak of January applications. Commercial details are not to be shared outside the community.",
        "category": "contract", "severity": "high", "status": "open", "classification": "OFFICIAL-SENSITIVE",
        "raised_by": "james-adeyemi", "owner": "bbb", "blocking": ("bbb",),
        "steps": ("apply-start-up-loan",), "dependencies": (),
        "workshop": "blockers-deep-dive", "raised_on": "2026-09-17", "due_on": "2027-01-31", "resolved_on": None,
        "points": (11, 14), "created": "2026-09-17 15:20",
        "history": [
            ("2026-10-30 12:00", "james-adeyemi", "Tender evaluation under way. A 3-month extension with the current supplier is the fallback.", None),
        ],
    },
    {
        "slug": "utr-by-post-only",
        "title": "The company's UTR is sent only by post",
        "description": "The Corporation Tax UTR goes by letter to the registered office, often an accountant's or formation agent's address. Founders wait up to 2 weeks and cannot register for Corporation Tax or show the jobcentre their business is real.",
        "category": "technology", "severity": "medium", "status": "in_progress", "classification": "OFFICIAL",
        "raised_by": "sarah-mcallister", "owner": "hmrc", "blocking": ("hmrc",),
        "steps": ("receive-utr-letter", "register-corporation-tax", "gainful-self-employment-interview"),
        "dependencies": ("utr-letter-corporation-tax", "utr-letter-to-jobcentre"),
        "workshop": "mapping-the-as-is-journey", "raised_on": "2026-03-12", "due_on": "2027-02-28", "resolved_on": None,
        "points": (3, 4, 5), "created": "2026-03-12 17:00",
        "history": [
            ("2026-06-18 11:30", "sarah-mcallister", "Research with 12 new directors: 7 had called HMRC to chase the letter.", None),
            ("2026-08-04 09:45", "gareth-llewellyn", "HMRC is piloting showing the UTR in the business tax account as soon as the record is set up.", "in_progress"),
            ("2026-10-28 14:10", "sarah-mcallister", "Pilot live for 10% of new companies; the letter still goes too, for people who do not sign in.", None),
        ],
    },
    {
        "slug": "utr-handoff-to-dwp",
        "title": "No agreed hand-off of new directors' UTRs from HMRC to DWP",
        "description": "DWP asks directors claiming Universal Credit to bring evidence of their business, in practice HMRC's UTR letter. No data is shared between HMRC and DWP at this point and no hand-off has been agreed, so interviews are rebooked.",
        "category": "data_sharing", "severity": "high", "status": "open", "classification": "OFFICIAL",
        "raised_by": "daniel-osei", "owner": "dwp", "blocking": ("dwp", "hmrc"),
        "steps": ("gainful-self-employment-interview",), "dependencies": ("utr-letter-to-jobcentre", "sole-trader-utr-to-jobcentre"),
        "workshop": None, "raised_on": "2026-04-22", "due_on": "2026-09-30", "resolved_on": None,
        "points": (2, 3), "created": "2026-04-22 10:30",
        "history": [
            ("2026-05-19 16:00", "helen-bradshaw", "DWP policy will check whether the existing HMRC-DWP gateway covers self-employment status.", None),
            ("2026-06-10 11:20", "daniel-osei", "Waiting on HMRC's data protection officer.", None),
        ],
    },
    {
        "slug": "bank-account-no-owner",
        "title": "Nobody owns opening a business bank account",
        "description": "Opening a business bank account sits in the middle of the journey and holds up VAT registration, business rates and pension set-up, but no organisation in government owns it or talks to the banks about it.",
        "category": "ownership", "severity": "medium", "status": "open", "classification": "OFFICIAL",
        "raised_by": "ifeoma-okafor", "owner": "gds", "blocking": (),
        "steps": ("open-business-bank-account",), "dependencies": ("bank-account-vat", "bank-account-rates"),
        "workshop": "mapping-the-as-is-journey", "raised_on": "2026-03-12", "due_on": None, "resolved_on": None,
        "points": (2,), "created": "2026-03-12 17:10",
        "history": [
            ("2026-05-27 10:40", "rachel-chen", "HM Treasury leads on banking policy. DBT can introduce us to UK Finance.", None),
            ("2026-08-01 15:00", "ifeoma-okafor", "Still no owner. UK Finance asked for a problem statement first.", None),
        ],
    },
    {
        "slug": "vat-risk-checks",
        "title": "VAT registration checks add weeks for new companies",
        "description": "New companies registering voluntarily are more often held for further checks, which add 4 to 6 weeks. The risk rules themselves are not to be shared outside HMRC.",
        "category": "policy", "severity": "medium", "status": "wont_fix", "classification": "OFFICIAL-SENSITIVE",
        "raised_by": "gareth-llewellyn", "owner": "hmrc", "blocking": ("hmrc",),
        "steps": ("register-vat", "answer-vat-checks"), "dependencies": ("vat-resubmit",),
        "workshop": None, "raised_on": "2026-04-15", "due_on": "2026-08-31", "resolved_on": "2026-08-20",
        "points": (4, 14), "created": "2026-04-15 13:00",
        "history": [
            ("2026-05-21 09:30", "gareth-llewellyn", "Compliance colleagues confirm the checks stop a significant amount of VAT registration fraud.", "in_progress"),
            ("2026-08-20 14:45", "gareth-llewellyn", "HMRC will keep the checks. Instead we will tell applicants when they are held and how long checks take.", "wont_fix"),
        ],
    },
    {
        "slug": "fsa-not-in-community",
        "title": "The Food Standards Agency has nobody in the community",
        "description": "The FSA owns food safety steps and the online food registration service, but nobody from the FSA is in the community yet, so changes to registration reach us late.",
        "category": "other", "severity": "medium", "status": "in_progress", "classification": "OFFICIAL",
        "raised_by": "priya-raman", "owner": "gds", "blocking": ("fsa",),
        "steps": ("register-food-business", "safer-food-better-business", "food-hygiene-inspection"), "dependencies": (),
        "workshop": "blockers-deep-dive", "raised_on": "2026-09-17", "due_on": "2026-12-15", "resolved_on": None,
        "points": (6,), "created": "2026-09-17 16:00",
        "history": [
            ("2026-10-06 10:00", "priya-raman", "Met the FSA's head of digital services; they will nominate someone.", "in_progress"),
            ("2026-11-18 12:15", "mark-sutcliffe", "Leeds has offered to host the FSA at the next data sharing sub-group.", None),
        ],
    },
    {
        "slug": "joint-research-funding",
        "title": "No funding for user research across the whole journey",
        "description": "Each organisation funds research on its own part of the journey only. Nobody could fund recruiting founders to walk the whole journey.",
        "category": "funding", "severity": "medium", "status": "resolved", "classification": "OFFICIAL",
        "raised_by": "ifeoma-okafor", "owner": "gds", "blocking": ("hmrc", "dwp", "companies-house"), "steps": (), "dependencies": (),
        "workshop": None, "raised_on": "2026-03-20", "due_on": "2026-06-30", "resolved_on": "2026-06-05",
        "points": (1, 6), "created": "2026-03-20 11:00",
        "history": [
            ("2026-04-16 14:30", "ifeoma-okafor", "GDS will fund a shared researcher for two quarters if departments share their recruitment panels.", "in_progress"),
            ("2026-06-05 10:00", "sarah-mcallister", "HMRC, DWP and Companies House have signed up to share panels. First round of research booked.", "resolved"),
        ],
    },
    {
        "slug": "identity-without-photo-id",
        "title": "Identity verification excludes directors without photo ID",
        "description": "Directors without a passport or photocard driving licence cannot verify their identity online and are sent to an authorised agent, who charges a fee. This falls hardest on people moving off benefits.",
        "category": "policy", "severity": "high", "status": "open", "classification": "OFFICIAL",
        "raised_by": "bethan-hughes", "owner": "companies-house", "blocking": ("companies-house", "gds"),
        "steps": ("verify-director-identity",), "dependencies": ("identity-before-incorporation",),
        "workshop": "blockers-deep-dive", "raised_on": "2026-09-17", "due_on": "2027-01-31", "resolved_on": None,
        "points": (5, 9), "created": "2026-09-17 14:10",
        "history": [
            ("2026-10-25 09:15", "nadia-hussain", "The GOV.UK One Login team is testing a route using vouching; Companies House would need to accept it.", None),
        ],
    },
    {
        "slug": "accounts-filed-twice",
        "title": "Small companies now file the same accounts twice",
        "description": "HMRC's joint filing service for accounts and the Company Tax Return closed on 31 March 2026. Small companies now file accounts with Companies House and again with HMRC, often in different software.",
        "category": "timeline", "severity": "medium", "status": "open", "classification": "OFFICIAL",
        "raised_by": "owen-pritchard", "owner": "hmrc", "blocking": ("hmrc", "companies-house"),
        "steps": ("file-annual-accounts", "company-tax-return"), "dependencies": ("accounts-tax-return",),
        "workshop": None, "raised_on": "2026-04-08", "due_on": "2026-07-31", "resolved_on": None,
        "points": (2, 4, 13), "created": "2026-04-08 15:30",
        "history": [
            ("2026-06-24 10:20", "gareth-llewellyn", "Software developers are adding joint submission, but free products lag behind.", None),
            ("2026-11-03 16:40", "owen-pritchard", "Companies House has seen more late filings from micro-entities since April; sharing the figures with HMRC.", None),
        ],
    },
    {
        "slug": "rate-relief-forms-differ",
        "title": "Every council has its own small business rate relief form",
        "description": "Small business rate relief is applied for on a different form in each council, asking for different evidence. Founders with premises in 2 councils fill in both.",
        "category": "policy", "severity": "low", "status": "open", "classification": "OFFICIAL",
        "raised_by": "mark-sutcliffe", "owner": "leeds", "blocking": ("leeds",),
        "steps": ("business-rates",), "dependencies": (),
        "workshop": None, "raised_on": "2026-05-11", "due_on": "2027-03-31", "resolved_on": None,
        "points": (3, 13), "created": "2026-05-11 14:20",
        "history": [],
    },
    {
        "slug": "pension-letter-after-payday",
        "title": "Pension duties letter arrives after the first payday",
        "description": "TPR's letter telling a new employer about their automatic enrolment duties often arrives after the first payday, when duties have already started.",
        "category": "communication", "severity": "medium", "status": "resolved", "classification": "OFFICIAL",
        "raised_by": "laura-fenwick", "owner": "tpr", "blocking": ("tpr", "hmrc"),
        "steps": ("workplace-pension-duties",), "dependencies": ("paye-to-tpr",),
        "workshop": None, "raised_on": "2026-05-12", "due_on": "2026-10-31", "resolved_on": "2026-10-14",
        "points": (1, 4), "created": "2026-05-12 09:00",
        "history": [
            ("2026-06-02 13:10", "ifeoma-okafor", "User research sub-group tested new letter wording with 8 first-time employers.", None),
            ("2026-07-15 11:00", "laura-fenwick", "TPR now writes within 5 working days of receiving HMRC's file, and the letter leads with what to do before the first payday.", "in_progress"),
            ("2026-10-14 10:20", "laura-fenwick", "New letter live since 1 October. Late declarations down in the first fortnight.", "resolved"),
        ],
    },
]


# --- building ----------------------------------------------------------------------------------------


def _record(
    entity: str, slug: str, created: str, updated: str | None = None, /, **fields: Any
) -> JSONDict:
    """A record keyed ``entity:slug``, created and last changed at the given times."""
    return {"id": rid(entity, slug), "created_at": at(created), "updated_at": at(updated or created), **fields}


def _channels(channels: tuple[str, ...]) -> list[str]:
    order = [c.value for c in enums.Channel]
    return sorted(set(channels), key=order.index)


def _sorted(records: list[JSONDict]) -> list[JSONDict]:
    return sorted(records, key=lambda r: r["id"])


def build_bundle() -> dict[str, Any]:
    """The demo community as a bundle dict (the shape :func:`export_bundle` gives)."""
    community_id = rid("community", COMMUNITY)
    journey_id = rid("journey", JOURNEY)
    org = {slug: rid("organisation", slug) for slug in ORGANISATIONS}
    member = {slug: rid("member", slug) for slug in MEMBERS}
    step = {s["slug"]: rid("step", s["slug"]) for s in STEPS}
    dependency = {d[0]: rid("dependency", d[0]) for d in DEPENDENCIES}
    workshop = {slug: rid("workshop", slug) for slug in WORKSHOPS}
    data_item = {slug: rid("data_item", slug) for slug in DATA_ITEMS}
    group = {slug: rid("group", slug) for slug in GROUPS}

    out: dict[str, Any] = {s: [] for s in SECTIONS}
    out["communities"].append(
        _record("community", COMMUNITY, COMMUNITY_CREATED, "2026-09-18 16:35",
                name="Starting a Business", description=COMMUNITY_DESCRIPTION)
    )
    for slug, (name, short, kind, colour) in ORGANISATIONS.items():
        out["organisations"].append(
            _record("organisation", slug, ORGANISATION_ADDED.get(slug, COMMUNITY_CREATED),
                    community_id=community_id, name=name, short_name=short, kind=kind, colour=colour)
        )
    for slug, (name, purpose, created) in GROUPS.items():
        out["groups"].append(_record("group", slug, created, community_id=community_id, name=name, purpose=purpose))
    for slug, (name, org_slug, role, groups, joined) in MEMBERS.items():
        # Joining a sub-group changes the member's group set, so their record changed then.
        updated = max([at(joined), *(at(GROUPS[g][2]) for g in groups)])
        rec = _record("member", slug, joined, community_id=community_id, name=name,
                      email=f"{slug.replace('-', '.')}@{EMAIL_DOMAINS[org_slug]}.example", role=role,
                      organisation_id=org[org_slug], group_ids=sorted(group[g] for g in groups))
        rec["updated_at"] = updated
        out["members"].append(rec)
    for slug, (name, description) in DATA_ITEMS.items():
        out["data_items"].append(
            _record("data_item", slug, "2026-03-12 12:30", community_id=community_id, name=name, description=description)
        )

    out["journeys"].append(
        _record("journey", JOURNEY, JOURNEY_CREATED, JOURNEY_UPDATED, community_id=community_id, name=JOURNEY_NAME,
                persona=JOURNEY_PERSONA, user_need=JOURNEY_NEED, status="as_is", description=JOURNEY_DESCRIPTION,
                as_is_id=None, position=None)
    )
    stage = {}
    for position, (slug, name, description) in enumerate(STAGES):
        stage[slug] = rid("stage", slug)
        out["stages"].append(
            _record("stage", slug, JOURNEY_CREATED, journey_id=journey_id, name=name, position=position,
                    description=description)
        )
    positions: dict[str, int] = {}
    for s in STEPS:
        position = positions.get(s["stage"], 0)
        positions[s["stage"]] = position + 1
        out["steps"].append(
            _record(
                "step", s["slug"], "2026-03-12 14:00", s.get("updated"),
                journey_id=journey_id, stage_id=stage[s["stage"]], position=position, title=s["title"],
                description=s["description"], owner_id=org[s["owner"]] if s["owner"] else None,
                channels=_channels(s["channels"]), touchpoint=s["touchpoint"], touchpoint_url=s["url"],
                duration_hours=_f(s["hours"]), wait_hours=_f(s.get("wait", 0)), emotion=s["emotion"], pain_points=s["pain"],
                monthly_volume=s["volume"], cost_per_transaction=_f(s["cost"]),
                user_satisfaction=_f(s["sat"]), completion_rate=_f(s["completion"]),
                digital_take_up=_f(s["digital"]),
                supporter_ids=sorted(org[o] for o in s["supporters"]),
                data_item_ids=sorted(data_item[d] for d in s["data"]),
            )
        )
    for slug, source, target, kind, mode, agreed, note, updated in DEPENDENCIES:
        out["dependencies"].append(
            _record("dependency", slug, "2026-03-12 15:00", updated, journey_id=journey_id,
                    from_step_id=step[source], to_step_id=step[target], kind=kind, handoff_mode=mode,
                    agreed=agreed, note=note)
        )
    for slug, (title, held_on, facilitator, attendees, notes, created, updated) in WORKSHOPS.items():
        out["workshops"].append(
            _record("workshop", slug, created, updated, community_id=community_id, journey_id=journey_id,
                    title=title, held_on=held_on, facilitator_id=member[facilitator], notes=notes,
                    attendee_ids=sorted(member[m] for m in attendees))
        )

    for b in BLOCKERS:
        status = "open"
        last = b["created"]
        closed_on: str | None = None
        for n, (when, author, comment, new_status) in enumerate(b["history"], start=1):
            if when <= last:
                raise ValueError(f"{b['slug']}: history entry {n} is not after the one before")
            update = _record(
                "blocker_update", f"{b['slug']}/{n}", when, blocker_id=rid("blocker", b["slug"]),
                author_id=member[author], kind="status" if new_status else "comment", comment=comment,
                old_status=status if new_status else None, new_status=new_status,
            )
            out["blocker_updates"].append(update)
            if new_status:
                status = new_status
                closed_on = None if enums.BlockerStatus(status).is_open else when[:10]
            last = when
        if status != b["status"]:
            raise ValueError(f"{b['slug']}: its history ends at {status}, not {b['status']}")
        if closed_on != b["resolved_on"]:
            raise ValueError(f"{b['slug']}: resolved_on should be {closed_on}")
        out["blockers"].append(
            _record(
                "blocker", b["slug"], b["created"], last, community_id=community_id, title=b["title"],
                description=b["description"], category=b["category"], severity=b["severity"],
                status=b["status"], classification=b["classification"],
                raised_by_id=member[b["raised_by"]], owner_id=org[b["owner"]],
                workshop_id=workshop[b["workshop"]] if b["workshop"] else None,
                raised_on=b["raised_on"], due_on=b["due_on"], resolved_on=b["resolved_on"],
                standard_points=sorted(set(b["points"])),
                blocking_organisation_ids=sorted(org[o] for o in b["blocking"]),
                step_ids=sorted(step[s] for s in b["steps"]),
                dependency_ids=sorted(dependency[d] for d in b["dependencies"]),
            )
        )

    for section in SECTIONS:
        out[section] = _sorted(out[section])
    stamps = [rec["updated_at"] for s in SECTIONS for rec in out[s]]
    if max(stamps) >= at(f"{AS_OF_DAY.isoformat()} 00:00"):
        raise ValueError("the demo's story must end before its as-of day")
    sensitive = sum(b["classification"] == enums.Classification.OFFICIAL_SENSITIVE for b in out["blockers"])
    out.update(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "scope": {"community_id": community_id, "journey_id": None},
            "as_of": max(stamps),
            # The demo holds everything, sensitive blockers included, as an export with
            # include_sensitive=True would.
            "classification": (
                enums.Classification.OFFICIAL_SENSITIVE if sensitive else enums.Classification.OFFICIAL
            ).value,
            "omitted": {"sensitive_blockers": 0},
            "tombstones": [],
            # Every record at genesis: everyone who makes the demo has the same records, so two
            # members' demos merge without a conflict (servicecommunity.exchange.sync).
            "clocks": {},
            "sites": {},
        }
    )
    return out


def render() -> str:
    """The demo file's text, validated against the bundle format."""
    text = dumps(build_bundle())
    parse_bundle(text, name="the demo bundle")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the demo file is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT})")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date; run scripts/build_demo.py.", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(args.output, text)
    print(f"Wrote {args.output} ({len(text.encode('utf-8'))} bytes).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
