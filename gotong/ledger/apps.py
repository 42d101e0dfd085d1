from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "gotong.ledger"
    label = "ledger"
