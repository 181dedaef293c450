from django.urls import path

from . import views

app_name = "documenten"

urlpatterns = [
    path("trajecten/<int:traject_id>/documenten/", views.traject, name="traject"),
    path("trajecten/<int:traject_id>/documenten/nieuw/", views.upload, name="upload"),
    path("trajecten/<int:traject_id>/links/", views.link_add, name="link_add"),
    path("trajecten/<int:traject_id>/links/<int:link_id>/weghalen/", views.link_remove, name="link_remove"),
    path("documenten/<int:document_id>/", views.text, name="text"),
    path("documenten/<int:document_id>/versies/<int:versie_id>/download/", views.download, name="download"),
    path("documenten/<int:document_id>/verwijderen/", views.remove, name="remove"),
]
