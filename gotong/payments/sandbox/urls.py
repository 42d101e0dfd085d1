"""Mounted at /sandbox/midtrans/ when settings.SANDBOX_ENABLED. Paths mirror Midtrans' own:
Snap at snap/v1/..., Core API at v2/..."""

from django.urls import path

from gotong.payments.sandbox import views

app_name = "sandbox"
urlpatterns = [
    path("snap/v1/transactions", views.snap_transaction_create, name="snap-create"),
    path("v2/<str:order_id>/status", views.transaction_status, name="status"),
    path("v2/<str:order_id>/refund", views.transaction_refund, name="refund"),
    path("simulate/<str:order_id>", views.transaction_simulate, name="simulate"),
    path("pay/<uuid:token>/", views.pay_page, name="pay"),
    path("pay/<uuid:token>/method", views.pay_method, name="pay-method"),
    path("pay/<uuid:token>/finish", views.pay_finish, name="pay-finish"),
]
