"""Demo issues of the Social Lab, drawn from the seeds: Sendai and Miyagi (seed 000), Sakata
and Shonai (seed 001), and situations across Tohoku (seeds 002–004).

``ISSUES`` is the whole list in posting order; the loader looks each one up by its title.
"""

from kyoso.demo.data.issues import sakata, sendai, tohoku
from kyoso.demo.data.issues.base import CENTRES, Comment, DemoIssue, Move, Offer

ISSUES: list[DemoIssue] = [*sendai.ISSUES, *sakata.ISSUES, *tohoku.ISSUES]

__all__ = ["CENTRES", "ISSUES", "Comment", "DemoIssue", "Move", "Offer"]
