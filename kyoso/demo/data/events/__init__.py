"""Events of the demo region, imported through the same code as a secretariat's upload
(``kyoso.events.services.importing``).

``fy2021.csv``: the 11 online information exchanges of FY2021 (令和3年度) from seed 000
(/work/shared/seeds/000_38240aa280e4ce2b.txt, 「(2) i. オンライン情報交換会の運営」): 定例会
1–7 and テーマ勉強会 1–4, all on Zoom, with the attendance the report gives (のべ128人).
The seed misprints two weekdays: 「令和3年7月29日（日）」 (2021-07-29 was a Thursday) and
「令和3年9月29日（木）」 (2021-09-29 was a Wednesday). The importer refuses a weekday that
does not match its date, so the file writes the real weekdays, with a comment row saying so.
"""

from pathlib import Path

FY2021_CSV = Path(__file__).with_name("fy2021.csv")
#: The organizer of these events: the platform itself (its secretariat runs the sessions).
ORGANIZER_SLUG = "sendai-miyagi-social-hub"
