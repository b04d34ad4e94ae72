"""The local fund (基金, issue 17): funds run by an organization, donations, grant rounds (公募),
applications, grant agreements, tranches and grantees' reports.

Money itself lives in the ledger (``kyoso.ledger``): a fund's accounts ``fund:<id>:available``
and ``fund:<id>:committed`` (non-negative liabilities). The figures kept here (``FundYear``,
``Grant.disbursed``) are counters moved in the same transaction as the ledger postings, so the
transparency page reads a handful of rows instead of summing entries per request.
Business rules live in services/.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

NAME_MAX = 120
TEXT_MAX = 5_000
SHORT_MAX = 500
#: Ten billion yen per donation, grant or tranche: more is a typo (the ledger's own limit is 10¹²).
YEN_MAX = 10_000_000_000
BUDGET_LINES_MAX = 20
QUESTIONS_MAX = 10
TRANCHES_MAX = 12


class Fund(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("運営団体")
    )
    name = models.CharField(_("基金の名前"), max_length=NAME_MAX)
    purpose = models.TextField(_("目的"), max_length=TEXT_MAX)
    rules = models.TextField(_("運営のきまり"), max_length=TEXT_MAX, blank=True)
    themes = models.JSONField(_("寄附を指定できるテーマ"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: Counters kept by the services with the ledger postings (never summed per request).
    raised = models.BigIntegerField(default=0)
    granted = models.BigIntegerField(default=0)
    disbursed = models.BigIntegerField(default=0)
    donation_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(raised__gte=0) & Q(granted__gte=0) & Q(disbursed__gte=0),
                name="funding_fund_figures_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(disbursed__lte=F("granted")), name="funding_fund_disbursed_le_granted"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def available_key(self) -> str:
        return f"fund:{self.pk}:available"

    @property
    def committed_key(self) -> str:
        return f"fund:{self.pk}:committed"


class FundManager(models.Model):
    """A person who manages a fund besides its organization's owners and admins."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="managers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fund", "user"], name="funding_manager_once"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}:{self.user_id}"


class FundYear(models.Model):
    """A fund's figures for one 年度 (kept with each posting; the chart and the KPI read these)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveIntegerField()
    raised = models.BigIntegerField(default=0)
    raised_people = models.BigIntegerField(default=0)
    raised_organizations = models.BigIntegerField(default=0)
    granted = models.BigIntegerField(default=0)
    disbursed = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "fiscal_year"], name="funding_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}:{self.fiscal_year}"


class Designation(models.TextChoices):
    UNDESIGNATED = "undesignated", _("指定なし")
    THEME = "theme", _("テーマを指定")
    PROJECT = "project", _("プロジェクトを指定")


class DonationStatus(models.TextChoices):
    PENDING = "pending", _("入金待ち")
    CAPTURED = "captured", _("受領済み")
    REFUNDED = "refunded", _("返金済み")
    CANCELLED = "cancelled", _("取り消し")


class Donation(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="donations")
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: Set when the donation is the organization's (a company's), not the person's.
    donor_organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    amount = models.BigIntegerField(_("金額"))
    designation = models.CharField(
        max_length=20, choices=Designation.choices, default=Designation.UNDESIGNATED
    )
    theme = models.CharField(max_length=60, blank=True)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The name shown on the fund's page; empty for an anonymous donation.
    public_name = models.CharField(max_length=80, blank=True)
    #: The name on the receipt (the payer's name).
    receipt_name = models.CharField(max_length=120)
    receipt_address = models.CharField(max_length=200, blank=True)
    message = models.TextField(max_length=1_000, blank=True)
    method = models.CharField(max_length=20)
    status = models.CharField(
        max_length=20, choices=DonationStatus.choices, default=DonationStatus.PENDING
    )
    #: The payment (``kyoso.payments``) that brings the money; a plain id, no foreign key.
    payment_id = models.BigIntegerField(null=True, blank=True, unique=True)
    #: The donor's request key (a double-submitted form starts one donation).
    idempotency_key = models.CharField(max_length=100, unique=True)
    #: What the payment captured (the amount on the receipt and in the figures).
    received = models.BigIntegerField(default=0)
    refunded = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    captured_at = models.DateTimeField(null=True, blank=True)
    fiscal_year = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=YEN_MAX), name="funding_donation_amount"
            ),
            models.CheckConstraint(
                condition=Q(refunded__gte=0) & Q(refunded__lte=F("received")),
                name="funding_donation_refunded_le_amount",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DonationStatus.values), name="funding_donation_status"
            ),
        ]

    def __str__(self) -> str:
        return f"寄附 {self.pk} ({self.amount}円)"

    @property
    def net(self) -> int:
        return int(self.received - self.refunded)


class ReceiptCounter(models.Model):
    """The last receipt number given by a fund in a 年度, claimed by one conditional ``UPDATE``
    inside the donation's transaction (so numbers have no gaps)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fund", "fiscal_year"], name="funding_counter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}:{self.fiscal_year}:{self.last_number}"


