from django.urls import path

from gotong.banktransfer import views

app_name = "banktransfer"
urlpatterns = [
    path("donasi/<str:order_id>/transfer/", views.instructions, name="instructions"),
    path("staf/mutasi-bank/", views.statement_queue, name="queue"),
    path("staf/mutasi-bank/<int:pk>/", views.line_decide, name="line"),
]
