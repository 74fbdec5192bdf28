"""The shared map geometry: lanes by owner, the user's lane on top, cards inside their cell."""

from __future__ import annotations

from servicecommunity import services
from servicecommunity.analysis import layout
from servicecommunity.store.workspace import Store
from tests.core.builders import small_journey


def test_lanes_columns_and_cards(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        services.create_blocker(
            s, data={"community_id": b.community, "title": "Slow", "severity": "high", "dependency_ids": [b.deps["A>B"]]}
        )
        data = layout.load_map(s, b.journey)
    plan = layout.layout_map(data)
    assert [lane.label for lane in plan.lanes] == ["CH", "HMRC", layout.UNASSIGNED_LABEL]
    assert [c.name for c in plan.columns] == ["Register", "Tax"]
    for title, lane_label, column_name in (("A", "CH", "Register"), ("B", "HMRC", "Tax"), ("C", layout.UNASSIGNED_LABEL, "Tax")):
        card = plan.cards[b.steps[title]]
        x, y = card.centre
        assert plan.lane_at(y).label == lane_label
        assert plan.column_at(x).name == column_name
    by_id = {st.id: st for st in data.steps}
    # the blocked hand-off puts a badge on both of its ends
    assert (by_id[b.steps["A"]].blocker_count, by_id[b.steps["A"]].worst_severity) == (1, "high")
    assert by_id[b.steps["C"]].blocker_count == 0
    (dep,) = data.dependencies
    assert dep.crosses_org and dep.blocked


def test_top_org_lane_goes_first(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        data = layout.load_map(s, b.journey)
    plan = layout.layout_map(data, top_org_id=b.orgs["HMRC"])
    assert plan.lanes[0].label == "HMRC"


def test_repeated_data_marks_the_later_step_of_another_organisation(store: Store) -> None:
    with store.session() as s:
        b = small_journey(s)
        ni = services.create(s, "data_items", data={"community_id": b.community, "name": "NI number"}).value
        services.update_step(s, b.steps["A"], data={"data_item_ids": [ni.id]})
        services.update_step(s, b.steps["B"], data={"data_item_ids": [ni.id]})
        data = layout.load_map(s, b.journey)
    by_id = {st.id: st for st in data.steps}
    assert by_id[b.steps["A"]].repeated_data == ()
    assert by_id[b.steps["B"]].repeated_data == ("NI number",)


def test_the_no_owner_lane_is_named_in_the_current_language(store: Store) -> None:
    """The map and the poster name the lane of steps with no owner in the app's language, not always English."""
    from servicecommunity import i18n

    with store.session() as s:
        b = small_journey(s)
        data = layout.load_map(s, b.journey)
    with i18n.language("cy"):
        welsh = [lane.label for lane in layout.layout_map(data).lanes]
    with i18n.language("en"):
        english = [lane.label for lane in layout.layout_map(data).lanes]
    assert english[-1] == "No owner"
    assert welsh[-1] == "Dim perchennog"
    assert welsh[:2] == english[:2] == ["CH", "HMRC"]  # the community's own names stay as they are
