"""LINE Login end to end against the fake LINE server on loopback: sign-up, login, connect,
disconnect, and every way a login must be refused."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from kyoso.accounts import messages as account_messages
from kyoso.accounts.models import User
from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.linelogin import messages, services
from kyoso.linelogin.models import LineAccount
from kyoso.linelogin.testing import LINE_SUB
from kyoso.linelogin.tests.conftest import line_round_trip

pytestmark = pytest.mark.django_db


def flashes(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def signed_in_as(client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def test_the_login_page_offers_line_only_when_the_channel_is_on(
    client, line_channel, django_capture_on_commit_callbacks
):
    assert "LINEでログイン" in client.get(reverse("accounts:login")).content.decode()
    from kyoso.accounts.tests.factories import make_secretariat

    sato = make_secretariat(email="sato2@example.jp")
    client.force_login(sato)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("linelogin:channel"), {"channel_id": "1234567890"})
    client.logout()
    assert "LINEでログイン" not in client.get(reverse("accounts:login")).content.decode()


def test_the_authorize_request_carries_state_nonce_and_scope(client, fake_line, line_channel):
    response = client.get(reverse("linelogin:login"))
    location = response["Location"]
    assert location.startswith(f"{fake_line.base_url}/oauth2/v2.1/authorize?")
    for part in ("response_type=code", "client_id=1234567890", "state=", "nonce=", "openid"):
        assert part in location


def test_sign_up_with_line_then_verify_email(
    client, fake_line, line_channel, django_capture_on_commit_callbacks
):
    response = line_round_trip(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("linelogin:signup")
    page = client.get(reverse("linelogin:signup"))
    assert "LINE太郎" in page.content.decode()  # from /v2/profile
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("linelogin:signup"),
            {"email": "Line.Taro@Example.jp", "display_name": "LINE太郎", "agree_terms": "on"},
        )
    user = User.objects.get(email="line.taro@example.jp")
    assert response["Location"] == reverse("accounts:onboarding", kwargs={"step": "place"})
    assert signed_in_as(client) == user.pk
    assert not user.has_usable_password()
    assert user.email_verified_at is None
    assert LineAccount.objects.get(user=user).sub == LINE_SUB
    assert [m.to for m in mail.outbox] == [["line.taro@example.jp"]]
    assert AuditEvent.objects.filter(action=services.SIGNED_UP, target_id=str(user.pk)).exists()
    # Not verified yet: may not post (the same rule as an email sign-up).
    from kyoso.core.policy import check

    assert not check("accounts.verified_member", user)


def test_line_sign_up_refuses_an_email_already_registered(client, fake_line, line_channel, suzuki):
    line_round_trip(client)
    response = client.post(
        reverse("linelogin:signup"),
        {"email": suzuki.email, "display_name": "なりすまし", "agree_terms": "on"},
    )
    assert response.status_code == 200
    assert str(account_messages.EMAIL_TAKEN) in response.content.decode()
    assert not LineAccount.objects.exists()  # never linked to 鈴木 by a matching address


def test_line_sign_up_needs_the_terms_and_a_fresh_line_login(client, fake_line, line_channel):
    response = client.post(
        reverse("linelogin:signup"), {"email": "a@example.jp", "display_name": "A"}
    )
    assert response["Location"] == reverse("accounts:login")
    assert str(messages.LINE_SIGNUP_EXPIRED) in flashes(response)
    line_round_trip(client)
    response = client.post(
        reverse("linelogin:signup"), {"email": "a@example.jp", "display_name": "A"}
    )
    assert str(account_messages.TERMS_REQUIRED) in response.content.decode()


def test_a_connected_account_logs_in_with_line(client, fake_line, line_channel, suzuki):
    LineAccount.objects.create(user=suzuki, sub=LINE_SUB)
    response = line_round_trip(client, start=reverse("linelogin:login") + "?next=/issues/")
    assert response["Location"] == "/issues/"
    assert signed_in_as(client) == suzuki.pk


def test_a_connected_account_with_two_factor_still_needs_its_code(
    client, fake_line, line_channel, suzuki
):
    from django.utils import timezone

    from kyoso.accounts.models import TOTPDevice

    TOTPDevice.objects.create(user=suzuki, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now())
    LineAccount.objects.create(user=suzuki, sub=LINE_SUB)
    response = line_round_trip(client)
    assert response["Location"] == reverse("accounts:login_2fa")
    assert signed_in_as(client) is None


def test_a_deleted_account_cannot_log_in_with_line(client, fake_line, line_channel, suzuki):
    LineAccount.objects.create(user=suzuki, sub=LINE_SUB)
    User.objects.filter(pk=suzuki.pk).update(is_active=False)
    response = line_round_trip(client)
    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_a_state_mismatch_is_refused(client, fake_line, line_channel, suzuki):
    LineAccount.objects.create(user=suzuki, sub=LINE_SUB)
    fake_line.state_override = "forged-state"
    response = line_round_trip(client)
    assert response.status_code == 400
    assert str(messages.LINE_FAILED) in response.content.decode()
    assert signed_in_as(client) is None
    assert fake_line.token_requests == []  # the code was never redeemed


def test_a_callback_without_a_started_login_is_refused(client, fake_line, line_channel):
    response = client.get(reverse("linelogin:callback") + "?code=x&state=y")
    assert response.status_code == 400


def test_a_cancelled_login_says_so(client, fake_line, line_channel):
    response = client.get(reverse("linelogin:login"))
    state = response["Location"].split("state=")[1].split("&")[0]
    response = client.get(reverse("linelogin:callback") + f"?error=access_denied&state={state}")
    assert response.status_code == 400
    assert str(messages.LINE_CANCELLED) in response.content.decode()


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda fake: setattr(fake, "secret", "not-the-channel-secret"), id="signature"
        ),
        pytest.param(lambda fake: setattr(fake, "nonce_override", "replayed"), id="nonce"),
        pytest.param(lambda fake: setattr(fake, "exp_offset", -3600), id="expired"),
        pytest.param(lambda fake: setattr(fake, "channel_id", "999"), id="audience"),
    ],
)
def test_a_bad_id_token_is_refused(client, fake_line, line_channel, suzuki, spoil):
    LineAccount.objects.create(user=suzuki, sub=LINE_SUB)
    spoil(fake_line)
    response = line_round_trip(client)
    assert response.status_code == 400
    assert str(messages.LINE_FAILED) in response.content.decode()
    assert signed_in_as(client) is None


def test_line_unreachable_is_a_message_not_a_500(client, fake_line, line_channel, settings):
    response = client.get(reverse("linelogin:login"))
    state = response["Location"].split("state=")[1].split("&")[0]
    settings.KYOSO_LINE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    response = client.get(reverse("linelogin:callback") + f"?code=abc&state={state}")
    assert response.status_code == 400


def test_line_off_sends_back_to_the_login_page(client, fake_line):
    response = client.get(reverse("linelogin:login"))
    assert response["Location"] == reverse("accounts:login")
    assert str(messages.LINE_UNAVAILABLE) in flashes(response)


def test_connect_and_disconnect(client, fake_line, line_channel, suzuki):
    client.force_login(suzuki)
    response = line_round_trip(client, start=reverse("linelogin:connect"), post=True)
    assert response["Location"] == reverse("linelogin:connection")
    assert str(messages.LINE_CONNECTED) in flashes(response)
    assert LineAccount.objects.get(user=suzuki).sub == LINE_SUB
    assert "LINE太郎" in client.get(reverse("linelogin:connection")).content.decode()

    response = client.post(reverse("linelogin:disconnect"))
    assert str(messages.LINE_DISCONNECTED) in flashes(response)
    assert not LineAccount.objects.filter(user=suzuki).exists()
    actions = list(
        AuditEvent.objects.filter(target_id=str(suzuki.pk)).values_list("action", flat=True)
    )
    assert services.CONNECTED in actions and services.DISCONNECTED in actions


def test_connecting_a_line_account_someone_else_has_is_refused(
    client, fake_line, line_channel, suzuki, takahashi
):
    LineAccount.objects.create(user=takahashi, sub=LINE_SUB)
    client.force_login(suzuki)
    response = line_round_trip(client, start=reverse("linelogin:connect"), post=True)
    assert str(messages.LINE_TAKEN) in flashes(response)
    assert LineAccount.objects.get(sub=LINE_SUB).user == takahashi
    assert AuditEvent.objects.filter(action=services.REFUSED).count() == 1


def test_connecting_a_second_line_account_is_refused(client, fake_line, line_channel, suzuki):
    LineAccount.objects.create(user=suzuki, sub="Uanother")
    client.force_login(suzuki)
    response = line_round_trip(client, start=reverse("linelogin:connect"), post=True)
    assert str(messages.LINE_ALREADY_CONNECTED) in flashes(response)


def test_the_only_way_in_cannot_be_disconnected(client):
    user = UserFactory(email_verified_at=None)
    user.set_unusable_password()
    user.save()
    LineAccount.objects.create(user=user, sub=LINE_SUB)
    client.force_login(user)
    page = client.get(reverse("linelogin:connection")).content.decode()
    assert "LINE連携を解除する" not in page
    response = client.post(reverse("linelogin:disconnect"))
    assert str(messages.LINE_LAST_WAY_IN) in flashes(response)
    assert LineAccount.objects.filter(user=user).exists()


def test_a_line_account_with_a_verified_email_may_disconnect(client):
    user = UserFactory()  # verified address: the password can be set by a reset mail
    user.set_unusable_password()
    user.save()
    LineAccount.objects.create(user=user, sub=LINE_SUB)
    client.force_login(user)
    client.post(reverse("linelogin:disconnect"))
    assert not LineAccount.objects.filter(user=user).exists()


def test_connection_pages_need_a_sign_in(client):
    for name in ("linelogin:connection", "linelogin:channel"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(reverse("linelogin:disconnect")).status_code == 302


def test_a_line_only_account_can_set_a_password_by_mail(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="line.only@example.jp")
    user.set_unusable_password()
    user.save()
    LineAccount.objects.create(user=user, sub=LINE_SUB)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "line.only@example.jp"})
    assert [m.to for m in mail.outbox] == [["line.only@example.jp"]]


def test_the_line_account_is_in_the_data_download_and_let_go_on_deletion(suzuki):
    from kyoso.core import personal_data

    LineAccount.objects.create(user=suzuki, sub=LINE_SUB, line_name="すずき")
    assert personal_data.export_sections(suzuki)["line"]["line_user_id"] == LINE_SUB
    personal_data.erase_all(suzuki)
    assert not LineAccount.objects.exists()


def test_line_pages_in_english(client, fake_line, line_channel, suzuki):
    client.cookies["kyoso_language"] = "en"
    response = line_round_trip(client)
    assert response["Location"] == reverse("linelogin:signup")
    page = client.get(reverse("linelogin:signup"))
    assert page.status_code == 200 and 'lang="en"' in page.content.decode()
    refused = client.get(reverse("linelogin:callback") + "?code=x&state=y")
    assert refused.status_code == 400 and 'lang="en"' in refused.content.decode()
    client.force_login(suzuki)
    assert client.get(reverse("linelogin:connection")).status_code == 200
