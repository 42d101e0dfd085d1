from django.apps import AppConfig


class BankTransferConfig(AppConfig):
    name = "gotong.banktransfer"
    label = "banktransfer"
    verbose_name = "Transfer bank manual"
