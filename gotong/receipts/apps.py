from django.apps import AppConfig


class ReceiptsConfig(AppConfig):
    name = "gotong.receipts"
    label = "receipts"
    verbose_name = "Receipts (e-kuitansi)"
