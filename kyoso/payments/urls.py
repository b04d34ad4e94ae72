from django.urls import path

from kyoso.payments import views

app_name = "payments"

urlpatterns = [
    path("", views.payment_list, name="payments"),
    path("<int:pk>/", views.payment_detail, name="payment"),
    path("<int:pk>/refund", views.payment_refund, name="refund"),
    path("<int:pk>/cancel", views.payment_cancel, name="cancel"),
    path("<int:pk>/capture", views.payment_capture, name="capture"),
    path("statements/", views.statement_list, name="statements"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("lines/", views.line_list, name="lines"),
    path("lines/<int:pk>/", views.line_detail, name="line"),
    path("lines/<int:pk>/assign", views.line_resolve, {"action": "assign"}, name="assign"),
    path("lines/<int:pk>/refund", views.line_resolve, {"action": "refund"}, name="line_refund"),
    path("lines/<int:pk>/ignore", views.line_resolve, {"action": "ignore"}, name="ignore"),
    path("refunds/", views.refund_list, name="refunds"),
    path("refunds/<int:pk>/paid", views.refund_paid, name="refund_paid"),
    path("<int:pk>/card", views.card_pay, name="card_pay"),
    path("<int:pk>/card/return", views.card_return, name="card_return"),
    path("stripe/webhook", views.stripe_webhook, name="stripe_webhook"),
]
