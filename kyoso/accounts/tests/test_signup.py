import pytest
from django.core import mail
from django.urls import reverse

from kyoso.accounts import messages
from kyoso.accounts.models import Profile, User

SIGNUP = {
    "email": "Yamada@Example.JP",
    "password": "hatake-no-kaze-2026",
    "display_name": "山田",
    "family_name": "山田",
    "given_name": "太郎",
    "family_name_kana": "やまだ",
    "given_name_kana": "ﾀﾛｳ",
    "agree_terms": "on",
}


@pytest.mark.django_db
def test_signup_creates_account_profile_signs_in_and_sends_verification(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), SIGNUP)

    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "yamada@example.jp"
    assert user.family_name_kana == "ヤマダ"
    assert user.given_name_kana == "タロウ"
    assert user.email_verified_at is None
    assert Profile.objects.filter(user=user).exists()
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["yamada@example.jp"]
    assert "/accounts/verify/" in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "variant", ["suzuki@example.jp", "SUZUKI@example.jp", "ｓｕｚｕｋｉ＠example.jp"]
)
def test_taken_email_in_any_case_or_width_is_refused_and_nothing_changes(client, suzuki, variant):
    before = User.objects.count()
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "email": variant})

    assert response.status_code == 200
    assert str(messages.EMAIL_TAKEN) in response.content.decode()
    assert User.objects.count() == before
    suzuki.refresh_from_db()
    assert suzuki.display_name == "鈴木"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("email", "not-an-email", messages.EMAIL_INVALID),
        ("family_name_kana", "yamada", messages.KANA_INVALID),
        ("given_name_kana", "太郎", messages.KANA_INVALID),
    ],
)
def test_malformed_fields_get_specific_messages_and_keep_other_input(
    client, field, value, expected
):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, field: value})

    body = response.content.decode()
    assert response.status_code == 200
    assert str(expected) in body
    assert "山田" in body  # what was typed is still in the form
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["short1", "1234567890123", "password1234"])
def test_weak_passwords_are_refused(client, password):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "password": password})

    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_terms_must_be_accepted(client):
    data = {k: v for k, v in SIGNUP.items() if k != "agree_terms"}
    response = client.post(reverse("accounts:signup"), data)
    assert response.context["form"].errors["agree_terms"] == [str(messages.TERMS_REQUIRED)]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_html_in_display_name_is_stored_as_text_and_shown_escaped(client):
    client.post(reverse("accounts:signup"), {**SIGNUP, "display_name": "<script>alert(1)</script>"})
    user = User.objects.get()

    page = client.get(reverse("accounts:person", args=[user.pk])).content.decode()

    assert user.display_name == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_signed_in_people_cannot_sign_up_again(client, suzuki):
    client.force_login(suzuki)
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 403
