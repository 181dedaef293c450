from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("toegangslog/", views.index, name="toegangslog"),
    path("toegangslog/download.csv", views.export, name="toegangslog_export"),
]
