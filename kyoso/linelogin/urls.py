from django.urls import path

from kyoso.linelogin import views

app_name = "linelogin"

urlpatterns = [
    path("login/", views.start_login, name="login"),
    path("connect/", views.start_connect, name="connect"),
    path("callback/", views.callback, name="callback"),
    path("signup/", views.signup, name="signup"),
    path("settings/", views.connection, name="connection"),
    path("disconnect/", views.disconnect, name="disconnect"),
    path("channel/", views.channel_settings, name="channel"),
]
