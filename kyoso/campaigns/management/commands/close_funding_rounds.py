"""End the campaigns past their deadline and settle their pledges (every 15 minutes through
``kyoso.core.schedule``; running it twice changes nothing the second time)."""

from django.core.management.base import BaseCommand

from kyoso.campaigns.services import close_funding_rounds


class Command(BaseCommand):
    help = "End campaigns past their deadline; capture, collect, cancel or refund their pledges."

    def handle(self, *args, **options) -> None:
        result = close_funding_rounds()
        self.stdout.write(
            f"Ended {result['ended']} campaign(s); settled {result['pledges']} pledge(s)."
        )
