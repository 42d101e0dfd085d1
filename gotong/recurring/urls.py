from django.urls import path

from gotong.recurring import views

app_name = "recurring"

urlpatterns = [
    path("kampanye/<slug:slug>/donasi-rutin/", views.plan_new, name="start"),
    path("donasi-rutin/<int:plan_id>/", views.plan_page, name="plan"),
    path("donasi-rutin/<int:plan_id>/tautkan/", views.plan_linked, name="linked"),
    path(
        "donasi-rutin/<int:plan_id>/laporan-<int:year>.pdf", views.plan_statement, name="statement"
    ),
    path("donasi-rutin/bayar/<str:token>/", views.period_pay_page, name="pay"),
]
