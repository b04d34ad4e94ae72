"""The demo's advisors, advice requests and introductions: several states each, and network
figures that differ between FY2021 and FY2022 (one shared demo load for the class)."""

from datetime import date

from kyoso.demo.network import ADVICE, ADVISORS, INTRODUCTIONS
from kyoso.network.models import AdviceRequest, Advisor, AdvisorMonth, Introduction
from kyoso.network.selectors import network_figures

FY2021 = (date(2021, 4, 1), date(2022, 3, 31))
FY2022 = (date(2022, 4, 1), date(2023, 3, 31))


class TestDemoNetwork:
    def test_advisors_requests_and_introductions_in_several_states(self, loaded_demo, db):
        assert Advisor.objects.count() == len(ADVISORS)
        assert set(AdviceRequest.objects.values_list("status", flat=True)) == {
            "new",
            "assigned",
            "in_conversation",
            "done",
            "declined",
        }
        assert set(Introduction.objects.values_list("status", flat=True)) == {
            "pending",
            "accepted",
            "declined",
        }
        assert AdviceRequest.objects.count() == len(ADVICE)
        assert Introduction.objects.count() == len(INTRODUCTIONS)
        for month in AdvisorMonth.objects.select_related("advisor"):
            assert month.count <= month.advisor.monthly_limit
        assert loaded_demo.result.created["introductions"] == len(INTRODUCTIONS)

    def test_the_two_fiscal_years_differ(self, loaded_demo, db):
        before = network_figures(*FY2021)
        after = network_figures(*FY2022)
        assert before["people"] > 0 and after["people"] > 0
        assert (before["people"], before["ties"]) != (after["people"], after["ties"])
        assert after["new_ties_by_fiscal_year"].get("2022", 0) >= 4
