from django.urls import path

from kyoso.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("accounts/<str:key>/", views.account_detail, name="account"),
]
