from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/openen/", views.open_notification, name="open"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
]
