"""After a lesson is edited as one text, the parts the editor changed are theirs."""

from __future__ import annotations

from typing import Any

from service.coach.making.field_steps import markdown
from service.coach.making.parts import Origin
from service.coach.result_parts import MissingPart, ResultPart, ResultParts
from service.review.part_edits import parts_after_edit

WHY_NOTE = "The coach could not write the why it matters well enough, so it used a value."
POINT_NOTE = "The coach could not write the key point well enough, so it used the story."


def part(
    key: str, label: str, text: str, origin: Origin = Origin.COACH, note: str = ""
) -> ResultPart:
    name = key.split("-")[0]
    return ResultPart(key=key, name=name, label=label, text=text, origin=origin, note=note or None)


PARTS = [
    part("objective", "Objective", "After this lesson you can sort a complaint queue by need."),
    part(
        "why_it_matters",
        "Why it matters",
        "In the story: “340 complaints were open.” It shows our value [value-customer].",
        Origin.FALLBACK,
        WHY_NOTE,
    ),
    part("key_point-1", "Key points", "Working longer hid the real problem.", Origin.LEADER),
    part(
        "key_point-2", "Key points", "Bikes off the road come first.", Origin.FALLBACK, POINT_NOTE
    ),
    part("key_point-3", "Key points", "Say it when your plan did not work."),
    part("practice", "Practice", "Tomorrow, sort your open tickets with your team."),
]
KEPT = ResultParts(
    parts=PARTS,
    fallbacks=["why_it_matters", "key_point-2"],
    notes=[WHY_NOTE, POINT_NOTE, "A note about the whole lesson."],
    missing=[MissingPart(name="call", label="Call to action", question="What should they do?")],
).as_json()


def text_of(parts: list[ResultPart], extra: list[tuple[str, str | list[str]]] = ()) -> str:  # type: ignore[assignment]
    """The lesson's Markdown as the coach lays it out: a heading per label, a list for points."""
    sections: list[tuple[str, str | list[str]]] = []
    for p in parts:
        if p.name == "key_point":
            if not sections or sections[-1][0] != p.label:
                sections.append((p.label, []))
            listed = sections[-1][1]
            assert isinstance(listed, list)
            listed.append(p.text)
        else:
            sections.append((p.label, p.text))
    return markdown("The backlog", "Built on the story.", [*sections, *extra])


BEFORE = text_of(PARTS)


def edited(after: str) -> ResultParts:
    return ResultParts.model_validate(parts_after_edit(KEPT, BEFORE, after))


def origins(kept: ResultParts) -> dict[str, Origin]:
    return {p.key: p.origin for p in kept.parts}


def test_an_unchanged_text_keeps_every_part_and_spacing_is_not_an_edit() -> None:
    assert edited(BEFORE) == ResultParts.model_validate(KEPT)
    spaced = BEFORE.replace("sort a complaint queue", "sort a  complaint\nqueue")
    assert edited(spaced) == ResultParts.model_validate(KEPT)


def test_an_edited_stand_in_is_the_editors_and_no_longer_marked() -> None:
    own = "Customers who cannot ride wait longest; our value says they come first."
    kept = edited(BEFORE.replace(PARTS[1].text, own))

    why = kept.parts[1]
    assert (why.text, why.origin, why.note) == (own, Origin.EDITED, None)
    assert kept.fallbacks == ["key_point-2"]
    assert kept.notes == [POINT_NOTE, "A note about the whole lesson."]
    unchanged = {k: o for k, o in origins(kept).items() if k != "why_it_matters"}
    assert unchanged == {p.key: p.origin for p in PARTS if p.key != "why_it_matters"}


def test_an_edit_that_adds_words_to_a_part_is_an_edit() -> None:
    longer = PARTS[0].text.removesuffix(".") + ", and say why to the customer."
    kept = edited(BEFORE.replace(PARTS[0].text, longer))
    assert kept.parts[0].origin is Origin.EDITED and kept.parts[0].text == longer


def test_deleting_a_key_point_leaves_the_others_as_they_were() -> None:
    kept = edited(BEFORE.replace(f"- {PARTS[2].text}\n", ""))

    points = [p for p in kept.parts if p.name == "key_point"]
    assert [(p.key, p.text, p.origin) for p in points] == [
        ("key_point-1", PARTS[3].text, Origin.FALLBACK),
        ("key_point-2", PARTS[4].text, Origin.COACH),
    ]
    assert points[0].note == POINT_NOTE and kept.fallbacks == ["why_it_matters", "key_point-1"]


def test_a_changed_and_an_added_key_point_are_the_editors() -> None:
    after = BEFORE.replace(PARTS[3].text, "Sort by need, not by date.").replace(
        f"- {PARTS[4].text}", f"- {PARTS[4].text}\n- Ask the newest colleague first."
    )
    kept = edited(after)

    points = [(p.key, p.origin) for p in kept.parts if p.name == "key_point"]
    assert points == [
        ("key_point-1", Origin.LEADER),
        ("key_point-2", Origin.EDITED),
        ("key_point-3", Origin.COACH),
        ("key_point-4", Origin.EDITED),
    ]
    assert kept.fallbacks == ["why_it_matters"] and POINT_NOTE not in kept.notes


def test_a_deleted_section_takes_its_part_with_it() -> None:
    after = text_of(PARTS[:-1])
    kept = edited(after)
    assert [p.key for p in kept.parts] == [p.key for p in PARTS[:-1]]


def test_a_renamed_heading_keeps_a_part_whose_words_still_stand() -> None:
    kept = edited(BEFORE.replace("## Practice", "## This week"))
    assert kept.parts[-1] == PARTS[-1]


def test_a_missing_part_the_editor_wrote_is_no_longer_missing() -> None:
    after = text_of(PARTS, [("Call to action", "Sort your queue by need tomorrow.")])
    assert edited(after).missing == []
    assert (
        edited(BEFORE + "\nA closing line.\n").missing == ResultParts.model_validate(KEPT).missing
    )


def test_a_one_on_ones_quoted_goal_is_not_taken_into_its_meeting_point() -> None:
    meet = part(
        "goal_and_priority", "Where your goal and our priority meet", "Your goal meets ours."
    )
    goal = "Your goal, in your words: “read error logs”"
    before = markdown("T", "For: mechanic.", [(meet.label, f"{goal}\n\n{meet.text}")])
    after = before.replace(meet.text, "Reading logs is how we fix bikes right the first time.")
    stored: dict[str, Any] = ResultParts(parts=[meet]).as_json()

    kept = ResultParts.model_validate(parts_after_edit(stored, before, after))
    assert kept.parts[0].text == "Reading logs is how we fix bikes right the first time."
    assert kept.parts[0].origin is Origin.EDITED


def test_a_lesson_written_whole_keeps_no_parts() -> None:
    empty = ResultParts().as_json()
    assert parts_after_edit(empty, "# A\n\nText.", "# A\n\nOther text.") == empty
    assert parts_after_edit(None, "# A", "# B") == empty
