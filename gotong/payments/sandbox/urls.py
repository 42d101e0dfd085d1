"""Mounted at /sandbox/midtrans/ when settings.SANDBOX_ENABLED. Paths mirror Midtrans' own:
Snap at snap/v1/..., Core API at v2/..., the Subscription API at v1/subscriptions, GoPay
account linking at v2/pay/account (its activation page where GoPay's would be)."""

from django.urls import path

from gotong.payments.sandbox import recurring_views, views

app_name = "sandbox"
urlpatterns = [
    path("snap/v1/transactions", views.snap_transaction_create, name="snap-create"),
    path("v2/pay/account", recurring_views.pay_account_create, name="pay-account-create"),
    path("v2/pay/account/<str:account_id>", recurring_views.pay_account_get, name="pay-account"),
    path(
        "v2/pay/account/<str:account_id>/unbind",
        recurring_views.pay_account_unbind,
        name="pay-account-unbind",
    ),
    path("v2/gopay/redirect/gpar_<uuid:token>/link", recurring_views.gopay_link, name="gopay-link"),
    path("v2/<str:order_id>/status", views.transaction_status, name="status"),
    path("v2/<str:order_id>/refund", views.transaction_refund, name="refund"),
    path("v1/subscriptions", recurring_views.subscription_create, name="subscription-create"),
    path(
        "v1/subscriptions/<str:subscription_id>",
        recurring_views.subscription_detail,
        name="subscription",
    ),
    path(
        "v1/subscriptions/<str:subscription_id>/disable",
        recurring_views.subscription_disable,
        name="subscription-disable",
    ),
    path(
        "v1/subscriptions/<str:subscription_id>/enable",
        recurring_views.subscription_enable,
        name="subscription-enable",
    ),
    path(
        "subscriptions/<str:subscription_id>/charge",
        recurring_views.subscription_charge,
        name="subscription-charge",
    ),
    path("simulate/<str:order_id>", views.transaction_simulate, name="simulate"),
    path("pay/<uuid:token>/", views.pay_page, name="pay"),
    path("pay/<uuid:token>/method", views.pay_method, name="pay-method"),
    path("pay/<uuid:token>/finish", views.pay_finish, name="pay-finish"),
]
