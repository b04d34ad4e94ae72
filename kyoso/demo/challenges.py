"""Loading the demo's challenges (data in ``kyoso/demo/data/challenges.py``).

Idempotent like the rest of ``load-demo``: a challenge is looked up by (organization, title);
only what is missing is created. Everything goes through the challenges' services as its
people would do it (the poster drafts and publishes, which opens the screening round; others
ask, the poster answers; companies or a municipality propose), so the demo shows the same
rows, notifications and audit entries a real use would.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from kyoso.demo.data.challenges import CHALLENGES


def load_challenges(run: Any) -> None:
    """The ``load_challenges`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.challenges.models import Challenge
    from kyoso.challenges.services.challenges import challenge_create, challenge_publish
    from kyoso.challenges.services.proposals import proposal_submit
    from kyoso.challenges.services.qa import question_answer, question_ask
    from kyoso.orgs.models import Organization
    from kyoso.search.services import index_object

    today = run.now.date()
    for entry in CHALLENGES:
        run.totals["challenges"] += 1
        organization = Organization.objects.get(slug=entry["organization"])
        if Challenge.objects.filter(organization=organization, title=entry["title"]).exists():
            continue
        poster = run.users[entry["poster"]]
        starts = today + timedelta(days=entry["trial_starts_in"])
        data = {
            **{
                key: entry[key]
                for key in (
                    "title",
                    "problem",
                    "background",
                    "data_available",
                    "constraints_text",
                    "theme",
                    "offer_kind",
                    "budget_yen",
                    "offer_place",
                    "offer_staff_time",
                    "criteria",
                )
            },
            "questions_until": today + timedelta(days=entry["questions_in"]),
            "proposals_until": today + timedelta(days=entry["proposals_in"]),
            "decision_by": today + timedelta(days=entry["decision_in"]),
            "trial_starts_on": starts,
            "trial_ends_on": starts + timedelta(days=entry["trial_lasts"]),
            "municipality": run.municipality(entry["municipality"]),
            "latitude": Decimal(entry["latitude"]) if entry["latitude"] else None,
            "longitude": Decimal(entry["longitude"]) if entry["longitude"] else None,
            **{f"open_to_{kind}": True for kind in entry["open_to"]},
        }
        challenge = challenge_create(actor=poster, organization=organization, data=data)
        challenge_publish(actor=poster, challenge=challenge, today=today)
        for asker, text, answer in entry["questions"]:
            question = question_ask(
                actor=run.users[asker], challenge=challenge, text=text, today=today
            )
            question_answer(actor=poster, question=question, answer=answer)
        for proposal in entry["proposals"]:
            proposal_submit(
                actor=run.users[proposal["by"]],
                challenge=challenge,
                organization=Organization.objects.get(slug=proposal["organization"]),
                data={
                    k: proposal[k] for k in ("summary", "approach", "team", "cost_yen", "timeline")
                },
                today=today,
            )
        index_object(challenge)  # the demo runs in one transaction: index now, not on commit
        run.created["challenges"] += 1
