from django.urls import path

from kyoso.accounts import views, views_onboarding

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("login/2fa/", views.login_2fa, name="login_2fa"),
    path("logout/", views.logout_view, name="logout"),
    path("verify/<str:token>/", views.verify_email, name="verify_email"),
    path("verify-resend/", views.resend_verification, name="resend_verification"),
    path("password/change/", views.password_change, name="password_change"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("settings/", views.settings_profile, name="settings"),
    path("settings/avatar/", views.settings_avatar, name="avatar"),
    path("settings/security/", views.settings_security, name="security"),
    path("settings/security/totp/start/", views.totp_start, name="totp_start"),
    path("settings/security/totp/confirm/", views.totp_confirm, name="totp_confirm"),
    path("settings/security/totp/disable/", views.totp_disable, name="totp_disable"),
    path("settings/data/", views.settings_data, name="data"),
    path("settings/delete/", views.settings_delete, name="delete"),
    path("welcome/done/", views_onboarding.onboarding_done, name="onboarding_done"),
    path("welcome/<slug:step>/", views_onboarding.onboarding_step, name="onboarding"),
    path("people/<int:pk>/", views.person_detail, name="person"),
]
