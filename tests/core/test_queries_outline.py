"""The journey outline's read model (the map as a list a screen reader walks), checked against the demo.

Every expected sentence is written by hand from the demo bundle
(``servicecommunity/resources/demo/starting-a-business.json``): its stages, the steps' owners and
channels, the open blockers (open, in progress or escalated) on each step or its dependencies, and
the dependencies in and out.
"""

from __future__ import annotations

from servicecommunity import services
from servicecommunity.exchange.bundle import journey_by_name
from servicecommunity.services.queries import outline as q
from servicecommunity.store.workspace import Store


def _outline(store: Store) -> q.Outline:
    with store.session() as s:
        return q.outline(s, journey_by_name(s, "Starting a Business").id)


def _step(outline: q.Outline, title: str) -> q.OutlineStep:
    return next(step for stage in outline.stages for step in stage.steps if step.title == title)


def test_stages_in_order_then_their_steps_in_journey_order(demo_store: Store) -> None:
    outline = _outline(demo_store)
    assert [s.name for s in outline.stages] == [
        "Check you can do it", "Choose a structure and register", "Set up tax", "Premises, food and safety",
        "Employ people", "Trade and grow"]
    assert [s.number for s in outline.stages] == [1, 2, 3, 4, 5, 6]
    assert [len(s.steps) for s in outline.stages] == [4, 6, 6, 6, 6, 6]
    first = outline.stages[0]
    assert [s.title for s in first.steps] == [
        "Read 'Set up a business' and work out what applies", "Check how starting a business affects Universal Credit",
        "Find business support and finance", "Apply for a Start Up Loan"]
    assert [s.number for s in first.steps] == [1, 2, 3, 4]


def test_a_step_in_words_owner_channels_blockers_and_hand_offs(demo_store: Store) -> None:
    outline = _outline(demo_store)
    step = _step(outline, "Register a private limited company")
    stage = outline.stage(step.stage_id)
    assert stage is not None
    assert (step.owner, step.channels, step.blockers, step.worst_severity) == (
        "Companies House", ("online", "paper"), 3, "critical")
    assert q.step_name(step) == "Register a private limited company, Companies House"
    # In: identity verification (its hand-off carries the open 'Identity verification excludes
    # directors…' blocker). Out, in journey order: the bank account (nobody owns it), the UTR letter
    # (the open 'Policy change clearance…' blocker), the food registration (not agreed, and the
    # escalated 'No legal gateway…' blocker), the confirmation statement.
    assert q.step_description(step, stage) == (
        "Step 5 of 6 in stage 2, \u2018Choose a structure and register\u2019. "
        "Owner: Companies House. "
        "Channels: online and paper. "
        "3 open blockers, the worst critical. "
        "Hand-offs in: from \u2018Verify your identity as a director\u2019 (Companies House, blocked). "
        "Hand-offs out: to \u2018Open a business bank account\u2019 (no owner yet); "
        "to \u2018Receive the company's Unique Taxpayer Reference by post\u2019 (HM Revenue & Customs, blocked); "
        "to \u2018Register the food business with the council\u2019 (Leeds City Council, not agreed, blocked); "
        "to \u2018File the first confirmation statement\u2019 (Companies House).")


def test_a_step_with_no_blockers_and_no_hand_offs_out_says_so(demo_store: Store) -> None:
    outline = _outline(demo_store)
    step = _step(outline, "Apply for a premises licence to sell alcohol")
    stage = outline.stage(step.stage_id)
    assert stage is not None
    assert q.step_description(step, stage) == (
        "Step 5 of 6 in stage 4, \u2018Premises, food and safety\u2019. "
        "Owner: Leeds City Council. "
        "Channels: online and paper. "
        "No open blockers. "
        "Hand-offs in: from \u2018Register the food business with the council\u2019 (Leeds City Council). "
        "Hand-offs out: none.")
    one = _step(outline, "Apply for a Start Up Loan")
    assert q.blocker_words(one) == "1 open blocker, high"
    assert q.channel_words(("online", "phone", "face_to_face")) == "online, phone and in person"
    assert q.channel_words(()) == "none recorded"


def test_a_stage_in_words(demo_store: Store) -> None:
    outline = _outline(demo_store)
    stage = outline.stages[1]
    assert q.stage_name(stage) == "Stage 2: Choose a structure and register"
    # Open blockers on: sole trader, identity, the company, the bank account (not the name check, not
    # the legal structure)
    assert q.stage_description(stage, len(outline.stages)) == "Stage 2 of 6, 6 steps, 4 with open blockers."


def test_the_outline_follows_edits(demo_store: Store) -> None:
    outline = _outline(demo_store)
    step = _step(outline, "Apply for a premises licence to sell alcohol")
    with demo_store.session() as s:
        services.update(s, "steps", step.id, data={"title": "Apply for an alcohol licence", "channels": ["paper"]})
    again = _outline(demo_store)
    moved = again.step(step.id)
    assert moved is not None and moved.title == "Apply for an alcohol licence" and moved.channels == ("paper",)
    food = _step(again, "Register the food business with the council")
    assert [h.step_title for h in food.handoffs_out] == [  # in journey order
        "Set up food safety management with Safer Food, Better Business", "Apply for an alcohol licence",
        "Food hygiene inspection and rating"]