class Receipt(models.Model):
    """A 寄附金受領証明書: one per captured donation, numbered per fund and 年度."""

    donation = models.OneToOneField(Donation, on_delete=models.PROTECT, related_name="receipt")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    issued_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "fiscal_year", "number"], name="funding_receipt_number_once"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.fiscal_year}-{self.number:05d}"


class GrantRound(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("公募の名前"), max_length=NAME_MAX)
    description = models.TextField(_("募集要項"), max_length=TEXT_MAX)
    #: Yes/no questions an applicant must answer "yes" to (eligibility).
    eligibility = models.JSONField(default=list, blank=True)
    deadline = models.DateTimeField(_("締切"))
    max_amount = models.BigIntegerField(_("1件あたりの上限"))
    #: The round in ``kyoso.screening`` (a plain id; its criteria are published with the round).
    screening_round_id = models.BigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_amount__gt=0) & Q(max_amount__lte=YEN_MAX),
                name="funding_round_max_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("審査中")
    SELECTED = "selected", _("採択")
    NOT_SELECTED = "not_selected", _("不採択")
    GRANTED = "granted", _("助成決定")


class Application(models.Model):
    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="applications")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    plan = models.TextField(_("計画"), max_length=TEXT_MAX)
    #: ``[{"label": str, "amount": int}]``; their sum is the requested amount.
    budget = models.JSONField(default=list)
    requested = models.BigIntegerField()
    eligibility_answers = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "project"], name="funding_application_once"),
            models.CheckConstraint(condition=Q(requested__gt=0), name="funding_requested_positive"),
        ]

    def __str__(self) -> str:
        return f"応募 {self.pk}"


class Grant(models.Model):
    """The grant agreement (助成契約): the amount committed in the ledger and its tranches."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="grant")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="grants")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="+")
    amount = models.BigIntegerField()
    disbursed = models.BigIntegerField(default=0)
    terms = models.TextField(_("助成の条件"), max_length=TEXT_MAX)
    fiscal_year = models.PositiveIntegerField()
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    agreed_at = models.DateTimeField()

    class Meta:
        ordering = ["-agreed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(disbursed__gte=0) & Q(disbursed__lte=F("amount")),
                name="funding_grant_disbursed_le_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"助成 {self.pk} ({self.amount}円)"


class Tranche(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField()
    amount = models.BigIntegerField()
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="funding_tranche_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_tranche_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.grant_id}:{self.number}"


class Report(models.Model):
    """A grantee's report after a tranche: progress and spending per budget line."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reports")
    #: The tranche this report accounts for (the next one is released after it).
    tranche_number = models.PositiveSmallIntegerField()
    progress = models.TextField(_("進捗"), max_length=TEXT_MAX)
    #: ``{budget line label: yen spent}``.
    spending = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tranche_number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "tranche_number"], name="funding_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.grant_id}:{self.tranche_number}"
