from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gotong.notifications"
    label = "notifications"
    verbose_name = "Notifications (donor email)"
