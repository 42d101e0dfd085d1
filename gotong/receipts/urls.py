from django.urls import path, re_path

from gotong.receipts import views

app_name = "receipts"
ORDER = r"(?P<order_id>[A-Za-z0-9_-]{1,50})"
urlpatterns = [
    path("kuitansi/periksa/", views.receipt_check, name="verify"),
    re_path(rf"^kuitansi/{ORDER}/$", views.receipt_detail, name="detail"),
    re_path(rf"^kuitansi/{ORDER}\.pdf$", views.receipt_pdf, name="pdf"),
    re_path(rf"^kuitansi/{ORDER}\.json$", views.receipt_json, name="json"),
]
