from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "xieshang.notifications"
    verbose_name = "消息与提醒"
